#include "ui/rc.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "src/studio/words.h"

/* The command words after the key, as one line: a single word as it is (it is the
 * whole line, quoted), several joined, each quoted again when splitting the line
 * would not give it back (a space, a quote, a '#', or nothing at all: bind mixer F5
 * gain "lead vox" +=1, gain "Mike's" -3). A word holding both quotes cannot be
 * quoted and is refused. */
bool ui_rc_join(int argc, char **argv, char *buf, size_t size, char *why, size_t why_size)
{
	buf[0] = '\0';
	size_t used = 0;
	for (int i = 0; i < argc; i++) {
		const char *w = argv[i];
		const bool plain = argc == 1 || (*w && !strpbrk(w, " \t'\"#"));
		if (!plain && strchr(w, '"') && strchr(w, '\'')) {
			snprintf(why, why_size, "a word holds both ' and \" (%s): quote the whole "
				"command instead", w);
			return false;
		}
		const char *q = plain ? "" : strchr(w, '"') ? "'" : "\"";
		int n = snprintf(buf + used, size - used, "%s%s%s%s", i ? " " : "", q, w, q);
		if (n < 0 || (size_t)n >= size - used) {
			snprintf(why, why_size, "the command is too long (at most %zu bytes)",
				size - 1);
			return false;
		}
		used += (size_t)n;
	}
	return true;
}

/* A line that a key may run: it splits, and its first word is a command. */
static bool check_line(const char *line, bool (*known)(const char *verb, int n_words), char *why,
	size_t size)
{
	struct studio_words a;
	char split_why[128];
	if (!studio_words_split(line, &a, split_why, sizeof split_why)) {
		snprintf(why, size, "%s", split_why);
		return false;
	}
	if (a.argc == 0) {
		snprintf(why, size, "no command to bind");
		return false;
	}
	if (!known(a.argv[0], a.argc)) {
		if (known(a.argv[0], 1)) /* a key command's name: it takes no words */
			snprintf(why, size, "%s takes nothing after it", a.argv[0]);
		else
			snprintf(why, size, "unknown command \"%s\"", a.argv[0]);
		return false;
	}
	return true;
}

static bool scope_word(const char *word, enum ui_scope *scope, char *why, size_t size)
{
	if (ui_scope_parse(word, scope))
		return true;
	snprintf(why, size, "unknown scope \"%s\" (global, mixer, strip, arranger, lanes, "
		"mastering, help)", word);
	return false;
}

static bool key_word(const char *word, int *key, char *why, size_t size)
{
	if (ui_key_parse(word, key))
		return true;
	snprintf(why, size, "unknown key \"%s\"", word);
	return false;
}

bool ui_rc_words(struct ui_bindings *b, bool (*known)(const char *verb, int n_words), int argc,
	char **argv, char *why, size_t size)
{
	enum ui_scope scope;
	int key;
	const char *verb = argv[0];
	if (!strcmp(verb, "bind")) {
		char line[UI_BIND_LINE_MAX];
		if (argc < 4) {
			snprintf(why, size, "bind takes SCOPE KEY COMMAND");
			return false;
		}
		if (!scope_word(argv[1], &scope, why, size) || !key_word(argv[2], &key, why, size)
			|| !ui_rc_join(argc - 3, argv + 3, line, sizeof line, why, size)
			|| !check_line(line, known, why, size))
			return false;
		ui_bindings_set(b, scope, key, line);
		return true;
	}
	if (!strcmp(verb, "unbind")) {
		if (argc != 3) {
			snprintf(why, size, "unbind takes SCOPE KEY");
			return false;
		}
		if (!scope_word(argv[1], &scope, why, size) || !key_word(argv[2], &key, why, size))
			return false;
		if (!ui_bindings_unset(b, scope, key)) {
			snprintf(why, size, "%s is not bound on %s", argv[2], ui_scope_name(scope));
			return false;
		}
		return true;
	}
	if (!strcmp(verb, "set")) {
		if (argc != 3) {
			snprintf(why, size, "set takes OPTION VALUE");
			return false;
		}
		return ui_option_set(&b->opt, argv[1], argv[2], why, size);
	}
	snprintf(why, size, "unknown command \"%s\" (bind, unbind, set)", verb);
	return false;
}

