/* project.json reading and validation, and the text a save writes (the atomic write
 * is src/project_save.c's, one floor up): the model's top floor but one, above
 * the plain model (src/project.c), routing (src/project_route.c) and automation
 * (src/project_auto.c); with src/project_keep.c the only model file that includes
 * cJSON. Validation reports every problem it finds, each as one line naming the file
 * and the field, so that `ttymix check` can list them all. */
#include "src/project.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/lv2/lv2.h"
#include "src/control.h"
#include "src/jtree.h"
#include "src/project_keep.h"
#include "src/project_limits.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"

/* The count and length limits load enforces: src/project_limits.h, which the edits
 * ask too. */
#define LIMIT(id) ((int)project_limit_max(PROJECT_LIMIT_##id))

/* An LV2 preset's state in memory (project_insert.lv2_state) is written by
 * project_to_json, the studio's undo history and a render's copy, never to a file:
 * project.json keeps its shape, the state goes to the insert's state file. Set on the
 * thread that writes (the autosave worker writes beside the UI thread). */
#define LV2_STATE_KEY "lv2_state"
#define LV2_SERIAL_KEY "lv2_serial"
static _Thread_local bool with_lv2_states;

struct loader {
	struct diag *diag;
	const char *file; /* for messages */
};

#define LERR(L, ...) diag_add((L)->diag, DIAG_ERROR, __VA_ARGS__)

static const char *type_name(const cJSON *v)
{
	if (cJSON_IsNumber(v))
		return "a number";
	if (cJSON_IsString(v))
		return "a string";
	if (cJSON_IsBool(v))
		return "true/false";
	if (cJSON_IsNull(v))
		return "null";
	if (cJSON_IsArray(v))
		return "an array";
	if (cJSON_IsObject(v))
		return "an object";
	return "invalid";
}

/* A number field in [min, max]; missing: def (or an error when required). */
static double get_num(struct loader *L, const cJSON *obj, const char *ctx, const char *key,
	double min, double max, double def, bool required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v) {
		if (required)
			LERR(L, "%s: %s%s: missing (a number from %g to %g)", L->file, ctx, key, min, max);
		return def;
	}
	if (!cJSON_IsNumber(v)) {
		LERR(L, "%s: %s%s: must be a number, not %s", L->file, ctx, key, type_name(v));
		return def;
	}
	double x = v->valuedouble;
	if (!isfinite(x) || x < min || x > max) {
		LERR(L, "%s: %s%s: %g is out of range (%g to %g)", L->file, ctx, key, x, min, max);
		return def;
	}
	return x;
}

static bool get_bool(struct loader *L, const cJSON *obj, const char *ctx, const char *key,
	bool def)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v)
		return def;
	if (!cJSON_IsBool(v)) {
		LERR(L, "%s: %s%s: must be true or false, not %s", L->file, ctx, key, type_name(v));
		return def;
	}
	return cJSON_IsTrue(v);
}

/* A string field, copied; NULL when missing or bad (bad ones are reported). */
static char *get_str(struct loader *L, const cJSON *obj, const char *ctx, const char *key,
	size_t max_bytes, bool required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v || cJSON_IsNull(v)) {
		if (required)
			LERR(L, "%s: %s%s: missing (a string)", L->file, ctx, key);
		return NULL;
	}
	if (!cJSON_IsString(v) || !v->valuestring) {
		LERR(L, "%s: %s%s: must be a string, not %s", L->file, ctx, key, type_name(v));
		return NULL;
	}
	size_t len = strlen(v->valuestring);
	if (len > max_bytes) {
		LERR(L, "%s: %s%s: %zu bytes long, the limit is %zu", L->file, ctx, key, len,
			max_bytes);
		return NULL;
	}
	if (required && len == 0) {
		LERR(L, "%s: %s%s: must not be empty", L->file, ctx, key);
		return NULL;
	}
	/* names, titles and types are shown on terminals and written into CUE sheets:
	 * valid UTF-8 without control characters. File names are bytes to the system
	 * (an old Latin-1 name is fine), so they are taken as they are and cleaned
	 * wherever they are shown (src/base/text.h). */
	char why[64];
	const bool path = !strcmp(key, "file") || !strcmp(key, "source");
	if (!path && text_name_problem(v->valuestring, why, sizeof why)) {
		LERR(L, "%s: %s%s: %s", L->file, ctx, key, why);
		return NULL;
	}
	return xstrdup(v->valuestring);
}

/* An optional array field; NULL when missing; reported when not an array. */
static const cJSON *get_array(struct loader *L, const cJSON *obj, const char *ctx,
	const char *key, int max_items)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	if (!v || cJSON_IsNull(v))
		return NULL;
	if (!cJSON_IsArray(v)) {
		LERR(L, "%s: %s%s: must be an array, not %s", L->file, ctx, key, type_name(v));
		return NULL;
	}
	int n = cJSON_GetArraySize(v);
	if (n > max_items) {
		LERR(L, "%s: %s%s: %d items, the limit is %d", L->file, ctx, key, n, max_items);
		return NULL;
	}
	return v;
}

/* Item i of the array called key in ctx: its own context ("tracks[1].sends[0].") into
 * ictx, and whether it is an object (an error says so when it is not). */
static bool array_object(struct loader *L, const cJSON *item, const char *ctx,
	const char *key, int i, char *ictx, size_t size)
{
	snprintf(ictx, size, "%s%s[%d].", ctx, key, i);
	if (cJSON_IsObject(item))
		return true;
	LERR(L, "%s: %.*s: must be an object, not %s", L->file, (int)strlen(ictx) - 1, ictx,
		type_name(item));
	return false;
}

/* A fade shape by name ("linear", "equal_power", "s_curve"); missing: linear. */
static enum project_fade_shape get_fade_shape(struct loader *L, const cJSON *jc,
	const char *ctx, const char *key)
{
	char *name = get_str(L, jc, ctx, key, 64, false);
	if (!name)
		return PROJECT_FADE_LINEAR;
	int shape = project_fade_shape_of(name);
	if (shape < 0)
		LERR(L, "%s: %s%s: \"%s\" is not a fade shape (linear, equal_power, s_curve)",
			L->file, ctx, key, name);
	free(name);
	return shape < 0 ? PROJECT_FADE_LINEAR : (enum project_fade_shape)shape;
}

/* An optional whole-number field in [min, max]; missing or bad: 0 (bad is reported). */
static int get_whole(struct loader *L, const cJSON *obj, const char *ctx, const char *key,
	int min, int max)
{
	const double x = get_num(L, obj, ctx, key, min, max, 0, false);
	if (x != floor(x)) {
		LERR(L, "%s: %s%s: must be a whole number (%d to %d), not %g", L->file, ctx, key, min,
			max, x);
		return 0;
	}
	return (int)x;
}

static void load_clip(struct loader *L, const cJSON *jc, const char *ctx,
	struct project_clip *c)
{
	c->file = get_str(L, jc, ctx, "file", LIMIT(PATH), true);
	if (!c->file)
		c->file = xstrdup("");
	c->start = get_num(L, jc, ctx, "start", 0, PROJECT_MAX_SECONDS, 0, true);
	c->offset = get_num(L, jc, ctx, "offset", 0, PROJECT_MAX_SECONDS, 0, false);
	const cJSON *len = cJSON_GetObjectItemCaseSensitive(jc, "length");
	c->length = -1;
	if (len && !cJSON_IsNull(len)) {
		c->length = get_num(L, jc, ctx, "length", 0, PROJECT_MAX_SECONDS, -1, false);
		if (c->length == 0) {
			LERR(L, "%s: %slength: must be greater than 0", L->file, ctx);
			c->length = -1;
		}
	}
	c->gain_db = get_num(L, jc, ctx, "gain_db", PROJECT_MIN_GAIN_DB, PROJECT_MAX_GAIN_DB, 0,
		false);
	c->fade_in = get_num(L, jc, ctx, "fade_in", 0, PROJECT_MAX_SECONDS, 0, false);
	c->fade_out = get_num(L, jc, ctx, "fade_out", 0, PROJECT_MAX_SECONDS, 0, false);
	c->fade_in_shape = get_fade_shape(L, jc, ctx, "fade_in_shape");
	c->fade_out_shape = get_fade_shape(L, jc, ctx, "fade_out_shape");
	if (c->length > 0 && c->fade_in + c->fade_out > c->length + 1e-9)
		LERR(L, "%s: %sfade_in + fade_out (%g s) is longer than the clip (%g s)", L->file, ctx,
			c->fade_in + c->fade_out, c->length);
	c->pitch_semitones = get_whole(L, jc, ctx, "pitch_semitones", PROJECT_MIN_SEMITONES,
		PROJECT_MAX_SEMITONES);
	c->pitch_cents = get_whole(L, jc, ctx, "pitch_cents", PROJECT_MIN_CENTS,
		PROJECT_MAX_CENTS);
	c->varispeed = get_bool(L, jc, ctx, "varispeed", false);
	c->json = cJSON_Duplicate(jc, true);
}

