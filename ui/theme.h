/* Colours and attributes: one table of roles, each with a colour look and a
 * monochrome look, so that pages name a role and never a colour. UI thread only. */
#ifndef TTYMIX_UI_THEME_H
#define TTYMIX_UI_THEME_H

#include <stdbool.h>

/* X(role, foreground, background, 256-colour foreground, 256-colour background,
 * attributes in colour, attributes in monochrome); -1 is the terminal's default colour.
 * The 8-colour look is the floor every colour terminal gets; with 256 colours (xterm's
 * 6x6x6 cube from 16, greys from 232) the same roles take calmer hues: a deep green,
 * amber and red meter, grey grid lines and labels that recede behind the values. The
 * 256-colour numbers are all 16 or above: the first 16 are themable by the user and
 * might not be what we meant. Every role on the terminal's own background (-1) has a
 * foreground that reads on a light one as well as on a dark one: no white (a hold
 * line is the terminal's own foreground, bold). */
#define UI_THEME_TABLE(X) \
	X(UI_ROLE_NORMAL,     -1,            -1,           -1,  -1,  A_NORMAL, A_NORMAL) \
	X(UI_ROLE_STRONG,     -1,            -1,           -1,  -1,  A_BOLD,   A_BOLD) \
	X(UI_ROLE_HEADING,    -1,            -1,           -1,  -1,  A_BOLD | A_UNDERLINE, \
		A_BOLD | A_UNDERLINE) \
	X(UI_ROLE_TITLE,      COLOR_BLACK,   COLOR_CYAN,   231, 24,  A_NORMAL, A_REVERSE) \
	X(UI_ROLE_LABEL,      COLOR_CYAN,    -1,           109, -1,  A_NORMAL, A_DIM) \
	X(UI_ROLE_SELECTED,   COLOR_BLACK,   COLOR_WHITE,  16,  153, A_NORMAL, A_REVERSE) \
	X(UI_ROLE_METER_LOW,  COLOR_GREEN,   -1,           35,  -1,  A_NORMAL, A_NORMAL) \
	X(UI_ROLE_METER_MID,  COLOR_YELLOW,  -1,           214, -1,  A_NORMAL, A_NORMAL) \
	X(UI_ROLE_METER_HIGH, COLOR_RED,     -1,           196, -1,  A_BOLD,   A_BOLD) \
	X(UI_ROLE_HOLD,       -1,            -1,           -1,  -1,  A_BOLD,   A_BOLD) \
	X(UI_ROLE_CLIP,       COLOR_WHITE,   COLOR_RED,    231, 160, A_BOLD,   A_REVERSE | A_BOLD) \
	X(UI_ROLE_MUTE,       COLOR_BLACK,   COLOR_YELLOW, 16,  214, A_NORMAL, A_REVERSE) \
	X(UI_ROLE_SOLO,       COLOR_BLACK,   COLOR_GREEN,  16,  77,  A_NORMAL, A_REVERSE) \
	X(UI_ROLE_STATUS,     COLOR_BLACK,   COLOR_CYAN,   253, 238, A_NORMAL, A_REVERSE) \
	X(UI_ROLE_PLAYING,    COLOR_BLACK,   COLOR_GREEN,  16,  77,  A_BOLD,   A_REVERSE | A_BOLD) \
	X(UI_ROLE_ERROR,      COLOR_RED,     -1,           203, -1,  A_BOLD,   A_BOLD) \
	X(UI_ROLE_PROMPT,     COLOR_BLACK,   COLOR_YELLOW, 16,  220, A_BOLD,   A_REVERSE | A_BOLD)

#define UI_THEME_ENUM(role, fg, bg, fg256, bg256, attr, mono) role,
enum ui_role { UI_THEME_TABLE(UI_THEME_ENUM) UI_ROLE_COUNT };
#undef UI_THEME_ENUM

/* The looks a terminal can get, richest first. */
enum ui_theme_depth {
	UI_THEME_MONO,
	UI_THEME_8,
	UI_THEME_256,
};

/* Call after initscr. Uses colour when the terminal has it and NO_COLOR is unset
 * (https://no-color.org): the 256-colour look when COLORS and COLOR_PAIRS allow it,
 * else the 8-colour one; returns whether there is colour at all. */
bool ui_theme_init(void);
/* The look ui_theme_init chose. */
enum ui_theme_depth ui_theme_depth(void);
/* The curses attributes (colour pair included) for a role. */
int ui_theme_attr(enum ui_role role);

#endif
