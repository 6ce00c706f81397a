/* The ':' line editor: bytes in a buffer (UTF-8 passes through whole), a cursor kept
 * on character boundaries, history and Tab completion. */
#include "ui/cmdline.h"

#include <curses.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#include "src/paths.h"
#include "src/base/safefile.h"
#include "src/base/xalloc.h"
#include "src/studio/find.h"
#include "ui/commands.h"
#include "ui/draw.h"
#include "ui/keys.h"
#include "ui/messages.h"
#include "ui/theme.h"

/* ---- history ---- */

static char *history_path(void)
{
	char *dir = paths_user_data(NULL);
	if (!dir)
		return NULL;
	char *path = xasprintf("%s/history", dir);
	free(dir);
	return path;
}

static void history_add(struct ui_cmdline *c, const char *line)
{
	if (!*line || (c->n_history && !strcmp(c->history[c->n_history - 1], line)))
		return;
	if (c->n_history == UI_CMDLINE_HISTORY) {
		free(c->history[0]);
		memmove(c->history, c->history + 1, (c->n_history - 1) * sizeof *c->history);
		c->n_history--;
	}
	c->history[c->n_history++] = xstrdup(line);
}

/* The file only grows between sessions; now and then keep just what is remembered
 * (a new file renamed over the old, so a crash leaves one or the other). Private:
 * it holds everything typed. */
static void history_rewrite(const struct ui_cmdline *c)
{
	char *path = history_path();
	if (!path)
		return;
	struct safefile f;
	struct err_msg why;
	enum err e = safefile_open(&f, path, 0600, &why);
	for (size_t i = 0; e == ERR_OK && i < c->n_history; i++) {
		e = safefile_write(&f, c->history[i], strlen(c->history[i]), &why);
		if (e == ERR_OK)
			e = safefile_write(&f, "\n", 1, &why);
	}
	if (e == ERR_OK)
		safefile_commit(&f, &why);
	else
		safefile_abort(&f);
	free(path);
}

/* Best effort: a history that cannot be read or written is simply not kept. */
static void history_load(struct ui_cmdline *c)
{
	char *path = history_path();
	FILE *f = path ? fopen(path, "r") : NULL;
	free(path);
	if (!f)
		return;
	char line[UI_CMDLINE_MAX];
	size_t lines = 0;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		history_add(c, line);
		lines++;
	}
	fclose(f);
	if (lines > 2 * UI_CMDLINE_HISTORY)
		history_rewrite(c);
}

static void history_append_file(const char *line)
{
	char *path = history_path();
	if (!path)
		return;
	/* never through a symlink planted at the name; 0600 even when an older ttymix
	 * made it with the umask's 0644 */
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	free(path);
	if (fd < 0)
		return;
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid()) {
		if (st.st_mode & 077)
			fchmod(fd, 0600);
		char *text = xasprintf("%s\n", line);
		(void)!write(fd, text, strlen(text));
		free(text);
	}
	close(fd);
}

/* ---- the buffer ---- */

static bool is_continuation(char ch)
{
	return ((unsigned char)ch & 0xC0) == 0x80;
}

static size_t prev_char(const struct ui_cmdline *c, size_t at)
{
	while (at > 0 && is_continuation(c->buf[--at]))
		;
	return at;
}

static size_t next_char(const struct ui_cmdline *c, size_t at)
{
	while (at < c->len && is_continuation(c->buf[++at]))
		;
	return at;
}

/* Replace bytes [from, to) with text; the cursor lands after it. */
static void replace(struct ui_cmdline *c, size_t from, size_t to, const char *text)
{
	size_t n = strlen(text);
	if (c->len - (to - from) + n >= sizeof c->buf)
		return; /* full: drop the edit */
	memmove(c->buf + from + n, c->buf + to, c->len - to + 1);
	memcpy(c->buf + from, text, n);
	c->len = c->len - (to - from) + n;
	c->cursor = from + n;
}

static void set_text(struct ui_cmdline *c, const char *text)
{
	snprintf(c->buf, sizeof c->buf, "%s", text);
	c->len = c->cursor = strlen(c->buf);
}

/* ---- completion ---- */

struct candidates {
	const char *prefix;
	/* how a word after the command's name is found (src/studio/find.h): by prefix,
	 * and when nothing starts so, by substring, then by letters in order */
	enum studio_find_stage stage;
	bool ignore_case;
	char *items[256];
	size_t n;
};

