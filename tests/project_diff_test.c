/* What the restore offer shows: the fields that differ between two projects, one
 * readable line each; and the autosave file that carries them (project_save_to). */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "audio/fx/fx.h"
#include "src/project.h"
#include "src/project_diff.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

static struct project *two_tracks(void)
{
	struct project *p = project_new("/nowhere", "Song", 48000);
	project_add_track(p, "Drums");
	project_add_track(p, "Bass");
	project_add_clip(&p->tracks[0], "audio/drums.wav", 0.0);
	return p;
}

static bool has_line(const struct project_diff *d, const char *line)
{
	for (int i = 0; i < d->count; i++)
		if (!strcmp(d->lines[i], line))
			return true;
	return false;
}

static void print_lines(const struct project_diff *d)
{
	for (int i = 0; i < d->count; i++)
		print_message("  %s\n", d->lines[i]);
}

static void test_same_is_empty(void **state)
{
	(void)state;
	struct project *a = two_tracks(), *b = two_tracks();
	struct project_diff d;
	project_diff_init(&d);
	project_diff(a, b, &d);
	assert_int_equal(d.count, 0);
	project_diff_deinit(&d);
	project_free(a);
	project_free(b);
}

static void test_fields(void **state)
{
	(void)state;
	struct project *a = two_tracks(), *b = two_tracks();
	a->tracks[1].strip.gain_db = -3.0;
	b->tracks[1].strip.gain_db = 1.5;
	b->tracks[0].strip.mute = true;
	b->tracks[1].strip.pan = -0.25;
	b->master.gain_db = -1.0;
	b->tempo_bpm = a->tempo_bpm + 2;
	b->tracks[0].clips[0].start = 2.5;
	free(b->tracks[1].strip.name);
	b->tracks[1].strip.name = xstrdup("Sub");
	b->loop_enabled = !a->loop_enabled;
	struct project_diff d;
	project_diff_init(&d);
	project_diff(a, b, &d);
	print_lines(&d);
	assert_true(has_line(&d, "Bass: gain -3.0 -> +1.5 dB"));
	assert_true(has_line(&d, "Drums: mute false -> true"));
	assert_true(has_line(&d, "Bass: pan +0.00 -> -0.25"));
	assert_true(has_line(&d, "master: gain +0.0 -> -1.0 dB"));
	assert_true(has_line(&d, "Drums: clip 1: start 0.0 -> 2.5 s"));
	assert_true(has_line(&d, "Bass: name \"Bass\" -> \"Sub\""));
	assert_true(has_line(&d, a->loop_enabled ? "loop: enabled true -> false"
		: "loop: enabled false -> true"));
	assert_true(has_line(&d, "project: tempo 120.0 -> 122.0 bpm"));
	assert_int_equal(d.count, 8); /* and nothing else */
	project_diff_deinit(&d);
	project_free(a);
	project_free(b);
}

/* Values that only differ past the first decimal still read as different. */
static void test_precision(void **state)
{
	(void)state;
	struct project *a = two_tracks(), *b = two_tracks();
	b->tracks[0].strip.gain_db = 0.02;
	struct project_diff d;
	project_diff_init(&d);
	project_diff(a, b, &d);
	print_lines(&d);
	assert_int_equal(d.count, 1);
	assert_string_equal(d.lines[0], "Drums: gain +0.00 -> +0.02 dB");
	project_diff_deinit(&d);
	project_free(a);
	project_free(b);
}

static void test_added_removed(void **state)
{
	(void)state;
	struct project *a = two_tracks(), *b = two_tracks();
	project_add_track(b, "Vox");
	project_add_clip(&b->tracks[1], "audio/bass.wav", 4.0);
	struct project_diff d;
	project_diff_init(&d);
	project_diff(a, b, &d);
	print_lines(&d);
	assert_true(has_line(&d, "track Vox added"));
	assert_true(has_line(&d, "Bass: clip 1 added (audio/bass.wav at 4.000 s)"));
	project_diff_deinit(&d);
	project_diff_init(&d);
	project_diff(b, a, &d);
	print_lines(&d);
	assert_true(has_line(&d, "track Vox removed"));
	project_diff_deinit(&d);
	project_free(a);
	project_free(b);
}

/* project_save_to writes the autosave note; loading reads it back; a normal save of
 * the loaded project does not carry it into project.json. */