/* Where a comment starts: a word beginning with an unquoted '#' (so `bind mixer Z
 * fader-reset  # my key` works as in a shell), except the KEY word of bind and unbind,
 * where '#' is the key itself. The end of the text when there is none. */
static size_t comment_start(const char *text)
{
	size_t i = 0;
	int word = 0;
	bool binds = false;
	for (;;) {
		i += strspn(text + i, " \t");
		if (!text[i])
			return i;
		if (text[i] == '#' && !(word == 2 && binds))
			return i;
		const size_t start = i;
		char quote = 0;
		while (text[i] && (quote || (text[i] != ' ' && text[i] != '\t'))) {
			if (quote && text[i] == quote)
				quote = 0;
			else if (!quote && (text[i] == '"' || text[i] == '\''))
				quote = text[i];
			i++;
		}
		if (word == 0)
			binds = (i - start == 4 && !strncmp(text + start, "bind", 4))
				|| (i - start == 6 && !strncmp(text + start, "unbind", 6));
		word++;
	}
}

bool ui_rc_line(struct ui_bindings *b, bool (*known)(const char *verb, int n_words), const char *text,
	char *why, size_t size)
{
	const char *s = text + strspn(text, " \t");
	if (!*s || *s == '#' || *s == '\n' || *s == '\r')
		return true;
	const size_t len = comment_start(text); /* a long comment is no long command */
	if (len >= STUDIO_LINE_MAX) {
		snprintf(why, size, "the line is too long (at most %d bytes)", STUDIO_LINE_MAX - 1);
		return false;
	}
	char line[STUDIO_LINE_MAX];
	snprintf(line, sizeof line, "%.*s", (int)len, text);
	struct studio_words a;
	if (!studio_words_split(line, &a, why, size))
		return false;
	return ui_rc_words(b, known, a.argc, a.argv, why, size);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

bool ui_rc_load(struct ui_bindings *b, bool (*known)(const char *verb, int n_words), const char *path,
	struct ui_rc_report *r)
{
	*r = (struct ui_rc_report){ 0 };
	FILE *f = fopen(path, "r");
	struct stat sb;
	const bool opened = f != NULL;
	if (f && fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(f); /* Linux opens a folder for reading; every read then fails */
		f = NULL;
		errno = EISDIR;
	}
	if (!f) {
		snprintf(r->first, sizeof r->first, "%s: %s", path,
			opened ? "a folder, not a file" : strerror(errno));
		r->n_bad = 1;
		return false;
	}
	char *text = NULL;
	size_t cap = 0;
	ssize_t len;
	for (int number = 1; (len = getline(&text, &cap, f)) >= 0; number++) {
		while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
			text[--len] = '\0';
		char why[256];
		if (ui_rc_line(b, known, text, why, sizeof why)) {
			const char *s = text + strspn(text, " \t");
			r->n_read += *s && *s != '#';
		} else if (r->n_bad++ == 0) {
			snprintf(r->first, sizeof r->first, "%s:%d: %s", base_name(path), number, why);
		}
	}
	free(text);
	fclose(f);
	return true;
}

bool ui_rc_path(const char *option, char *buf, size_t size, bool *required)
{
	*required = true;
	const char *env = getenv("TTYMIX_CONFIG");
	if (option || (env && *env)) {
		snprintf(buf, size, "%s", option ? option : env);
		return true;
	}
	*required = false;
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	int n;
	if (xdg && xdg[0] == '/') /* the spec: a relative one is ignored */
		n = snprintf(buf, size, "%s/ttymix/ttymixrc", xdg);
	else if (home && *home)
		n = snprintf(buf, size, "%s/.config/ttymix/ttymixrc", home);
	else
		return false;
	return n > 0 && (size_t)n < size;
}
