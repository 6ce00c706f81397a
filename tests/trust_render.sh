#!/bin/sh
# Renders never eat their inputs and never break an earlier file (issue 15, faults 3,
# 4 and 7), on the real binary:
#  1. `render` onto project.json, its .bak or a clip's file, and `master` onto its
#     input, are refused: exit 1, one line, every input byte for byte as it was (cksum),
#     no temporary file left.
#  2. A render stopped midway by SIGTERM, SIGINT or SIGKILL keeps the earlier output
#     byte for byte: the render runs on a day-long project and is signalled as soon as
#     its temporary file appears (so it is always midway, however fast the machine).
#     The same for an album export (its earlier delivery kept), and an album whose
#     delivery file would be one of its songs is refused.
#     SIGTERM and SIGINT: exit 1, one line, the temporary file removed. SIGKILL may
#     leave OUT.tmp.XXXXXX, never a changed OUT.
#  3. A re-render (and a master) onto a full disk fails (exit 1, one line) and keeps the
#     earlier file: a real 400 KB tmpfs as root; elsewhere tests/enospc.so plays it.
#  4. `ttymix new Q r4k.wav` (4 kHz): exit 0, "4000 Hz, resampled to 48000 Hz" on
#     stderr, then `check` passes and `render` works at 48 kHz.
#
# Needs sox. Without it the test skips, except under TTYMIX_REQUIRE_ALL=1.
set -u

: "${top_builddir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
SHIM=$top_builddir/tests/enospc.so
WAIT_TENTHS=1200   # the bound of every wait: 120 s

missing() {
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then
		echo "trust_render: FAIL: $1 (TTYMIX_REQUIRE_ALL=1 forbids skipping)"
		exit 99
	fi
	echo "trust_render: SKIP: $1"
	exit 77
}
command -v sox >/dev/null 2>&1 || missing "sox is not installed"

