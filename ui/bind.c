#include "ui/bind.h"

#include <ctype.h>
#include <curses.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/base/xalloc.h"

/* Fader and pan steps: fine enough to trim a balance, coarse enough to move fast. */
#define FADER_STEP_DB 0.5
#define FADER_COARSE_DB 3.0
#define PAN_STEP 0.05
/* 4 columns: 16 narrow strips beside the master at 80 columns (three characters of
 * name, two meters and the gain-reduction bar, and a blank column). */
#define NARROW_STRIP_W 4

struct default_binding {
	enum ui_scope scope;
	int key;
	const char *line;
};

/* The keys ttymix has out of the box, page by page; within a page, the order the help
 * page lists a command's keys in. */
static const struct default_binding defaults[] = {
	{ UI_SCOPE_GLOBAL, ' ', "play-stop" },
	{ UI_SCOPE_GLOBAL, KEY_HOME, "locate-start" },
	{ UI_SCOPE_GLOBAL, KEY_END, "locate-end" },
	{ UI_SCOPE_GLOBAL, 'u', "undo" },
	{ UI_SCOPE_GLOBAL, UI_CTRL('r'), "redo" },
	{ UI_SCOPE_GLOBAL, UI_CTRL('s'), "save" },
	{ UI_SCOPE_GLOBAL, 'c', "clear-clips" },
	{ UI_SCOPE_GLOBAL, '1', "arranger" },
	{ UI_SCOPE_GLOBAL, '2', "mixer" },
	{ UI_SCOPE_GLOBAL, '3', "mastering" },
	{ UI_SCOPE_GLOBAL, '?', "help" },
	{ UI_SCOPE_GLOBAL, KEY_F(1), "help" },
	{ UI_SCOPE_GLOBAL, 'E', "messages" },
	{ UI_SCOPE_GLOBAL, 'q', "quit" },
	{ UI_SCOPE_GLOBAL, UI_CTRL('l'), "redraw" },
	{ UI_SCOPE_GLOBAL, ':', "command-line" },
	{ UI_SCOPE_GLOBAL, 'R', "record" },
	{ UI_SCOPE_MIXER, KEY_LEFT, "select-left" },
	{ UI_SCOPE_MIXER, 'h', "select-left" },
	{ UI_SCOPE_MIXER, KEY_RIGHT, "select-right" },
	{ UI_SCOPE_MIXER, 'l', "select-right" },
	{ UI_SCOPE_MIXER, KEY_UP, "fader-up" },
	{ UI_SCOPE_MIXER, 'k', "fader-up" },
	{ UI_SCOPE_MIXER, KEY_DOWN, "fader-down" },
	{ UI_SCOPE_MIXER, 'j', "fader-down" },
	{ UI_SCOPE_MIXER, KEY_SR, "fader-up-coarse" },
	{ UI_SCOPE_MIXER, KEY_PPAGE, "fader-up-coarse" },
	{ UI_SCOPE_MIXER, 'K', "fader-up-coarse" },
	{ UI_SCOPE_MIXER, KEY_SF, "fader-down-coarse" },
	{ UI_SCOPE_MIXER, KEY_NPAGE, "fader-down-coarse" },
	{ UI_SCOPE_MIXER, 'J', "fader-down-coarse" },
	{ UI_SCOPE_MIXER, '0', "fader-reset" },
	{ UI_SCOPE_MIXER, '<', "pan-left" },
	{ UI_SCOPE_MIXER, ',', "pan-left" },
	{ UI_SCOPE_MIXER, '>', "pan-right" },
	{ UI_SCOPE_MIXER, '.', "pan-right" },
	{ UI_SCOPE_MIXER, 'm', "mute" },
	{ UI_SCOPE_MIXER, 'r', "arm" },
	{ UI_SCOPE_MIXER, '\r', "strip-detail" },
	{ UI_SCOPE_MIXER, 'e', "strip-detail" },
	{ UI_SCOPE_MIXER, 'i', "mixer-info" },
	{ UI_SCOPE_MIXER, 'f', "signal-flow" },
	{ UI_SCOPE_MIXER, 'G', "group-links" },
	{ UI_SCOPE_MIXER, 's', "solo" },
	{ UI_SCOPE_MIXER, 'v', "pick" },
	{ UI_SCOPE_MIXER, UI_KEY_ESC, "pick-none" },
	{ UI_SCOPE_MIXER, 'n', "narrow" },
	{ UI_SCOPE_MIXER, 'M', "marker-add" },
	{ UI_SCOPE_MIXER, '/', "find" },
	{ UI_SCOPE_MIXER, '\'', "find" },
	{ UI_SCOPE_STRIP, UI_KEY_ESC, "detail-close" },
	{ UI_SCOPE_STRIP, 'q', "detail-close" },
	{ UI_SCOPE_STRIP, '\r', "detail-close" },
	{ UI_SCOPE_STRIP, KEY_UP, "detail-up" },
	{ UI_SCOPE_STRIP, 'k', "detail-up" },
	{ UI_SCOPE_STRIP, KEY_DOWN, "detail-down" },
	{ UI_SCOPE_STRIP, 'j', "detail-down" },
	{ UI_SCOPE_STRIP, KEY_PPAGE, "detail-page-up" },
	{ UI_SCOPE_STRIP, KEY_NPAGE, "detail-page-down" },
	{ UI_SCOPE_STRIP, KEY_RIGHT, "value-up" },
	{ UI_SCOPE_STRIP, 'l', "value-up" },
	{ UI_SCOPE_STRIP, KEY_LEFT, "value-down" },
	{ UI_SCOPE_STRIP, 'h', "value-down" },
	{ UI_SCOPE_STRIP, KEY_SRIGHT, "value-up-coarse" },
	{ UI_SCOPE_STRIP, 'L', "value-up-coarse" },
	{ UI_SCOPE_STRIP, KEY_SLEFT, "value-down-coarse" },
	{ UI_SCOPE_STRIP, 'H', "value-down-coarse" },
	{ UI_SCOPE_STRIP, 'd', "value-default" },
	{ UI_SCOPE_STRIP, '=', "value-type" },
	{ UI_SCOPE_STRIP, 'b', "insert-bypass" },
	{ UI_SCOPE_STRIP, 'a', "insert-ab" },
	{ UI_SCOPE_STRIP, 'i', "detail-info" },
	{ UI_SCOPE_STRIP, '\t', "strip-next" },
	{ UI_SCOPE_STRIP, KEY_BTAB, "strip-prev" },
	{ UI_SCOPE_STRIP, 'M', "marker-add" },
	{ UI_SCOPE_ARRANGER, KEY_UP, "track-up" },
	{ UI_SCOPE_ARRANGER, 'k', "track-up" },
	{ UI_SCOPE_ARRANGER, KEY_DOWN, "track-down" },
	{ UI_SCOPE_ARRANGER, 'j', "track-down" },
	{ UI_SCOPE_ARRANGER, '\t', "clip-next" },
	{ UI_SCOPE_ARRANGER, KEY_BTAB, "clip-prev" },
	{ UI_SCOPE_ARRANGER, '\r', "clip-locate" },
	{ UI_SCOPE_ARRANGER, KEY_LEFT, "scroll-left" },
	{ UI_SCOPE_ARRANGER, 'h', "scroll-left" },
	{ UI_SCOPE_ARRANGER, KEY_RIGHT, "scroll-right" },
	{ UI_SCOPE_ARRANGER, 'l', "scroll-right" },
	{ UI_SCOPE_ARRANGER, KEY_PPAGE, "page-left" },
	{ UI_SCOPE_ARRANGER, KEY_NPAGE, "page-right" },
	{ UI_SCOPE_ARRANGER, '+', "zoom-in" },
	{ UI_SCOPE_ARRANGER, '=', "zoom-in" },
	{ UI_SCOPE_ARRANGER, '-', "zoom-out" },
	{ UI_SCOPE_ARRANGER, 'Z', "zoom-fit" },
	{ UI_SCOPE_ARRANGER, 't', "ruler" },
	{ UI_SCOPE_ARRANGER, 'm', "mute" },
	{ UI_SCOPE_ARRANGER, 'A', "lanes" },
	{ UI_SCOPE_ARRANGER, 'G', "group-links" },
	{ UI_SCOPE_ARRANGER, 's', "solo" },
	{ UI_SCOPE_ARRANGER, 'f', "follow" },
	{ UI_SCOPE_ARRANGER, 'z', "zoom-selection" },
	{ UI_SCOPE_ARRANGER, 'v', "select" },
	{ UI_SCOPE_ARRANGER, 'V', "select-none" },
	{ UI_SCOPE_ARRANGER, UI_KEY_ESC, "select-none" },
	{ UI_SCOPE_ARRANGER, 'x', "split" },
	{ UI_SCOPE_ARRANGER, 'd', "clip-delete" },
	{ UI_SCOPE_ARRANGER, KEY_DC, "clip-delete" },
	{ UI_SCOPE_ARRANGER, ',', "clip-left" },
	{ UI_SCOPE_ARRANGER, '.', "clip-right" },
	{ UI_SCOPE_ARRANGER, '<', "clip-snap-left" },
	{ UI_SCOPE_ARRANGER, '>', "clip-snap-right" },
	{ UI_SCOPE_ARRANGER, 'g', "snap" },
	{ UI_SCOPE_ARRANGER, '[', "trim-start" },
	{ UI_SCOPE_ARRANGER, ']', "trim-end" },
	{ UI_SCOPE_ARRANGER, '{', "trim-start-nudge" },
	{ UI_SCOPE_ARRANGER, '}', "trim-end-nudge" },
	{ UI_SCOPE_ARRANGER, 'J', "join" },
	{ UI_SCOPE_ARRANGER, 'D', "duplicate" },
	{ UI_SCOPE_ARRANGER, 'y', "copy" },
	{ UI_SCOPE_ARRANGER, 'p', "paste" },
	{ UI_SCOPE_ARRANGER, KEY_SR, "clip-gain-up" },
	{ UI_SCOPE_ARRANGER, KEY_SF, "clip-gain-down" },
	{ UI_SCOPE_ARRANGER, 'i', "fade-in" },
	{ UI_SCOPE_ARRANGER, 'o', "fade-out" },
	{ UI_SCOPE_ARRANGER, 'I', "fade-in-shape" },
	{ UI_SCOPE_ARRANGER, 'O', "fade-out-shape" },
	{ UI_SCOPE_ARRANGER, 'M', "marker-add" },
	{ UI_SCOPE_ARRANGER, 'n', "marker-next" },
	{ UI_SCOPE_ARRANGER, 'N', "marker-prev" },
	{ UI_SCOPE_ARRANGER, 'L', "loop-toggle" },
	{ UI_SCOPE_ARRANGER, '/', "find" },
	{ UI_SCOPE_ARRANGER, '\'', "find" },
	{ UI_SCOPE_LANE, 'A', "lanes" },
	{ UI_SCOPE_LANE, KEY_UP, "lane-up" },
	{ UI_SCOPE_LANE, 'k', "lane-up" },
	{ UI_SCOPE_LANE, KEY_DOWN, "lane-down" },
	{ UI_SCOPE_LANE, 'j', "lane-down" },
	{ UI_SCOPE_LANE, '\t', "point-next" },
	{ UI_SCOPE_LANE, KEY_BTAB, "point-prev" },
	{ UI_SCOPE_LANE, 'a', "point-add" },
	{ UI_SCOPE_LANE, 'x', "point-delete" },
	{ UI_SCOPE_LANE, KEY_DC, "point-delete" },
	{ UI_SCOPE_LANE, ',', "point-earlier" },
	{ UI_SCOPE_LANE, '.', "point-later" },
	{ UI_SCOPE_LANE, KEY_SR, "point-up" },
	{ UI_SCOPE_LANE, 'K', "point-up" },
	{ UI_SCOPE_LANE, KEY_SF, "point-down" },
	{ UI_SCOPE_LANE, 'J', "point-down" },
	{ UI_SCOPE_LANE, '=', "point-type" },
	{ UI_SCOPE_LANE, 'm', "lane-mode" },
	{ UI_SCOPE_LANE, UI_KEY_ESC, "lanes-close" },
	{ UI_SCOPE_MASTERING, KEY_UP, "master-up" },
	{ UI_SCOPE_MASTERING, 'k', "master-up" },
	{ UI_SCOPE_MASTERING, KEY_DOWN, "master-down" },
	{ UI_SCOPE_MASTERING, 'j', "master-down" },
	{ UI_SCOPE_MASTERING, KEY_SR, "master-up-coarse" },
	{ UI_SCOPE_MASTERING, KEY_PPAGE, "master-up-coarse" },
	{ UI_SCOPE_MASTERING, 'K', "master-up-coarse" },
	{ UI_SCOPE_MASTERING, KEY_SF, "master-down-coarse" },
	{ UI_SCOPE_MASTERING, KEY_NPAGE, "master-down-coarse" },
	{ UI_SCOPE_MASTERING, 'J', "master-down-coarse" },
	{ UI_SCOPE_MASTERING, '0', "master-reset" },
	{ UI_SCOPE_MASTERING, 't', "target" },
	{ UI_SCOPE_MASTERING, '[', "target-down" },
	{ UI_SCOPE_MASTERING, ']', "target-up" },
	{ UI_SCOPE_MASTERING, 'x', "loudness-reset" },
	{ UI_SCOPE_MASTERING, 'z', "plot-zoom-out" },
	{ UI_SCOPE_MASTERING, 'Z', "plot-zoom-in" },
	{ UI_SCOPE_MASTERING, 'r', "render-hint" },
	{ UI_SCOPE_MASTERING, 'v', "plot-view" },
	{ UI_SCOPE_MASTERING, 'm', "monitor-mode" },
	{ UI_SCOPE_MASTERING, 'd', "monitor-dim" },
	{ UI_SCOPE_MASTERING, 'f', "monitor-crossfeed" },
	{ UI_SCOPE_MASTERING, 'p', "monitor-speaker" },
	{ UI_SCOPE_MASTERING, 'a', "monitor-ab" },
	{ UI_SCOPE_MASTERING, 'b', "match-ab" },
	{ UI_SCOPE_MASTERING, 'R', "monitor-reference" },
	{ UI_SCOPE_MASTERING, 'M', "marker-add" },
	{ UI_SCOPE_HELP, KEY_UP, "help-up" },
	{ UI_SCOPE_HELP, 'k', "help-up" },
	{ UI_SCOPE_HELP, KEY_DOWN, "help-down" },
	{ UI_SCOPE_HELP, 'j', "help-down" },
	{ UI_SCOPE_HELP, KEY_PPAGE, "help-page-up" },
	{ UI_SCOPE_HELP, KEY_NPAGE, "help-page-down" },
	{ UI_SCOPE_HELP, KEY_HOME, "help-top" },
	{ UI_SCOPE_HELP, KEY_END, "help-bottom" },
	{ UI_SCOPE_HELP, '/', "help-search" },
	{ UI_SCOPE_HELP, 'n', "help-next" },
	{ UI_SCOPE_HELP, UI_KEY_ESC, "help-close" },
	{ UI_SCOPE_HELP, 'q', "help-close" },
	{ UI_SCOPE_HELP, '?', "help-close" },
	{ UI_SCOPE_HELP, KEY_F(1), "help-close" },
};
#define N_DEFAULTS (sizeof defaults / sizeof defaults[0])

