/* The help page: every key, generated from the command table (ui/keys.c), so it is
 * always the truth about the running program. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "ui/app.h"
#include "ui/draw.h"
#include "ui/keys.h"
#include "ui/theme.h"

#define KEYS_W 20
#define NAME_W 20 /* a blank column after the longest syntax */

static const enum ui_scope scope_order[] = { UI_SCOPE_GLOBAL, UI_SCOPE_MIXER,
	UI_SCOPE_ARRANGER, UI_SCOPE_MASTERING, UI_SCOPE_STRIP, UI_SCOPE_LANE, UI_SCOPE_LINE, UI_SCOPE_HELP };
#define N_SCOPES (sizeof scope_order / sizeof scope_order[0])

/* "Up k" for a command's keys: spaces, since ',' is itself a key. */
static void key_list(const struct ui_command *c, char *buf, size_t size)
{
	buf[0] = '\0';
	for (int k = 0; k < UI_MAX_KEYS && c->keys[k]; k++) {
		char name[32];
		ui_key_name(c->keys[k], name, sizeof name);
		size_t len = strlen(buf);
		snprintf(buf + len, size - len, "%s%s", k ? " " : "", name);
	}
}

/* Draw the help text from line `first` on, at rows y0..y0+rows-1 (rows 0: draw
 * nothing); returns the number of lines the text has. */
static int help_text(int first, int y0, int rows)
{
	int line = 0;
	for (size_t s = 0; s < N_SCOPES; s++) {
		if (s > 0)
			line++; /* a blank line between sections */
		int y = y0 + line - first;
		if (rows > 0 && line >= first && y < y0 + rows)
			ui_text(y, 1, COLS - 1, ui_theme_attr(UI_ROLE_HEADING), false,
				ui_scope_title(scope_order[s]));
		line++;
		for (size_t i = 0; i < ui_n_commands; i++) {
			const struct ui_command *c = &ui_commands[i];
			if (!ui_command_in_scope(c, scope_order[s]))
				continue; /* a command serving two pages is listed under both */
			y = y0 + line - first;
			if (rows > 0 && line >= first && y < y0 + rows) {
				char keys[128];
				key_list(c, keys, sizeof keys);
				ui_text(y, 3, KEYS_W, ui_theme_attr(UI_ROLE_STRONG), true, keys);
				ui_text(y, 3 + KEYS_W, NAME_W - 1, ui_theme_attr(UI_ROLE_LABEL), true,
					c->name);
				const int help_x = 3 + KEYS_W + NAME_W;
				ui_text(y, help_x, COLS - help_x, ui_theme_attr(UI_ROLE_NORMAL), false,
					c->help);
			}
			line++;
		}
	}
	return line;
}

void ui_help_draw(struct ui_app *app)
{
	const int rows = LINES - 1 - UI_STATUS_LINES;
	const int total = help_text(0, 0, 0);
	int max_top = total > rows ? total - rows : 0;
	if (app->help_top > max_top)
		app->help_top = max_top;
	ui_text(0, 0, COLS, ui_theme_attr(UI_ROLE_TITLE), true,
		" ttymix keys   (Up/Down scroll, Esc or q closes)");
	help_text(app->help_top, 1, rows);
}

bool ui_help_key(struct ui_app *app, int key)
{
	return ui_keys_dispatch(app, UI_SCOPE_HELP, key);
}
