#!/bin/sh
# The bad-input corpus: every broken project and audio file in tests/corpus/ (and the
# cases made here at test time) must give exit status 1 and one clear line naming the
# file, and nothing may crash, hang or trip a sanitizer. tests/corpus/expect.txt lists
# the cases and says what each must print.
#
# Environment (AM_TESTS_ENVIRONMENT): top_srcdir, TTYMIX. The source tree may be
# read-only (make distcheck): everything is written under a temporary folder.
set -u

LC_ALL=C
export LC_ALL

srcdir=${top_srcdir:-.}
corpus=$srcdir/tests/corpus
: "${TTYMIX:?TTYMIX is not set (run through make check)}"

if [ ! -x "$TTYMIX" ]; then
	echo "corpus: $TTYMIX is not built" >&2
	exit 99
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-corpus.XXXXXX") || exit 99
# the physical path: messages name files by their real path
work=$(cd "$tmp" && pwd -P) || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# Under ASan: libsndfile 1.2 leaks libvorbis's vorbis_info when sf_open() gives up on a
# malformed Ogg file (a third-party leak: we get no handle to free). Suppress exactly
# that allocation site, quietly, so that any leak of our own still fails the test.
printf 'leak:vorbis_info_init\n' >"$work/lsan.supp"
LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$work/lsan.supp:print_suppressions=0"
export LSAN_OPTIONS

# Every command runs under a time limit: a hang is a failure too (exit 124).
if command -v timeout >/dev/null 2>&1; then
	have_timeout=yes
else
	have_timeout=no
fi
limit=300

failures=0
n_projects=0
n_audio=0
skipped=0

fail()
{
	failures=$((failures + 1))
	echo "FAIL: $*"
}

# Show a command's stderr under a failure (long lines cut).
show_err()
{
	sed -e 's/^\(.\{400\}\).*/\1.../' -e 's/^/    | /' "$1" | head -n 20
}

# run NAME CMD... : runs CMD with stdout in $out, stderr in $err, status in $rc.
run()
{
	run_name=$1
	shift
	if [ "$have_timeout" = yes ]; then
		timeout "$limit" "$@" >"$out" 2>"$err" </dev/null
	else
		"$@" >"$out" 2>"$err" </dev/null
	fi
	rc=$?
}

# Crashes, hangs and sanitizer reports fail every case, whatever it expects.
sane()
{
	if [ "$rc" -eq 124 ] && [ "$have_timeout" = yes ]; then
		fail "$run_name: did not finish within $limit s (a hang)"
		return 1
	fi
	if [ "$rc" -ge 124 ]; then
		fail "$run_name: exit status $rc (killed by a signal: a crash)"
		show_err "$err"
		return 1
	fi
	if grep -q -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' \
		-e 'runtime error:' -e 'Sanitizer:' "$err"; then
		fail "$run_name: sanitizer report"
		show_err "$err"
		return 1
	fi
	# names and file names are shown, never run by the terminal (issue 15)
	for stream in "$out" "$err"; do
		if terminal_unsafe "$stream"; then
			fail "$run_name: a control byte or a byte that is not UTF-8 reached the terminal"
			od -c "$stream" | head -n 8 | sed 's/^/    | /'
			return 1
		fi
	done
	return 0
}

# Whether file $1 holds what a terminal would act on: a C0 control other than tab,
# newline and carriage return (the play progress line), DEL, a C1 control (U+0080 to
# U+009F, in UTF-8), or bytes that are not UTF-8 at all.
terminal_unsafe()
{
	LC_ALL=C grep -q -a -P '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]' "$1" && return 0
	LC_ALL=C.UTF-8 grep -q -a -x -v '.*' "$1"
}

lines() { wc -l <"$1" | tr -d ' '; }