/* One line naming every parameter of cls, for "not a parameter" messages. */
static void param_names(const struct fx_class *cls, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < cls->n_params && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "",
			cls->params[i].name);
}

/* An LV2 insert's class, by its "uri" (audio/lv2/lv2.h). A plug-in that is not
 * installed gets the stand-in class: the project loads (the studio opens with that
 * insert passing its signal, and saves it as read); check and render refuse it
 * (project_missing_plugins). NULL, reported, when the plug-in cannot go on a strip. */
static const struct fx_class *load_lv2_class(struct loader *L, const cJSON *ji,
	const char *ictx)
{
	char *uri = get_str(L, ji, ictx, "uri", LIMIT(PATH), true);
	if (!uri)
		return NULL;
	struct err_msg msg;
	const struct fx_class *cls = NULL;
	enum err e = lv2_class_get(uri, &cls, &msg);
	if (e == ERR_NOT_FOUND)
		cls = lv2_class_missing(uri);
	else if (e != ERR_OK)
		LERR(L, "%s: %suri: %s", L->file, ictx, msg.text);
	free(uri);
	return cls;
}

/* A strip's `inserts[]` (ctx: "tracks[1]." or "master."), checked against the fx
 * table: the effect must exist, every parameter must be one of its own, a number, in
 * its range (and on its step). */
static void load_inserts(struct loader *L, const cJSON *obj, const char *ctx,
	struct project_insert *out, int *n_out)
{
	const cJSON *arr = get_array(L, obj, ctx, "inserts", LIMIT(INSERTS));
	int i = 0;
	const cJSON *ji;
	cJSON_ArrayForEach(ji, arr) {
		char ictx[96];
		if (!array_object(L, ji, ctx, "inserts", i++, ictx, sizeof ictx))
			continue;
		char *type = get_str(L, ji, ictx, "type", LIMIT(NAME), true);
		if (!type)
			continue;
		const struct fx_class *cls = !strcmp(type, "lv2") ? load_lv2_class(L, ji, ictx)
			: fx_class_find(type);
		if (!cls && !strcmp(type, "lv2")) {
			free(type);
			continue;
		}
		if (!cls) {
			char known[256];
			size_t used = 0;
			known[0] = '\0';
			for (int k = 0; k < fx_n_classes; k++)
				used += (size_t)snprintf(known + used, sizeof known - used, "%s%s",
					k ? ", " : "", fx_classes[k]->name);
			LERR(L, "%s: %stype: unknown effect \"%.64s\" (known: %s)", L->file, ictx, type,
				known);
			free(type);
			continue;
		}
		free(type);
		struct project_insert *ins = project_add_insert(out, n_out, cls);
		const struct control *bypass = control_get(CONTROL_INSERT_BYPASS);
		ins->bypass = get_bool(L, ji, ictx, bypass->key, bypass->def != 0);
		const cJSON *params = cJSON_GetObjectItemCaseSensitive(ji, "params");
		if (params && !cJSON_IsObject(params) && !cJSON_IsNull(params))
			LERR(L, "%s: %sparams: must be an object, not %s", L->file, ictx,
				type_name(params));
		const cJSON *jp;
		/* a plug-in that is not installed keeps its params as read (ins->json) */
		const cJSON *param_obj = cJSON_IsObject(params) && !cls->missing ? params : NULL;
		cJSON_ArrayForEach(jp, param_obj) {
			int k = fx_param_find(cls, jp->string);
			if (k < 0) {
				char names[512];
				param_names(cls, names, sizeof names);
				LERR(L, "%s: %sparams.%.64s: not a parameter of %s (%s)", L->file, ictx,
					jp->string, cls->uri ? cls->help : cls->name, names);
				continue;
			}
			const struct fx_param *fp = &cls->params[k];
			if (!cJSON_IsNumber(jp)) {
				LERR(L, "%s: %sparams.%s: must be a number, not %s", L->file, ictx, fp->name,
					type_name(jp));
				continue;
			}
			double x = jp->valuedouble;
			if (!isfinite(x) || x < fp->min || x > fp->max) {
				LERR(L, "%s: %sparams.%s: %g is out of range (%g to %g)", L->file, ictx,
					fp->name, x, fp->min, fp->max);
				continue;
			}
			if (!fx_param_valid(fp, x)) {
				LERR(L, "%s: %sparams.%s: %g is not allowed (%g to %g in steps of %g)",
					L->file, ictx, fp->name, x, fp->min, fp->max, fp->step);
				continue;
			}
			ins->params[k] = x;
		}
		ins->sidechain = get_str(L, ji, ictx, "sidechain", LIMIT(NAME), false);
		ins->json = cJSON_Duplicate(ji, true);
		/* project_to_json's text: the state in memory, not kept as a field read */
		const cJSON *jstate = cJSON_GetObjectItemCaseSensitive(ji, LV2_STATE_KEY);
		const cJSON *jserial = cJSON_GetObjectItemCaseSensitive(ji, LV2_SERIAL_KEY);
		if (cJSON_IsString(jstate) && cJSON_IsNumber(jserial) && !cls->missing) {
			ins->lv2_state = xstrdup(jstate->valuestring);
			ins->lv2_serial = (unsigned)jserial->valuedouble;
		}
		cJSON_DeleteItemFromObjectCaseSensitive(ins->json, LV2_STATE_KEY);
		cJSON_DeleteItemFromObjectCaseSensitive(ins->json, LV2_SERIAL_KEY);
	}
}

/* A strip's `sends[]`: {"bus": NAME, "level_db": DB, "pre_fader": BOOL}. Whether the
 * bus exists is checked once every strip is read (project_route_check). */
static void load_sends(struct loader *L, const cJSON *obj, const char *ctx,
	struct project_send **sends, int *n_sends)
{
	const cJSON *arr = get_array(L, obj, ctx, "sends", LIMIT(SENDS));
	int i = 0;
	const cJSON *js;
	cJSON_ArrayForEach(js, arr) {
		char sctx[96];
		if (!array_object(L, js, ctx, "sends", i++, sctx, sizeof sctx))
			continue;
		char *bus = get_str(L, js, sctx, "bus", LIMIT(NAME), true);
		if (!bus)
			continue;
		struct project_send *snd = project_add_send(sends, n_sends, bus);
		free(bus);
		const struct control *level = control_get(CONTROL_SEND_LEVEL);
		snd->level_db = get_num(L, js, sctx, level->key, level->min, level->max,
			level->def, false);
		snd->pre_fader = get_bool(L, js, sctx, "pre_fader", false);
		snd->json = cJSON_Duplicate(js, true);
	}
}

/* A strip's `automation`: {KEY: [[time, value], ...]} (read mode) or {KEY: {"mode":
 * MODE, "points": [[time, value], ...]}}. Keys must name a control the strip has (its
 * sends and inserts are read first); times in order; values in the control's range. */