static const struct { enum ui_scope scope; const char *name; } scope_names[] = {
	{ UI_SCOPE_GLOBAL, "global" }, { UI_SCOPE_MIXER, "mixer" },
	{ UI_SCOPE_STRIP, "strip" }, { UI_SCOPE_ARRANGER, "arranger" },
	{ UI_SCOPE_LANE, "lanes" }, { UI_SCOPE_MASTERING, "mastering" },
	{ UI_SCOPE_HELP, "help" },
};
#define N_SCOPES (sizeof scope_names / sizeof scope_names[0])

static void options_default(struct ui_options *o)
{
	o->fader_step = FADER_STEP_DB;
	o->fader_coarse_step = FADER_COARSE_DB;
	o->pan_step = PAN_STEP;
	o->strip_width = NARROW_STRIP_W;
	o->track_height = 0;
	o->name_width = 14;
	o->mouse = 1;
}

void ui_bindings_init_empty(struct ui_bindings *b)
{
	*b = (struct ui_bindings){ 0 };
	options_default(&b->opt);
}

void ui_bindings_init_defaults(struct ui_bindings *b)
{
	ui_bindings_init_empty(b);
	for (size_t i = 0; i < N_DEFAULTS; i++)
		ui_bindings_set(b, defaults[i].scope, defaults[i].key, defaults[i].line);
}

