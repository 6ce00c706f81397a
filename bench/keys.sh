#!/bin/bash
# bench/keys.sh: keystrokes for common mixing tasks (issue 18), before and after.
#
#   bench/keys.sh
#
# Expects a built tree; runs src/ttymix from the tree this script sits in, at 80x24 in
# tmux on a private server whose socket lives in a temporary folder, on a 20-track
# session with a reverb bus (made here with sox; silence is enough: keys are counted,
# not sound). Each task is replayed twice, as keys sent to the real studio:
#  - before: the way the issue's session had to do it, one strip at a time (commands
#    the studio still takes), or key by key on the mixer;
#  - now: with lists, ranges, name finding and Tab completion.
# Every key sent is counted (a typed character is one, Enter, Tab and Escape one each),
# and every task's result is checked on the screen or in project.json after :w (not
# counted), so a count is only printed for keys that did the job. The table gives
# both counts and issue 18's target at 80x24.
#
# Needs: tmux, sox, python3. Environment: TTYMIX (default: this tree's).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
TTYMIX=${TTYMIX:-$top/src/ttymix}
WAIT_SEC=30

die() { echo "keys.sh: $*" >&2; exit 1; }

[ -x "$TTYMIX" ] || die "$TTYMIX is missing: build the tree first (./configure && make)"
for tool in tmux sox python3; do
	command -v "$tool" >/dev/null || die "$tool is missing: apt-get install $tool"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-keys.XXXXXX")