/* Whether key is an insert.N.SYMBOL lane on an insert of s whose plug-in is missing. */
static bool missing_plugin_lane(const char *key, const struct project_strip *s)
{
	if (strncmp(key, "insert.", 7))
		return false;
	char *end;
	const long slot = strtol(key + 7, &end, 10);
	return end != key + 7 && *end == '.' && slot >= 1 && slot <= s->n_inserts
		&& s->inserts[slot - 1].cls && s->inserts[slot - 1].cls->missing;
}
static void load_automation(struct loader *L, const cJSON *obj, const char *ctx,
	struct project_strip *s)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(obj, "automation");
	if (!a || cJSON_IsNull(a))
		return;
	if (!cJSON_IsObject(a)) {
		LERR(L, "%s: %sautomation: must be an object, not %s", L->file, ctx, type_name(a));
		return;
	}
	if (cJSON_GetArraySize(a) > LIMIT(LANES)) {
		LERR(L, "%s: %sautomation: %d lanes, the limit is %d", L->file, ctx,
			cJSON_GetArraySize(a), LIMIT(LANES));
		return;
	}
	const cJSON *jl;
	cJSON_ArrayForEach(jl, a) {
		char lctx[160];
		snprintf(lctx, sizeof lctx, "%sautomation.%.64s", ctx, jl->string);
		enum control_id target;
		int index, param;
		char why[160];
		/* a lane on a plug-in that is not installed here is kept as it is, unchecked
		 * (nothing knows its parameter or range) and inactive, so that opening and
		 * saving the project on this machine never drops it */
		const bool kept = missing_plugin_lane(jl->string, s);
		if (!kept && !project_auto_target(jl->string, s->sends, s->n_sends, s->inserts,
			s->n_inserts, &target, &index, &param, why, sizeof why)) {
			LERR(L, "%s: %s: %s", L->file, lctx, why);
			continue;
		}
		const cJSON *pts = jl;
		enum project_auto_mode mode = AUTO_READ;
		if (cJSON_IsObject(jl)) {
			const cJSON *m = cJSON_GetObjectItemCaseSensitive(jl, "mode");
			if (m && (!cJSON_IsString(m) || project_auto_mode_find(m->valuestring) < 0)) {
				LERR(L, "%s: %s.mode: must be off, read, write, touch or latch", L->file,
					lctx);
				continue;
			}
			if (m)
				mode = (enum project_auto_mode)project_auto_mode_find(m->valuestring);
			pts = cJSON_GetObjectItemCaseSensitive(jl, "points");
		}
		if (!cJSON_IsArray(pts)) {
			LERR(L, "%s: %s: must be [[time, value], ...] or {\"mode\": ..., \"points\": "
				"[...]}", L->file, lctx);
			continue;
		}
		if (cJSON_GetArraySize(pts) > LIMIT(POINTS)) {
			LERR(L, "%s: %s: more than %d points", L->file, lctx, LIMIT(POINTS));
			continue;
		}
		double lo = -HUGE_VAL, hi = HUGE_VAL;
		if (!kept)
			project_auto_range(target, target == CONTROL_INSERT_PARAM ? &s->inserts[index]
				: NULL, param, &lo, &hi);
		struct project_lane *lane = project_lane_add(&s->lanes, &s->n_lanes, jl->string);
		lane->mode = mode;
		int k = 0;
		double last = -1;
		const cJSON *jp;
		cJSON_ArrayForEach(jp, pts) {
			const cJSON *t = cJSON_GetArrayItem(jp, 0), *v = cJSON_GetArrayItem(jp, 1);
			if (!cJSON_IsArray(jp) || cJSON_GetArraySize(jp) != 2 || !cJSON_IsNumber(t)
				|| !cJSON_IsNumber(v)) {
				LERR(L, "%s: %s[%d]: must be [time, value]", L->file, lctx, k);
			} else if (!(t->valuedouble >= 0 && t->valuedouble <= PROJECT_MAX_SECONDS)) {
				LERR(L, "%s: %s[%d]: time %g is out of range (0 to %g s)", L->file, lctx, k,
					t->valuedouble, PROJECT_MAX_SECONDS);
			} else if (t->valuedouble < last) {
				LERR(L, "%s: %s[%d]: time %g comes before the point before it (%g s): "
					"points go in time order", L->file, lctx, k, t->valuedouble, last);
			} else if (!(v->valuedouble >= lo && v->valuedouble <= hi)) {
				LERR(L, "%s: %s[%d]: value %g is out of range (%g to %g)", L->file, lctx, k,
					v->valuedouble, lo, hi);
			} else {
				project_lane_insert(lane, t->valuedouble, v->valuedouble);
				last = t->valuedouble;
			}
			k++;
		}
	}
}

/* The strip's own controls (CONTROL_IN_STRIP) that a strip of this kind has, in the
 * control table's order: a switch is true/false, the rest numbers in range. */
static void load_controls(struct loader *L, const cJSON *obj, const char *ctx,
	unsigned kind, struct project_strip *s)
{
	for (int i = 0; i < CONTROL_COUNT; i++) {
		const struct control *c = &control_table[i];
		if (c->place != CONTROL_IN_STRIP || !control_on(c, kind))
			continue;
		const double v = c->taper == CONTROL_TAPER_SWITCH
			? get_bool(L, obj, ctx, c->key, c->def != 0)
			: get_num(L, obj, ctx, c->key, c->min, c->max, c->def, false);
		control_set(c, s, 0, 0, v);
	}
}

/* What a track, a bus and the master share (kind: CONTROL_ON_*; the master has no
 * name, color, output, sends or automation). index: the track's or the bus's. */
static void load_strip(struct loader *L, const cJSON *obj, const char *ctx, unsigned kind,
	int index, struct project_strip *s)
{
	if (kind != CONTROL_ON_MASTER) {
		/* a bus must be named (outputs and sends name it); a track has its number */
		const bool bus = kind == CONTROL_ON_BUS;
		s->name = get_str(L, obj, ctx, "name", LIMIT(NAME), bus);
		if (!s->name)
			s->name = xasprintf("%s %d", bus ? "Bus" : "Track", index + 1);
		s->color = get_str(L, obj, ctx, "color", LIMIT(NAME), false);
		s->output = get_str(L, obj, ctx, "output", LIMIT(NAME), false);
	}
	load_controls(L, obj, ctx, kind, s);
	load_inserts(L, obj, ctx, s->inserts, &s->n_inserts);
	if (kind == CONTROL_ON_MASTER)
		return;
	load_sends(L, obj, ctx, &s->sends, &s->n_sends);
	load_automation(L, obj, ctx, s);
}

/* A track's recording: armed or not, and the inputs it records ("1", "2", "1-2"). */
static void load_record(struct loader *L, const cJSON *jt, const char *ctx,
	struct project_track *t)
{
	t->record_armed = get_bool(L, jt, ctx, "record_armed", false);
	t->record_input = 0;
	t->record_channels = 1;
	char *in = get_str(L, jt, ctx, "record_input", 8, false);
	if (in && (!strcmp(in, "1") || !strcmp(in, "2")))
		t->record_input = in[0] - '1';
	else if (in && !strcmp(in, "1-2"))
		t->record_channels = 2;
	else if (in)
		LERR(L, "%s: %srecord_input: \"%s\" is none of \"1\", \"2\" or \"1-2\"", L->file,
			ctx, in);
	free(in);
}

/* Track index (ctx: "tracks[N]."): its strip, group and clips. */
static void load_track(struct loader *L, const cJSON *jt, const char *ctx, int index,
	struct project_track *t)
{
	load_strip(L, jt, ctx, CONTROL_ON_TRACK, index, &t->strip);
	t->group = get_str(L, jt, ctx, "group", LIMIT(NAME), false);
	t->role = get_str(L, jt, ctx, "role", LIMIT(NAME), false);
	load_record(L, jt, ctx, t);
	const cJSON *clips = get_array(L, jt, ctx, "clips", LIMIT(CLIPS));
	int n = clips ? cJSON_GetArraySize(clips) : 0;
	t->clips = n ? xcalloc((size_t)n, sizeof *t->clips) : NULL;
	int i = 0;
	const cJSON *jc;
	cJSON_ArrayForEach(jc, clips) {
		char cctx[96];
		if (array_object(L, jc, ctx, "clips", i++, cctx, sizeof cctx))
			load_clip(L, jc, cctx, &t->clips[t->n_clips++]);
	}
	t->json = cJSON_Duplicate(jt, true);
}

/* ---- album (`album`): loading ---- */

/* One song of `album.songs[]`. Whether the source exists and how long it is are
 * found when the album is rendered (src/album.c): a project can be checked and saved
 * while a song's file is elsewhere. */
static void load_song(struct loader *L, const cJSON *js, const char *ctx,
	struct project_song *s)
{
	s->source = get_str(L, js, ctx, "source", LIMIT(PATH), true);
	s->title = get_str(L, js, ctx, "title", LIMIT(NAME), false);
	s->gap_before_s = get_num(L, js, ctx, "gap_before_s", 0, PROJECT_MAX_SECONDS, 0, false);
	s->gain_db = get_num(L, js, ctx, "gain_db", PROJECT_MIN_GAIN_DB, PROJECT_MAX_GAIN_DB, 0,
		false);
	s->fade_in_s = get_num(L, js, ctx, "fade_in_s", 0, PROJECT_MAX_SECONDS, 0, false);
	s->fade_out_s = get_num(L, js, ctx, "fade_out_s", 0, PROJECT_MAX_SECONDS, 0, false);
	s->crossfade_s = get_num(L, js, ctx, "crossfade_s", 0, PROJECT_MAX_SECONDS, 0, false);
	s->json = cJSON_Duplicate(js, true);
}

static struct project_album *load_album(struct loader *L, const cJSON *root)
{
	const cJSON *ja = cJSON_GetObjectItemCaseSensitive(root, "album");
	if (!ja || cJSON_IsNull(ja))
		return NULL;
	if (!cJSON_IsObject(ja)) {
		LERR(L, "%s: album: must be an object, not %s", L->file, type_name(ja));
		return NULL;
	}
	struct project_album *a = xcalloc(1, sizeof *a);
	a->title = get_str(L, ja, "album.", "title", LIMIT(NAME), false);
	a->artist = get_str(L, ja, "album.", "artist", LIMIT(NAME), false);
	if (cJSON_GetObjectItemCaseSensitive(ja, "target_lufs")) {
		a->has_target = true;
		a->target_lufs = get_num(L, ja, "album.", "target_lufs", PROJECT_MIN_TARGET_LUFS,
			PROJECT_MAX_TARGET_LUFS, -14, false);
	}
	const cJSON *songs = cJSON_GetObjectItemCaseSensitive(ja, "songs");
	if (!songs)
		LERR(L, "%s: album.songs: missing (an array of songs, each with a \"source\")",
			L->file);
	else if (!cJSON_IsArray(songs))
		LERR(L, "%s: album.songs: must be an array, not %s", L->file, type_name(songs));
	else if (cJSON_GetArraySize(songs) == 0)
		LERR(L, "%s: album.songs: empty (an album needs at least one song)", L->file);
	else if (cJSON_GetArraySize(songs) > LIMIT(SONGS))
		LERR(L, "%s: album.songs: %d songs, the limit is %d (a CD's)", L->file,
			cJSON_GetArraySize(songs), LIMIT(SONGS));
	else {
		a->songs = xcalloc((size_t)cJSON_GetArraySize(songs), sizeof *a->songs);
		int i = 0;
		const cJSON *js;
		cJSON_ArrayForEach(js, songs) {
			char ctx[64];
			if (array_object(L, js, "album.", "songs", i++, ctx, sizeof ctx))
				load_song(L, js, ctx, &a->songs[a->n_songs++]);
		}
		/* a crossfade overlaps two songs: there is no silence between them, and
		 * the last song has nothing to cross into */
		for (int k = 0; k < a->n_songs; k++) {
			if (a->songs[k].crossfade_s <= 0)
				continue;
			if (k == a->n_songs - 1)
				LERR(L, "%s: album.songs[%d].crossfade_s: the last song has no next song "
					"to cross into", L->file, k);
			else if (a->songs[k + 1].gap_before_s > 0)
				LERR(L, "%s: album.songs[%d].gap_before_s: must be 0 after a crossfade "
					"(songs[%d] crosses into it)", L->file, k + 1, k);
		}
	}
	a->json = cJSON_Duplicate(ja, true);
	return a;
}