void ui_bindings_free(struct ui_bindings *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->items[i].line);
	free(b->items);
	*b = (struct ui_bindings){ 0 };
}

static struct ui_binding *find(const struct ui_bindings *b, enum ui_scope scope, int key)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->items[i].scope == scope && b->items[i].key == key)
			return &b->items[i];
	return NULL;
}

void ui_bindings_set(struct ui_bindings *b, enum ui_scope scope, int key, const char *line)
{
	struct ui_binding *old = find(b, scope, key);
	if (old) {
		/* in place: the key keeps its place among the command's keys on help */
		free(old->line);
		old->line = xstrdup(line);
		return;
	}
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->items = xrealloc(b->items, b->cap * sizeof *b->items);
	}
	b->items[b->n++] = (struct ui_binding){ scope, key, xstrdup(line) };
}

bool ui_bindings_unset(struct ui_bindings *b, enum ui_scope scope, int key)
{
	struct ui_binding *old = find(b, scope, key);
	if (!old)
		return false;
	free(old->line);
	const size_t i = (size_t)(old - b->items);
	memmove(old, old + 1, (b->n - i - 1) * sizeof *old);
	b->n--;
	return true;
}

const char *ui_bindings_find(const struct ui_bindings *b, enum ui_scope scope, int key)
{
	const struct ui_binding *k = find(b, scope, key);
	return k ? k->line : NULL;
}