static void test_autosave_file(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct project *p = project_new(dir, "Song", 48000);
	project_add_track(p, "Drums");
	struct err_msg msg;
	assert_int_equal(project_save(p, &msg), ERR_OK);
	p->tracks[0].strip.gain_db = 1.0;
	char *side = xasprintf("%s/autosave.json", dir);
	assert_int_equal(project_save_to(p, side, 3, &msg), ERR_OK);
	struct stat st;
	char *bak = xasprintf("%s.bak", side);
	assert_int_not_equal(stat(bak, &st), 0); /* no backup for an autosave */

	struct diag d;
	diag_init(&d);
	struct project *back = NULL;
	assert_int_equal(project_load(side, &back, &d), ERR_OK);
	diag_deinit(&d);
	assert_int_equal(project_autosave_edits(back), 3);
	assert_true(back->tracks[0].strip.gain_db == 1.0);
	char *text = project_to_json(back);
	assert_null(strstr(text, "\"autosave\""));
	free(text);
	assert_int_equal(project_autosave_edits(p), -1);

	unlink(side);
	free(side);
	free(bak);
	project_free(back);
	project_free(p);
	tu_rmtree(dir);
	free(dir);
}


/* ---- every leaf of a full project ---- */

/* A project with every field the format has: two tracks (clips with every clip field,
 * inserts, sends, both forms of automation, a group, solo-safe), two buses, groups,
 * master inserts, markers, loop, crossfade, album, and fields this version does not
 * know (kept on save, so compared too). A field added to the format belongs here. */
static const char full_project[] =
"{\"format\": \"ttymix-project\", \"version\": 1, \"name\": \"Full\",\n"
" \"sample_rate\": 48000, \"pan_law_db\": -3, \"tempo_bpm\": 120, \"crossfade_ms\": 20,\n"
" \"notes\": \"unknown root field\",\n"
" \"tracks\": [\n"
"  {\"name\": \"Kick\", \"color\": \"red\", \"output\": \"Drums\", \"group\": \"Rhythm\",\n"
"   \"gain_db\": -3, \"pan\": 0.25, \"mute\": false, \"solo\": false, \"solo_safe\": true,\n"
"   \"clips\": [{\"file\": \"audio/kick.wav\", \"start\": 1, \"offset\": 0.5, \"length\": 2,\n"
"     \"gain_db\": -1, \"fade_in\": 0.1, \"fade_out\": 0.2, \"fade_in_shape\": \"s_curve\",\n"
"     \"fade_out_shape\": \"equal_power\", \"pitch_semitones\": 2, \"pitch_cents\": 10,\n"
"     \"varispeed\": true, \"take\": 3}],\n"
"   \"inserts\": [{\"type\": \"eq\", \"bypass\": false, \"params\": {\"low_shelf_db\": 3}},\n"
"                 {\"type\": \"compressor\", \"bypass\": true, \"params\": {}}],\n"
"   \"sends\": [{\"bus\": \"Verb\", \"level_db\": -12, \"pre_fader\": false}],\n"
"   \"automation\": {\"gain_db\": [[0, -3], [2, 0], [4, -6]],\n"
"     \"pan\": {\"mode\": \"touch\", \"points\": [[0, 0], [1, 0.5]]},\n"
"     \"insert.1.low_shelf_db\": [[0, 3], [1, 6]],\n"
"     \"send.Verb.level_db\": [[0, -12], [3, -6]]}},\n"
"  {\"name\": \"Bass\", \"gain_db\": 0, \"pan\": 0, \"mute\": true, \"solo\": true,\n"
"   \"clips\": [{\"file\": \"audio/bass.wav\", \"start\": 0, \"offset\": 0, \"gain_db\": 0,\n"
"     \"fade_in\": 0, \"fade_out\": 0}]}],\n"
" \"buses\": [\n"
"  {\"name\": \"Drums\", \"output\": \"master\", \"gain_db\": -2, \"pan\": 0, \"mute\": false,\n"
"   \"solo\": false, \"solo_safe\": true,\n"
"   \"inserts\": [{\"type\": \"limiter\", \"bypass\": false, \"params\": {}}],\n"
"   \"sends\": [{\"bus\": \"Verb\", \"level_db\": -20, \"pre_fader\": true}],\n"
"   \"automation\": {\"gain_db\": [[0, -2], [5, -1]]}},\n"
"  {\"name\": \"Verb\", \"gain_db\": -6, \"pan\": 0, \"mute\": false, \"solo\": false,\n"
"   \"inserts\": [{\"type\": \"reverb\", \"bypass\": false, \"params\": {\"decay_s\": 2}}]}],\n"
" \"groups\": [{\"name\": \"Rhythm\", \"gain\": true, \"mute\": true, \"solo\": false},\n"
"            {\"name\": \"Spare\", \"gain\": false, \"mute\": false, \"solo\": true}],\n"
" \"master\": {\"gain_db\": -1, \"inserts\": [{\"type\": \"limiter\", \"bypass\": false,\n"
"   \"params\": {}}]},\n"
" \"markers\": [{\"name\": \"Intro\", \"time\": 0}, {\"name\": \"Verse\", \"time\": 8}],\n"
" \"loop\": {\"start\": 1, \"end\": 9, \"enabled\": true},\n"
" \"album\": {\"title\": \"Night\", \"artist\": \"Testers\", \"target_lufs\": -14,\n"
"   \"songs\": [{\"source\": \"self\", \"title\": \"One\", \"gap_before_s\": 0.5, \"gain_db\": -1,\n"
"     \"fade_in_s\": 0.1, \"fade_out_s\": 2, \"crossfade_s\": 1},\n"
"    {\"source\": \"other.wav\", \"title\": \"Two\", \"gap_before_s\": 0, \"gain_db\": 0,\n"
"     \"fade_in_s\": 0, \"fade_out_s\": 0}]}\n"
"}\n";