/* The first member name that appears twice in one object, anywhere in the tree, or
 * NULL. JSON leaves duplicates undefined; cJSON would read the first and a save would
 * keep both, so a file that has them is refused. */
static const char *duplicate_key(const cJSON *node)
{
	for (const cJSON *a = node ? node->child : NULL; a; a = a->next) {
		if (cJSON_IsObject(node) && a->string)
			for (const cJSON *b = a->next; b; b = b->next)
				if (b->string && !strcmp(a->string, b->string))
					return a->string;
		const char *d = duplicate_key(a);
		if (d)
			return d;
	}
	return NULL;
}

/* Line and column of a byte offset, for parse errors. */
static void line_col(const char *text, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && text[i]; i++) {
		if (text[i] == '\n') {
			(*line)++;
			*col = 1;
		} else {
			(*col)++;
		}
	}
}

static enum err read_whole(const char *path, char **out, size_t *len, struct diag *diag)
{
	/* O_NONBLOCK: a FIFO in place of the file must not hang us before fstat says what
	 * it is; regular files ignore the flag */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		diag_add(diag, DIAG_ERROR, "%s: %s", path, strerror(errno));
		return errno == ENOENT ? ERR_NOT_FOUND : ERR_IO;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		diag_add(diag, DIAG_ERROR, "%s: not a regular file", path);
		return ERR_IO;
	}
	if (st.st_size > PROJECT_MAX_FILE_BYTES) {
		close(fd);
		diag_add(diag, DIAG_ERROR, "%s: %lld bytes; a project file is at most %ld bytes", path,
			(long long)st.st_size, PROJECT_MAX_FILE_BYTES);
		return ERR_FORMAT;
	}
	size_t cap = (size_t)st.st_size, n = 0;
	char *buf = xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			/* the file grew since fstat; stay within the limit */
			if (cap >= (size_t)PROJECT_MAX_FILE_BYTES)
				break;
			cap = cap * 2 + 4096;
			buf = xrealloc(buf, cap + 1);
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_add(diag, DIAG_ERROR, "%s: %s", path, strerror(errno));
			free(buf);
			close(fd);
			return ERR_IO;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return ERR_OK;
}

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* What cJSON lets through but JSON forbids, and we must not accept silently: bad escapes
 * (cJSON turns a broken \u into an early end of string), raw control characters in
 * strings. Returns true (and where and why) when the text is bad; leaves the rest of
 * the grammar to cJSON. */
static bool json_lint(const char *text, size_t len, size_t *off, const char **why)
{
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (in_string) {
			if (c == '"') {
				in_string = false;
			} else if (c < 0x20) {
				*off = i;
				*why = "control character inside a string";
				return true;
			} else if (c == '\\') {
				char n = i + 1 < len ? text[i + 1] : '\0';
				if (n == 'u') {
					if (i + 5 >= len || !is_hex(text[i + 2]) || !is_hex(text[i + 3]) ||
					    !is_hex(text[i + 4]) || !is_hex(text[i + 5]) ||
					    (text[i + 2] == '0' && text[i + 3] == '0' && text[i + 4] == '0' &&
					     text[i + 5] == '0')) {
						*off = i;
						*why = "bad \\u escape in a string";
						return true;
					}
					i += 5;
				} else if (n && strchr("\"\\/bfnrt", n)) {
					i++;
				} else {
					*off = i;
					*why = "bad escape in a string";
					return true;
				}
			}
			continue;
		}
		if (c == '"')
			in_string = true;
	}
	return false;
}

/* Find the folder and the file: PATH may be the folder or its project.json. */
static enum err resolve(const char *path, char **dir, char **file, struct diag *diag)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT) /* a typo, or a project not made yet: say how to make one */
			diag_add(diag, DIAG_ERROR, "no project at %s (ttymix new %s FILE... makes one)",
				path, path);
		else
			diag_add(diag, DIAG_ERROR, "%s: no such project (%s)", path, strerror(errno));
		return ERR_NOT_FOUND;
	}
	char *abs = realpath(path, NULL);
	if (!abs) {
		diag_add(diag, DIAG_ERROR, "%s: %s", path, strerror(errno));
		return ERR_IO;
	}
	if (S_ISDIR(st.st_mode)) {
		*dir = abs;
		*file = xasprintf("%s/%s", abs, PROJECT_FILE);
		if (access(*file, F_OK) != 0) {
			diag_add(diag, DIAG_ERROR, "%s: no %s in this folder", path, PROJECT_FILE);
			free(*dir);
			free(*file);
			return ERR_NOT_FOUND;
		}
		return ERR_OK;
	}
	*file = abs;
	char *slash = strrchr(abs, '/');
	*dir = slash == abs ? xstrdup("/") : strndup(abs, (size_t)(slash - abs));
	if (!*dir)
		xalloc_die();
	return ERR_OK;
}

/* The document's text: given (the project's place is then taken as is, from
 * given_dir and path), or read from the file path names (a folder's project.json). */
static enum err load_text(const char *path, const char *given, const char *given_dir,
	char **dir, char **file, char **text, size_t *len, struct diag *diag)
{
	if (given) {
		*dir = xstrdup(given_dir);
		*file = xstrdup(path);
		*text = xstrdup(given);
		*len = strlen(*text);
		return ERR_OK;
	}
	enum err e = resolve(path, dir, file, diag);
	if (e != ERR_OK)
		return e;
	e = read_whole(*file, text, len, diag);
	if (e != ERR_OK) {
		free(*dir);
		free(*file);
		*dir = *file = NULL;
	}
	return e;
}

/* The tree of one JSON value; NULL, and one error naming the line and column, when
 * the text is not JSON or has more after the value. */
static cJSON *parse_document(const char *file, const char *text, size_t len,
	struct diag *diag)
{
	const char *end = NULL;
	size_t lint_off = 0;
	const char *lint_why = NULL;
	cJSON *root = NULL;
	if (len > 0 && !memchr(text, '\0', len) && !json_lint(text, len, &lint_off, &lint_why))
		root = cJSON_ParseWithLengthOpts(text, len, &end, false);
	if (root) {
		/* cJSON stops after the first value; anything but white space after it is a
		 * damaged file, not something to ignore */
		const char *q = end;
		while (q && q < text + len && (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
			q++;
		if (!q || q >= text + len)
			return root;
		cJSON_Delete(root);
		lint_off = (size_t)(q - text);
		lint_why = "more text after the end of the project";
	}
	int line, col;
	size_t off = end && end >= text && end <= text + len ? (size_t)(end - text) : 0;
	if (!end) {
		const char *ep = cJSON_GetErrorPtr();
		off = ep && ep >= text && ep <= text + len ? (size_t)(ep - text) : 0;
	}
	if (lint_why)
		off = lint_off;
	line_col(text, off, &line, &col);
	if (len == 0)
		diag_add(diag, DIAG_ERROR, "%s: empty file", file);
	else if (memchr(text, '\0', len))
		diag_add(diag, DIAG_ERROR, "%s: binary data (a NUL byte), not JSON", file);
	else if (lint_why)
		diag_add(diag, DIAG_ERROR, "%s: not valid JSON (line %d, column %d): %s", file,
			line, col, lint_why);
	else
		diag_add(diag, DIAG_ERROR, "%s: not valid JSON (line %d, column %d)%s", file, line,
			col, off >= len ? ": the file ends too early" : "");
	return NULL;
}

/* The top level: one object, no key twice in any object, our format, a version this
 * one reads (ERR_VERSION when newer). Nothing else is read when it fails. */
static enum err check_document(struct loader *L, const cJSON *root)
{
	const char *file = L->file;
	if (!cJSON_IsObject(root)) {
		LERR(L, "%s: the top level must be an object, not %s", file, type_name(root));
		return ERR_FORMAT;
	}
	const char *dup = duplicate_key(root);
	if (dup) {
		LERR(L, "%s: \"%.64s\" appears twice in one object", file, dup);
		return ERR_FORMAT;
	}
	const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
	if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, PROJECT_FORMAT) != 0) {
		LERR(L, "%s: not a ttymix project (\"format\" must be \"%s\")", file, PROJECT_FORMAT);
		return ERR_FORMAT;
	}
	const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "version");
	if (!cJSON_IsNumber(ver) || !isfinite(ver->valuedouble) ||
	    ver->valuedouble != floor(ver->valuedouble) || ver->valuedouble < 1) {
		LERR(L, "%s: version: must be a whole number from 1", file);
		return ERR_FORMAT;
	}
	if (ver->valuedouble > PROJECT_VERSION) {
		LERR(L, "%s: made by a newer ttymix (project version %.0f; this one reads up to %d)",
			file, ver->valuedouble, PROJECT_VERSION);
		return ERR_VERSION;
	}
	return ERR_OK;
}

