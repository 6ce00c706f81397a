/* The help page: every key, generated from the command table (ui/keys.c) and the
 * bindings as they are now (ui/bind.h: a key the ttymixrc moved shows where it went),
 * so it is always the truth about the running program. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "ui/app.h"
#include "ui/bind.h"
#include "ui/commands.h"
#include "ui/draw.h"
#include "ui/keys.h"
#include "ui/theme.h"
#include "ui/ui.h"

#define KEYS_W 20
#define NAME_W 20 /* a blank column after the longest syntax */

static const enum ui_scope scope_order[] = { UI_SCOPE_GLOBAL, UI_SCOPE_MIXER,
	UI_SCOPE_ARRANGER, UI_SCOPE_MASTERING, UI_SCOPE_STRIP, UI_SCOPE_LANE, UI_SCOPE_LINE, UI_SCOPE_HELP };
#define N_SCOPES (sizeof scope_order / sizeof scope_order[0])

/* Whether a binding's line is a command of the table (listed with it) or a line of
 * the user's own (listed after the commands of its page). */
static bool names_command(const char *line, enum ui_scope scope)
{
	for (size_t i = 0; i < ui_n_commands; i++)
		if (ui_command_in_scope(&ui_commands[i], scope)
			&& !strcmp(ui_commands[i].name, line))
			return true;
	return false;
}

/* One row: the keys, the name (or line), the help. */
static void help_row(int y, const char *keys, const char *name, const char *help)
{
	ui_text(y, 3, KEYS_W, ui_theme_attr(UI_ROLE_STRONG), true, keys);
	ui_text(y, 3 + KEYS_W, NAME_W - 1, ui_theme_attr(UI_ROLE_LABEL), true, name);
	const int help_x = 3 + KEYS_W + NAME_W;
	ui_text(y, help_x, COLS - help_x, ui_theme_attr(UI_ROLE_NORMAL), false, help);
}

/* The ':' commands, from their table: "gain TRACK DB" and what it does. */
static int line_rows(int line, int first, int y0, int rows)
{
	for (size_t i = 0; i < ui_line_count(); i++) {
		const int y = y0 + line - first;
		if (rows > 0 && line >= first && y < y0 + rows) {
			char syntax[128];
			studio_command_syntax(ui_line_row(i), syntax, sizeof syntax);
			help_row(y, "", syntax, ui_line_row(i)->help);
		}
		line++;
	}
	return line;
}

/* The user's own lines bound in scope, after its commands; returns the next line. */
static int own_lines(enum ui_scope scope, int line, int first, int y0, int rows)
{
	const struct ui_bindings *b = ui_bindings_active();
	for (size_t i = 0; i < b->n; i++) {
		const struct ui_binding *k = &b->items[i];
		if (k->scope != scope || names_command(k->line, scope))
			continue;
		const int y = y0 + line - first;
		if (rows > 0 && line >= first && y < y0 + rows) {
			char name[32];
			ui_key_name(k->key, name, sizeof name);
			help_row(y, name, k->line, "(your binding: runs this line)");
		}
		line++;
	}
	return line;
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
		if (scope_order[s] == UI_SCOPE_LINE) {
			line = line_rows(line, first, y0, rows);
			continue;
		}
		for (size_t i = 0; i < ui_n_commands; i++) {
			const struct ui_command *c = &ui_commands[i];
			if (!ui_command_in_scope(c, scope_order[s]))
				continue; /* a command serving two pages is listed under both */
			y = y0 + line - first;
			if (rows > 0 && line >= first && y < y0 + rows) {
				char keys[128], help[128];
				ui_bindings_keys(ui_bindings_active(), scope_order[s], c->name, 0,
					keys, sizeof keys);
				help_row(y, keys, c->name, ui_command_help(c, help, sizeof help));
			}
			line++;
		}
		line = own_lines(scope_order[s], line, first, y0, rows);
	}
	return line;
}

/* The title's hints with the keys as bound: "(Up/Down scroll, Esc or q closes)". */
static void title_hints(char *buf, size_t size)
{
	const struct ui_bindings *b = ui_bindings_active();
	char up[32], down[32], close[64], said[160] = "";
	if (ui_bindings_keys(b, UI_SCOPE_HELP, "help-up", 1, up, sizeof up)
		&& ui_bindings_keys(b, UI_SCOPE_HELP, "help-down", 1, down, sizeof down))
		snprintf(said, sizeof said, "%s/%s scroll", up, down);
	if (ui_bindings_keys(b, UI_SCOPE_HELP, "help-close", 2, close, sizeof close)) {
		char *space = strchr(close, ' ');
		if (space)
			*space = '\0'; /* "Esc q": "Esc or q" */
		const size_t len = strlen(said);
		snprintf(said + len, sizeof said - len, "%s%s%s%s closes", len ? ", " : "", close,
			space ? " or " : "", space ? space + 1 : "");
	}
	snprintf(buf, size, said[0] ? "(%s)" : "%s", said);
}

void ui_help_draw(struct ui_app *app)
{
	const int rows = LINES - 1 - UI_STATUS_LINES;
	const int total = help_text(0, 0, 0);
	int max_top = total > rows ? total - rows : 0;
	if (app->help.top > max_top)
		app->help.top = max_top;
	char hints[160];
	title_hints(hints, sizeof hints);
	ui_textf(0, 0, COLS, ui_theme_attr(UI_ROLE_TITLE), true, " ttymix keys   %s", hints);
	help_text(app->help.top, 1, rows);
}

bool ui_help_key(struct ui_app *app, int key)
{
	return ui_keys_dispatch(app, UI_SCOPE_HELP, key);
}

/* The man page's key list, one .SS a page, from the same tables as the help page:
 * ttymix --print-keys-man (docs/ttymix.1 holds its output; make man-keys). */
/* Text for a man page line: backslashes and hyphens escaped, a leading . or ' kept
 * from being read as a request. */
static void man_text(FILE *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
	}
}

void ui_help_print_man(FILE *out)
{
	struct ui_bindings defaults;
	ui_bindings_init_defaults(&defaults);
	for (size_t s = 0; s < N_SCOPES; s++) {
		const enum ui_scope scope = scope_order[s];
		if (scope == UI_SCOPE_LINE)
			continue; /* the man page says more of them than their help does */
		fprintf(out, ".SS ");
		man_text(out, ui_scope_title(scope));
		fputc('\n', out);
		bool first = true;
		for (size_t c = 0; c < ui_n_commands; c++) {
			const struct ui_command *cmd = &ui_commands[c];
			if (!ui_command_in_scope(cmd, scope))
				continue;
			fprintf(out, "%s\n\\&", first ? ".TP 14" : ".TQ");
			first = false;
			int n = 0;
			for (size_t i = 0; i < defaults.n; i++) {
				const struct ui_binding *k = &defaults.items[i];
				if (k->scope != scope || strcmp(k->line, cmd->name))
					continue;
				char name[32];
				ui_key_name(k->key, name, sizeof name);
				fprintf(out, "%s\\fB", n++ ? ", " : "");
				man_text(out, name);
				fputs("\\fR", out);
			}
			fprintf(out, "%s(", n ? " " : "");
			man_text(out, cmd->name);
			fputs(")\n", out);
			man_text(out, cmd->help);
			fputc('\n', out);
		}
	}
	ui_bindings_free(&defaults);
}