size_t ui_bindings_keys(const struct ui_bindings *b, enum ui_scope scope, const char *line,
	size_t max, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < b->n && (max == 0 || n < max); i++) {
		if (b->items[i].scope != scope || strcmp(b->items[i].line, line))
			continue;
		char name[32];
		ui_key_name(b->items[i].key, name, sizeof name);
		const size_t len = strlen(buf);
		snprintf(buf + len, size - len, "%s%s", len ? " " : "", name);
		n++;
	}
	return n;
}

bool ui_bindings_equal(const struct ui_bindings *a, const struct ui_bindings *b)
{
	if (a->n != b->n || memcmp(&a->opt, &b->opt, sizeof a->opt) != 0)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (a->items[i].scope != b->items[i].scope || a->items[i].key != b->items[i].key
			|| strcmp(a->items[i].line, b->items[i].line))
			return false;
	return true;
}

struct ui_bindings *ui_bindings_active(void)
{
	/* one studio a process: its bindings live as long as it */
	static struct ui_bindings active;
	static bool ready;
	if (!ready) {
		ui_bindings_init_defaults(&active);
		ready = true;
	}
	return &active;
}

bool ui_scope_parse(const char *name, enum ui_scope *scope)
{
	for (size_t i = 0; i < N_SCOPES; i++)
		if (!strcasecmp(name, scope_names[i].name)) {
			*scope = scope_names[i].scope;
			return true;
		}
	return false;
}