/* A meter field ("meter": "6/8") into *num and *den, which keep their values when it
 * is missing or bad (bad is reported); whether it was there and good. */
static bool get_meter(struct loader *L, const cJSON *obj, const char *ctx, int *num,
	int *den)
{
	char *s = get_str(L, obj, ctx, "meter", 16, false);
	if (!s)
		return false; /* missing, or get_str said why */
	const bool ok = tempo_meter_parse(s, num, den);
	if (!ok)
		LERR(L, "%s: %smeter: \"%s\" is not a meter (1 to %d beats over 1, 2, 4, 8, 16 or "
			"32: \"6/8\")", L->file, ctx, s, TEMPO_MAX_BEATS);
	free(s);
	return ok;
}

/* The document's own settings: name (else the folder's), rate, pan law, tempo,
 * crossfades. */
static void load_settings(struct loader *L, const cJSON *root, struct project *p)
{
	p->name = get_str(L, root, "", "name", LIMIT(NAME), false);
	if (!p->name) {
		const char *base = strrchr(p->dir, '/');
		p->name = xstrdup(base && base[1] ? base + 1 : "untitled");
	}
	double rate = get_num(L, root, "", "sample_rate", PROJECT_MIN_RATE, PROJECT_MAX_RATE,
		48000, false);
	if (rate != floor(rate))
		LERR(L, "%s: sample_rate: must be a whole number of Hz, not %g", p->path, rate);
	p->sample_rate = (int)rate;
	p->pan_law_db = get_num(L, root, "", "pan_law_db", PROJECT_MIN_PAN_LAW_DB,
		PROJECT_MAX_PAN_LAW_DB, -3.0, false);
	p->tempo_bpm = get_num(L, root, "", "tempo_bpm", TEMPO_MIN_BPM, TEMPO_MAX_BPM,
		TEMPO_DEFAULT_BPM, false);
	p->meter_num = p->meter_den = 4;
	get_meter(L, root, "", &p->meter_num, &p->meter_den);
	p->crossfade_ms = get_num(L, root, "", "crossfade_ms", 0, PROJECT_MAX_CROSSFADE_MS,
		PROJECT_DEFAULT_CROSSFADE_MS, false);
	const double lat = get_num(L, root, "", "record_latency_frames",
		-PROJECT_MAX_RECORD_LATENCY, PROJECT_MAX_RECORD_LATENCY, 0, false);
	if (lat != floor(lat))
		LERR(L, "%s: record_latency_frames: must be a whole number, not %g", p->path, lat);
	p->record_latency = (int)lat;
}

static void load_master(struct loader *L, const cJSON *root, struct project *p)
{
	const cJSON *master = cJSON_GetObjectItemCaseSensitive(root, "master");
	if (master && !cJSON_IsObject(master))
		LERR(L, "%s: master: must be an object, not %s", p->path, type_name(master));
	else if (master)
		load_strip(L, master, "master.", CONTROL_ON_MASTER, 0, &p->master);
}

static void load_buses(struct loader *L, const cJSON *root, struct project *p)
{
	const cJSON *buses = get_array(L, root, "", "buses", LIMIT(BUSES));
	int nb = buses ? cJSON_GetArraySize(buses) : 0;
	p->buses = nb ? xcalloc((size_t)nb, sizeof *p->buses) : NULL;
	const cJSON *jb;
	int bi = 0;
	cJSON_ArrayForEach(jb, buses) {
		char ctx[64];
		if (array_object(L, jb, "", "buses", bi, ctx, sizeof ctx)) {
			struct project_bus *b = &p->buses[p->n_buses++];
			load_strip(L, jb, ctx, CONTROL_ON_BUS, bi, &b->strip);
			b->json = cJSON_Duplicate(jb, true);
		}
		bi++;
	}
}

static void load_groups(struct loader *L, const cJSON *root, struct project *p)
{
	const cJSON *groups = get_array(L, root, "", "groups", LIMIT(GROUPS));
	int ng = groups ? cJSON_GetArraySize(groups) : 0;
	p->groups = ng ? xcalloc((size_t)ng, sizeof *p->groups) : NULL;
	const cJSON *jg;
	int gi = 0;
	cJSON_ArrayForEach(jg, groups) {
		char ctx[64];
		if (!array_object(L, jg, "", "groups", gi++, ctx, sizeof ctx))
			continue;
		struct project_group *g = &p->groups[p->n_groups++];
		g->name = get_str(L, jg, ctx, "name", LIMIT(NAME), true);
		if (!g->name)
			g->name = xasprintf("Group %d", gi);
		g->gain = get_bool(L, jg, ctx, "gain", true);
		g->mute = get_bool(L, jg, ctx, "mute", true);
		g->solo = get_bool(L, jg, ctx, "solo", true);
		g->json = cJSON_Duplicate(jg, true);
		for (int k = 0; k < p->n_groups - 1; k++)
			if (!strcmp(p->groups[k].name, g->name)) {
				LERR(L, "%s: %sname: groups[%d] is also called \"%.64s\"", p->path, ctx, k,
					g->name);
				break;
			}
	}
}

static void load_tracks(struct loader *L, const cJSON *root, struct project *p)
{
	const cJSON *tracks = get_array(L, root, "", "tracks", LIMIT(TRACKS));
	int n = tracks ? cJSON_GetArraySize(tracks) : 0;
	p->tracks = n ? xcalloc((size_t)n, sizeof *p->tracks) : NULL;
	const cJSON *jt;
	int i = 0;
	cJSON_ArrayForEach(jt, tracks) {
		char ctx[64];
		if (array_object(L, jt, "", "tracks", i, ctx, sizeof ctx))
			load_track(L, jt, ctx, i, &p->tracks[p->n_tracks++]);
		i++;
	}
}

/* What names other parts of the project, once every strip is read: a track's group,
 * the outputs and sends (project_route_check); two tracks of one name are a warning. */
static void check_references(struct loader *L, const struct project *p)
{
	for (int t = 0; t < p->n_tracks; t++)
		if (p->tracks[t].group && project_find_group(p, p->tracks[t].group) < 0)
			LERR(L, "%s: tracks[%d].group: no group called \"%.64s\" (add it to groups[])",
				p->path, t, p->tracks[t].group);
	if (project_route_check(p, p->path, L->diag) == 0)
		project_sidechain_check(p, p->path, L->diag);

	/* names are how tracks are typed (`:gain vox -3`): say when one is ambiguous */
	for (int a = 0; a < p->n_tracks; a++)
		for (int b = a + 1; b < p->n_tracks; b++)
			if (!strcmp(p->tracks[a].strip.name, p->tracks[b].strip.name)) {
				diag_add(L->diag, DIAG_WARNING, "%s: tracks[%d] and tracks[%d] are both "
					"called \"%s\"; use their numbers to tell them apart", p->path, a, b,
					p->tracks[a].strip.name);
				b = p->n_tracks;
			}
}

static void load_markers(struct loader *L, const cJSON *root, struct project *p)
{
	const cJSON *markers = get_array(L, root, "", "markers", LIMIT(MARKERS));
	int n = markers ? cJSON_GetArraySize(markers) : 0;
	p->markers = n ? xcalloc((size_t)n, sizeof *p->markers) : NULL;
	int i = 0;
	const cJSON *jm;
	cJSON_ArrayForEach(jm, markers) {
		char ctx[64];
		if (!array_object(L, jm, "", "markers", i++, ctx, sizeof ctx))
			continue;
		struct project_marker *m = &p->markers[p->n_markers++];
		m->name = get_str(L, jm, ctx, "name", LIMIT(NAME), false);
		if (!m->name)
			m->name = xstrdup("");
		m->time = get_num(L, jm, ctx, "time", 0, PROJECT_MAX_SECONDS, 0, true);
		m->json = cJSON_Duplicate(jm, true);
	}
}

/* `tempo_map`: changes at bars from 2, in bar order, each of the tempo, the meter or
 * both. */
