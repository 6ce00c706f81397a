#!/bin/sh
# The floors of the house (docs/architecture.md): each layer includes only the layers
# below it. A plain grep over #include lines, so it is fast and says exactly which
# line broke the rule:
#   src/base/   includes only src/base/ (and system headers)
#   audio/      includes only audio/ and src/base/
#   src/        (the rest but main.c) includes no ui/ header
#   the project model (src/project*.c but lock, save-as, diff and make; src/control.*;
#               src/jtree.*; src/tempo.*) includes only itself, audio/ and src/base/; and below
#               its loader (project_json.c) no model file calls up into it
#   src/studio/ (the headless studio session) is included only by itself, ui/ and
#               src/main.c: the services and the model below it never reach up to it
#   src/stream/ (the stream output's server and encoders) includes only itself,
#               audio/ and src/base/: it knows nothing of projects or the studio
#   bench/      sits on the studio floor: it includes no ui/ header
#   curses      is included under ui/ only; libmicrohttpd, libFLAC and libopusenc
#               each by one file of src/stream/ (mhd.h, flac.c, opus.c); liblo by
#               src/studio/nsm.c
# src/main.c is the roof: it dispatches to the studio (ui/) and the headless commands.
top=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$top" || exit 99
bad=0
# rule DESCRIPTION FILES... with the allowed prefixes in $allow (a regex)
check() {
	what=$1
	shift
	for f in "$@"; do
		[ -f "$f" ] || continue
		grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
			sed 's/^\([0-9]*\):.*"\([^"]*\)".*/\1 \2/' |
			while read -r line inc; do
				case $inc in */*) ;; *) continue ;; esac # a header beside it
				echo "$inc" | grep -Eq "$allow" ||
					echo "layers: $f:$line includes $inc: $what"
			done
	done
}
out=$( {
	allow='^src/base/'
	check "src/base/ includes only itself" src/base/*.[ch]
	allow='^(audio/|src/base/)'
	check "audio/ includes only audio/ and src/base/" $(find audio -name '*.[ch]')
	allow='^(src/|audio/)'
	check "src/ includes no ui/ header (only main.c may)" \
		$(find src -name '*.[ch]' ! -path src/main.c)
	allow='^(src/|audio/)'
	check "bench/ sits on the studio floor: it includes no ui/ header" bench/*.[ch]
	allow='^(src/stream/|audio/|src/base/)'
	check "src/stream/ includes only itself, audio/ and src/base/" src/stream/*.[ch]
	# each library behind its one door
	# (the libraries loaded at run time, src/base/dl.h: in the header of their table)
	for door in 'microhttpd:src/stream/mhd.h' 'FLAC/:src/stream/flac.c' \
		'opus/opusenc:src/stream/opus.c' 'lo/lo:src/studio/lo_dl.h' \
		'jack/:audio/jack_dl.h' 'rubberband/:src/pitch_dl.h' 'bs2b/:audio/bs2b_dl.h' \
		'fftw3:audio/fftw_dl.h' 'soxr:audio/soxr_dl.h' 'lilv/:audio/lv2/lilv_dl.h'; do
		grep -rlE "^[[:space:]]*#[[:space:]]*include[[:space:]]*<${door%%:*}" src audio ui \
			--include='*.[ch]' | grep -v "^${door#*:}\$" |
			sed "s|\$|: includes <${door%%:*}...> outside ${door#*:}|; s/^/layers: /"
	done
	allow='^(audio/|src/base/|src/(project|project_keep|project_limits|control|jtree|tempo)\.h$)'
	check "the project model includes only itself, audio/ and src/base/" \
		$(ls src/project*.[ch] src/control.[ch] src/jtree.[ch] src/tempo.[ch] |
			grep -Ev 'src/project_(lock|saveas|diff|make)\.')
	# the model's floors: keep < project < route, auto, copy, control < json
	grep -nE '\<project_(load|from_json|save|save_to|to_json|to_tree|autosave_json|autosave_edits)\(' \
		src/project.c src/project_keep.c src/project_route.c src/project_auto.c \
		src/project_copy.c src/project_limits.c src/control.c src/tempo.c |
		sed 's/^/layers: /; s/$/: calls up into the loader (src\/project_json.c)/'
	find src -name '*.[ch]' ! -path src/main.c ! -path 'src/studio/*' |
		xargs grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"src/studio/' |
		sed 's/^\([^:]*:[0-9]*\):.*"\([^"]*\)".*/layers: \1 includes \2: src\/ below the studio includes no src\/studio\/ header (only main.c may)/'
	grep -rlE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<n?curses' src audio \
		--include='*.[ch]' | sed 's/$/: includes curses outside ui\//; s/^/layers: /'
} )
if [ -n "$out" ]; then
	echo "$out"
	echo "layers: FAIL: $(echo "$out" | wc -l) include(s) run against the floors"
	exit 1
fi
echo "layers: every include runs down the floors"
