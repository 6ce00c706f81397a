#!/bin/sh
# Trust (issue 15), media. Bad input made here (tests/badwav): float WAVs holding NaN,
# Inf and 1e30 samples, and a WAV whose header claims 3 hours over 25 frames.
#  - check reports each with exit 1 and one line, and leaves project.json as it was;
#  - a render of the NaN, Inf and 1e30 files (through an EQ) holds finite samples only
#    and says once which file had how many bad samples;
#  - loudness --json and master --json parse as JSON and hold no inf or nan;
#  - the lying header renders as the 25 frames it holds; a WAV streamed into a pipe
#    (sox's placeholder length) is not taken for one;
#  - a project of 20,000 clips (of three files) checks, renders and plays under
#    ulimit -n 1024, and running out of file descriptors is named as such.
set -u
: "${TTYMIX:?run me through make check}"
: "${top_builddir:?run me through make check}"
BADWAV=$top_builddir/tests/badwav
LC_ALL=C.UTF-8
export LC_ALL

need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then echo "trust_media: $1 is required"; exit 99; fi
	echo "trust_media: $1 missing: skipped"; exit 77
}
need sox
need python3

t=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-trust-media.XXXXXX") || exit 99
t=$(cd "$t" && pwd -P) || exit 99
trap 'rm -rf "$t"' EXIT
trap 'exit 1' HUP INT TERM
fail=0
bad() { echo "FAIL: $*"; fail=1; }
show() { sed -e 's/^\(.\{300\}\).*/\1.../' -e 's/^/    | /' "$1" | head -n 20; }
lines() { wc -l <"$1" | tr -d ' '; }
# run NAME CMD...: status in $rc, output in $t/out and $t/err; a crash fails
run() {
	name=$1
	shift
	timeout 300 "$@" >"$t/out" 2>"$t/err" </dev/null
	rc=$?
	if [ "$rc" -ge 124 ]; then
		bad "$name: exit status $rc (a crash or a hang)"
		show "$t/err"
	fi
}
# every line is one JSON object by the standard: python's parser, told to refuse the
# NaN and Infinity it would otherwise let through (printf's inf and nan it refuses)
json_ok() {
	python3 -c '
import json, sys
def refuse(token):
    raise ValueError("not JSON: " + token)
for line in open(sys.argv[1]):
    json.loads(line, parse_constant=refuse)
' "$2" 2>"$t/json-err" || { bad "$1: not JSON"; show "$t/json-err"; show "$2"; }
}

for kind in nan inf big lie; do
	"$BADWAV" "$kind" "$t/$kind.wav" || exit 99
done
"$BADWAV" lie-aiff "$t/lie-aiff.aiff" || exit 99

# ---- check: one line each, exit 1, project.json unchanged ----
for kind in nan inf big lie lie-aiff; do
	p=$t/p-$kind
	file=$t/$kind.wav
	[ "$kind" = lie-aiff ] && file=$t/$kind.aiff
	# new checks what it makes, as check does: it refuses the file, with one line,
	# and leaves no folder behind
	run "new $kind" "$TTYMIX" new "$p" "$file"
	if [ "$rc" -ne 1 ] || [ "$(lines "$t/err")" -ne 1 ] || [ -e "$p" ]; then
		bad "new $kind: exit $rc (want 1, one line, no folder)"
		show "$t/err"
	fi
	# the project as it would be when the file went bad after new: made from a
	# clean file of the same name, which the bad one then replaces
	mkdir -p "$t/clean" && rm -rf "$p"
	clean=$t/clean/${file##*/}
	sox -n -r 48000 -c 1 "$clean" synth 0.1 sine 440 || exit 99
	run "new $kind (clean)" "$TTYMIX" new "$p" "$clean"
	[ "$rc" -eq 0 ] || { bad "new $kind (clean): exit $rc"; show "$t/err"; continue; }
	cp "$file" "$p/audio/${file##*/}" || exit 99
	before=$(cksum <"$p/project.json")
	run "check $kind" "$TTYMIX" check "$p"
	case $kind in
	lie) want="audio/lie.wav: header says 3:00:00.0, data holds 0.0005 s" ;;
	lie-aiff) want="audio/lie-aiff.aiff: header says 3:00:00.0, data holds 0.0005 s" ;;
	*) want="audio/$kind.wav: 10 samples not finite or beyond ±64, played as silence" ;;
	esac
	if [ "$rc" -ne 1 ]; then
		bad "check $kind: exit $rc, want 1"
		show "$t/err"
	elif [ "$(lines "$t/err")" -ne 1 ]; then
		bad "check $kind: $(lines "$t/err") lines on stderr, want one"
		show "$t/err"
	elif ! grep -q -F -e "$p/project.json" "$t/err" || ! grep -q -F -e "$want" "$t/err"; then
		bad "check $kind: the line does not name the project and say \"$want\""
		show "$t/err"
	fi
	[ "$before" = "$(cksum <"$p/project.json")" ] || bad "check $kind changed project.json"