static void load_tempo_map(struct loader *L, const cJSON *root, struct project *p)
{
	const cJSON *map = get_array(L, root, "", "tempo_map", LIMIT(TEMPO_CHANGES));
	const int n = map ? cJSON_GetArraySize(map) : 0;
	p->tempo_map = n ? xcalloc((size_t)n, sizeof *p->tempo_map) : NULL;
	int i = 0;
	const cJSON *jc;
	cJSON_ArrayForEach(jc, map) {
		char ctx[64];
		if (!array_object(L, jc, "", "tempo_map", i++, ctx, sizeof ctx))
			continue;
		struct tempo_change c = { 0 };
		c.bar = get_whole(L, jc, ctx, "bar", 2, TEMPO_MAX_BAR);
		if (!cJSON_GetObjectItemCaseSensitive(jc, "bar"))
			LERR(L, "%s: %sbar: missing (a bar from 2 to %d)", L->file, ctx, TEMPO_MAX_BAR);
		c.bpm = get_num(L, jc, ctx, "tempo_bpm", TEMPO_MIN_BPM, TEMPO_MAX_BPM, 0, false);
		get_meter(L, jc, ctx, &c.num, &c.den);
		if (!cJSON_GetObjectItemCaseSensitive(jc, "tempo_bpm")
		    && !cJSON_GetObjectItemCaseSensitive(jc, "meter"))
			LERR(L, "%s: %.*s: changes nothing (give it a tempo_bpm, a meter or both)",
				L->file, (int)strlen(ctx) - 1, ctx);
		if (c.bar > 0 && p->n_tempo_map > 0 && c.bar <= p->tempo_map[p->n_tempo_map - 1].bar)
			LERR(L, "%s: %sbar: %d is not after bar %d (the changes go in bar order, one a "
				"bar)", L->file, ctx, c.bar, p->tempo_map[p->n_tempo_map - 1].bar);
		if (c.bar > 0)
			p->tempo_map[p->n_tempo_map++] = c;
	}
}

static void load_loop(struct loader *L, const cJSON *root, struct project *p)
{
	const cJSON *loop = cJSON_GetObjectItemCaseSensitive(root, "loop");
	if (loop && !cJSON_IsObject(loop) && !cJSON_IsNull(loop))
		LERR(L, "%s: loop: must be an object, not %s", p->path, type_name(loop));
	else if (loop && cJSON_IsObject(loop)) {
		p->loop_start = get_num(L, loop, "loop.", "start", 0, PROJECT_MAX_SECONDS, 0, false);
		p->loop_end = get_num(L, loop, "loop.", "end", 0, PROJECT_MAX_SECONDS, 0, false);
		p->loop_enabled = get_bool(L, loop, "loop.", "enabled", false);
		if (p->loop_enabled && p->loop_end <= p->loop_start)
			LERR(L, "%s: loop: end (%g s) must be after start (%g s)", p->path, p->loop_end,
				p->loop_start);
	}
}

/* `delivery`, optional: a key of lowercase letters, digits and '_' (an unknown one, from
 * a newer ttymix, is kept as it is) and the loudness. */
static void load_delivery(struct loader *L, const cJSON *root, struct project *p)
{
	const cJSON *d = cJSON_GetObjectItemCaseSensitive(root, "delivery");
	if (!d)
		return;
	if (!cJSON_IsObject(d)) {
		LERR(L, "%s: delivery: must be an object, not %s", p->path, type_name(d));
		return;
	}
	char *key = get_str(L, d, "delivery.", "target", PROJECT_DELIVERY_KEY_MAX, true);
	if (key && strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(key))
		LERR(L, "%s: delivery.target: \"%s\" is not a key (lowercase letters, digits, _)",
			p->path, key);
	else if (key)
		snprintf(p->delivery_target, sizeof p->delivery_target, "%s", key);
	free(key);
	p->delivery_lufs = get_num(L, d, "delivery.", "lufs", PROJECT_MIN_TARGET_LUFS,
		PROJECT_MAX_TARGET_LUFS, 0, true);
}

/* project_load and project_from_json: the document, then each part in the order the
 * messages have always come in (tests/corpus.sh compares them). */
static enum err load(const char *path, const char *given, const char *given_dir,
	struct project **out, struct diag *diag)
{
	*out = NULL;
	char *dir = NULL, *file = NULL, *text = NULL;
	size_t len = 0;
	enum err e = load_text(path, given, given_dir, &dir, &file, &text, &len, diag);
	if (e != ERR_OK)
		return e;
	cJSON *root = parse_document(file, text, len, diag);
	free(text);
	if (!root) {
		free(dir);
		free(file);
		return ERR_PARSE;
	}
	struct loader L = { .diag = diag, .file = file };
	size_t errors_before = diag->errors;
	e = check_document(&L, root);
	if (e != ERR_OK) {
		cJSON_Delete(root);
		free(dir);
		free(file);
		return e;
	}
	struct project *p = xcalloc(1, sizeof *p);
	p->dir = dir;
	p->path = file;
	L.file = p->path;
	load_settings(&L, root, p);
	load_master(&L, root, p);
	load_buses(&L, root, p);
	load_groups(&L, root, p);
	load_tracks(&L, root, p);
	check_references(&L, p);
	load_markers(&L, root, p);
	load_tempo_map(&L, root, p);
	load_loop(&L, root, p);
	load_delivery(&L, root, p);
	p->album = load_album(&L, root);
	p->json = root;
	if (diag->errors > errors_before) {
		project_free(p);
		return ERR_FORMAT;
	}
	*out = p;
	return ERR_OK;
}

enum err project_load(const char *path, struct project **out, struct diag *diag)
{
	return load(path, NULL, NULL, out, diag);
}

enum err project_from_json(const char *text, const char *dir, const char *path,
	struct project **out, struct diag *diag)
{
	return load(path, text, dir, out, diag);
}

/* ---- saving ---- */

static void set_item(cJSON *obj, const char *key, cJSON *item)
{
	if (cJSON_GetObjectItemCaseSensitive(obj, key))
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key, item);
	else
		cJSON_AddItemToObject(obj, key, item);
}

static void set_num(cJSON *obj, const char *key, double v)
{
	set_item(obj, key, cJSON_CreateNumber(v));
}

static void set_str(cJSON *obj, const char *key, const char *s)
{
	if (s)
		set_item(obj, key, cJSON_CreateString(s));
	else
		cJSON_DeleteItemFromObjectCaseSensitive(obj, key);
}

static void set_bool(cJSON *obj, const char *key, bool b)
{
	set_item(obj, key, cJSON_CreateBool(b));
}

/* A clip's fade shape: written when it is not linear or the file named it, so that
 * files from before shapes existed save unchanged. */
static void set_fade_shape(cJSON *jc, const char *key, enum project_fade_shape shape)
{
	if (shape != PROJECT_FADE_LINEAR || cJSON_GetObjectItemCaseSensitive(jc, key))
		set_str(jc, key, project_fade_shape_name(shape));
}

/* Start from what was read (unknown fields survive), or from a new object. */
static cJSON *base_object(void *json)
{
	cJSON *o = json ? cJSON_Duplicate(json, true) : cJSON_CreateObject();
	if (!o)
		xalloc_die();
	return o;
}

/* What an autosave adds (src/studio/autosave.c): how many edits it is ahead of project.json.
 * A project restored from an autosave must not carry it into its next save. */
#define AUTOSAVE_KEY "autosave"

static void set_item_after(cJSON *obj, const char *after, const char *key, cJSON *item);

/* A strip's inserts from the model; each object starts from what was read, and its
 * params keep every key the file had, plus every value that is not the default. */
static void set_inserts(cJSON *obj, const struct project_insert *ins, int n)
{
	if (n == 0 && !cJSON_GetObjectItemCaseSensitive(obj, "inserts"))
		return;
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < n; i++) {
		const struct fx_class *cls = ins[i].cls;
		cJSON *o = base_object(ins[i].json);
		set_str(o, "type", cls->name);
		if (cls->uri)
			set_item_after(o, "type", "uri", cJSON_CreateString(cls->uri));
		set_bool(o, control_get(CONTROL_INSERT_BYPASS)->key, ins[i].bypass);
		cJSON *old = cJSON_GetObjectItemCaseSensitive(o, "params");
		cJSON *params = base_object(cJSON_IsObject(old) ? old : NULL);
		for (int k = 0; k < cls->n_params; k++)
			if (ins[i].params[k] != cls->params[k].def ||
			    cJSON_GetObjectItemCaseSensitive(params, cls->params[k].name))
				set_num(params, cls->params[k].name, ins[i].params[k]);
		set_item(o, "params", params);
		if (ins[i].sidechain)
			set_str(o, "sidechain", ins[i].sidechain);
		else
			cJSON_DeleteItemFromObjectCaseSensitive(o, "sidechain");
		if (with_lv2_states && ins[i].lv2_state) {
			set_str(o, LV2_STATE_KEY, ins[i].lv2_state);
			set_num(o, LV2_SERIAL_KEY, ins[i].lv2_serial);
		}
		cJSON_AddItemToArray(arr, o);
	}
	set_item(obj, "inserts", arr);
}