# Every line of file $1 contains the fixed string $2.
# The last run refused: exit 1 and exactly one line on stderr naming $1 and saying $2.
expect_one_line()
{
	if [ "$rc" -ne 1 ]; then
		fail "$run_name: exit status $rc, expected 1"
		show_err "$err"
	elif [ "$(lines "$err")" -ne 1 ]; then
		fail "$run_name: $(lines "$err") lines on stderr, expected exactly one"
		show_err "$err"
	elif ! grep -q -F -e "$1" "$err"; then
		fail "$run_name: the line does not name $1"
		show_err "$err"
	elif ! grep -q -F -e "$2" "$err"; then
		fail "$run_name: the line does not say \"$2\""
		show_err "$err"
	fi
}

all_lines_have()
{
	! grep -v -F -e "$2" "$1" >/dev/null
}

# A small valid WAV: 0.25 s, mono, 16-bit, 48 kHz, a steady level (0x1010).
make_tone()
{
	printf 'RIFF\344\135\000\000WAVEfmt \020\000\000\000\001\000\001\000' >"$1"
	printf '\200\273\000\000\000\167\001\000\002\000\020\000data\300\135\000\000' >>"$1"
	head -c 24000 /dev/zero | tr '\000' '\020' >>"$1"
}

# A fresh case folder with a project folder and a valid clip in it.
new_case()
{
	case_dir=$work/case$1
	mkdir -p "$case_dir/proj/audio" || exit 99
	make_tone "$case_dir/proj/audio/tone.wav"
	proj=$case_dir/proj
	out=$case_dir/stdout
	err=$case_dir/stderr
	outwav=$case_dir/out.wav
}

# The header of a valid project, up to the point where a track's fields go.
valid_head='{"format": "ttymix-project", "version": 1, "name": "corpus", "sample_rate": 48000, "tracks": [{'

# Make generated project case $1 in $proj. Sets arg (the path given to ttymix) and want
# (what every line must name). Returns 1 to skip the case.
make_generated_project()
{
	arg=$proj
	want=$proj/project.json
	case $1 in
	deep-nesting-100000)
		{
			printf '%s"name": "deep", "pan": ' "$valid_head"
			head -c 100000 /dev/zero | tr '\000' '['
			head -c 100000 /dev/zero | tr '\000' ']'
			printf '}]}\n'
		} >"$proj/project.json" ;;
	string-10mb)
		{
			printf '%s"name": "' "$valid_head"
			head -c 10485760 /dev/zero | tr '\000' 'a'
			printf '", "clips": [{"file": "audio/tone.wav", "start": 0}]}]}\n'
		} >"$proj/project.json" ;;
	binary-nul)
		printf '{"format": "ttymix-project", "ver\000sion": 1}\n' >"$proj/project.json" ;;
	wav-as-project-json)
		cp "$proj/audio/tone.wav" "$proj/project.json" ;;
	project-path-missing)
		arg=$proj/no-such-folder
		want=$arg ;;
	project-folder-empty)
		want=$proj ;;
	project-json-is-folder)
		mkdir "$proj/project.json" ;;
	project-json-dangling-link)
		ln -s "$proj/nowhere.json" "$proj/project.json"
		want=$proj ;;
	project-json-fifo)
		# opening a FIFO for reading waits for a writer: the loader must not
		mkfifo "$proj/project.json" || return 1 ;;
	project-json-too-big)
		# sparse: takes no disk space
		dd if=/dev/null of="$proj/project.json" bs=1 seek=70000000 2>/dev/null ;;
	project-json-unreadable)
		# chmod 000 does not stop root (CI runs as root); the folder and FIFO cases
		# above stand in for unreadable files there
		if [ "$(id -u)" = 0 ]; then
			return 1
		fi
		printf '%s}]}\n' "$valid_head" >"$proj/project.json"
		chmod 000 "$proj/project.json" ;;
	*)
		fail "generated/$1: no such generated case (fix expect.txt or corpus.sh)"
		return 1 ;;
	esac
	return 0
}