/* What the loader refuses to see changed alone: the format's own name and version,
 * names that other fields refer to (a bus's, a group's, a send's bus: the studio
 * changes them together), an insert type whose parameters or lanes the other types
 * lack, and a gap that the crossfade before it must keep at 0. Printed when run. */
static const char *const unchangeable[] = { "format", "version", "buses[0].name",
	"buses[1].name", "groups[0].name", "tracks[0].sends[0].bus", "buses[0].sends[0].bus",
	"tracks[0].inserts[0].type", "buses[1].inserts[0].type",
	"album.songs[1].gap_before_s", "tracks[0].sends", NULL };

static bool is_unchangeable(const char *where)
{
	for (int i = 0; unchangeable[i]; i++)
		if (!strcmp(where, unchangeable[i])) {
			print_message("%s: not changed alone (the loader refuses it)\n", where);
			return true;
		}
	return false;
}

struct walk_state {
	struct project *base;
	char *base_text;            /* project_to_json(base) */
	cJSON *doc;                 /* full_project, parsed */
	int mutations, failures;
};

static struct project *load_text(const char *text)
{
	struct diag d;
	diag_init(&d);
	struct project *p = NULL;
	if (project_from_json(text, "/nowhere", "/nowhere/project.json", &p, &d) != ERR_OK)
		p = NULL;
	diag_deinit(&d);
	return p;
}

/* The node at path (child positions from the root) in doc. */
static cJSON *node_at(cJSON *doc, const int *path, int depth)
{
	cJSON *n = doc;
	for (int i = 0; i < depth && n; i++)
		n = cJSON_GetArrayItem(n, path[i]);
	return n;
}

static void singular(char *word)
{
	size_t len = strlen(word);
	if (len > 3 && !strcmp(word + len - 3, "ses"))
		word[len - 2] = '\0';
	else if (len > 1 && word[len - 1] == 's')
		word[len - 1] = '\0';
}

/* The word a line about this node must hold: the nearest member name above it,
 * without its unit, and for a list's item the singular ("inserts" -> "insert"). */
static void relevant_word(cJSON *doc, const int *path, int depth, char *buf, size_t size)
{
	buf[0] = '\0';
	for (int k = depth; k > 0; k--) {
		cJSON *n = node_at(doc, path, k);
		if (n && n->string) {
			snprintf(buf, size, "%s", n->string);
			break;
		}
	}
	static const char *const units[] = { "_db", "_s", "_ms", "_hz", "_bpm", "_lufs" };
	size_t len = strlen(buf);
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		size_t u = strlen(units[i]);
		if (len > u && !strcmp(buf + len - u, units[i])) {
			buf[len - u] = '\0';
			break;
		}
	}
	singular(buf); /* "points": "1 automation point on ..." */
}