done

# ---- render: finite samples only, through an EQ too; one line per bad file ----
for kind in nan inf big; do
	p=$t/p-$kind
	python3 - "$p/project.json" <<'EOF' || exit 99
import json, sys
path = sys.argv[1]
p = json.load(open(path))
p["tracks"][0]["inserts"] = [{"type": "eq"}]
json.dump(p, open(path, "w"))
EOF
	run "render $kind" "$TTYMIX" render "$p" -o "$t/$kind-out.wav" --bits 32f
	if [ "$rc" -ne 0 ]; then
		bad "render $kind: exit $rc"
		show "$t/err"
		continue
	fi
	"$BADWAV" scan "$t/$kind-out.wav" >"$t/scan" || { bad "render $kind: bad samples out"; show "$t/scan"; }
	want="ttymix: warning: $p/audio/$kind.wav: 10 samples not finite or beyond ±64, played as silence"
	if [ "$(lines "$t/err")" -ne 1 ] || ! grep -q -x -F -e "$want" "$t/err"; then
		bad "render $kind: stderr is not the one line \"$want\""
		show "$t/err"
	fi
	# a 0.25 sine at -12 dBFS: nowhere near the 571 LUFS of 1e30 samples
	run "loudness $kind" "$TTYMIX" loudness --json "$t/$kind.wav"
	[ "$rc" -eq 0 ] || { bad "loudness $kind: exit $rc"; show "$t/err"; }
	json_ok "loudness $kind" "$t/out"
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not (-20 < d["integrated_lufs"] < -10 and d["true_peak_dbtp"] < -11))' "$t/out" ||
		{ bad "loudness $kind: the figures count the bad samples"; show "$t/out"; }
	grep -q -F -e "$kind.wav: 10 samples not finite" "$t/err" || { bad "loudness $kind: no warning"; show "$t/err"; }
done

# ---- master --json: valid JSON, and a reached target is under its ceiling ----
for kind in nan inf big; do
	run "master $kind" "$TTYMIX" master "$t/$kind.wav" -o "$t/m-$kind.wav" --json
	if [ "$rc" -ne 0 ]; then
		bad "master $kind: exit $rc"
		show "$t/err"
		continue
	fi
	json_ok "master $kind" "$t/out"
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); a=d["after"]; sys.exit(not (d["reached"] and a["true_peak_dbtp"] <= d["ceiling_dbtp"] and d["limiter_max_gr_db"] is not None))' "$t/out" ||
		{ bad "master $kind: reached over the ceiling, or no gain reduction figure"; show "$t/out"; }
	"$BADWAV" scan "$t/m-$kind.wav" >"$t/scan" || { bad "master $kind: bad samples out"; show "$t/scan"; }
done
# loudness of silence: its undefined figures are null, never -inf
sox -n -r 48000 -c 1 -b 16 "$t/silence.wav" trim 0 1 || exit 99
run "loudness silence" "$TTYMIX" loudness --json "$t/silence.wav" "$t/nan.wav"
json_ok "loudness silence" "$t/out"