const char *ui_scope_name(enum ui_scope scope)
{
	for (size_t i = 0; i < N_SCOPES; i++)
		if (scope_names[i].scope == scope)
			return scope_names[i].name;
	return "?";
}

static const struct {
	const char *name;
	size_t offset;
	double min, max;
	bool whole;                   /* a whole number only */
} options[] = {
	{ "fader-step", offsetof(struct ui_options, fader_step), 0.01, 24, false },
	{ "fader-coarse-step", offsetof(struct ui_options, fader_coarse_step), 0.01, 48, false },
	{ "pan-step", offsetof(struct ui_options, pan_step), 0.001, 1, false },
	{ "strip-width", offsetof(struct ui_options, strip_width), 4, 12, true },
	{ "track-height", offsetof(struct ui_options, track_height), 0, 4, true },
	{ "name-width", offsetof(struct ui_options, name_width), 8, 30, true },
	{ "mouse", offsetof(struct ui_options, mouse), 0, 1, true }, /* on|off */
};
#define N_OPTIONS (sizeof options / sizeof options[0])

bool ui_option_set(struct ui_options *o, const char *name, const char *value, char *why,
	size_t why_size)
{
	if (!strcmp(name, "mouse")) { /* a switch, said in words */
		if (strcmp(value, "on") && strcmp(value, "off")) {
			snprintf(why, why_size, "mouse takes on or off, not \"%s\"", value);
			return false;
		}
		o->mouse = !strcmp(value, "on");
		return true;
	}
	for (size_t i = 0; i < N_OPTIONS; i++) {
		if (strcmp(name, options[i].name))
			continue;
		char *end;
		const double v = strtod(value, &end);
		if (!*value || *end || !isfinite(v) || v < options[i].min || v > options[i].max
			|| (options[i].whole && v != floor(v))) {
			snprintf(why, why_size, "%s takes %s%g to %g, not \"%s\"", name,
				options[i].whole ? "a whole number " : "", options[i].min,
				options[i].max, value);
			return false;
		}
		*(double *)((char *)o + options[i].offset) = v;
		return true;
	}
	snprintf(why, why_size, "unknown option \"%s\" (fader-step, fader-coarse-step, "
		"pan-step, strip-width, track-height, name-width, mouse)", name);
	return false;
}