socket=ttymix-keys-$$
unset TMUX
export TMUX_TMPDIR=$work
tm() { tmux -u -L "$socket" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$work"' EXIT

q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# ---- the session ----
P=$work/song
mkdir -p "$P/audio"
sox -n -r 48000 -c 2 "$P/audio/silence.wav" trim 0 10
python3 - "$P/project.json" <<'EOF'
import json, sys
names = ["01_Kick", "02_Snare", "03_HatC", "04_Tom1", "05_Tom2", "06_Bass", "07_GtrCl",
         "08_GtrDist", "09_Keys", "10_Pad", "11_Vox", "12_VoxDbl", "13_Bvox1", "14_Bvox2",
         "15_Perc", "16_Shaker", "17_Organ", "18_Lead", "19_FX", "20_Room"]
tracks = [{"name": n, "clips": [{"file": "audio/silence.wav", "start": 0}]} for n in names]
json.dump({"format": "ttymix-project", "version": 1, "name": "song", "sample_rate": 48000,
           "tracks": tracks, "buses": [{"name": "verb"}]}, open(sys.argv[1], "w"))
EOF
cp "$P/project.json" "$work/fresh.json"

screen() { tm capture-pane -p -t mx; }
wait_for() {
	local i
	for ((i = 0; i < WAIT_SEC * 10; i++)); do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.1
	done
	screen >&2
	die "timed out waiting for /$1/ (task: $task)"
}

# start the studio afresh on the fresh session
start() {
	tm kill-server >/dev/null 2>&1 || true
	cp "$work/fresh.json" "$P/project.json"
	rm -rf "$P/.ttymix"
	tm new-session -d -s mx -x 80 -y 24 -c "$work" "env TERM=screen LANG=C.UTF-8 \
LC_ALL=C.UTF-8 XDG_DATA_HOME=$(q "$work/xdg") TTYMIX_AUTOSAVE_SEC=3600 $(q "$TTYMIX") \
--output null $(q "$P"); sleep 600"
	wait_for 'MIXER'
}

# counted keys: a tmux key name used here is one key; any other word is typed text,
# one key a character (sent with send-keys -l, so that it is never read as a name)
KEYS=0
press() {
	local k
	for k in "$@"; do
		case $k in
		Enter|Tab|Escape|BTab|C-u)
			KEYS=$((KEYS + 1))
			tm send-keys -t mx "$k"
			if [ "$k" = Escape ]; then sleep 0.3; fi ;;
		*)
			KEYS=$((KEYS + ${#k}))
			tm send-keys -t mx -l -- "$k" ;;
		esac
	done
}
line() { press : "$1" Enter; }
# not counted: save, and read a value back from project.json
save() {
	tm send-keys -t mx : w Enter
	wait_for '(saved|written)'
}
json() { python3 -c "import json,sys; p=json.load(open(sys.argv[1])); print($1)" "$P/project.json"; }

declare -A before now
check() { [ "$(json "$1")" = "$2" ] || die "$task: $1 is $(json "$1"), not $2"; }

# ---- high-pass on 17 tracks ----
task="high-pass on 17 tracks"
start
KEYS=0
for t in $(seq 2 18); do
	line "insert $t add eq"
	wait_for "eq added as insert 1"
	line "fx $t 1 hpf_hz 80"
	wait_for "hpf_hz 80"
done
before[$task]=$KEYS
save
check "sum(t['inserts'][0]['params']['hpf_hz'] == 80 for t in p['tracks'] if t.get('inserts'))" 17
start
KEYS=0
line 'fx 2-18 eq hpf_hz 80'
wait_for 'on 17 strips: 2-18'
now[$task]=$KEYS
save
check "sum(t['inserts'][0]['params']['hpf_hz'] == 80 for t in p['tracks'] if t.get('inserts'))" 17

# ---- 6 tracks to a new reverb bus ----
task="6 tracks to a new reverb bus"
start
KEYS=0
line 'bus add hall'
wait_for 'bus "hall" added'
line 'insert hall add reverb'
wait_for 'reverb added as insert 1'
for t in 09_Keys 10_Pad 11_Vox 12_VoxDbl 13_Bvox1 14_Bvox2; do
	line "send $t hall -12"
	wait_for "send to hall -12"
done
before[$task]=$KEYS
save
check "sum(any(s['bus'] == 'hall' for s in t.get('sends', [])) for t in p['tracks'])" 6
start
KEYS=0
press : 'bus add hall rev' Tab
wait_for ':bus add hall reverb'
press Enter
wait_for 'bus "hall" added with reverb'
line 'send 9-14 hall -12'
wait_for 'on 6 strips: 9-14'
now[$task]=$KEYS
save
check "sum(any(s['bus'] == 'hall' for s in t.get('sends', [])) for t in p['tracks'])" 6

# ---- jump to a named track (the verb bus, from strip 1 on the mixer) ----
task="jump to a named track"
start
KEYS=0
for i in $(seq 1 20); do
	press l
done
wait_for 'strip 21|verb'
before[$task]=$KEYS
start
KEYS=0
press / verb Enter
wait_for 'strip 21: verb'
now[$task]=$KEYS

# ---- one EQ band: frequency, gain and Q ----
task="one EQ band (freq, gain, Q)"
start
line 'insert 11 add eq'
wait_for 'eq added as insert 1'
KEYS=0
line 'fx 11 1 band2_hz 800'
wait_for 'band2_hz 800'
line 'fx 11 1 band2_db 3'
wait_for 'band2_db 3'
line 'fx 11 1 band2_q 2'
wait_for 'band2_q 2'
before[$task]=$KEYS
save
check "[p['tracks'][10]['inserts'][0]['params'][k] for k in ('band2_hz', 'band2_db', 'band2_q')]" "[800, 3, 2]"
start
line 'insert 11 add eq'
wait_for 'eq added as insert 1'
line 'jump 11'
KEYS=0
# the strip detail: the cursor on the insert's name, band 2 is 12 rows down
press Enter
for i in $(seq 1 12); do press j; done
press L L
press j L
press j L
now[$task]=$KEYS
press Escape
save
check "[round(p['tracks'][10]['inserts'][0]['params'][k], 1) != d for k, d in (('band2_hz', 500), ('band2_db', 0), ('band2_q', 1))]" "[True, True, True]"

# ---- the table ----
printf '\nkeys at 80x24 on a 20-track session (issue 18)\n\n'
printf '%-32s %8s %8s %8s\n' task before now target
for task in "high-pass on 17 tracks" "6 tracks to a new reverb bus" \
	"jump to a named track" "one EQ band (freq, gain, Q)"; do
	case $task in
	high*) target=25 ;;
	6*) target=40 ;;
	jump*) target=6 ;;
	*) target=20 ;;
	esac
	mark=ok
	[ "${now[$task]}" -le "$target" ] || mark=OVER
	printf '%-32s %8s %8s %5s %s\n' "$task" "${before[$task]}" "${now[$task]}" \
		"<=$target" "$mark"
done
