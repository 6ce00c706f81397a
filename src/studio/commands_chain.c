/* The ':' commands that carry inserts from strip to strip: :chain copy/paste (a whole
 * chain, its inserts with their parameters and bypass, and its sends), :chain
 * save/load (the same as a named preset under $XDG_DATA_HOME/ttymix/chains/), and
 * :insert copy/paste (one insert). What is copied is kept as the JSON text project.json
 * has for a strip's inserts and sends (src/project_json.c writes and checks it), so a
 * paste, a preset and a project file take one path. A paste on many strips is one
 * edit, one undo step, all or nothing. The session's thread only. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/paths.h"
#include "src/project_limits.h"
#include "src/base/safefile.h"
#include "src/base/xalloc.h"
#include "src/studio/commands.h"
#include "src/studio/edit.h"
#include "src/studio/strip.h"

#define PRESET_MAX_BYTES (1 << 20) /* far above any chain FX_MAX_INSERTS allows */

/* Put the chain text holds on strip in place of its own inserts and sends (their
 * automation lanes go with them); false, with why, when it cannot be: a bad text, a
 * send to a bus this project has not, a send on the master, a loop. Inside an edit:
 * the caller puts the project back on false. */
static bool chain_put(struct studio *st, int strip, const char *text, const char *file,
	char *why, size_t size)
{
	struct project *p = st->project;
	struct project_strip *r = project_strip_at(p, strip);
	struct project_strip c;
	struct diag d;
	diag_init(&d);
	bool ok = project_chain_parse(text, file, &c, &d) == ERR_OK;
	if (!ok)
		snprintf(why, size, "%s", diag_first_error(&d));
	diag_deinit(&d);
	if (!ok)
		return false;
	if (strip == STRIP_MASTER && c.n_sends > 0) {
		snprintf(why, size, "the master has no sends (this chain has %d)", c.n_sends);
		ok = false;
	}
	for (int i = 0; ok && i < c.n_sends; i++)
		if (project_find_bus(p, c.sends[i].bus) < 0) {
			snprintf(why, size, "it sends to \"%s\", a bus this project has not (:bus add "
				"%s makes one)", c.sends[i].bus, c.sends[i].bus);
			ok = false;
		}
	if (!ok) {
		project_strip_deinit(&c);
		return false;
	}
	int map[FX_MAX_INSERTS];
	for (int k = 0; k < r->n_inserts; k++)
		map[k] = -1;
	if (r->lanes)
		project_lanes_remap_inserts(r->lanes, &r->n_lanes, map, r->n_inserts);
	for (int i = 0; r->lanes && i < r->n_sends; i++)
		project_lanes_drop_send(r->lanes, &r->n_lanes, r->sends[i].bus);
	while (r->n_inserts > 0)
		project_remove_insert(r->inserts, &r->n_inserts, r->n_inserts - 1);
	while (r->n_sends > 0)
		project_remove_send(r->sends, &r->n_sends, r->n_sends - 1);
	free(r->sends);
	memcpy(r->inserts, c.inserts, (size_t)c.n_inserts * sizeof *c.inserts);
	r->n_inserts = c.n_inserts;
	r->sends = c.sends;
	r->n_sends = c.n_sends;
	c.n_inserts = c.n_sends = 0; /* r owns them now */
	c.sends = NULL;
	project_strip_deinit(&c);
	diag_init(&d);
	if (project_route_check(p, "routing", &d) > 0
		|| project_sidechain_check(p, "routing", &d) > 0) {
		const char *first = diag_first_error(&d), *colon = strstr(first, ": ");
		snprintf(why, size, "%s", colon ? colon + 2 : first);
		ok = false;
	}
	diag_deinit(&d);
	return ok;
}

/* The strips word names (a name, number, list, range, glob, group or @sel) into
 * strips; their count, or -1 (said). */
static int strips_named(struct studio_line *l, const char *word, int *strips)
{
	int n = 1;
	char why[512];
	if (!studio_strips_is_set(l->st, word))
		return studio_line_strip(l, word, &strips[0]) ? 1 : -1;
	if (!studio_strips_parse(l->st, l->sel, l->here, word, strips, &n, why, sizeof why)) {
		studio_error(l->st, "%s", why);
		return -1;
	}
	return n;
}

/* The chain text holds on every strip word names, as one undo step called name; what
 * says what it was ("the chain of Vox", "preset vocal-basic"). */