# Make generated audio case $1 at path $2. Returns 1 to skip it.
make_generated_audio()
{
	case $1 in
	folder.wav) mkdir "$2" ;;
	dangling-link.wav) ln -s "$2.nowhere" "$2" ;;
	symlink-loop.wav) ln -s "$2" "$2" ;;
	fifo.wav) mkfifo "$2" || return 1 ;;
	*)
		fail "generated/$1: no such generated case (fix expect.txt or corpus.sh)"
		return 1 ;;
	esac
	return 0
}

# Make generated output case $1: a valid project (with a .bak) in $proj, and in $target
# the render output that must be refused because the project reads or holds it.
make_output_case()
{
	printf '%s"name": "t", "clips": [{"file": "audio/tone.wav", "start": 0}]}]}\n' \
		"$valid_head" >"$proj/project.json"
	cp "$proj/project.json" "$proj/project.json.bak" || exit 99
	case $1 in
	output-project-json) target=$proj/project.json ;;
	output-project-bak) target=$proj/project.json.bak ;;
	output-clip) target=$proj/audio/tone.wav ;;
	output-clip-other-spelling) target=$proj/audio/../audio/./tone.wav ;;
	output-clip-hard-link)
		ln "$proj/audio/tone.wav" "$case_dir/tone-link.wav" || return 1
		target=$case_dir/tone-link.wav ;;
	output-clip-symlink)
		ln -s "$proj/audio/tone.wav" "$case_dir/tone-symlink.wav" || return 1
		target=$case_dir/tone-symlink.wav ;;
	output-project-json-symlinked-folder)
		ln -s "$proj" "$case_dir/proj-link" || return 1
		target=$case_dir/proj-link/project.json ;;
	output-stem-is-clip)
		# the stem of track "tone" into audio/ is audio/01-tone.wav: this clip's file
		cp "$proj/audio/tone.wav" "$proj/audio/01-tone.wav" || exit 99
		printf '%s"name": "tone", "clips": [{"file": "audio/01-tone.wav", "start": 0}]}]}\n' \
			"$valid_head" >"$proj/project.json"
		cp "$proj/project.json" "$proj/project.json.bak" || exit 99
		target=$proj/audio/01-tone.wav ;;
	*)
		fail "generated/$1: no such generated case (fix expect.txt or corpus.sh)"
		return 1 ;;
	esac
	return 0
}

