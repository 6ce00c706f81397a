#include <curses.h>
#include <stdlib.h>

#include "ui/theme.h"

struct theme_entry {
	short fg, bg;           /* the 8-colour look */
	short fg256, bg256;     /* the 256-colour look */
	int colour_attr, mono_attr; /* curses attributes fit an int */
};

#define UI_THEME_ROW(role, fg, bg, fg256, bg256, attr, mono) \
	[role] = { fg, bg, fg256, bg256, attr, mono },
static const struct theme_entry theme[UI_ROLE_COUNT] = { UI_THEME_TABLE(UI_THEME_ROW) };
#undef UI_THEME_ROW

static enum ui_theme_depth depth = UI_THEME_MONO;

/* Set every role's pair from one column of the table; false if the terminal refused
 * one (then nothing half-done is used: the caller falls back a level). */
static bool init_pairs(bool rich, bool defaults)
{
	for (int r = 1; r < UI_ROLE_COUNT && r < COLOR_PAIRS; r++) {
		short fg = rich ? theme[r].fg256 : theme[r].fg;
		short bg = rich ? theme[r].bg256 : theme[r].bg;
		if (!defaults) {
			/* no default colours: what a plain terminal shows, white on black */
			fg = fg < 0 ? (rich ? 252 : COLOR_WHITE) : fg;
			bg = bg < 0 ? (rich ? 16 : COLOR_BLACK) : bg;
		}
		if (init_pair((short)r, fg, bg) == ERR)
			return false;
	}
	return true;
}

bool ui_theme_init(void)
{
	const char *no_colour = getenv("NO_COLOR");
	depth = UI_THEME_MONO;
	if (!has_colors() || (no_colour && *no_colour) || start_color() != OK)
		return false;
	/* -1 keeps the user's background (a translucent or themed terminal) */
	bool defaults = use_default_colors() == OK;
	if (COLORS >= 256 && COLOR_PAIRS >= UI_ROLE_COUNT && init_pairs(true, defaults)) {
		depth = UI_THEME_256;
		return true;
	}
	init_pairs(false, defaults);
	depth = UI_THEME_8;
	return true;
}

enum ui_theme_depth ui_theme_depth(void)
{
	return depth;
}

int ui_theme_attr(enum ui_role role)
{
	if (role <= 0 || role >= UI_ROLE_COUNT)
		return A_NORMAL;
	if (depth == UI_THEME_MONO || (int)role >= COLOR_PAIRS)
		return theme[role].mono_attr;
	return (int)COLOR_PAIR((int)role) | theme[role].colour_attr;
}