static void chain_apply(struct studio_line *l, const char *word, const char *text,
	const char *file, const char *name, const char *what)
{
	struct studio *st = l->st;
	int *strips = xcalloc(STUDIO_POSITIONS_MAX, sizeof *strips);
	const int n = strips_named(l, word, strips);
	if (n <= 0) {
		free(strips);
		return;
	}
	char why[512] = "", list[256];
	int failed = -1;
	studio_edit_many_begin(st, name);
	for (int i = 0; i < n && failed < 0; i++)
		if (!chain_put(st, strips[i], text, file, why, sizeof why))
			failed = i;
	const bool changed = studio_edit_many_end(st, failed < 0);
	studio_strips_format(st, strips, n, list, sizeof list);
	if (failed >= 0)
		studio_error(st, "%s refused on %s: %s; nothing changed", what,
			studio_strip_name(st, strips[failed]), why);
	else if (!changed)
		studio_message(st, "%s: nothing changed on %s", what, list);
	else
		studio_message(st, "%s put on %s (u undoes)", what, list);
	free(strips);
}

/* "2 inserts (eq, comp), 1 send" of a chain's text, for messages. */
static void chain_summary(const char *text, char *buf, size_t size)
{
	struct project_strip c;
	struct diag d;
	diag_init(&d);
	if (project_chain_parse(text, "chain", &c, &d) != ERR_OK) {
		snprintf(buf, size, "a bad chain");
		diag_deinit(&d);
		return;
	}
	diag_deinit(&d);
	size_t used = (size_t)snprintf(buf, size, "%d insert%s", c.n_inserts,
		c.n_inserts == 1 ? "" : "s");
	for (int i = 0; i < c.n_inserts && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : " (",
			c.inserts[i].cls->name);
	if (c.n_inserts && used < size)
		used += (size_t)snprintf(buf + used, size - used, ")");
	if (used < size)
		snprintf(buf + used, size - used, ", %d send%s", c.n_sends, c.n_sends == 1 ? "" : "s");
	project_strip_deinit(&c);
}

/* :chain copy STRIP */
static void chain_copy(struct studio_line *l)
{
	int strip;
	if (!studio_line_strip(l, l->w->argv[2], &strip))
		return;
	free(l->st->chain_copy);
	l->st->chain_copy = project_chain_json(project_strip_at(l->st->project, strip));
	char summary[256];
	chain_summary(l->st->chain_copy, summary, sizeof summary);
	studio_message(l->st, "copied the chain of %s: %s (:chain paste STRIPS)",
		studio_strip_name(l->st, strip), summary);
}

/* :chain paste STRIPS */
static void chain_paste(struct studio_line *l)
{
	if (!l->st->chain_copy) {
		studio_error(l->st, "no chain copied (:chain copy STRIP first)");
		return;
	}
	chain_apply(l, l->w->argv[2], l->st->chain_copy, "chain", "paste chain",
		"the copied chain");
}

/* A preset's name: a file name in the presets folder, no path. */
static bool preset_name_ok(struct studio_line *l, const char *name)
{
	if (!*name || name[0] == '.' || strchr(name, '/') || strlen(name) > 64) {
		studio_error(l->st, "a preset's name is up to 64 bytes, no \"/\" and no leading "
			"\".\", not \"%s\"", name);
		return false;
	}
	return true;
}

/* $XDG_DATA_HOME/ttymix/chains/NAME.json (the folder made when make); NULL (said)
 * when there is no such folder. */
static char *preset_path(struct studio_line *l, const char *name, bool make)
{
	struct err_msg msg;
	char *data = paths_user_data(&msg);
	if (!data) {
		studio_error(l->st, "chain presets: %s", msg.text);
		return NULL;
	}
	char *dir = xasprintf("%s/chains", data);
	free(data);
	if (make && paths_mkdirs(dir, &msg) != ERR_OK) {
		studio_error(l->st, "chain presets: %s", msg.text);
		free(dir);
		return NULL;
	}
	char *path = xasprintf("%s/%s.json", dir, name);
	free(dir);
	return path;
}

/* :chain save NAME [STRIP]: the strip's chain (the selected strip's without one). */
static void chain_save(struct studio_line *l)
{
	const char *name = l->w->argv[2];
	int strip = l->here;
	if (l->w->argc == 4 && !studio_line_strip(l, l->w->argv[3], &strip))
		return;
	if (!preset_name_ok(l, name))
		return;
	char *path = preset_path(l, name, true);
	if (!path)
		return;
	char *text = project_chain_json(project_strip_at(l->st->project, strip));
	struct err_msg msg;
	if (safefile_replace(path, text, strlen(text), SAFEFILE_KEEP_MODE, &msg) != ERR_OK)
		studio_error(l->st, "chain preset %s: %s", name, msg.text);
	else {
		char summary[256];
		chain_summary(text, summary, sizeof summary);
		studio_message(l->st, "saved the chain of %s as %s: %s (in %s)",
			studio_strip_name(l->st, strip), name, summary, path);
	}
	free(text);
	free(path);
}