/* A key's name as a ttymixrc word: a quote character is quoted by the other one. */
static void key_word(int key, char *buf, size_t size)
{
	if (key == '"')
		snprintf(buf, size, "'\"'");
	else if (key == '\'')
		snprintf(buf, size, "\"'\"");
	else
		ui_key_name(key, buf, size);
}

/* A line as ttymixrc words: one quoted word when it holds a space, a quote or a '#';
 * a line holding both quotes goes out as its own words, which the reader joins back
 * (ui_rc_join) into the same words. */
static void line_word(const char *line, char *buf, size_t size)
{
	if (!strpbrk(line, " \t\"'#"))
		snprintf(buf, size, "%s", line);
	else if (!strchr(line, '"'))
		snprintf(buf, size, "\"%s\"", line);
	else if (!strchr(line, '\''))
		snprintf(buf, size, "'%s'", line);
	else
		snprintf(buf, size, "%s", line);
}

void ui_bindings_print(const struct ui_bindings *b, FILE *out)
{
	fprintf(out, "# ttymix key bindings (ttymix --print-config). Lines:\n"
		"#   bind SCOPE KEY COMMAND    unbind SCOPE KEY    set OPTION VALUE\n"
		"# SCOPE: global mixer strip arranger lanes mastering help. COMMAND: any line\n"
		"# typed after ':', quoted when it holds spaces (\"gain . +=0.5\").\n\n");
	for (size_t i = 0; i < N_OPTIONS; i++) {
		const double v = *(const double *)((const char *)&b->opt + options[i].offset);
		if (!strcmp(options[i].name, "mouse"))
			fprintf(out, "set mouse %s\n", v != 0 ? "on" : "off");
		else
			fprintf(out, "set %s %g\n", options[i].name, v);
	}
	/* in the bindings' own order, so that the file gives them back as they are */
	for (size_t i = 0; i < b->n; i++) {
		const struct ui_binding *k = &b->items[i];
		if (i == 0 || k->scope != b->items[i - 1].scope)
			fprintf(out, "\n# %s\n", ui_scope_title(k->scope));
		char key[64], line[UI_BIND_LINE_MAX + 3];
		key_word(k->key, key, sizeof key);
		line_word(k->line, line, sizeof line);
		fprintf(out, "bind %s %s %s\n", ui_scope_name(k->scope), key, line);
	}
}