inputs_sum()
{
	(cd "$proj" && cksum project.json project.json.bak audio/*)
}

# A render onto its own input: exit 1, one line naming the output, every input as it
# was and nothing left beside it.
check_output()
{
	name=$1 sub=$2
	before=$(inputs_sum)
	case $name in
	*stem*) run "$name: render" "$TTYMIX" render "$proj" --stems "${target%/*}" ;;
	*) run "$name: render" "$TTYMIX" render "$proj" -o "$target" --format wav ;;
	esac
	if sane; then
		expect_one_line "$target" "$sub"
	fi
	if [ "$(inputs_sum)" != "$before" ]; then
		fail "$run_name: refused, yet an input changed"
	fi
	for left in "$proj"/*.tmp.* "$proj"/audio/*.tmp.* "$case_dir"/*.tmp.*; do
		[ -e "$left" ] && fail "$run_name: left $left"
	done
}

check_refuse()
{
	name=$1 sub=$2
	run "$name: check" "$TTYMIX" check "$arg"
	if sane; then
		if [ "$rc" -ne 1 ]; then
			fail "$run_name: exit status $rc, expected 1"
			show_err "$err"
		elif [ ! -s "$err" ]; then
			fail "$run_name: exit status 1 but no message"
		elif ! all_lines_have "$err" "$want"; then
			fail "$run_name: a line does not name $want"
			show_err "$err"
		elif ! head -n 1 "$err" | grep -q -F -e "$sub"; then
			fail "$run_name: the first line does not say \"$sub\""
			show_err "$err"
		fi
	fi
	run "$name: render" "$TTYMIX" render "$arg" -o "$outwav"
	if sane; then
		expect_one_line "$want" "$sub"
		if [ -e "$outwav" ]; then
			fail "$run_name: refused, yet wrote $outwav"
		fi
	fi
}

check_offline()
{
	name=$1 sub=$2
	run "$name: check" "$TTYMIX" check "$arg"
	if sane; then
		if [ "$rc" -ne 1 ]; then
			fail "$run_name: exit status $rc, expected 1 (media problems are problems)"
			show_err "$err"
		elif ! all_lines_have "$err" "$want"; then
			fail "$run_name: a line does not name $want"
			show_err "$err"
		elif ! grep -q -F -e "$sub" "$err"; then
			fail "$run_name: no line says \"$sub\""
			show_err "$err"
		fi
	fi
	# a clip file that is not there stops a render, named, with the way on
	case $sub in
	*"not found"*)
		rm -f "$outwav"
		run "$name: render without --allow-missing" "$TTYMIX" render "$arg" -o "$outwav"
		if sane; then
			if [ "$rc" -ne 1 ]; then
				fail "$run_name: exit status $rc, expected 1 (a clip file is missing)"
				show_err "$err"
			elif ! grep -q -F -e "$sub" "$err" || ! grep -q -F -e "--allow-missing" "$err"; then
				fail "$run_name: no line says \"$sub\" and --allow-missing"
				show_err "$err"
			elif [ -e "$outwav" ]; then
				fail "$run_name: exit status 1 but $outwav was written"
			fi
		fi ;;
	esac
	run "$name: render" "$TTYMIX" render "$arg" -o "$outwav" --allow-missing
	if sane; then
		if [ "$rc" -ne 0 ]; then
			fail "$run_name: exit status $rc, expected 0 (offline clips play as silence)"
			show_err "$err"
		elif [ ! -s "$err" ]; then
			fail "$run_name: no warning about the offline clip"
		elif grep -v -q -e '^ttymix: warning: ' "$err"; then
			fail "$run_name: a stderr line that is not a warning"
			show_err "$err"
		elif ! grep -q -F -e "$sub" "$err"; then
			fail "$run_name: no warning says \"$sub\""
			show_err "$err"
		elif [ ! -s "$outwav" ]; then
			fail "$run_name: exit status 0 but no $outwav"
		fi
	fi
}

# $1: case name, $2: the broken file (already in place as $proj/audio/$3), $3: its name.
check_audio()
{
	name=$1 file=$2 base=$3 sub=$4
	run "$name: loudness" "$TTYMIX" loudness "$file"
	if sane; then
		expect_one_line "$file" "$sub"
	fi

	# importing it makes no project: one line, and no folder left behind
	run "$name: new" "$TTYMIX" new "$case_dir/new-proj" "$file"
	if sane; then
		expect_one_line "$base" "$sub"
		if [ -e "$case_dir/new-proj" ]; then
			fail "$run_name: refused, yet left $case_dir/new-proj"
		fi
	fi

	# a project with a good clip and a clip of the broken file
	printf '%s"name": "t", "clips": [{"file": "audio/tone.wav", "start": 0}, ' \
		"$valid_head" >"$proj/project.json"
	printf '{"file": "audio/%s", "start": 0.5}]}]}\n' "$base" >>"$proj/project.json"
	want=$proj/project.json
	run "$name: check" "$TTYMIX" check "$proj"
	if sane; then
		if [ "$rc" -ne 1 ]; then
			fail "$run_name (a project using it): exit status $rc, expected 1"
			show_err "$err"
		elif ! all_lines_have "$err" "$want"; then
			fail "$run_name (a project using it): a line does not name $want"
			show_err "$err"
		elif ! grep -F -e "$base" "$err" | grep -q -F -e "$sub"; then
			fail "$run_name (a project using it): no line names $base and says \"$sub\""
			show_err "$err"
		fi
	fi
	# a render plays the clip as silence and says so (exit 0, a warning naming the
	# file), or fails with one line that names the file; it never crashes
	run "$name: render" "$TTYMIX" render "$proj" -o "$outwav"
	if sane; then
		if [ "$rc" -eq 0 ]; then
			if grep -v -q -e '^ttymix: warning: ' "$err"; then
				fail "$run_name (a project using it): exit 0 with a line that is not a warning"
				show_err "$err"
			elif ! grep -q -F -e "$base" "$err"; then
				fail "$run_name (a project using it): exit 0 without a warning naming $base"
				show_err "$err"
			fi
		elif [ "$rc" -eq 1 ]; then
			if [ "$(lines "$err")" -ne 1 ] || ! grep -q -F -e "$base" "$err"; then
				fail "$run_name (a project using it): failed without exactly one line naming $base"
				show_err "$err"
			fi
		else
			fail "$run_name (a project using it): exit status $rc"
			show_err "$err"
		fi
	fi
}

# Every file in the corpus needs a line in expect.txt and in tests/corpus.mk
# (EXTRA_DIST), or it would silently stay untested or out of the tarball.
for f in "$corpus"/projects/* "$corpus"/audio/*; do
	[ -e "$f" ] || continue
	rel=${f#"$corpus"/}
	if ! awk -v f="$rel" '$1 == f { found = 1 } END { exit !found }' "$corpus/expect.txt"; then
		fail "$rel: no line in tests/corpus/expect.txt"
	fi
	if ! grep -q -F -e "tests/corpus/$rel" "$srcdir/tests/corpus.mk"; then
		fail "$rel: not listed in tests/corpus.mk (EXTRA_DIST)"
	fi
done

i=0
while read -r name mode sub; do
	case $name in ''|'#'*) continue ;; esac
	i=$((i + 1))
	if [ -z "$sub" ]; then
		fail "expect.txt: $name: no substring"
		continue
	fi
	new_case "$i"
	base=${name##*/}
	case $name in
	generated/*) generated=yes ;;
	*)
		generated=no
		if [ ! -e "$corpus/$name" ]; then
			fail "$name: listed in expect.txt but missing"
			continue
		fi ;;
	esac
	case $mode in
	refuse|offline)
		if [ "$generated" = yes ]; then
			if ! make_generated_project "$base"; then
				echo "SKIP: $name (cannot be made here)"
				skipped=$((skipped + 1))
				continue
			fi
		else
			cp "$corpus/$name" "$proj/project.json" || exit 99
			arg=$proj
			want=$proj/project.json
		fi
		# a FIFO would block forever: give it a short limit
		if [ "$base" = project-json-fifo ]; then
			if [ "$have_timeout" = no ]; then
				echo "SKIP: $name (no timeout command)"
				skipped=$((skipped + 1))
				continue
			fi
			limit=10
		fi
		n_projects=$((n_projects + 1))
		if [ "$mode" = refuse ]; then
			check_refuse "$name" "$sub"
		else
			check_offline "$name" "$sub"
		fi
		if [ "$generated" = no ] && ! cmp -s "$corpus/$name" "$proj/project.json"; then
			fail "$name: check or render changed project.json"
		fi
		limit=300 ;;
	output)
		if ! make_output_case "$base"; then
			echo "SKIP: $name (cannot be made here)"
			skipped=$((skipped + 1))
			continue
		fi
		n_projects=$((n_projects + 1))
		check_output "$name" "$sub" ;;
	audio)
		target=$proj/audio/$base
		if [ "$generated" = yes ]; then
			if ! make_generated_audio "$base" "$target"; then
				echo "SKIP: $name (cannot be made here)"
				skipped=$((skipped + 1))
				continue
			fi
		else
			cp "$corpus/$name" "$target" || exit 99
		fi
		n_audio=$((n_audio + 1))
		check_audio "$name" "$target" "$base" "$sub" ;;
	*)
		fail "expect.txt: $name: unknown mode \"$mode\"" ;;
	esac
	# the 10 MB cases are big: do not keep them around
	rm -rf "$case_dir"
done <"$corpus/expect.txt"

echo "corpus: $n_projects projects, $n_audio audio files, $skipped skipped, $failures failures"
[ "$failures" -eq 0 ]