static void set_sends(cJSON *obj, const struct project_send *sends, int n)
{
	if (n == 0 && !cJSON_GetObjectItemCaseSensitive(obj, "sends"))
		return;
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < n; i++) {
		cJSON *o = base_object(sends[i].json);
		set_str(o, "bus", sends[i].bus);
		set_num(o, control_get(CONTROL_SEND_LEVEL)->key, sends[i].level_db);
		set_bool(o, "pre_fader", sends[i].pre_fader);
		cJSON_AddItemToArray(arr, o);
	}
	set_item(obj, "sends", arr);
}

/* Lanes as read: a plain array of points in read mode, an object with the mode
 * otherwise. Written when there are lanes, or when the file had the object. */
static void set_automation(cJSON *obj, const struct project_lane *lanes, int n)
{
	if (n == 0 && !cJSON_GetObjectItemCaseSensitive(obj, "automation"))
		return;
	cJSON *a = cJSON_CreateObject();
	for (int i = 0; i < n; i++) {
		cJSON *pts = cJSON_CreateArray();
		for (int k = 0; k < lanes[i].n_points; k++) {
			cJSON *pt = cJSON_CreateArray();
			cJSON_AddItemToArray(pt, cJSON_CreateNumber(lanes[i].points[k].time));
			cJSON_AddItemToArray(pt, cJSON_CreateNumber(lanes[i].points[k].value));
			cJSON_AddItemToArray(pts, pt);
		}
		if (lanes[i].mode == AUTO_READ) {
			cJSON_AddItemToObject(a, lanes[i].param, pts);
		} else {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddItemToObject(o, "mode",
				cJSON_CreateString(project_auto_mode_name(lanes[i].mode)));
			cJSON_AddItemToObject(o, "points", pts);
			cJSON_AddItemToObject(a, lanes[i].param, o);
		}
	}
	set_item(obj, "automation", a);
}

/* A flag written when set, or when the file had it (so a round trip is exact). */
static void set_flag(cJSON *obj, const char *key, bool on)
{
	if (on || cJSON_GetObjectItemCaseSensitive(obj, key))
		set_bool(obj, key, on);
}

/* ---- album (`album`): saving ---- */

/* Written only when the project has one; optional fields when they are set or the
 * file had them, so that a round trip is exact. */
static void set_album(cJSON *root, const struct project_album *a)
{
	if (!a) {
		cJSON_DeleteItemFromObjectCaseSensitive(root, "album");
		return;
	}
	cJSON *ja = base_object(a->json);
	set_str(ja, "title", a->title);
	set_str(ja, "artist", a->artist);
	if (a->has_target)
		set_num(ja, "target_lufs", a->target_lufs);
	else
		cJSON_DeleteItemFromObjectCaseSensitive(ja, "target_lufs");
	cJSON *songs = cJSON_CreateArray();
	for (int i = 0; i < a->n_songs; i++) {
		const struct project_song *s = &a->songs[i];
		cJSON *js = base_object(s->json);
		set_str(js, "source", s->source);
		set_str(js, "title", s->title);
		set_num(js, "gap_before_s", s->gap_before_s);
		set_num(js, "gain_db", s->gain_db);
		set_num(js, "fade_in_s", s->fade_in_s);
		set_num(js, "fade_out_s", s->fade_out_s);
		if (s->crossfade_s > 0 || cJSON_GetObjectItemCaseSensitive(js, "crossfade_s"))
			set_num(js, "crossfade_s", s->crossfade_s);
		cJSON_AddItemToArray(songs, js);
	}
	set_item(ja, "songs", songs);
	set_item(root, "album", ja);
}

/* The strip's own fields (kind: CONTROL_ON_*): its name, color and output (not the
 * master's), then its controls in the control table's order. Its inserts, sends and
 * automation follow what the caller writes in between (a track's clips), by
 * save_strip_chain. */
static void save_strip(cJSON *obj, unsigned kind, const struct project_strip *s)
{
	if (kind != CONTROL_ON_MASTER) {
		set_str(obj, "name", s->name);
		set_str(obj, "color", s->color);
		set_str(obj, "output", s->output);
	}
	for (int i = 0; i < CONTROL_COUNT; i++) {
		const struct control *c = &control_table[i];
		if (c->place != CONTROL_IN_STRIP || !control_on(c, kind))
			continue;
		const double v = control_value(c, s, 0, 0);
		if (c->taper != CONTROL_TAPER_SWITCH)
			set_num(obj, c->key, v);
		else if (c->saved_when_on)
			set_flag(obj, c->key, v != 0);
		else
			set_bool(obj, c->key, v != 0);
	}
}

static void save_strip_chain(cJSON *obj, unsigned kind, const struct project_strip *s)
{
	set_inserts(obj, s->inserts, s->n_inserts);
	if (kind == CONTROL_ON_MASTER)
		return;
	set_sends(obj, s->sends, s->n_sends);
	set_automation(obj, s->lanes, s->n_lanes);
}

static cJSON *save_clip(const struct project_clip *c)
{
	cJSON *jc = base_object(c->json);
	set_str(jc, "file", c->file);
	set_num(jc, "start", c->start);
	set_num(jc, "offset", c->offset);
	if (c->length > 0)
		set_num(jc, "length", c->length);
	else
		cJSON_DeleteItemFromObjectCaseSensitive(jc, "length");
	set_num(jc, "gain_db", c->gain_db);
	set_num(jc, "fade_in", c->fade_in);
	set_num(jc, "fade_out", c->fade_out);
	set_fade_shape(jc, "fade_in_shape", c->fade_in_shape);
	set_fade_shape(jc, "fade_out_shape", c->fade_out_shape);
	/* written only when used (or already in the file), so a project without
	 * pitch keeps its shape */
	if (c->pitch_semitones || cJSON_GetObjectItemCaseSensitive(jc, "pitch_semitones"))
		set_num(jc, "pitch_semitones", c->pitch_semitones);
	if (c->pitch_cents || cJSON_GetObjectItemCaseSensitive(jc, "pitch_cents"))
		set_num(jc, "pitch_cents", c->pitch_cents);
	if (c->varispeed || cJSON_GetObjectItemCaseSensitive(jc, "varispeed"))
		set_bool(jc, "varispeed", c->varispeed);
	return jc;
}

/* Written only when set (or already in the file): an old project keeps its shape. */
static void save_record(cJSON *jt, const struct project_track *t)
{
	if (t->record_armed || cJSON_GetObjectItemCaseSensitive(jt, "record_armed"))
		set_bool(jt, "record_armed", t->record_armed);
	const bool stereo = t->record_channels == 2;
	if (stereo || t->record_input || cJSON_GetObjectItemCaseSensitive(jt, "record_input"))
		set_str(jt, "record_input", stereo ? "1-2" : t->record_input ? "2" : "1");
}

static void save_tracks(cJSON *root, const struct project *p)
{
	cJSON *tracks = cJSON_CreateArray();
	for (int i = 0; i < p->n_tracks; i++) {
		const struct project_track *t = &p->tracks[i];
		cJSON *jt = base_object(t->json);
		save_strip(jt, CONTROL_ON_TRACK, &t->strip);
		set_str(jt, "group", t->group);
		set_str(jt, "role", t->role);
		save_record(jt, t);
		cJSON *clips = cJSON_CreateArray();
		for (int k = 0; k < t->n_clips; k++)
			cJSON_AddItemToArray(clips, save_clip(&t->clips[k]));
		set_item(jt, "clips", clips);
		save_strip_chain(jt, CONTROL_ON_TRACK, &t->strip);
		cJSON_AddItemToArray(tracks, jt);
	}
	set_item(root, "tracks", tracks);
}

/* Buses (and groups) are written when the project has some or the file had them. */
static void save_buses(cJSON *root, const struct project *p)
{
	if (p->n_buses || cJSON_GetObjectItemCaseSensitive(root, "buses")) {
		cJSON *buses = cJSON_CreateArray();
		for (int i = 0; i < p->n_buses; i++) {
			const struct project_bus *b = &p->buses[i];
			cJSON *jb = base_object(b->json);
			save_strip(jb, CONTROL_ON_BUS, &b->strip);
			save_strip_chain(jb, CONTROL_ON_BUS, &b->strip);
			cJSON_AddItemToArray(buses, jb);
		}
		set_item(root, "buses", buses);
	}
}

static void save_groups(cJSON *root, const struct project *p)
{
	if (p->n_groups || cJSON_GetObjectItemCaseSensitive(root, "groups")) {
		cJSON *groups = cJSON_CreateArray();
		for (int i = 0; i < p->n_groups; i++) {
			const struct project_group *g = &p->groups[i];
			cJSON *jg = base_object(g->json);
			set_str(jg, "name", g->name);
			set_bool(jg, "gain", g->gain);
			set_bool(jg, "mute", g->mute);
			set_bool(jg, "solo", g->solo);
			cJSON_AddItemToArray(groups, jg);
		}
		set_item(root, "groups", groups);
	}
}

/* Set key to item; a key new to obj goes right after the key `after` (when obj has it),
 * so that a field added to an older file sits beside its kin. */
