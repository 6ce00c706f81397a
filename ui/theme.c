#include <curses.h>
#include <stdlib.h>

#include "ui/theme.h"

struct theme_entry {
	short fg, bg;
	int colour_attr, mono_attr; /* curses attributes fit an int */
};

#define UI_THEME_ROW(role, fg, bg, attr, mono) [role] = { fg, bg, attr, mono },
static const struct theme_entry theme[UI_ROLE_COUNT] = { UI_THEME_TABLE(UI_THEME_ROW) };
#undef UI_THEME_ROW

static bool use_colour;

bool ui_theme_init(void)
{
	const char *no_colour = getenv("NO_COLOR");
	use_colour = has_colors() && !(no_colour && *no_colour) && start_color() == OK;
	if (!use_colour)
		return false;
	/* -1 keeps the user's background (a translucent or themed terminal) */
	bool defaults = use_default_colors() == OK;
	for (int r = 1; r < UI_ROLE_COUNT && r < COLOR_PAIRS; r++) {
		short fg = theme[r].fg, bg = theme[r].bg;
		if (!defaults) {
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		init_pair((short)r, fg, bg);
	}
	return true;
}

int ui_theme_attr(enum ui_role role)
{
	if (role <= 0 || role >= UI_ROLE_COUNT)
		return A_NORMAL;
	if (!use_colour || (int)role >= COLOR_PAIRS)
		return theme[role].mono_attr;
	return (int)COLOR_PAIR((int)role) | theme[role].colour_attr;
}