/* Apply one change (already made in copy) and check what the diff says. true when
 * the loader took it and the change survives a save (else it is no change). */
static bool try_change(struct walk_state *w, cJSON *copy, const char *what, const char *word)
{
	char *text = cJSON_Print(copy);
	assert_non_null(text);
	struct project *p = load_text(text);
	free(text);
	if (!p)
		return false;
	char *saved = project_to_json(p);
	bool changed = strcmp(saved, w->base_text) != 0;
	free(saved);
	if (!changed) {
		project_free(p);
		return false;
	}
	w->mutations++;
	struct project_diff d;
	project_diff_init(&d);
	project_diff(w->base, p, &d);
	bool relevant = false;
	for (int i = 0; i < d.count && !relevant; i++)
		relevant = strstr(d.lines[i], word) != NULL;
	if (d.count == 0 || !relevant) {
		print_message("%s: %s (wanted a line with \"%s\")\n", what,
			d.count ? "no relevant line" : "no line at all", word);
		print_lines(&d);
		w->failures++;
	}
	project_diff_deinit(&d);
	project_free(p);
	return true;
}

static void path_text(cJSON *doc, const int *path, int depth, char *buf, size_t size)
{
	size_t len = 0;
	buf[0] = '\0';
	for (int k = 1; k <= depth && len < size; k++) {
		cJSON *n = node_at(doc, path, k);
		if (n && n->string)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "." : "", n->string);
		else
			len += (size_t)snprintf(buf + len, size - len, "[%d]", path[k - 1]);
	}
}

static void collect_strings(const cJSON *n, const char **out, int *count, int max)
{
	for (const cJSON *c = n->child; c; c = c->next) {
		if (cJSON_IsString(c) && *count < max)
			out[(*count)++] = c->valuestring;
		collect_strings(c, out, count, max);
	}
}

static void change_leaf(struct walk_state *w, const int *path, int depth)
{
	cJSON *leaf = node_at(w->doc, path, depth);
	char where[512], word[128];
	path_text(w->doc, path, depth, where, sizeof where);
	relevant_word(w->doc, path, depth, word, sizeof word);
	if (is_unchangeable(where))
		return;
	bool taken = false;
	if (cJSON_IsBool(leaf)) {
		cJSON *copy = cJSON_Duplicate(w->doc, true);
		cJSON *n = node_at(copy, path, depth);
		n->type = cJSON_IsTrue(n) ? cJSON_False : cJSON_True;
		taken = try_change(w, copy, where, word);
		cJSON_Delete(copy);
	} else if (cJSON_IsNumber(leaf)) {
		const double v = leaf->valuedouble;
		const double tries[] = { v + 1, v - 1, v + 0.5, v - 0.5, v * 2, v / 2, 44100, 0,
			1, -1, 0.25 };
		for (size_t i = 0; i < sizeof tries / sizeof tries[0] && !taken; i++) {
			if (tries[i] == v)
				continue;
			cJSON *copy = cJSON_Duplicate(w->doc, true);
			cJSON_SetNumberValue(node_at(copy, path, depth), tries[i]);
			taken = try_change(w, copy, where, word);
			cJSON_Delete(copy);
		}
	} else if (cJSON_IsString(leaf)) {
		/* the string and "x", then every string of the document and every name of
		 * the format's enumerations: a reference must name something that exists */
		const char *tries[256];
		int n = 0;
		char *longer = xasprintf("%sx", leaf->valuestring);
		tries[n++] = longer;
		static const char *const names[] = { "master", "read", "write", "touch", "latch",
			"off", "linear", "equal_power", "s_curve", "eq", "compressor", "gate",
			"limiter", "reverb", "delay", "chorus", "width", "multiband" };
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			tries[n++] = names[i];
		collect_strings(w->doc, tries, &n, 256);
		for (int i = 0; i < n && !taken; i++) {
			if (!strcmp(tries[i], leaf->valuestring))
				continue;
			cJSON *copy = cJSON_Duplicate(w->doc, true);
			cJSON *node = node_at(copy, path, depth);
			cJSON *parent = node_at(copy, path, depth - 1);
			if (node->string)
				cJSON_ReplaceItemInObjectCaseSensitive(parent, node->string,
					cJSON_CreateString(tries[i]));
			else
				cJSON_ReplaceItemInArray(parent, path[depth - 1],
					cJSON_CreateString(tries[i]));
			taken = try_change(w, copy, where, word);
			cJSON_Delete(copy);
		}
		free(longer);
	} else {
		return;
	}
	if (!taken) {
		print_message("%s: the loader took none of the changes tried\n", where);
		w->failures++;
	}
}