/* The whole of path (NUL-terminated; caller frees), or NULL with why. */
static char *read_text(const char *path, char *why, size_t size)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(why, size, "%s", strerror(errno));
		return NULL;
	}
	char *text = xmalloc(PRESET_MAX_BYTES + 1);
	size_t n = fread(text, 1, PRESET_MAX_BYTES + 1, f);
	const bool bad = ferror(f);
	fclose(f);
	if (bad || n > PRESET_MAX_BYTES) {
		snprintf(why, size, "%s", bad ? "cannot be read" : "larger than 1 MB");
		free(text);
		return NULL;
	}
	text[n] = '\0';
	return text;
}

/* :chain load STRIPS NAME */
static void chain_load(struct studio_line *l)
{
	const char *name = l->w->argv[3];
	if (!preset_name_ok(l, name))
		return;
	char *path = preset_path(l, name, false);
	if (!path)
		return;
	char why[256];
	char *text = read_text(path, why, sizeof why);
	if (!text) {
		if (access(path, F_OK) != 0)
			studio_error(l->st, "no chain preset \"%s\" (:chain save %s keeps the selected "
				"strip's)", name, name);
		else
			studio_error(l->st, "chain preset %s: %s", path, why);
		free(path);
		return;
	}
	char what[128];
	snprintf(what, sizeof what, "chain preset %s", name);
	chain_apply(l, l->w->argv[2], text, path, "load chain preset", what);
	free(text);
	free(path);
}

const struct studio_command studio_line_chain_subs[] = {
	{ "copy", NULL, "STRIP", 1, 1, { STUDIO_ARG_STRIP },
	  "copy a strip's inserts and sends", chain_copy, NULL, 0 },
	{ "paste", NULL, "STRIPS", 1, 1, { STUDIO_ARG_STRIP },
	  "put the copied chain on strips, in place of theirs", chain_paste, NULL, 0 },
	{ "save", NULL, "NAME [STRIP]", 1, 2, { STUDIO_ARG_ANY, STUDIO_ARG_STRIP },
	  "keep a strip's chain (the selected one's) as a preset", chain_save, NULL, 0 },
	{ "load", NULL, "STRIPS NAME", 2, 2, { STUDIO_ARG_STRIP, STUDIO_ARG_ANY },
	  "put a preset's chain on strips, in place of theirs", chain_load, NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, { STUDIO_ARG_ANY }, NULL, NULL, NULL, 0 },
};

/* :insert STRIP copy SLOT */
void studio_line_insert_copy(struct studio_line *l)
{
	int strip;
	if (!studio_line_strip(l, l->w->argv[1], &strip))
		return;
	struct project_strip *r = project_strip_at(l->st->project, strip);
	char *end;
	long slot = strtol(l->w->argv[3], &end, 10);
	if (*end || end == l->w->argv[3] || slot < 1 || slot > r->n_inserts) {
		if (r->n_inserts == 0)
			studio_error(l->st, "%s has no inserts", studio_strip_name(l->st, strip));
		else
			studio_error(l->st, "an insert number from 1 to %d, not \"%s\"", r->n_inserts,
				l->w->argv[3]);
		return;
	}
	/* one insert, no sends: the chain's shape, so paste reads it as a chain does */
	struct project_strip one = { .n_inserts = 1 };
	one.inserts[0] = r->inserts[slot - 1];
	free(l->st->insert_copy);
	l->st->insert_copy = project_chain_json(&one);
	studio_message(l->st, "copied insert %ld (%s) of %s (:insert STRIPS paste [SLOT])", slot,
		r->inserts[slot - 1].cls->name, studio_strip_name(l->st, strip));
}

/* The copied insert (one, parsed afresh; false, said, when there is none). */
bool studio_line_insert_copied(struct studio_line *l, struct project_insert *out)
{
	if (!l->st->insert_copy) {
		studio_error(l->st, "no insert copied (:insert STRIP copy SLOT first)");
		return false;
	}
	struct project_strip c;
	struct diag d;
	diag_init(&d);
	const bool ok = project_chain_parse(l->st->insert_copy, "insert", &c, &d) == ERR_OK
		&& c.n_inserts == 1;
	diag_deinit(&d);
	if (!ok) { /* what copy wrote is read back: this is a bug if ever seen */
		project_strip_deinit(&c);
		studio_error(l->st, "the copied insert cannot be read back");
		return false;
	}
	*out = c.inserts[0];
	c.n_inserts = 0;
	project_strip_deinit(&c);
	return true;
}