static void take_candidate(void *arg, const char *word)
{
	struct candidates *cs = arg;
	size_t n = strlen(cs->prefix);
	int differs = cs->stage > STUDIO_FIND_PREFIX ? !studio_find_at(word, cs->prefix, cs->stage)
		: cs->ignore_case ? strncasecmp(word, cs->prefix, n)
		: strncmp(word, cs->prefix, n);
	if (differs || cs->n == sizeof cs->items / sizeof cs->items[0])
		return;
	for (size_t i = 0; i < cs->n; i++)
		if (!strcmp(cs->items[i], word))
			return;
	cs->items[cs->n++] = xstrdup(word);
}

static int compare_words(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void candidates_free(struct candidates *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		free(cs->items[i]);
	cs->n = 0;
}

/* A word as it must be typed: quoted when it holds a space or a quote. */
static void quote_word(const char *word, char *buf, size_t size)
{
	if (!word[strcspn(word, " \t\"'")] && *word)
		snprintf(buf, size, "%s", word);
	else if (!strchr(word, '"'))
		snprintf(buf, size, "\"%s\"", word);
	else
		snprintf(buf, size, "'%s'", word);
}

static void set_hint(struct ui_cmdline *c, const struct candidates *cs)
{
	c->hint[0] = '\0';
	for (size_t i = 0; i < cs->n; i++) {
		size_t len = strlen(c->hint);
		snprintf(c->hint + len, sizeof c->hint - len, "%s%s", i ? " " : "", cs->items[i]);
	}
}

/* Candidates too many for the rest of the line open in the pane (ui/messages.h),
 * once per list: PgUp/PgDn scroll it, any key but those and Tab closes it. */
static void list_in_pane(struct ui_app *app, const struct ui_cmdline *c,
	const struct candidates *cs)
{
	if (app->pane.shown && app->pane.from_tab && app->page == UI_PAGE_MESSAGES)
		return;
	if ((long)c->len + 2 + (long)strlen(c->hint) <= (long)COLS)
		return; /* the hint after the line shows them all */
	char title[UI_CMDLINE_MAX + 64];
	snprintf(title, sizeof title, "Tab: %zu candidates for \"%s\"", cs->n, c->cycle_prefix);
	ui_pane_open(app, title, (const char *const *)cs->items, cs->n);
	app->pane.from_tab = true;
}

/* Whether the word that starts at start is a path to complete (its words before it
 * name a command whose word there is one). */
static bool is_path_word(const struct ui_app *app, const struct ui_cmdline *c,
	size_t start)
{
	char text[UI_CMDLINE_MAX];
	memcpy(text, c->buf, start);
	text[start] = '\0';
	struct studio_words before;
	return studio_words_split(text, &before, NULL, 0)
		&& ui_line_path_candidates(app, &before, before.argc, "", NULL, NULL);
}

static void complete(struct ui_app *app, struct ui_cmdline *c)
{
	if (!c->cycling) {
		/* the word that ends at the cursor, and the words before it */
		size_t start = c->cursor;
		while (start > 0 && c->buf[start - 1] != ' ' && c->buf[start - 1] != '\t')
			start--;
		c->path_word = is_path_word(app, c, start);
		/* in a list of strips ("1-3,gt"), the name after the last comma */
		for (size_t k = start; !c->path_word && start > 0 && k < c->cursor; k++)
			if (c->buf[k] == ',')
				start = k + 1;
		c->word_start = start;
		size_t skip = start < c->cursor && (c->buf[start] == '"' || c->buf[start] == '\'')
			? 1 : 0;
		size_t n = c->cursor - start - skip;
		memcpy(c->cycle_prefix, c->buf + start + skip, n);
		c->cycle_prefix[n] = '\0';
		c->cycle_next = 0;
	}
	char before_text[UI_CMDLINE_MAX];
	memcpy(before_text, c->buf, c->word_start);
	before_text[c->word_start] = '\0';
	struct studio_words before;
	if (!studio_words_split(before_text, &before, NULL, 0))
		return;
	struct candidates cs = { .prefix = c->cycle_prefix, .stage = STUDIO_FIND_PREFIX,
		.ignore_case = before.argc > 0 };
	if (c->path_word) { /* a path: by prefix only, as a shell completes one */
		cs.ignore_case = false;
		ui_line_path_candidates(app, &before, before.argc, c->cycle_prefix,
			take_candidate, &cs);
	} else {
		ui_line_candidates(app, &before, before.argc, take_candidate, &cs);
	}
	while (!c->path_word && cs.n == 0 && before.argc > 0 && cs.prefix[0]
		&& cs.stage < STUDIO_FIND_FUZZY) {
		cs.stage++;
		ui_line_candidates(app, &before, before.argc, take_candidate, &cs);
	}
	if (before.argc == 0) /* commands alphabetically; tracks stay in mixer order */
		qsort(cs.items, cs.n, sizeof cs.items[0], compare_words);
	char typed[UI_CMDLINE_MAX + 2];
	if (cs.n == 0) {
		snprintf(c->hint, sizeof c->hint, before.argc ? "(no match)"
			: "(no such command)");
		c->cycling = false;
	} else if (cs.n == 1) {
		quote_word(cs.items[0], typed, sizeof typed);
		replace(c, c->word_start, c->cursor, typed);
		const size_t len = strlen(cs.items[0]);
		/* a folder: the next Tab goes on into it */
		const bool folder = c->path_word && len && cs.items[0][len - 1] == '/';
		if (c->buf[c->cursor] != ' ' && !folder)
			replace(c, c->cursor, c->cursor, " ");
		c->hint[0] = '\0';
		c->cycling = false;
	} else if (!c->cycling) {
		/* extend to what all candidates share; if that adds nothing, start cycling */
		size_t common = strlen(cs.items[0]);
		for (size_t i = 1; i < cs.n; i++) {
			size_t k = 0;
			while (k < common && cs.items[i][k] == cs.items[0][k])
				k++;
			common = k;
		}
		set_hint(c, &cs);
		list_in_pane(app, c, &cs);
		if (common > strlen(c->cycle_prefix) && !memchr(cs.items[0], ' ', common)) {
			snprintf(typed, sizeof typed, "%.*s", (int)common, cs.items[0]);
			replace(c, c->word_start, c->cursor, typed);
		} else {
			c->cycling = true; /* this Tab lists them; the next ones cycle */
		}
	} else {
		quote_word(cs.items[c->cycle_next % cs.n], typed, sizeof typed);
		replace(c, c->word_start, c->cursor, typed);
		c->cycle_next++;
		set_hint(c, &cs);
		list_in_pane(app, c, &cs);
	}
	candidates_free(&cs);
}

/* ---- the line ---- */

void ui_cmdline_open(struct ui_app *app)
{
	if (!app->cmdline)
		app->cmdline = xcalloc(1, sizeof *app->cmdline);
	struct ui_cmdline *c = app->cmdline;
	if (!c->history_loaded) {
		c->history = xcalloc(UI_CMDLINE_HISTORY, sizeof *c->history);
		history_load(c);
		c->history_loaded = true;
	}
	c->active = true;
	set_text(c, "");
	c->browse = c->n_history;
	c->cycling = false;
	c->hint[0] = '\0';
	app->need_draw = true;
}

void ui_cmdline_open_with(struct ui_app *app, const char *text)
{
	ui_cmdline_open(app);
	set_text(app->cmdline, text);
}

bool ui_cmdline_active(const struct ui_app *app)
{
	return app->cmdline && app->cmdline->active;
}

/* Up and Down step through the lines that begin with what was typed before the first
 * Up (all of them when nothing was), as vim does; past the newest, the draft returns. */
static void browse(struct ui_cmdline *c, int delta)
{
	if (c->browse == c->n_history)
		snprintf(c->draft, sizeof c->draft, "%s", c->buf);
	const size_t prefix = strlen(c->draft);
	size_t at = c->browse;
	for (;;) {
		if (delta < 0 ? at == 0 : at >= c->n_history)
			return; /* no other line: stay */
		at = delta < 0 ? at - 1 : at + 1;
		if (at == c->n_history || !strncmp(c->history[at], c->draft, prefix))
			break;
	}
	c->browse = at;
	set_text(c, at == c->n_history ? c->draft : c->history[at]);
}

static void run_line(struct ui_app *app, struct ui_cmdline *c)
{
	char line[UI_CMDLINE_MAX];
	snprintf(line, sizeof line, "%s", c->buf);
	c->active = false;
	const char *s = line + strspn(line, " \t");
	if (!*s) {
		app->status.message[0] = '\0';
		return;
	}
	if (!c->n_history || strcmp(c->history[c->n_history - 1], s))
		history_append_file(s);
	history_add(c, s);
	ui_line_run(app, s);
}

void ui_cmdline_key(struct ui_app *app, int key)
{
	struct ui_cmdline *c = app->cmdline;
	app->need_draw = true;
	if (key == KEY_PPAGE || key == KEY_NPAGE) {
		if (app->pane.shown && app->pane.from_tab && app->page == UI_PAGE_MESSAGES)
			ui_messages_scroll(app, key == KEY_PPAGE ? -(LINES - 4) : LINES - 4);
		return;
	}
	if (key != '\t') {
		c->cycling = false;
		c->hint[0] = '\0';
		ui_pane_close_tab(app); /* before the line runs: it may open a pane */
	}
	switch (key) {
	case UI_KEY_ESC:
	case UI_CTRL('c'):
		c->active = false;
		break;
	case '\r':
	case '\n':
	case KEY_ENTER:
		run_line(app, c);
		break;
	case '\t':
		complete(app, c);
		break;
	case KEY_LEFT:
	case UI_CTRL('b'):
		c->cursor = prev_char(c, c->cursor);
		break;
	case KEY_RIGHT:
	case UI_CTRL('f'):
		c->cursor = next_char(c, c->cursor);
		break;
	case KEY_HOME:
	case UI_CTRL('a'):
		c->cursor = 0;
		break;
	case KEY_END:
	case UI_CTRL('e'):
		c->cursor = c->len;
		break;
	case KEY_BACKSPACE:
	case 127:
	case UI_CTRL('h'):
		if (c->len == 0)
			c->active = false; /* backspace over the ':' closes, as in vim */
		else if (c->cursor > 0)
			replace(c, prev_char(c, c->cursor), c->cursor, "");
		break;
	case KEY_DC:
		if (c->cursor < c->len)
			replace(c, c->cursor, next_char(c, c->cursor), "");
		break;
	case UI_CTRL('u'):
		replace(c, 0, c->cursor, "");
		break;
	case UI_CTRL('w'): {
		size_t from = c->cursor;
		while (from > 0 && c->buf[from - 1] == ' ')
			from--;
		while (from > 0 && c->buf[from - 1] != ' ')
			from--;
		replace(c, from, c->cursor, "");
		break;
	}
	case KEY_UP:
	case UI_CTRL('p'):
		browse(c, -1);
		break;
	case KEY_DOWN:
	case UI_CTRL('n'):
		browse(c, 1);
		break;
	default:
		/* printable ASCII, and the bytes of a UTF-8 character one by one */
		if ((key >= ' ' && key < 127) || (key >= 0x80 && key <= 0xFF)) {
			char ch[2] = { (char)key, '\0' };
			replace(c, c->cursor, c->cursor, ch);
		}
		break;
	}
}

/* Columns that bytes [from, to) of the line take on the screen. */
static int columns(const char *s, size_t from, size_t to)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	int cols = 0;
	size_t i = from;
	while (i < to) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + i, to - i, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof st);
			cols++; /* drawn as '?' */
			i++;
			continue;
		}
		int w = wcwidth(wc);
		cols += w < 0 ? 1 : w;
		i += n;
	}
	return cols;
}

