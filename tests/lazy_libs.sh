#!/bin/sh
# The libraries only some commands need are opened when one does (src/base/dl.h), not
# at start (issue 23, goal 5). The dynamic loader itself reports every library it maps,
# linked or dlopen'd (LD_DEBUG=files), so nothing here depends on timing:
#  - a plain render, `ttymix --help` and `ttymix loudness` map none of the libraries
#    configure names in config.h's *_SONAME (libjack, librubberband, libbs2b,
#    libfftw3f, liblo, libsoxr, liblilv, libmicrohttpd, PortAudio), nor libstdc++ or
#    Berkeley DB, which libjack, rubberband and bs2b brought (not under the
#    sanitizers: libubsan links libstdc++ itself);
#  - the other way round, proving the check sees dlopen'd libraries: a render of a
#    44.1 kHz file in a 48 kHz project maps libsoxr (and its file is right), and
#    `ttymix plugins` maps liblilv.
# Needs sox.
set -u
: "${TTYMIX:?run me through make check}"
: "${top_builddir:?run me through make check}"
TEST=lazy_libs

missing() {
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then
		echo "$TEST: FAIL: $1 (install sox)"
		exit 99
	fi
	echo "$TEST: SKIP: $1"
	exit 77
}
command -v sox >/dev/null 2>&1 || missing "no sox"

t=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-lazy-libs.XXXXXX") || exit 99
trap 'rm -rf "$t"' EXIT
trap 'exit 1' INT TERM HUP
fail() {
	echo "$TEST: FAIL: $*"
	exit 1
}

sonames=$(sed -n 's/^#define [A-Z0-9_]*_SONAME "\(.*\)"$/\1/p' "$top_builddir/config.h")
[ "$(echo "$sonames" | wc -l)" -ge 9 ] || fail "config.h names fewer than 9 libraries: $sonames"

# loaded NAME CMD...: run CMD under LD_DEBUG=files; the libraries it mapped in $t/NAME
loaded() {
	name=$1
	shift
	rm -f "$t/ld.$name".*
	LD_DEBUG=files LD_DEBUG_OUTPUT="$t/ld.$name" "$@" >"$t/$name.out" 2>"$t/$name.err" \
		|| fail "$name: $* failed: $(cat "$t/$name.err")"
	cat "$t/ld.$name".* 2>/dev/null | sed -n 's/.*file=\([^ ]*\) .*/\1/p' | sort -u >"$t/$name"
	[ -s "$t/$name" ] || fail "$name: the loader reported no library (LD_DEBUG unsupported?)"
}
# none NAME: none of the lazy libraries is in $t/NAME
none() {
	for so in $sonames; do
		grep -qxF "$so" "$t/$1" && fail "$1 maps $so, which it does not use"
	done
	if [ -z "${TTYMIX_SANITIZED:-}" ]; then
		grep -E '^lib(stdc\+\+|db-)' "$t/$1" && fail "$1 maps libstdc++ or libdb"
	fi
	return 0
}
soname() { # VAR: config.h's VAR_SONAME
	sed -n "s/^#define $1_SONAME \"\\(.*\\)\"\$/\\1/p" "$top_builddir/config.h"
}

mkdir -p "$t/p" "$t/q" || exit 99
sox -n -r 48000 -c 2 "$t/p/a.wav" synth 2 sine 440 vol 0.3 || fail "sox failed"
sox -n -r 48000 -c 2 "$t/p/b.wav" synth 2 sine 660 vol 0.3 || fail "sox failed"
printf '{"format":"ttymix-project","version":1,"sample_rate":48000,"tracks":[%s,%s]}\n' \
	'{"name":"a","gain_db":-3,"pan":-0.5,"clips":[{"file":"a.wav","start":0}]}' \
	'{"name":"b","gain_db":-6,"pan":0.5,"clips":[{"file":"b.wav","start":0}]}' \
	>"$t/p/project.json"
sox -n -r 44100 -c 2 "$t/q/c.wav" synth 2 sine 440 vol 0.3 || fail "sox failed"
printf '{"format":"ttymix-project","version":1,"sample_rate":48000,"tracks":[%s]}\n' \
	'{"name":"c","clips":[{"file":"c.wav","start":0}]}' >"$t/q/project.json"

loaded render "$TTYMIX" render "$t/p" -o "$t/p.wav"
none render
loaded help "$TTYMIX" --help
none help
loaded loudness "$TTYMIX" loudness "$t/p.wav"
none loudness

# the check sees what a command does load
loaded resample "$TTYMIX" render "$t/q" -o "$t/q.wav"
grep -qxF "$(soname SOXR)" "$t/resample" || fail "a resampling render did not map libsoxr"
[ "$(soxi -r "$t/q.wav")" = 48000 ] && [ "$(soxi -s "$t/q.wav")" = 96000 ] \
	|| fail "the resampled render is not 2 s at 48 kHz: $(soxi "$t/q.wav")"
loaded plugins "$TTYMIX" plugins
grep -qxF "$(soname LILV)" "$t/plugins" || fail "ttymix plugins did not map liblilv"
echo "$TEST: PASS: render, --help and loudness map none of: $(echo $sonames)"
