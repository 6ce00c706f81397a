#!/bin/sh
# The headless studio links without curses (issue 16): tests/studio_test, which drives
# a whole editing session, has no curses library among its dynamic dependencies and
# no curses symbol in it, and libttymix.a (everything but ui/) holds no curses symbol.
top=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
build=${top_builddir:-$top}
bin=$build/tests/studio_test
lib=$build/libttymix.a
bad=0
for f in "$bin" "$lib"; do
	[ -f "$f" ] || { echo "studio_nocurses: FAIL: $f is missing (make check builds it)"; exit 1; }
done
# a libtool wrapper would hide the real binary; ours are plain programs
if ldd "$bin" 2>/dev/null | grep -Ei 'curses|tinfo'; then
	echo "studio_nocurses: FAIL: tests/studio_test links a curses library"
	bad=1
fi
# curses' own entry points (initscr, newterm, wgetch, endwin, ...): none referenced
curses_syms='^(initscr|newterm|endwin|wgetch|getch|wrefresh|refresh|doupdate|stdscr|curscr|COLS|LINES|mvwaddnstr|waddnstr|wattr_on|keypad|start_color|init_pair)$'
if nm "$bin" | awk '{print $NF}' | grep -Eq "$curses_syms"; then
	echo "studio_nocurses: FAIL: tests/studio_test references curses symbols:"
	nm "$bin" | awk '{print $NF}' | grep -E "$curses_syms" | head
	bad=1
fi
if nm -u "$lib" 2>/dev/null | awk '{print $NF}' | grep -Eq "$curses_syms"; then
	echo "studio_nocurses: FAIL: libttymix.a (no ui/) calls curses:"
	nm -A -u "$lib" | grep -E " ($(echo "$curses_syms" | tr -d '^$()'))$" | head
	bad=1
fi
[ "$bad" -eq 0 ] || exit 1
echo "studio_nocurses: the headless studio links without curses"
