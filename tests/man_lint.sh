#!/bin/sh
# docs/ttymix.1 renders cleanly: no warning from groff at its strictest (-ww) on a
# UTF-8 and an ASCII terminal, nor from man -l; the "Everywhere" keys include 3 and
# :; and the page and the README name every built-in insert type (read from
# audio/fx/fx.c's table). Needs groff and man (groff-base, man-db).
set -u
TEST=man_lint
: "${top_srcdir:?run by make check}"
page="$top_srcdir/docs/ttymix.1"

missing() {
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then
		echo "$TEST: FAIL: $1 (install the Debian packages groff-base and man-db)"
		exit 99
	fi
	echo "$TEST: SKIP: $1"
	exit 77
}
command -v groff >/dev/null 2>&1 || missing "no groff"
command -v man >/dev/null 2>&1 || missing "no man"

work=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-man-lint.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP
fail() {
	echo "$TEST: FAIL: $*"
	exit 1
}

# every warning groff has, as a UTF-8 and as an ASCII terminal would render it
for dev in utf8 ascii; do
	groff -ww -man -T"$dev" "$page" >"$work/out.$dev" 2>"$work/err.$dev" \
		|| fail "groff -T$dev exited $?"
	if [ -s "$work/err.$dev" ]; then
		cat "$work/err.$dev"
		fail "groff -ww -man -T$dev warns (above)"
	fi
done
# man -l, as a reader runs it, in UTF-8 and in the C locale at 80 columns
for loc in C.UTF-8 C; do
	LC_ALL=$loc LANG=$loc MANWIDTH=80 MANPAGER=cat PAGER=cat \
		man --warnings -l "$page" >"$work/man.$loc" 2>"$work/merr.$loc" \
		|| fail "man -l exited $? in $loc"
	if [ -s "$work/merr.$loc" ]; then
		cat "$work/merr.$loc"
		fail "man --warnings -l warns in $loc (above)"
	fi
	[ -s "$work/man.$loc" ] || fail "man -l rendered nothing in $loc"
done
# a terminal without UTF-8 gets ASCII only (a special character groff maps to UTF-8
# there would show as mojibake)
if LC_ALL=C grep -n '[^[:print:][:space:]]' "$work/man.C" >"$work/nonascii"; then
	head -5 "$work/nonascii"
	fail "man -l in the C locale printed bytes outside ASCII (above)"
fi

# the Everywhere keys: from its heading to the next one
awk '/^   Everywhere/ { on = 1; next } /^   [A-Z]/ { on = 0 } on' "$work/man.C" \
	>"$work/everywhere"
grep -Eq '^ +3 \(mastering\)' "$work/everywhere" || fail "Everywhere lacks the 3 key"
grep -Eq '^ +: \(command-line\)' "$work/everywhere" || fail "Everywhere lacks the : key"

# the built-in insert types, from the effect table's initializer
types=$(sed -n '/fx_classes\[\] = {/,/};/p' "$top_srcdir/audio/fx/fx.c" \
	| grep -o '&fx_[a-z0-9_]*' | sed 's/&fx_//')
n=$(echo "$types" | wc -w)
[ "$n" -ge 9 ] || fail "read $n insert types from audio/fx/fx.c: $types"
sed -n '/^INSERT TYPES/,/^[A-Z]/p' "$work/man.C" >"$work/types"
for t in $types; do
	grep -Eq "^       $t( |$)" "$work/types" || fail "the man page's INSERT TYPES lacks $t"
	grep -Eq "^- \`$t\`" "$top_srcdir/README" || fail "the README's list of inserts lacks $t"
done
echo "$TEST: ok ($n insert types; groff and man -l quiet)"
