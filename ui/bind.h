/* Key bindings: which command line a key runs on which page. Every binding is a line
 * run exactly as if typed after ':' ("fader-up", "gain . +=0.5"), so a key, the ':'
 * line and the ttymixrc (ui/rc.h) share one path. The defaults live in a table here;
 * the studio's bindings start as a copy of it and change by ttymixrc, :bind, :unbind
 * and :source. Also the options `set` changes (the fader and pan steps), and the
 * names of keys and pages. It knows no command: a line is checked where it runs.
 * UI thread only; a struct ui_bindings owns its lines. */
#ifndef TTYMIX_UI_BIND_H
#define TTYMIX_UI_BIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>


/* Where a command's keys work: bits, so that one command can serve several pages
 * (mute and solo on the mixer and the arranger). A page's own scope is tried before
 * UI_SCOPE_GLOBAL, so a page may reuse a global key ('q' closes help instead of
 * quitting). */
enum ui_scope {
	UI_SCOPE_GLOBAL = 1u << 0,
	UI_SCOPE_MIXER = 1u << 1,
	UI_SCOPE_HELP = 1u << 2,
	/* the help page's heading for the ':' commands (their own table: ui/commands.h) */
	UI_SCOPE_LINE = 1u << 8,
	UI_SCOPE_MASTERING = 1u << 3,
	UI_SCOPE_ARRANGER = 1u << 4,
	UI_SCOPE_STRIP = 1u << 5,     /* the mixer's strip detail view */
	UI_SCOPE_LANE = 1u << 6,      /* the arranger's automation lanes (A) */
};

#define UI_CTRL(c) ((c) & 0x1f)
#define UI_KEY_ESC 27

#define UI_BIND_LINE_MAX 512          /* bytes in a bound line (as in a typed one) */

struct ui_binding {
	enum ui_scope scope;          /* one page (never UI_SCOPE_LINE) */
	int key;                      /* a curses key code */
	char *line;                   /* owned: the command line the key runs */
};

/* What `set` changes; the defaults are the steps ttymix always had. */
struct ui_options {
	double fader_step;            /* dB, fader-up/-down */
	double fader_coarse_step;     /* dB, fader-up-coarse/-down-coarse */
	double pan_step;              /* pan-left/-right, -1..1 */
	double strip_width;           /* the narrow mixer's columns per strip (a whole number) */
	double track_height;          /* arranger rows per track, 1..4; 0: as many as fit */
	double name_width;            /* the arranger's track column, 8..30 */
	double mouse;                 /* 1: clicks, drags and the wheel act (ui/mouse.h);
	                                 0: reports are ignored (set mouse on|off) */
};

struct ui_bindings {
	struct ui_binding *items;     /* owned; in the order they were bound */
	size_t n, cap;
	struct ui_options opt;
};

/* Start with the default bindings, or with none (the options at their defaults). */
void ui_bindings_init_defaults(struct ui_bindings *b);
void ui_bindings_init_empty(struct ui_bindings *b);
void ui_bindings_free(struct ui_bindings *b);
/* Bind key in scope to line, replacing what it ran before. */
void ui_bindings_set(struct ui_bindings *b, enum ui_scope scope, int key, const char *line);
/* Unbind; false when the key ran nothing there. */
bool ui_bindings_unset(struct ui_bindings *b, enum ui_scope scope, int key);
/* The line key runs in scope (and nowhere else), or NULL. */
const char *ui_bindings_find(const struct ui_bindings *b, enum ui_scope scope, int key);
/* The names of the keys that run line in scope, in the order they were bound,
 * separated by spaces ("Up k"; ',' is itself a key), at most max of them (0: all);
 * buf is "" when none does. Returns how many were written. */
size_t ui_bindings_keys(const struct ui_bindings *b, enum ui_scope scope, const char *line,
	size_t max, char *buf, size_t size);
/* Same bindings (scope, key, line, in the same order) and the same options. */
bool ui_bindings_equal(const struct ui_bindings *a, const struct ui_bindings *b);

/* The studio's bindings: the defaults until something changes them. */
struct ui_bindings *ui_bindings_active(void);

/* A key as the help page shows it: "Space", "Ctrl-S", "PgUp", "h". */
void ui_key_name(int key, char *buf, size_t size);
/* The other way: a key by such a name (also "Shift-Up", "F5", "Ctrl-x"); false when
 * there is no such key. */
bool ui_key_parse(const char *name, int *key);
/* Heading of a scope on the help page. */
const char *ui_scope_title(enum ui_scope scope);
/* A scope by the name ttymixrc uses ("mixer", "lanes") and back. */
bool ui_scope_parse(const char *name, enum ui_scope *scope);
const char *ui_scope_name(enum ui_scope scope);
/* An option of `set` by name; false when there is none or value is out of range (why
 * says which). */
bool ui_option_set(struct ui_options *o, const char *name, const char *value, char *why,
	size_t why_size);

/* The bindings and options as a ttymixrc that gives exactly them (ttymix
 * --print-config prints the defaults). */
void ui_bindings_print(const struct ui_bindings *b, FILE *out);

#endif
