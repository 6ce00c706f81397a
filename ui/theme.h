/* Colours and attributes: one table of roles, each with a colour look and a
 * monochrome look, so that pages name a role and never a colour. UI thread only. */
#ifndef TTYMIX_UI_THEME_H
#define TTYMIX_UI_THEME_H

#include <stdbool.h>

/* X(role, foreground, background, attributes in colour, attributes in monochrome);
 * -1 is the terminal's default colour. */
#define UI_THEME_TABLE(X) \
	X(UI_ROLE_NORMAL,     -1,            -1,        A_NORMAL,          A_NORMAL) \
	X(UI_ROLE_STRONG,     -1,            -1,        A_BOLD,            A_BOLD) \
	X(UI_ROLE_HEADING,    -1,            -1,   A_BOLD | A_UNDERLINE, A_BOLD | A_UNDERLINE) \
	X(UI_ROLE_TITLE,      COLOR_BLACK,   COLOR_CYAN, A_NORMAL,         A_REVERSE) \
	X(UI_ROLE_LABEL,      COLOR_CYAN,    -1,        A_NORMAL,          A_DIM) \
	X(UI_ROLE_SELECTED,   COLOR_BLACK,   COLOR_WHITE, A_NORMAL,        A_REVERSE) \
	X(UI_ROLE_METER_LOW,  COLOR_GREEN,   -1,        A_NORMAL,          A_NORMAL) \
	X(UI_ROLE_METER_MID,  COLOR_YELLOW,  -1,        A_NORMAL,          A_NORMAL) \
	X(UI_ROLE_METER_HIGH, COLOR_RED,     -1,        A_BOLD,            A_BOLD) \
	X(UI_ROLE_HOLD,       COLOR_WHITE,   -1,        A_BOLD,            A_BOLD) \
	X(UI_ROLE_CLIP,       COLOR_WHITE,   COLOR_RED, A_BOLD,            A_REVERSE | A_BOLD) \
	X(UI_ROLE_MUTE,       COLOR_BLACK,   COLOR_YELLOW, A_NORMAL,       A_REVERSE) \
	X(UI_ROLE_SOLO,       COLOR_BLACK,   COLOR_GREEN, A_NORMAL,        A_REVERSE) \
	X(UI_ROLE_STATUS,     COLOR_BLACK,   COLOR_CYAN, A_NORMAL,         A_REVERSE) \
	X(UI_ROLE_PLAYING,    COLOR_BLACK,   COLOR_GREEN, A_BOLD,          A_REVERSE | A_BOLD) \
	X(UI_ROLE_ERROR,      COLOR_RED,     -1,        A_BOLD,            A_BOLD) \
	X(UI_ROLE_PROMPT,     COLOR_BLACK,   COLOR_YELLOW, A_BOLD,         A_REVERSE | A_BOLD)

#define UI_THEME_ENUM(role, fg, bg, attr, mono) role,
enum ui_role { UI_THEME_TABLE(UI_THEME_ENUM) UI_ROLE_COUNT };
#undef UI_THEME_ENUM

/* Call after initscr. Uses colour when the terminal has it and NO_COLOR is unset
 * (https://no-color.org); returns whether it does. */
bool ui_theme_init(void);
/* The curses attributes (colour pair included) for a role. */
int ui_theme_attr(enum ui_role role);

#endif