/* An item removed from the end of an array, and one added (a copy of the last, with
 * its name or title changed when it has one, as names are unique). */
static void change_array(struct walk_state *w, const int *path, int depth)
{
	cJSON *arr = node_at(w->doc, path, depth);
	const int n = cJSON_GetArraySize(arr);
	if (n == 0)
		return;
	char where[512], word[128];
	path_text(w->doc, path, depth, where, sizeof where);
	relevant_word(w->doc, path, depth, word, sizeof word);
	int taken = 0;
	for (int add = 0; add < 2; add++) {
		cJSON *copy = cJSON_Duplicate(w->doc, true);
		cJSON *a = node_at(copy, path, depth);
		char what[600];
		if (add) {
			cJSON *item = cJSON_Duplicate(cJSON_GetArrayItem(a, n - 1), true);
			const char *keys[] = { "name", "title" };
			for (size_t k = 0; k < 2; k++) {
				cJSON *s = cJSON_GetObjectItemCaseSensitive(item, keys[k]);
				if (cJSON_IsString(s)) {
					char *v = xasprintf("%s2", s->valuestring);
					cJSON_ReplaceItemInObjectCaseSensitive(item, keys[k],
						cJSON_CreateString(v));
					free(v);
				}
			}
			cJSON_AddItemToArray(a, item);
			snprintf(what, sizeof what, "%s: an item added", where);
		} else {
			cJSON_DeleteItemFromArray(a, n - 1);
			snprintf(what, sizeof what, "%s: the last item removed", where);
		}
		taken += try_change(w, copy, what, word);
		cJSON_Delete(copy);
	}
	/* a [time, value] point is an array the loader takes only whole */
	const cJSON *parent = depth > 0 ? node_at(w->doc, path, depth - 1) : NULL;
	const bool point = cJSON_IsArray(parent) && !arr->string;
	if (!taken && !point && !is_unchangeable(where)) {
		print_message("%s: the loader took neither an added nor a removed item\n", where);
		w->failures++;
	}
}

static void walk_leaves(struct walk_state *w, int *path, int depth)
{
	cJSON *n = node_at(w->doc, path, depth);
	if (cJSON_IsArray(n))
		change_array(w, path, depth);
	if (cJSON_IsArray(n) || cJSON_IsObject(n)) {
		int i = 0;
		for (cJSON *c = n->child; c; c = c->next, i++) {
			path[depth] = i;
			walk_leaves(w, path, depth + 1);
		}
		return;
	}
	change_leaf(w, path, depth);
}

static void test_every_leaf(void **state)
{
	(void)state;
	struct walk_state w = { 0 };
	w.base = load_text(full_project);
	assert_non_null(w.base);
	w.base_text = project_to_json(w.base);
	w.doc = cJSON_Parse(full_project);
	assert_non_null(w.doc);
	int path[32];
	walk_leaves(&w, path, 0);
	print_message("%d changes tried, %d not reported\n", w.mutations, w.failures);
	assert_true(w.mutations > 140); /* the walk reached the whole document */
	assert_int_equal(w.failures, 0);
	cJSON_Delete(w.doc);
	free(w.base_text);
	project_free(w.base);
}

/* The autosave's snapshot (project_copy) saves as the project itself would. */
static void test_copy_saves_the_same(void **state)
{
	(void)state;
	struct project *p = load_text(full_project);
	assert_non_null(p);
	struct project *c = project_copy(p);
	char *a = project_to_json(p), *b = project_to_json(c);
	assert_string_equal(a, b);
	struct project_diff d;
	project_diff_init(&d);
	project_diff(p, c, &d);
	assert_int_equal(d.count, 0);
	project_diff_deinit(&d);
	free(a);
	free(b);
	project_free(c);
	project_free(p);
}

/* A snapshot shares the original's JSON; freeing the original (as an undo of a shape
 * edit does while the worker writes) keeps that JSON until the snapshot goes. */
