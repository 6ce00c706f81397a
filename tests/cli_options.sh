#!/bin/sh
# The subcommands' options, read by one table-driven parser (cli_parse in
# src/cli_util.c): every usage message word for word, options before or after the
# operand, "--" ending loudness's options, an unknown option named as such even when
# it is last, and a value that looks like an option taken as the value.
set -u
: "${TTYMIX:?run me through make check}"
. "$top_srcdir/tests/expect_lib.sh"

expect 2 "ttymix: render: unknown option --frob$H" "$TTYMIX" render --frob
expect 2 "ttymix: render: unknown option --frob$H" "$TTYMIX" render p --frob x
expect 2 "ttymix: render takes one project (got \"q\" too)$H" "$TTYMIX" render p q
expect 2 "ttymix: render needs a project$H" "$TTYMIX" render -o x.wav
expect 2 "ttymix: render needs -o OUT (or --stems DIR)$H" "$TTYMIX" render p
expect 2 "ttymix: --start needs a value$H" "$TTYMIX" render p --start
expect 2 "ttymix: --rate takes 8000 to 384000 Hz, not \"5\"$H" "$TTYMIX" render p -o x.wav --rate 5
expect 2 "ttymix: --bits takes 16, 24 or 32f, not \"12\"$H" "$TTYMIX" render --bits 12 p
expect 2 "ttymix: --format takes wav, flac, ogg, aiff or mp3, not \"zz\"$H" "$TTYMIX" render p --format zz
expect 2 "ttymix: --dither takes none, tpdf or shaped, not \"x\"$H" "$TTYMIX" render p --dither x
expect 2 "ttymix: --start takes seconds from 0, not \"-1\"$H" "$TTYMIX" render p --start -1
expect 2 "ttymix: --end takes seconds from 0, not \"1e9\"$H" "$TTYMIX" render p --end 1e9
expect 2 "ttymix: FLAC stores 16 or 24-bit; use --bits 16 or 24$H" "$TTYMIX" render "$t/none" -o x.flac --bits 32f
expect 2 "ttymix: album: unknown option --frob$H" "$TTYMIX" album p --frob
expect 2 "ttymix: album takes one project (got \"q\" too)$H" "$TTYMIX" album p q
expect 2 "ttymix: album needs a project$H" "$TTYMIX" album --json
expect 2 "ttymix: --target takes a loudness in LUFS (-70 to 0), not \"3\"$H" "$TTYMIX" album p --target 3
expect 2 "ttymix: --ceiling takes a true peak in dBTP (-20 to 0), not \"1\"$H" "$TTYMIX" album p --ceiling 1
expect 2 "ttymix: --rate takes 8000 to 384000 Hz, not \"x\"$H" "$TTYMIX" album -o d --rate x p
expect 2 "ttymix: master: unknown option --frob$H" "$TTYMIX" master in.wav -o x.wav --frob
expect 2 "ttymix: master takes one input file (got \"b\" too)$H" "$TTYMIX" master a b
expect 2 "ttymix: master needs an input file$H" "$TTYMIX" master --json
expect 2 "ttymix: master needs -o OUT$H" "$TTYMIX" master in.wav
expect 2 "ttymix: --target takes spotify, apple, youtube, ebu or a loudness in LUFS (-70 to 0), not \"tidal\"$H" "$TTYMIX" master in.wav --target tidal
expect 2 "ttymix: --ceiling takes -12 to 0 dBTP, not \"2\"$H" "$TTYMIX" master in.wav --ceiling 2
expect 2 "ttymix: loudness: unknown option --frob$H" "$TTYMIX" loudness a.wav --frob
expect 2 "ttymix: loudness needs at least one audio file$H" "$TTYMIX" loudness --json
expect 2 "ttymix: loudness needs at least one audio file$H" "$TTYMIX" loudness --

# after "--", "--json" is a file; "-" is a file, not an option
expect 1 "ttymix: --json: audio file not found" "$TTYMIX" loudness -- --json
"$TTYMIX" loudness - </dev/null >"$t/out" 2>"$t/err"
grep -q "unknown option" "$t/err" && bad "loudness -: taken as an option"
# -o's value may start with a dash: it is the value, not an option
"$TTYMIX" render "$t/none" -o --json >"$t/out" 2>"$t/err"
grep -q "unknown option" "$t/err" && bad "render -o --json: --json taken as an option"
exit $fail
