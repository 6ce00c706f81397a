#!/bin/sh
# docs/ttymix.1's key list is generated from the command and binding tables
# (ttymix --print-keys-man): fail when the page and the binary disagree, so a key
# changed in ui/bind.c cannot leave the man page behind. With --write (make
# man-keys), put the binary's list into the page instead.
set -u
TEST=man_keys
: "${top_srcdir:?run by make check}" "${TTYMIX:?run by make check}"
man="$top_srcdir/docs/ttymix.1"
work=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-man-keys.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT

"$TTYMIX" --print-keys-man >"$work/want" || { echo "$TEST: FAIL: --print-keys-man"; exit 1; }
[ -s "$work/want" ] || { echo "$TEST: FAIL: --print-keys-man printed nothing"; exit 1; }
grep -q '^\.\\" BEGIN KEYS' "$man" && grep -q '^\.\\" END KEYS' "$man" \
	|| { echo "$TEST: FAIL: $man has no BEGIN KEYS / END KEYS lines"; exit 1; }

# the page's generated part: after BEGIN's comment lines, up to END
awk '/^\.\\" END KEYS/ { inside = 0 }
	inside && !(head && /^\.\\"/) { head = 0; print }
	/^\.\\" BEGIN KEYS/ { inside = 1; head = 1 }' "$man" >"$work/got"

if [ "${1:-}" = --write ]; then
	awk -v gen="$work/want" '/^\.\\" END KEYS/ { while ((getline l < gen) > 0) print l; skip = 0 }
		skip && !/^\.\\"/ { next }
		{ print }
		/^\.\\" BEGIN KEYS/ { skip = 1 }' "$man" >"$work/page" || exit 1
	cat "$work/page" >"$man" || exit 1
	echo "$man: key list written"
	exit 0
fi
if ! diff -u "$work/got" "$work/want"; then
	echo "$TEST: FAIL: docs/ttymix.1's key list is not what ttymix --print-keys-man" \
		"prints; run make man-keys"
	exit 1
fi
echo "$TEST: ok ($(grep -c '^\.SS' "$work/want") pages of keys)"
