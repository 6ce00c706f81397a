/* The help page: every key, generated from the command table (ui/keys.c) and the
 * bindings as they are now (ui/bind.h: a key the ttymixrc moved shows where it went),
 * so it is always the truth about the running program. */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

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

/* One row of the help: a section's heading, or the keys, the name (or line) and what
 * it does. The text is built from the tables each time, then laid out to the width. */
struct help_row {
	const char *heading;        /* a section's title, or NULL */
	char keys[128], name[160], help[200];
};

/* each_row calls visit with every row in order, and stops early when it returns
 * false. */
#define HELP_VISIT bool (*visit)(void *arg, const struct help_row *r)

static bool visit_lines(HELP_VISIT, void *arg)
{
	for (size_t i = 0; i < ui_line_count(); i++) {
		struct help_row r = { 0 };
		studio_command_syntax(ui_line_row(i), r.name, sizeof r.name);
		snprintf(r.help, sizeof r.help, "%s", ui_line_row(i)->help);
		if (!visit(arg, &r))
			return false;
	}
	return true;
}

/* The user's own lines bound in scope, after its commands. */
static bool visit_own(enum ui_scope scope, HELP_VISIT, void *arg)
{
	const struct ui_bindings *b = ui_bindings_active();
	for (size_t i = 0; i < b->n; i++) {
		const struct ui_binding *k = &b->items[i];
		if (k->scope != scope || names_command(k->line, scope))
			continue;
		struct help_row r = { 0 };
		ui_key_name(k->key, r.keys, sizeof r.keys);
		snprintf(r.name, sizeof r.name, "%s", k->line);
		snprintf(r.help, sizeof r.help, "(your binding: runs this line)");
		if (!visit(arg, &r))
			return false;
	}
	return true;
}

static void each_row(HELP_VISIT, void *arg)
{
	for (size_t s = 0; s < N_SCOPES; s++) {
		const struct help_row head = { .heading = ui_scope_title(scope_order[s]) };
		if (!visit(arg, &head))
			return;
		if (scope_order[s] == UI_SCOPE_LINE) {
			if (!visit_lines(visit, arg))
				return;
			continue;
		}
		for (size_t i = 0; i < ui_n_commands; i++) {
			const struct ui_command *c = &ui_commands[i];
			if (!ui_command_in_scope(c, scope_order[s]))
				continue; /* a command serving two pages is listed under both */
			struct help_row r = { 0 };
			ui_bindings_keys(ui_bindings_active(), scope_order[s], c->name, 0, r.keys,
				sizeof r.keys);
			snprintf(r.name, sizeof r.name, "%s", c->name);
			char said[200];
			snprintf(r.help, sizeof r.help, "%s", ui_command_help(c, said, sizeof said));
			if (!visit(arg, &r))
				return;
		}
		if (!visit_own(scope_order[s], visit, arg))
			return;
	}
}

/* The columns at this width: the name column as wide as the longest name when the
 * screen has room (a description keeps HELP_MIN_W), else NAME_W; a key or name too
 * long for its column takes lines of its own, so nothing is ever cut. */
#define HELP_MIN_W 40

struct help_layout {
	int name_w, help_x, help_w;
	int line;                   /* the line the next row starts on */
	int top, y0, rows;          /* what to draw (rows 0: nothing) */
	int mark;                   /* the row marked as the search's match (-1: none) */
	int row;                    /* the next row's number */
};

static bool longest_name(void *arg, const struct help_row *r)
{
	int *longest = arg, cols;
	if (!r->heading) {
		ui_text_fit(r->name, 1000, &cols);
		if (cols > *longest)
			*longest = cols;
	}
	return true;
}

static struct help_layout layout_for(int width)
{
	int longest = 0;
	each_row(longest_name, &longest);
	struct help_layout L = { .name_w = NAME_W, .mark = -1 };
	const int room = width - 3 - KEYS_W - HELP_MIN_W;
	if (room > NAME_W)
		L.name_w = longest + 2 < room ? longest + 2 : room;
	L.help_x = 3 + KEYS_W + L.name_w;
	if (width - L.help_x < 16)
		L.help_x = width > 24 ? 8 : 1; /* a very narrow screen: under the name */
	L.help_w = width - L.help_x;
	return L;
}

/* Draw (when in view) s wrapped at x..width from the layout's line on; returns the
 * lines it took (at least 1). */
static int wrapped(struct help_layout *L, const char *s, int x, int attr)
{
	const int width = COLS - x;
	int n = 0;
	do {
		size_t next;
		const size_t len = ui_text_wrap(s, width, &next);
		const int y = L->y0 + L->line + n - L->top;
		if (L->rows > 0 && L->line + n >= L->top && y < L->y0 + L->rows) {
			char part[256];
			snprintf(part, sizeof part, "%.*s", (int)len, s);
			ui_text(y, x, width, attr, false, part);
		}
		n++;
		s += next;
	} while (*s);
	return n;
}

