#!/bin/sh
# play, new, check, help, lesson and flow read their command lines with
# cli_parse (src/cli_util.c): their usage messages word for word (a command of one
# fixed shape says its one usage line for any slip), options before or after the
# operands, and a `new` that fails leaving no folder behind.
set -u
: "${TTYMIX:?run me through make check}"
. "$top_srcdir/tests/expect_lib.sh"

expect 2 "ttymix: play needs a project or audio files$H" "$TTYMIX" play --output null
expect 2 "ttymix: play needs a project or audio files$H" "$TTYMIX" play --duration 1
expect 2 "ttymix: play: unknown option --frob$H" "$TTYMIX" play p --frob
expect 2 "ttymix: play: unknown option --frob$H" "$TTYMIX" play --frob p
expect 2 "ttymix: --start needs a value$H" "$TTYMIX" play p --start
expect 2 "ttymix: --start takes seconds from 0, not \"-1\"$H" "$TTYMIX" play p --start -1
expect 2 "ttymix: --duration takes seconds, not \"x\"$H" "$TTYMIX" play --duration x p
expect 2 "ttymix: --duration takes seconds, not \"1e9\"$H" "$TTYMIX" play p --duration 1e9
# options before the operand reach play: a missing file is then the one complaint
expect 1 "ttymix: $t/none.wav: audio file not found" "$TTYMIX" play --start 0 --duration 1 \
	"$t/none.wav" --output null

expect 2 "ttymix: new needs a folder: ttymix new DIR [FILE...]$H" "$TTYMIX" new
expect 2 "ttymix: new: unknown option --frob$H" "$TTYMIX" new "$t/n" --frob
[ -e "$t/n" ] && bad "new with a usage error made its folder"
# a file that cannot be read: one line, and the folder new made is gone again
"$TTYMIX" new "$t/n" "$t/none.wav" >"$t/out" 2>"$t/err"; rc=$?
[ "$rc" -eq 1 ] || bad "new with a missing file: exit $rc, want 1"
[ "$(wc -l <"$t/err")" -eq 1 ] || bad "new with a missing file: one line"
[ -e "$t/n" ] && bad "new with a missing file left $t/n behind"
C="ttymix: check takes one project$H"
expect 2 "$C" "$TTYMIX" check
expect 2 "$C" "$TTYMIX" check p q
expect 2 "$C" "$TTYMIX" check --frob p
expect 2 "ttymix: devices takes no arguments$H" "$TTYMIX" devices x
expect 2 "ttymix: devices takes no arguments$H" "$TTYMIX" devices --frob
U="ttymix: usage: ttymix help TERM|PARAM [--project DIR] (e.g. lufs, true peak, compressor.ratio, fader) | ttymix help --all$H"
expect 2 "$U" "$TTYMIX" help
expect 2 "$U" "$TTYMIX" help ratio fader
expect 2 "$U" "$TTYMIX" help --all ratio
expect 1 "ttymix: help: no term or control called \"frob\" (try a term such as lufs or true peak, a class such as compressor, a parameter such as ratio, or fader, pan, send)" "$TTYMIX" help frob
L="ttymix: usage: ttymix lesson list | ttymix lesson check DIR [--json] | ttymix lesson report DIR... [--csv|--json] | ttymix lesson validate DIR; --lessons DIR adds a folder of lessons$H"
expect 2 "$L" "$TTYMIX" lesson
expect 2 "$L" "$TTYMIX" lesson frob
expect 2 "$L" "$TTYMIX" lesson check
expect 2 "$L" "$TTYMIX" lesson check a b
expect 2 "$L" "$TTYMIX" lesson list --frob
F="ttymix: usage: ttymix flow PROJECT TRACK$H"
expect 2 "$F" "$TTYMIX" flow p
expect 2 "$F" "$TTYMIX" flow p t u
expect 2 "$F" "$TTYMIX" flow p t --frob
exit $fail