work=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-trust-render.XXXXXX") || exit 99
work=$(cd "$work" && pwd -P) || exit 99
mounted=
render_pid=
cleanup() {
	[ -n "$render_pid" ] && kill -KILL "$render_pid" 2>/dev/null
	if [ -n "$mounted" ]; then
		umount "$mounted" 2>/dev/null || umount -l "$mounted" 2>/dev/null
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

failures=0
fail() {
	echo "trust_render: FAIL: $*"
	failures=$((failures + 1))
}
show() { sed 's/^/    | /' "$1" | head -n 10; }
lines() { wc -l <"$1" | tr -d ' '; }

# one_line NAME RC WANT_RC SUBSTRING: the last command exited WANT_RC with exactly one
# line on stderr ($work/err) saying SUBSTRING
one_line() {
	if [ "$2" -ne "$3" ]; then
		fail "$1: exit status $2, expected $3"
		show "$work/err"
	elif [ "$(lines "$work/err")" -ne 1 ]; then
		fail "$1: $(lines "$work/err") lines on stderr, expected one"
		show "$work/err"
	elif ! grep -q -F -e "$4" "$work/err"; then
		fail "$1: the line does not say \"$4\""
		show "$work/err"
	else
		echo "trust_render: $1: $(cat "$work/err")"
	fi
}

# no_temporaries NAME DIR...: nothing called *.tmp.* is left in the folders
no_temporaries() {
	name=$1
	shift
	left=$(find "$@" -maxdepth 1 -name '*.tmp.*' 2>/dev/null)
	[ -z "$left" ] || fail "$name: temporary files left: $left"
}

cd "$work" || exit 99
sox -R -n -r 48000 -c 2 -b 16 tone.wav synth 3 sine 440 gain -12 ||
	missing "sox could not make the input"
"$TTYMIX" new P tone.wav >/dev/null 2>err || { show err; fail "new failed"; exit 1; }
cp P/project.json P/project.json.bak
sums() { (cd P && cksum project.json project.json.bak audio/tone.wav); }
before=$(sums)

# ---- 1. an output that is an input ----
for target in P/project.json P/project.json.bak P/audio/tone.wav P/audio/../project.json; do
	timeout 120 "$TTYMIX" render P -o "$target" --format wav >out 2>err
	one_line "render -o $target" $? 1 "a render never writes over what it reads"
done
# without --format: the name tells no format, and is still refused as an input
timeout 120 "$TTYMIX" render P -o P/project.json >out 2>err
one_line "render -o P/project.json (no --format)" $? 1 "is the project file"
ln -s audio/tone.wav P/link.wav
timeout 120 "$TTYMIX" render P -o P/link.wav >out 2>err
one_line "render -o a symlink to the clip" $? 1 "is a clip's audio file"
timeout 120 "$TTYMIX" master P/audio/tone.wav -o P/audio/tone.wav >out 2>err
one_line "master onto its input" $? 1 "is the input file"
[ "$(sums)" = "$before" ] || fail "a refused render changed an input"
no_temporaries "refused renders" P P/audio

# ---- 2. stopped midway ----
# the same clip again at 86000 s: a day-long render, stopped long before its end
mkdir -p L/audio L/renders || exit 99
cp P/audio/tone.wav L/audio/
printf '%s\n' '{"format": "ttymix-project", "version": 1, "name": "L", "sample_rate": 48000,' \
	' "tracks": [{"name": "tone", "clips": [{"file": "audio/tone.wav", "start": 0},' \
	' {"file": "audio/tone.wav", "start": 86000}]}]}' >L/project.json
timeout 120 "$TTYMIX" check L >out 2>err || { show err; fail "the day-long project is not valid"; }
timeout 120 "$TTYMIX" render L -o L/renders/mix.ogg --end 2 >out 2>err ||
	{ show err; fail "the first (short) render failed"; }
cp L/renders/mix.ogg old.ogg

# stop SIGNAL WANT_RC: a render onto mix.ogg, signalled once its temporary file is there
stop() {
	"$TTYMIX" render L -o L/renders/mix.ogg >out 2>err &
	render_pid=$!
	n=0
	while [ -z "$(find L/renders -name 'mix.ogg.tmp.*')" ] && [ "$n" -lt "$WAIT_TENTHS" ]; do
		kill -0 "$render_pid" 2>/dev/null || break
		sleep 0.1
		n=$((n + 1))
	done
	[ -n "$(find L/renders -name 'mix.ogg.tmp.*')" ] ||
		fail "$1: the render's temporary file never appeared"
	kill "-$1" "$render_pid"
	wait "$render_pid"
	rc=$?
	render_pid=
	cmp -s old.ogg L/renders/mix.ogg || fail "$1 midway: the earlier mix.ogg changed"
}
stop TERM
one_line "SIGTERM midway" "$rc" 1 "render stopped by SIGTERM"
no_temporaries "SIGTERM midway" L/renders
stop INT
one_line "SIGINT midway" "$rc" 1 "render stopped by SIGINT"
no_temporaries "SIGINT midway" L/renders
stop KILL
[ "$rc" -eq 137 ] || fail "SIGKILL midway: exit status $rc, expected 137"
echo "trust_render: SIGKILL midway: mix.ogg unchanged, left: $(cd L/renders && ls)"
rm -f L/renders/mix.ogg.tmp.*

# the album: SIGTERM midway keeps an earlier delivery; a delivery file that is one of
# its songs is refused
mkdir -p A/audio A/del || exit 99
cp P/audio/tone.wav A/audio/
cp P/audio/tone.wav A/album.wav
printf '%s\n' '{"format": "ttymix-project", "version": 1, "name": "A", "sample_rate": 48000,' \
	' "tracks": [{"name": "tone", "clips": [{"file": "audio/tone.wav", "start": 0},' \
	' {"file": "audio/tone.wav", "start": 86000}]}],' \
	' "album": {"title": "A", "songs": [{"source": "self", "title": "Day"},' \
	' {"source": "album.wav", "title": "Tone"}]}}' >A/project.json
song_sum=$(cksum <A/album.wav)
timeout 120 "$TTYMIX" album A -o A >out 2>err
one_line "album over its own song" $? 1 "is an album song"
[ "$(cksum <A/album.wav)" = "$song_sum" ] || fail "a refused album changed its song"
for f in 01-Day.wav 02-Tone.wav album.wav album.cue; do
	echo "earlier $f" >"A/del/$f"
done
del_sum=$(cd A/del && cksum ./*)
"$TTYMIX" album A -o A/del >out 2>err &
render_pid=$!
n=0
while [ -z "$(find A/del -name '.ttymix-album-*')" ] && [ "$n" -lt "$WAIT_TENTHS" ]; do
	kill -0 "$render_pid" 2>/dev/null || break
	sleep 0.1
	n=$((n + 1))
done
kill -TERM "$render_pid"
wait "$render_pid"
rc=$?
render_pid=
one_line "album SIGTERM midway" "$rc" 1 "album stopped by SIGTERM"
[ "$(cd A/del && cksum ./*)" = "$del_sum" ] || fail "album SIGTERM: the earlier delivery changed"
left=$(find A/del -name '*.tmp.*' -o -name '.ttymix-album-*')
[ -z "$left" ] || fail "album SIGTERM: left $left"

# ---- 3. a full disk keeps the earlier file ----
full=$work/full
mkdir "$full" || exit 99
if [ "${TTYMIX_DISK_FULL_SHIM:-0}" != 1 ] && [ "$(id -u)" = 0 ] &&
	mount -t tmpfs -o size=400k tmpfs "$full" 2>mount.err; then
	mounted=$full
	preload=
	echo "trust_render: a real full disk: a 400 KB tmpfs"
else
	[ -f "$SHIM" ] || { echo "trust_render: FAIL: $SHIM is missing"; exit 99; }
	preload="LD_PRELOAD=$SHIM ENOSPC_MATCH=$full/mix.wav.tmp ENOSPC_AFTER=409600"
	echo "trust_render: no tmpfs here; $SHIM plays a full disk"
fi
# 0.5 s (about 150 KB) fits; the whole 3 s (about 860 KB) does not
timeout 120 "$TTYMIX" render P -o "$full/mix.wav" --end 0.5 >out 2>err ||
	{ show err; fail "the short render onto the small disk failed"; }
cp "$full/mix.wav" old.wav
# shellcheck disable=SC2086 # $preload is VAR=VALUE words for env
timeout 120 env $preload "$TTYMIX" render P -o "$full/mix.wav" >out 2>err
one_line "re-render onto a full disk" $? 1 "no space left on device"
cmp -s old.wav "$full/mix.wav" || fail "full disk: the earlier mix.wav changed"
no_temporaries "full disk" "$full"
# master's passes go to a temporary file too: its earlier output stays as well
cp old.wav "$full/master.wav"
# shellcheck disable=SC2086
timeout 120 env $preload ENOSPC_MATCH="$full/master.wav.tmp" "$TTYMIX" master P/audio/tone.wav \
	-o "$full/master.wav" >out 2>err
one_line "master onto a full disk" $? 1 "no space left on device"
cmp -s old.wav "$full/master.wav" || fail "full disk: the earlier master.wav changed"
no_temporaries "master onto a full disk" "$full"
if [ -n "$mounted" ]; then
	umount "$full" || fail "could not unmount $full"
	mounted=
fi

# ---- 4. new with a 4 kHz file ----
sox -R -n -r 4000 -c 1 -b 16 r4k.wav synth 2 sine 300 gain -6 ||
	missing "sox could not make r4k.wav"
timeout 120 "$TTYMIX" new Q r4k.wav >out 2>err
one_line "new with a 4 kHz file" $? 0 "r4k.wav: 4000 Hz, resampled to 48000 Hz"
timeout 120 "$TTYMIX" check Q >out 2>err || { show err; fail "check refuses what new made"; }
timeout 120 "$TTYMIX" render Q -o q.wav >out 2>err || { show err; fail "render of it fails"; }
rate=$(sox --i -r q.wav 2>/dev/null)
[ "$rate" = 48000 ] || fail "the render of the 4 kHz project is at $rate Hz"
len=$(sox --i -D q.wav 2>/dev/null)
case $len in 2.00*|1.99*) ;; *) fail "the render is $len s long, expected 2" ;; esac

if [ "$failures" -ne 0 ]; then
	echo "trust_render: $failures failures"
	exit 1
fi
echo "trust_render: PASS"
exit 0
