#!/bin/sh
# User key bindings (issue 16) on the real binary in tmux. XDG_CONFIG_HOME holds a
# ttymixrc that rebinds a key on three pages, adds a new binding, sets the fader step
# and has two bad lines:
#   mixer      m runs solo (was mute): m solos and no longer mutes
#   arranger   marker-add moves from M to n: n adds a marker, M does nothing
#   mastering  m runs monitor-dim (was monitor-mode): m dims, mono never comes
#   new        F5 on the mixer runs "gain . +=1.5" (the selected strip, relative)
#   set        fader-step 2: k moves the fader by 2 dB, and help says "fader up 2 dB"
#   footer     loudness-reset moves from x to g: the mastering page's key hints say
#              "g again", and its monitor hint follows m to monitor-dim
# The first bad line is said on the status line with its file and line, and how many
# more; every good line after it still took. The help page lists the keys as bound.
# Then :bind, :unbind and :source work live, and --config FILE wins over the XDG file
# (--print-config's output, which loads with no bad line and gives m back to mute).
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20

TEST=ui_bindings
PACKAGES="tmux and sox"
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup bindings

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 drums.wav synth 4 sine 220 vol 0.5 || fail "sox: drums.wav"
sox -n -r 48000 -c 2 bass.wav synth 4 sine 55 vol 0.5 || fail "sox: bass.wav"
"$TTYMIX" new "$WORK/song" drums.wav bass.wav >/dev/null || fail "ttymix new failed"
PROJECT=$WORK/song

mkdir -p "$WORK/config/ttymix" || exit 99
cat >"$WORK/config/ttymix/ttymixrc" <<'RC' || exit 99
# a user's keys
set fader-step 2
bind mixer m solo
bind mixer Hyper-X fader-up
unbind arranger M
bind arranger n marker-add
bind nowhere x undo
bind mastering m monitor-dim
bind mixer F5 "gain . +=1.5"
unbind mastering x
bind mastering g loudness-reset
RC

start() {
	session=$1
	shift
	tmux_start "$session" 100 30 LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
		XDG_STATE_HOME="$WORK/state" XDG_CONFIG_HOME="$WORK/config" \
		TTYMIX_AUTOSAVE_SEC=3600 -- --output null "$@" "$PROJECT"
}

# ---- the ttymixrc at start: the bad line said, the rest loaded ----
start s
wait_for s 'MIXER'
wait_for s '^ttymixrc:4: unknown key "Hyper-X" \(and 1 more bad line\)'

# mixer: m solos (it muted before), k moves 2 dB, F5 adds 1.5 dB to the selected strip
keys s m
wait_for s '^drums soloed'
capture s
grep -q 'muted' "$WORK/screen" && fail "m still mutes on the mixer"
keys s k
wait_for s '^drums fader \+2\.0 dB'
keys s F5
wait_for s '^drums fader \+3\.5'
keys s l F5
wait_for s '^bass fader \+1\.5'

# arranger: n adds a marker, M (its old key) does nothing
keys s 1
wait_for s 'ARRANGER'
keys s M
wait_for s '^M does nothing here'
keys s n
wait_for s '^marker "M1" at '

# mastering: m dims, and no longer steps the monitor mode
keys s 3
wait_for s 'MASTERING'
keys s m
wait_for s '^monitor: dim -20 dB'
capture s
grep -q 'MON mono' "$WORK/screen" && fail "m still steps the monitor mode"
# the key hints follow the bindings: g resets the loudness now, m dims
grep -q '^ t target  g again  z Z zoom  v plot  m f p monitor  a A/B  R reference' \
	"$WORK/screen" || fail "the mastering page's key hints do not follow the bindings"
grep -q 'x again' "$WORK/screen" && fail "the key hints still say x again"

# the help page shows the keys as bound, the user's own line too
keys s '?'
wait_for s 'ttymix keys'
# the help of the steps `set` changes says the step in force
page_to s ' fader-up +fader up 2 dB'
capture s
grep -q 'fader up 0\.5 dB' "$WORK/screen" && fail "help still says the default fader step"
page_to s '^ +m s +solo '
page_to s '^ +F5 +gain \. \+=1\.5 '
page_to s '^ +n +marker-add '
capture s
grep -Eq '^ +M +marker-add ' "$WORK/screen" && fail "help still lists M for marker-add"
keys s Escape
wait_gone s 'ttymix keys'

# ---- live: :bind, :unbind, :source ----
keys s 2
wait_for s 'MIXER'
keys s :
keys s -l 'bind mixer F6 "pan . -=0.25"'
keys s Enter
wait_for s '^bound mixer F6 '
keys s F6
wait_for s '^bass pan L25'
keys s :
keys s -l 'unbind mixer F6'
keys s Enter
wait_for s '^unbound mixer F6'
keys s F6
wait_for s '^F6 does nothing here'
printf 'bind mixer F7 "gain . -=0.5"\nbind mixer F8 nonsense\n' >"$WORK/more" || exit 99
keys s :
keys s -l "source $WORK/more"
keys s Enter
wait_for s '^more:2: unknown command "nonsense"'
keys s F7
wait_for s '^bass fader \+1\.0'
keys s :
keys s -l 'q!'
keys s Enter
[ "$(wait_exit s)" = 0 ] || fail ":q! did not exit with 0"

# ---- --config FILE wins over the XDG file; --print-config's defaults load clean ----
"$TTYMIX" --print-config >"$WORK/defaults" || fail "--print-config failed"
grep -q '^bind mixer m mute$' "$WORK/defaults" || fail "--print-config: no 'bind mixer m mute'"
start c --config "$WORK/defaults"
wait_for c 'MIXER'
keys c m
wait_for c '^drums muted'
capture c
grep -q 'defaults:' "$WORK/screen" && fail "--print-config's file has a bad line"
keys c :
keys c -l 'q!'
keys c Enter
[ "$(wait_exit c)" = 0 ] || fail "c: :q! did not exit with 0"
start d --config "$WORK/not-there"
wait_for d "not-there: No such file or directory"
keys d :
keys d -l 'q!'
keys d Enter
[ "$(wait_exit d)" = 0 ] || fail "d: :q! did not exit with 0"
exit 0