# ---- the lying header plays as what it holds ----
for kind in lie lie-aiff; do
	run "render $kind" "$TTYMIX" render "$t/p-$kind" -o "$t/$kind-out.wav"
	if [ "$rc" -ne 0 ]; then
		bad "render $kind: exit $rc"
		show "$t/err"
	elif [ "$(sox --i -s "$t/$kind-out.wav")" -ne 25 ]; then
		bad "render $kind: $(sox --i -s "$t/$kind-out.wav") frames, want the 25 it holds"
	fi
done

# ---- a WAV streamed into a pipe is whole: its "unknown length" is no lie ----
sox -n -r 48000 -c 1 -b 16 -t wav - synth 1 sine 440 2>/dev/null | cat >"$t/piped.wav"
run "new piped" "$TTYMIX" new "$t/p-piped" "$t/piped.wav"
if [ "$rc" -ne 0 ]; then
	bad "new of a WAV sox streamed into a pipe: exit $rc"
	show "$t/err"
fi

# ---- 20,000 clips under ulimit -n 1024 ----
p=$t/many
sh "$top_srcdir/tests/make_many_clips.sh" "$p" || exit 99
before=$(cksum <"$p/project.json")

run "check 20000 clips" sh -c 'ulimit -n 1024 && exec "$0" check "$1"' "$TTYMIX" "$p"
if [ "$rc" -ne 0 ] || ! grep -q -F "ok: 20 tracks, 20000 clips, 50.0 s" "$t/out"; then
	bad "check 20000 clips under ulimit -n 1024: exit $rc"
	show "$t/out"
	show "$t/err"
fi
run "render 20000 clips" sh -c 'ulimit -n 1024 && exec "$0" render "$1" -o "$2"' "$TTYMIX" "$p" "$t/many.wav"
if [ "$rc" -ne 0 ] || [ -s "$t/err" ]; then
	bad "render 20000 clips under ulimit -n 1024: exit $rc, or a warning"
	show "$t/err"
elif [ "$(sox --i -s "$t/many.wav")" -ne 2400000 ]; then
	bad "render 20000 clips: $(sox --i -s "$t/many.wav") frames, want 2400000"
else
	# every clip sounds: no stretch of 0.05 s is silent (an offline clip would be)
	sox "$t/many.wav" -n stat 2>"$t/stat"
	rms=$(awk '/RMS +amplitude/ { print $3; exit }' "$t/stat")
	awk -v r="$rms" 'BEGIN { exit !(r > 0.05) }' || bad "render 20000 clips: RMS $rms, too quiet"
	sox "$t/many.wav" -n trim 1.025 0.05 stat 2>"$t/stat1"
	awk '/Maximum amplitude/ { exit !($3 > 0.01) }' "$t/stat1" || bad "render 20000 clips: silent at 1 s"
	sox "$t/many.wav" -n trim 47.025 0.05 stat 2>"$t/stat47"
	awk '/Maximum amplitude/ { exit !($3 > 0.01) }' "$t/stat47" || bad "render 20000 clips: silent at 47 s"
fi
run "play 20000 clips" sh -c 'ulimit -n 1024 && exec "$0" play --output null "$1" --start 40 --duration 1' "$TTYMIX" "$p"
if [ "$rc" -ne 0 ] || grep -q -i -e offline -e "open files" -e warning "$t/err"; then
	bad "play 20000 clips under ulimit -n 1024: exit $rc, or clips offline"
	show "$t/err"
fi
[ "$before" = "$(cksum <"$p/project.json")" ] || bad "the 20000-clip project.json changed"

# out of descriptors altogether (stdin, stdout, stderr and the output file fill a limit
# of 4, and the pools give back what they can): the message names the cause
run "render with 4 descriptors" sh -c 'ulimit -n 4 && exec "$0" render "$1" -o "$2"' "$TTYMIX" "$p" "$t/few.wav"
if ! grep -q -i -F "too many open files" "$t/err"; then
	bad "render with 4 descriptors: exit $rc without naming \"too many open files\""
	show "$t/err"
fi

exit $fail