static void set_item_after(cJSON *obj, const char *after, const char *key, cJSON *item)
{
	if (cJSON_GetObjectItemCaseSensitive(obj, key)) {
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key, item);
		return;
	}
	const cJSON *before = cJSON_GetObjectItemCaseSensitive(obj, after);
	cJSON_AddItemToObject(obj, key, item);
	/* the items between `after` and the new one move, in order, behind it (cJSON
	 * 1.7.15 refuses to insert into an object) */
	cJSON *c = before ? before->next : NULL;
	while (c && c != item) {
		cJSON *next = c->next;
		cJSON_DetachItemViaPointer(obj, c);
		cJSON_AddItemToArray(obj, c); /* keeps its name */
		c = next;
	}
}

static void set_meter(cJSON *obj, const char *after, int num, int den)
{
	char meter[32];
	snprintf(meter, sizeof meter, "%d/%d", num, den);
	set_item_after(obj, after, "meter", cJSON_CreateString(meter));
}

/* `tempo_map`, rebuilt from the model: an entry has the fields it changes. */
static void save_tempo_map(cJSON *root, const struct project *p)
{
	cJSON *map = cJSON_CreateArray();
	for (int i = 0; i < p->n_tempo_map; i++) {
		const struct tempo_change *c = &p->tempo_map[i];
		cJSON *e = cJSON_CreateObject();
		set_num(e, "bar", c->bar);
		if (c->bpm > 0)
			set_num(e, "tempo_bpm", c->bpm);
		if (c->num > 0)
			set_meter(e, "tempo_bpm", c->num, c->den);
		cJSON_AddItemToArray(map, e);
	}
	set_item_after(root, cJSON_GetObjectItemCaseSensitive(root, "meter") ? "meter"
		: "tempo_bpm", "tempo_map", map);
}

/* The master's object is always written; its fields this version does not know stay. */
static void save_master(cJSON *root, const struct project *p)
{
	cJSON *master = cJSON_GetObjectItemCaseSensitive(root, "master");
	if (!cJSON_IsObject(master)) {
		master = cJSON_CreateObject();
		set_item(root, "master", master);
	}
	save_strip(master, CONTROL_ON_MASTER, &p->master);
	save_strip_chain(master, CONTROL_ON_MASTER, &p->master);
}

/* The document, starting from what was read; each part in the order it has always
 * been written, so that a file saved again is the same bytes. */
static cJSON *to_tree(struct project *p, int autosave_edits)
{
	cJSON *root = base_object(p->json);
	cJSON_DeleteItemFromObjectCaseSensitive(root, AUTOSAVE_KEY);
	if (autosave_edits >= 0) {
		cJSON *note = cJSON_CreateObject();
		set_num(note, "edits_since_save", autosave_edits);
		set_item(root, AUTOSAVE_KEY, note);
	}
	set_str(root, "format", PROJECT_FORMAT);
	set_num(root, "version", PROJECT_VERSION);
	set_str(root, "name", p->name);
	set_num(root, "sample_rate", p->sample_rate);
	set_num(root, "pan_law_db", p->pan_law_db);
	set_num(root, "tempo_bpm", p->tempo_bpm);
	/* the meter and the map only when they say something, or were there: a file of
	 * an older version saves as the same bytes */
	if (p->meter_num != 4 || p->meter_den != 4
	    || cJSON_GetObjectItemCaseSensitive(root, "meter"))
		set_meter(root, "tempo_bpm", p->meter_num, p->meter_den);
	if (p->n_tempo_map || cJSON_GetObjectItemCaseSensitive(root, "tempo_map"))
		save_tempo_map(root, p);
	if (p->crossfade_ms != PROJECT_DEFAULT_CROSSFADE_MS
	    || cJSON_GetObjectItemCaseSensitive(root, "crossfade_ms"))
		set_num(root, "crossfade_ms", p->crossfade_ms);
	if (p->record_latency || cJSON_GetObjectItemCaseSensitive(root, "record_latency_frames"))
		set_num(root, "record_latency_frames", p->record_latency);
	save_tracks(root, p);
	save_buses(root, p);
	save_groups(root, p);
	save_master(root, p);

	cJSON *markers = cJSON_CreateArray();
	for (int i = 0; i < p->n_markers; i++) {
		cJSON *m = base_object(p->markers[i].json);
		set_str(m, "name", p->markers[i].name);
		set_num(m, "time", p->markers[i].time);
		cJSON_AddItemToArray(markers, m);
	}
	set_item(root, "markers", markers);

	cJSON *old_loop = cJSON_GetObjectItemCaseSensitive(root, "loop");
	cJSON *loop = base_object(cJSON_IsObject(old_loop) ? old_loop : NULL);
	set_num(loop, "start", p->loop_start);
	set_num(loop, "end", p->loop_end);
	set_bool(loop, "enabled", p->loop_enabled);
	set_item(root, "loop", loop);
	/* only once one was chosen: an older file saves as the same bytes */
	cJSON *old_delivery = cJSON_GetObjectItemCaseSensitive(root, "delivery");
	if (p->delivery_target[0]) {
		cJSON *d = base_object(cJSON_IsObject(old_delivery) ? old_delivery : NULL);
		set_str(d, "target", p->delivery_target);
		set_num(d, "lufs", p->delivery_lufs);
		set_item(root, "delivery", d);
	} else
		cJSON_DeleteItemFromObjectCaseSensitive(root, "delivery");
	set_album(root, p->album);
	return root;
}

static char *to_json(struct project *p, int autosave_edits)
{
	cJSON *root = to_tree(p, autosave_edits);
	char *text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		xalloc_die();
	/* cJSON allocates with malloc by default, so free() releases it */
	return text;
}

char *project_to_json(struct project *p)
{
	with_lv2_states = true;
	char *text = to_json(p, -1);
	with_lv2_states = false;
	return text;
}

char *project_autosave_json(struct project *p, int edits_since_save)
{
	return to_json(p, edits_since_save < 0 ? -1 : edits_since_save);
}

/* cJSON's tree as a jtree (src/jtree.h), for readers that must not include cJSON. */
static void jtree_from(struct jtree *out, const cJSON *j)
{
	memset(out, 0, sizeof *out);
	if (j->string)
		out->key = xstrdup(j->string);
	if (cJSON_IsBool(j)) {
		out->kind = JTREE_BOOL;
		out->boolean = cJSON_IsTrue(j);
	} else if (cJSON_IsNumber(j)) {
		out->kind = JTREE_NUMBER;
		out->number = j->valuedouble;
	} else if (cJSON_IsString(j)) {
		out->kind = JTREE_STRING;
		out->string = xstrdup(j->valuestring);
	} else if (cJSON_IsArray(j) || cJSON_IsObject(j)) {
		out->kind = cJSON_IsArray(j) ? JTREE_ARRAY : JTREE_OBJECT;
		out->n_items = cJSON_GetArraySize(j);
		out->items = xcalloc((size_t)out->n_items + 1, sizeof *out->items);
		int i = 0;
		for (const cJSON *c = j->child; c && i < out->n_items; c = c->next)
			jtree_from(&out->items[i++], c);
	} else {
		out->kind = JTREE_NULL;
	}
}

struct jtree *project_to_tree(struct project *p)
{
	cJSON *root = to_tree(p, -1);
	struct jtree *t = xmalloc(sizeof *t);
	jtree_from(t, root);
	cJSON_Delete(root);
	return t;
}

int project_autosave_edits(const struct project *p)
{
	const cJSON *note = p->json ? cJSON_GetObjectItemCaseSensitive(p->json, AUTOSAVE_KEY)
		: NULL;
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(note, "edits_since_save");
	return cJSON_IsNumber(n) && n->valuedouble >= 0 && n->valuedouble < 1e9
		? (int)n->valuedouble : -1;
}

/* ---- a strip's chain on its own (copy and paste, chain presets) ---- */

char *project_chain_json(const struct project_strip *s)
{
	cJSON *root = cJSON_CreateObject();
	if (!root)
		xalloc_die();
	set_inserts(root, s->inserts, s->n_inserts);
	set_sends(root, s->sends, s->n_sends);
	char *text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		xalloc_die();
	return text;
}

enum err project_chain_parse(const char *text, const char *file, struct project_strip *out,
	struct diag *diag)
{
	memset(out, 0, sizeof *out);
	struct loader L = { diag, file };
	cJSON *root = cJSON_Parse(text);
	if (!root) {
		LERR(&L, "%s: not JSON (near \"%.20s\")", file, cJSON_GetErrorPtr()
			? cJSON_GetErrorPtr() : "");
		return ERR_FORMAT;
	}
	const size_t errors_before = diag->errors;
	if (!cJSON_IsObject(root))
		LERR(&L, "%s: must be an object, not %s", file, type_name(root));
	else {
		load_inserts(&L, root, "", out->inserts, &out->n_inserts);
		load_sends(&L, root, "", &out->sends, &out->n_sends);
	}
	cJSON_Delete(root);
	if (diag->errors > errors_before) {
		project_strip_deinit(out);
		return ERR_FORMAT;
	}
	return ERR_OK;
}