/* Lay out (and draw what is in view of) one row. */
static bool layout_row(void *arg, const struct help_row *r)
{
	struct help_layout *L = arg;
	const int row = L->row++;
	if (r->heading) {
		if (row > 0)
			L->line++; /* a blank line between sections */
		if (row == L->mark && L->rows > 0 && L->line >= L->top
			&& L->line - L->top < L->rows)
			ui_text(L->y0 + L->line - L->top, 0, 1, ui_theme_attr(UI_ROLE_STRONG), false,
				">");
		L->line += wrapped(L, r->heading, 1, ui_theme_attr(UI_ROLE_HEADING));
		return true;
	}
	const int start = L->line;
	int kc, nc;
	ui_text_fit(r->keys, 1000, &kc);
	ui_text_fit(r->name, 1000, &nc);
	const int name_x = 3 + KEYS_W;
	if (kc > KEYS_W - 1 || name_x >= COLS)
		L->line += wrapped(L, r->keys, 3, ui_theme_attr(UI_ROLE_STRONG));
	else
		wrapped(L, r->keys, 3, ui_theme_attr(UI_ROLE_STRONG));
	if (name_x >= COLS || nc > L->name_w - 1 || nc > COLS - name_x) {
		L->line += wrapped(L, r->name, name_x < COLS ? name_x : 3,
			ui_theme_attr(UI_ROLE_LABEL));
	} else {
		wrapped(L, r->name, name_x, ui_theme_attr(UI_ROLE_LABEL));
		if (L->help_x < name_x + nc + 1 && r->help[0])
			L->line++; /* a narrow screen: the description under the name */
	}
	L->line += r->help[0] ? wrapped(L, r->help, L->help_x, ui_theme_attr(UI_ROLE_NORMAL))
		: L->line == start;
	if (row == L->mark && L->rows > 0 && start >= L->top && start - L->top < L->rows)
		ui_text(L->y0 + start - L->top, 1, 1, ui_theme_attr(UI_ROLE_STRONG), false, ">");
	return true;
}

/* Draw the help text from line `top` on, at rows y0..y0+rows-1 (rows 0: draw
 * nothing); returns the number of lines the text has at this width. */
static int help_text(const struct ui_help_view *v, int top, int y0, int rows)
{
	struct help_layout L = layout_for(COLS);
	L.top = top;
	L.y0 = y0;
	L.rows = rows;
	L.mark = v->match - 1;
	each_row(layout_row, &L);
	return L.line;
}

/* ---- search: / (":help-find TEXT") and n ---- */

struct help_find {
	struct help_layout L;
	const char *query;
	int after;                  /* the match must be a row after this one */
	int found, found_line;      /* the first matching row after `after` (-1: none) */
	int first, first_line;      /* the first matching row of all (wraps around) */
};

/* Whether s holds q, ignoring ASCII case. */
static bool has(const char *s, const char *q)
{
	if (!s)
		return false;
	const size_t n = strlen(q);
	for (; *s; s++)
		if (!strncasecmp(s, q, n))
			return true;
	return false;
}

static bool find_row(void *arg, const struct help_row *r)
{
	struct help_find *f = arg;
	const int row = f->L.row, line = f->L.line + (r->heading && row > 0);
	layout_row(&f->L, r);
	if (!(has(r->heading, f->query) || has(r->keys, f->query) || has(r->name, f->query)
		|| has(r->help, f->query)))
		return true;
	if (f->first < 0) {
		f->first = row;
		f->first_line = line;
	}
	if (row > f->after) {
		f->found = row;
		f->found_line = line;
		return false;
	}
	return true;
}

/* Show the next row holding the query after the current match (or from the top),
 * round to the start after the end. */
static void help_find_next(struct ui_app *app)
{
	struct ui_help_view *v = &app->help;
	if (!v->query[0]) {
		ui_message(app, "nothing to find yet (/ asks for a word)");
		return;
	}
	struct help_find f = { .L = layout_for(COLS), .query = v->query,
		.after = v->match - 1, .found = -1, .first = -1 };
	f.L.mark = -1;
	each_row(find_row, &f);
	bool wrapped_round = false;
	if (f.found < 0 && f.first >= 0) {
		f.found = f.first;
		f.found_line = f.first_line;
		wrapped_round = v->match > 0;
	}
	if (f.found < 0) {
		v->match = 0;
		ui_error(app, "\"%s\" is not in the help", v->query);
	} else {
		v->match = f.found + 1;
		v->top = f.found_line > 2 ? f.found_line - 2 : 0; /* a little above it */
		ui_message(app, "\"%s\" found%s (n: next)", v->query,
			wrapped_round ? ", from the top again" : "");
	}
	app->need_draw = true;
}

/* The title's hints with the keys as bound: "(Up/Down scroll, Esc or q closes)". */
static void title_hints(char *buf, size_t size)
{
	const struct ui_bindings *b = ui_bindings_active();
	char up[32], down[32], find[32], close[64], said[160] = "";
	if (ui_bindings_keys(b, UI_SCOPE_HELP, "help-up", 1, up, sizeof up)
		&& ui_bindings_keys(b, UI_SCOPE_HELP, "help-down", 1, down, sizeof down))
		snprintf(said, sizeof said, "%s/%s scroll", up, down);
	if (ui_bindings_keys(b, UI_SCOPE_HELP, "help-search", 1, find, sizeof find)) {
		const size_t len = strlen(said);
		snprintf(said + len, sizeof said - len, "%s%s finds", len ? ", " : "", find);
	}
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
	if (app->help.find_pending) {
		app->help.find_pending = false;
		help_find_next(app);
	}
	const int total = help_text(&app->help, 0, 0, 0);
	int max_top = total > rows ? total - rows : 0;
	if (app->help.top > max_top)
		app->help.top = max_top;
	char hints[160];
	title_hints(hints, sizeof hints);
	ui_textf(0, 0, COLS, ui_theme_attr(UI_ROLE_TITLE), true, " ttymix keys   %s", hints);
	help_text(&app->help, app->help.top, 1, rows);
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