/* The first byte shown: the line scrolls left so that the cursor stays on screen. */
static size_t view_start(const struct ui_cmdline *c, int room)
{
	size_t start = 0;
	while (start < c->cursor && columns(c->buf, start, c->cursor) >= room)
		start = next_char(c, start);
	return start;
}

bool ui_cmdline_draw(struct ui_app *app, int y)
{
	if (!ui_cmdline_active(app))
		return false;
	const struct ui_cmdline *c = app->cmdline;
	const int room = COLS - 2; /* the ':' and the cursor's own cell */
	const size_t start = view_start(c, room);
	const int attr = ui_theme_attr(UI_ROLE_NORMAL);
	int x = ui_text(y, 0, 1, ui_theme_attr(UI_ROLE_STRONG), false, start ? "<" : ":");
	x += ui_text(y, x, COLS - x, attr, false, c->buf + start);
	if (c->hint[0] && x + 3 < COLS)
		x += ui_textf(y, x, COLS - x, ui_theme_attr(UI_ROLE_LABEL), false, "   %s",
			c->hint);
	ui_text(y, x, COLS - x, attr, true, "");
	return true;
}

void ui_cmdline_place_cursor(struct ui_app *app, int y)
{
	if (!ui_cmdline_active(app)) {
		curs_set(0);
		return;
	}
	const struct ui_cmdline *c = app->cmdline;
	const size_t start = view_start(c, COLS - 2);
	curs_set(1);
	move(y, 1 + columns(c->buf, start, c->cursor));
}

void ui_cmdline_destroy(struct ui_cmdline *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n_history; i++)
		free(c->history[i]);
	free(c->history);
	free(c);
}