static const struct { int key; const char *name; } key_names[] = {
	{ ' ', "Space" }, { UI_KEY_ESC, "Esc" }, { KEY_UP, "Up" }, { KEY_DOWN, "Down" },
	{ KEY_LEFT, "Left" }, { KEY_RIGHT, "Right" }, { KEY_HOME, "Home" },
	{ KEY_END, "End" }, { KEY_PPAGE, "PgUp" }, { KEY_NPAGE, "PgDn" },
	{ KEY_SR, "Shift-Up" }, { KEY_SF, "Shift-Down" }, { '\t', "Tab" },
	{ KEY_BTAB, "Shift-Tab" }, { '\r', "Enter" }, { KEY_SLEFT, "Shift-Left" },
	{ KEY_SRIGHT, "Shift-Right" }, { KEY_DC, "Delete" }, { KEY_IC, "Insert" },
	{ KEY_BACKSPACE, "Backspace" },
};
#define N_KEY_NAMES (sizeof key_names / sizeof key_names[0])

void ui_key_name(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < N_KEY_NAMES; i++)
		if (key_names[i].key == key) {
			snprintf(buf, size, "%s", key_names[i].name);
			return;
		}
	if (key >= KEY_F(1) && key <= KEY_F(12))
		snprintf(buf, size, "F%d", key - KEY_F0);
	else if (key > 0 && key < 32)
		snprintf(buf, size, "Ctrl-%c", '@' + key);
	else if (key >= 32 && key < 127)
		snprintf(buf, size, "%c", key);
	else if (key >= KEY_MIN && keyname(key))
		snprintf(buf, size, "%s", keyname(key)); /* KEY_ENTER: better than a number */
	else
		snprintf(buf, size, "key %d", key);
}

bool ui_key_parse(const char *name, int *key)
{
	if (!strcasecmp(name, "Del")) { /* as other programs write Delete */
		*key = KEY_DC;
		return true;
	}
	for (size_t i = 0; i < N_KEY_NAMES; i++)
		if (!strcasecmp(name, key_names[i].name)) {
			*key = key_names[i].key;
			return true;
		}
	const unsigned char c = (unsigned char)name[0];
	if (c > 32 && c < 127 && !name[1]) {
		*key = c;
		return true;
	}
	char *end;
	if ((c == 'F' || c == 'f') && name[1] >= '1' && name[1] <= '9') {
		const long n = strtol(name + 1, &end, 10);
		if (!*end && n >= 1 && n <= 12) {
			*key = KEY_F((int)n);
			return true;
		}
	}
	if (!strncasecmp(name, "Ctrl-", 5) && name[5] && !name[6]) {
		const int up = toupper((unsigned char)name[5]);
		if (up >= '@' && up <= '_') {
			*key = up - '@';
			return up != '@'; /* Ctrl-@ is 0: no key */
		}
	}
	for (int k = KEY_MIN; k <= KEY_MAX; k++) { /* as ui_key_name shows the rest */
		const char *kn = keyname(k);
		if (kn && !strcmp(kn, name)) {
			*key = k;
			return true;
		}
	}
	return false;
}

const char *ui_scope_title(enum ui_scope scope)
{
	switch (scope) {
	case UI_SCOPE_GLOBAL: return "Everywhere";
	case UI_SCOPE_MIXER: return "Mixer";
	case UI_SCOPE_STRIP: return "Strip detail (Enter on a mixer strip)";
	case UI_SCOPE_LANE: return "Automation lanes (A on the arranger)";
	case UI_SCOPE_ARRANGER: return "Arranger";
	case UI_SCOPE_HELP: return "This help and the message log";
	case UI_SCOPE_LINE:
		return "Typed after :  (any name above too; TRACK: name, number, 2-5,gtr*,@sel)";
	case UI_SCOPE_MASTERING: return "Mastering";
	}
	return "";
}