static void test_snapshot_outlives_original(void **state)
{
	(void)state;
	struct project *p = load_text(full_project);
	assert_non_null(p);
	char *before = project_to_json(p);
	struct project *snap = project_snapshot(p);
	project_free(p);
	char *after = project_to_json(snap);
	assert_string_equal(before, after);
	project_snapshot_free(snap);
	free(before);
	free(after);
}

/* What the autosave worker does (ui/autosave.c): print the snapshot, over and over,
 * while the thread that owns the project edits it, copies it (undo) and at last frees
 * it. Under ThreadSanitizer (--enable-tsan) any JSON the two share that the owner
 * changed or freed too early is a reported race or use after free. */
struct snap_writer {
	struct project *snap;
	const char *expect;
	int rounds, same;
};

static void *snap_writer_main(void *arg)
{
	struct snap_writer *w = arg;
	for (int i = 0; i < w->rounds; i++) {
		char *text = project_autosave_json(w->snap, 3);
		w->same += strstr(text, "\"edits_since_save\"") != NULL
			&& strstr(text, w->expect) != NULL;
		free(text);
	}
	return NULL;
}

static void test_snapshot_on_a_thread(void **state)
{
	(void)state;
	struct project *p = load_text(full_project);
	assert_non_null(p);
	assert_true(p->n_tracks > 0);
	char *before = project_to_json(p);
	/* the worker's text holds what the project held when the snapshot was taken:
	 * here, its first track's name */
	char *name = xasprintf("\"%s\"", p->tracks[0].strip.name);
	struct project *snap = project_snapshot(p);
	struct snap_writer w = { .snap = snap, .expect = name, .rounds = 20 };
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, snap_writer_main, &w), 0);
	for (int i = 0; i < 20; i++) {
		struct project *undo = project_copy(p);
		project_free(undo);
	}
	while (p->n_tracks > 0)
		project_remove_track(p, 0);
	project_free(p);
	assert_int_equal(pthread_join(t, NULL), 0);
	assert_int_equal(w.same, w.rounds);
	char *after = project_to_json(snap);
	assert_string_equal(before, after);
	project_snapshot_free(snap);
	free(name);
	free(before);
	free(after);
}

/* The words of the examples. */
static void test_mixing_words(void **state)
{
	(void)state;
	struct project *a = load_text(full_project);
	struct project *b = load_text(full_project);
	assert_non_null(a);
	assert_non_null(b);
	struct project_track *kick = &b->tracks[0];
	project_add_insert(kick->strip.inserts, &kick->strip.n_inserts, fx_class_find("eq"));
	project_add_bus(b, "Verb2");
	project_lane_insert(project_lane_find(kick->strip.lanes, kick->strip.n_lanes,
		"gain_db"), 5, -1);
	project_lane_insert(project_lane_find(kick->strip.lanes, kick->strip.n_lanes,
		"gain_db"), 6, -2);
	project_lane_insert(project_lane_find(kick->strip.lanes, kick->strip.n_lanes,
		"gain_db"), 7, -3);
	kick->strip.gain_db = 1.5;
	b->tracks[1].strip.solo_safe = true;
	project_add_send(&b->tracks[1].strip.sends, &b->tracks[1].strip.n_sends, "Verb");
	project_add_group(b, "Keys");
	struct project_diff d;
	project_diff_init(&d);
	project_diff(a, b, &d);
	print_lines(&d);
	assert_true(has_line(&d, "Kick: insert 3 eq added"));
	assert_true(has_line(&d, "bus Verb2 added"));
	assert_true(has_line(&d, "3 automation points on Kick gain_db (3 added)"));
	assert_true(has_line(&d, "Kick: gain -3.0 -> +1.5 dB"));
	assert_true(has_line(&d, "Bass: solo_safe (none) -> true"));
	assert_true(has_line(&d, "Bass: send 1 to Verb added"));
	assert_true(has_line(&d, "group Keys added"));
	project_diff_deinit(&d);
	project_free(a);
	project_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_is_empty),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_precision),
		cmocka_unit_test(test_added_removed),
		cmocka_unit_test(test_autosave_file),
		cmocka_unit_test(test_every_leaf),
		cmocka_unit_test(test_copy_saves_the_same),
		cmocka_unit_test(test_snapshot_outlives_original),
		cmocka_unit_test(test_snapshot_on_a_thread),
		cmocka_unit_test(test_mixing_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
