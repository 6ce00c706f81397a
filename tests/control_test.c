/* The control table (src/control.h): every row is found by its id, its JSON key, its
 * studio name and its lane; every key a strip has round-trips through project.json
 * on a track, a bus and the master (and a key the master lacks stays an unknown
 * field there); ranges clamp and are what the loader refuses beyond; lane keys
 * resolve to the row and to the same range through the automation code. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/control.h"
#include "src/project.h"
#include "src/base/xalloc.h"

#define DIR "/nowhere"
#define PATH "/nowhere/project.json"

/* A track, a bus and the master, each with a send (but the master) and an eq insert,
 * every control at a value that is not its default: the caller's text goes into
 * each strip's object (key_value: "\"gain_db\": -7.5" ...), each send's and each
 * insert's. */
static char *project_text(const char *strip_kv, const char *send_kv, const char *insert_kv)
{
	const char *sep = strip_kv[0] ? ", " : "";
	const char *ssep = send_kv[0] ? ", " : "";
	const char *isep = insert_kv[0] ? ", " : "";
	return xasprintf("{\"format\": \"ttymix-project\", \"version\": 1, \"name\": \"t\","
		"\"master\": {\"inserts\": [{\"type\": \"eq\"%s%s}]%s%s},"
		"\"buses\": [{\"name\": \"Verb\", \"inserts\": [{\"type\": \"eq\"%s%s}]%s%s}],"
		"\"tracks\": [{\"name\": \"Vox\", \"sends\": [{\"bus\": \"Verb\"%s%s}],"
		"\"inserts\": [{\"type\": \"eq\"%s%s}]%s%s}]}",
		isep, insert_kv, sep, strip_kv,
		isep, insert_kv, sep, strip_kv,
		ssep, send_kv, isep, insert_kv, sep, strip_kv);
}

static struct project *load(const char *text, char *why, size_t why_size)
{
	struct project *p = NULL;
	struct diag d;
	diag_init(&d);
	enum err e = project_from_json(text, DIR, PATH, &p, &d);
	if (why)
		snprintf(why, why_size, "%s", diag_first_error(&d) ? diag_first_error(&d) : "");
	else if (e != ERR_OK)
		fail_msg("does not load: %s", diag_first_error(&d));
	diag_deinit(&d);
	return p;
}

/* A value inside the range, off the default, exact in JSON. */
static double probe_value(const struct control *c, const struct fx_param *fp)
{
	if (c->taper == CONTROL_TAPER_SWITCH)
		return 1;
	double lo, hi;
	control_range(c, fp, &lo, &hi);
	if (fp && fp->step > 0)
		return fp->def + fp->step <= hi ? fp->def + fp->step : fp->def - fp->step;
	double v = lo + (hi - lo) * 0.75;
	if (fp && fp->taper == FX_TAPER_LOG)
		v = hi * 0.5;
	v = round(v * 4) / 4;
	return v == (fp ? fp->def : c->def) ? v - 0.25 : v;
}

/* Every row by id, key, name and lane. */
static void test_lookups(void **state)
{
	(void)state;
	for (int i = 0; i < CONTROL_COUNT; i++) {
		const struct control *c = control_get((enum control_id)i);
		assert_non_null(c);
		assert_int_equal(c->id, i);
		assert_ptr_equal(control_by_name(c->name), c);
		if (c->key)
			assert_ptr_equal(control_by_key(c->place, c->key), c);
		if (c->lane && !strchr(c->lane, '.'))
			assert_ptr_equal(control_by_lane(c->lane), c);
		/* a lane's target is its control's id: a lane has its control's range, and a
		 * control without one has none */
		if (c->id != CONTROL_INSERT_PARAM) {
			double lo, hi;
			project_auto_range(c->id, NULL, 0, &lo, &hi);
			assert_true(c->lane ? lo == c->min && hi == c->max : lo == 0 && hi == 0);
		}
		assert_non_null(c->format);
		assert_non_null(c->unit);
		assert_true(c->strips != 0);
	}
	/* the keys of the project format (docs/project-format.md): files out there use them */
	static const struct { enum control_id id; const char *key, *lane; } known[] = {
		{ CONTROL_GAIN, "gain_db", "gain_db" }, { CONTROL_PAN, "pan", "pan" },
		{ CONTROL_MUTE, "mute", "mute" }, { CONTROL_SOLO, "solo", NULL },
		{ CONTROL_SOLO_SAFE, "solo_safe", NULL },
		{ CONTROL_SEND_LEVEL, "level_db", "send.BUS.level_db" },
		{ CONTROL_INSERT_PARAM, NULL, "insert.N.PARAM" },
		{ CONTROL_INSERT_BYPASS, "bypass", NULL },
	};
	assert_int_equal(sizeof known / sizeof known[0], CONTROL_COUNT);
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		const struct control *c = control_get(known[i].id);
		if (known[i].key)
			assert_string_equal(c->key, known[i].key);
		else
			assert_null(c->key);
		if (known[i].lane)
			assert_string_equal(c->lane, known[i].lane);
		else
			assert_null(c->lane);
	}
	assert_null(control_get((enum control_id)CONTROL_COUNT));
	assert_null(control_by_name("volume"));
	assert_null(control_by_key(CONTROL_IN_STRIP, "level_db"));
	assert_ptr_equal(control_by_key(CONTROL_IN_SEND, "level_db"),
		control_get(CONTROL_SEND_LEVEL));
	/* the engine command of each, as the studio sends it */
	assert_int_equal(control_get(CONTROL_GAIN)->cmd, CMD_GAIN);
	assert_int_equal(control_get(CONTROL_SOLO_SAFE)->cmd, CMD_SOLO_SAFE);
	assert_int_equal(control_get(CONTROL_SEND_LEVEL)->cmd, CMD_SEND_LEVEL);
	assert_int_equal(control_get(CONTROL_INSERT_PARAM)->cmd, CMD_FX_PARAM);
	assert_int_equal(control_get(CONTROL_INSERT_BYPASS)->cmd, CMD_FX_BYPASS);
}

/* The strips of p in one array: track, bus, master; and their kinds. */
static void strips_of(struct project *p, struct project_strip **s, unsigned *kind)
{
	s[0] = project_strip_at(p, 0);
	s[1] = project_strip_at(p, 1);
	s[2] = project_strip_at(p, PROJECT_STRIP_MASTER);
	assert_ptr_equal(s[0], &p->tracks[0].strip);
	assert_ptr_equal(s[1], &p->buses[0].strip);
	assert_ptr_equal(s[2], &p->master);
	assert_null(project_strip_at(p, 2));
	kind[0] = CONTROL_ON_TRACK;
	kind[1] = CONTROL_ON_BUS;
	kind[2] = CONTROL_ON_MASTER;
}

/* One control's key, loaded, saved and loaded again, on every strip. */
static void round_trip(const struct control *c, const struct fx_param *fp, int param,
	const char *key)
{
	const double v = probe_value(c, fp);
	char kv[128];
	if (c->taper == CONTROL_TAPER_SWITCH)
		snprintf(kv, sizeof kv, "\"%s\": true", key);
	else
		snprintf(kv, sizeof kv, "\"%s\": %.17g", key, v);
	char params[160];
	snprintf(params, sizeof params, "\"params\": {%s}", kv);
	char *text = project_text(c->place == CONTROL_IN_STRIP ? kv : "",
		c->place == CONTROL_IN_SEND ? kv : "",
		c->place == CONTROL_IN_INSERT ? (fp ? params : kv) : "");
	struct project *p = load(text, NULL, 0);
	free(text);
	for (int pass = 0; pass < 2; pass++) {
		struct project_strip *s[3];
		unsigned kind[3];
		strips_of(p, s, kind);
		for (int k = 0; k < 3; k++) {
			const bool has = control_has(c, s[k], kind[k], 0, param);
			assert_true(has == (control_on(c, kind[k])
				&& (c->place != CONTROL_IN_SEND || s[k]->n_sends == 1)));
			if (c->place != CONTROL_IN_STRIP)
				assert_false(control_has(c, s[k], kind[k], 1, param));
			if (!has) {
				if (c->place == CONTROL_IN_STRIP)
					assert_true(control_value(c, s[k], 0, param) == c->def);
				continue;
			}
			const double got = control_value(c, s[k], 0, param);
			if (got != v)
				fail_msg("%s (\"%s\") on strip %d, pass %d: %g, not %g", c->name, key, k,
					pass, got, v);
		}
		char *saved = project_to_json(p);
		char quoted[80];
		snprintf(quoted, sizeof quoted, "\"%s\":", key);
		assert_non_null(strstr(saved, quoted));
		project_free(p);
		p = load(saved, NULL, 0);
		/* the master keeps a key it does not have as an unknown field: saved again
		 * exactly as read */
		char *again = project_to_json(p);
		assert_string_equal(saved, again);
		free(again);
		free(saved);
	}
	project_free(p);
}

static void test_keys_round_trip(void **state)
{
	(void)state;
	const struct fx_class *eq = fx_class_find("eq");
	assert_non_null(eq);
	for (int i = 0; i < CONTROL_COUNT; i++) {
		const struct control *c = &control_table[i];
		if (c->taper != CONTROL_TAPER_FX) {
			round_trip(c, NULL, 0, c->key);
			continue;
		}
		for (int k = 0; k < eq->n_params; k++)
			round_trip(c, &eq->params[k], k, eq->params[k].name);
	}
}

/* The master has no pan: a "pan" in its object is not read into the strip, and
 * stays in the file. */
static void test_master_lacks(void **state)
{
	(void)state;
	struct project *p = load("{\"format\": \"ttymix-project\", \"version\": 1, "
		"\"master\": {\"gain_db\": -2, \"pan\": 0.5, \"mute\": true}}", NULL, 0);
	assert_true(p->master.gain_db == -2);
	assert_true(p->master.pan == 0);
	assert_false(p->master.mute);
	char *saved = project_to_json(p);
	assert_non_null(strstr(saved, "\"pan\":\t0.5"));
	assert_non_null(strstr(saved, "\"mute\":\ttrue"));
	free(saved);
	project_free(p);
}

static void test_ranges_clamp(void **state)
{
	(void)state;
	const struct fx_class *eq = fx_class_find("eq");
	for (int i = 0; i < CONTROL_COUNT; i++) {
		const struct control *c = &control_table[i];
		const struct fx_param *fp = c->taper == CONTROL_TAPER_FX ? &eq->params[0] : NULL;
		double lo, hi;
		control_range(c, fp, &lo, &hi);
		assert_true(lo < hi);
		if (c->taper == CONTROL_TAPER_SWITCH) {
			/* anything but 0 is on */
			assert_true(lo == 0 && hi == 1);
			assert_true(control_clamp(c, fp, 0.3) == 1);
			assert_true(control_clamp(c, fp, -5) == 1);
			assert_true(control_clamp(c, fp, 0) == 0);
			continue;
		}
		assert_true(control_clamp(c, fp, hi + 1000) == hi);
		assert_true(control_clamp(c, fp, lo - 1000) == lo);
		assert_true(control_normalise(c, fp, hi + 1000) == hi);
		assert_true(control_normalise(c, fp, lo - 1000) == lo);
		/* the loader refuses what the table's range does not hold, naming it */
		if (c->taper == CONTROL_TAPER_FX)
			continue; /* fx_test covers parameters */
		char kv[96], why[512], want[160];
		snprintf(kv, sizeof kv, "\"%s\": %g", c->key, hi + 1);
		char *text = project_text(c->place == CONTROL_IN_STRIP ? kv : "",
			c->place == CONTROL_IN_SEND ? kv : "", "");
		struct project *p = load(text, why, sizeof why);
		free(text);
		assert_null(p);
		snprintf(want, sizeof want, "%s: %g is out of range (%g to %g)", c->key, hi + 1, lo,
			hi);
		if (!strstr(why, want))
			fail_msg("%s: \"%s\" does not say \"%s\"", c->name, why, want);
	}
	/* an edit's rounding: 0.05 pan steps stay exact */
	const struct control *pan = control_get(CONTROL_PAN);
	assert_true(control_normalise(pan, NULL, 0.1 + 0.2) == 0.3);
}

static void test_format(void **state)
{
	(void)state;
	char buf[32];
	const struct control *gain = control_get(CONTROL_GAIN);
	control_format(gain, -144, buf, sizeof buf);
	assert_string_equal(buf, "-inf");
	control_format(gain, 0.01, buf, sizeof buf);
	assert_string_equal(buf, "0.0");
	control_format(gain, -3.5, buf, sizeof buf);
	assert_string_equal(buf, "-3.5");
	control_format(control_get(CONTROL_SEND_LEVEL), 0, buf, sizeof buf);
	assert_string_equal(buf, "+0.0");
	control_format(control_get(CONTROL_PAN), -0.3, buf, sizeof buf);
	assert_string_equal(buf, "L30");
	control_format(control_get(CONTROL_PAN), 0.001, buf, sizeof buf);
	assert_string_equal(buf, "C");
	control_format(control_get(CONTROL_MUTE), 1, buf, sizeof buf);
	assert_string_equal(buf, "on");
	control_format(control_get(CONTROL_INSERT_PARAM), 1234.5678, buf, sizeof buf);
	assert_string_equal(buf, "1235");
}

/* Lane keys: the row, the automation target and the same range. */
static void test_lanes_resolve(void **state)
{
	(void)state;
	char *text = project_text("", "", "");
	struct project *p = load(text, NULL, 0);
	free(text);
	const struct project_strip *s = &p->tracks[0].strip;
	const struct fx_class *eq = fx_class_find("eq");
	char insert_lane[64];
	snprintf(insert_lane, sizeof insert_lane, "insert.1.%s", eq->params[0].name);
	const char *lanes[] = { "gain_db", "pan", "mute", "send.Verb.level_db", insert_lane };
	const enum control_id ids[] = { CONTROL_GAIN, CONTROL_PAN, CONTROL_MUTE,
		CONTROL_SEND_LEVEL, CONTROL_INSERT_PARAM };
	for (size_t i = 0; i < sizeof lanes / sizeof lanes[0]; i++) {
		const struct control *c = control_by_lane(lanes[i]);
		assert_ptr_equal(c, control_get(ids[i]));
		enum control_id target;
		int index, param;
		char why[160];
		if (!project_auto_target(lanes[i], s->sends, s->n_sends, s->inserts, s->n_inserts,
			&target, &index, &param, why, sizeof why))
			fail_msg("%s: %s", lanes[i], why);
		assert_int_equal(target, c->id);
		double lo, hi, clo, chi;
		project_auto_range(target, &s->inserts[index], param, &lo, &hi);
		control_range(c, c->taper == CONTROL_TAPER_FX ? &eq->params[param] : NULL, &clo,
			&chi);
		assert_true(lo == clo && hi == chi);
	}
	/* and back: the key each lane has on this strip */
	for (size_t i = 0; i < sizeof lanes / sizeof lanes[0]; i++) {
		char key[64];
		assert_true(control_lane_key(control_get(ids[i]), s, 0, 0, key, sizeof key));
		assert_string_equal(key, lanes[i]);
	}
	char key[64];
	assert_false(control_lane_key(control_get(CONTROL_SOLO), s, 0, 0, key, sizeof key));
	assert_false(control_lane_key(control_get(CONTROL_SEND_LEVEL), s, 1, 0, key,
		sizeof key));
	assert_false(control_lane_key(control_get(CONTROL_INSERT_PARAM), s, 0, 99, key,
		sizeof key));
	assert_false(control_lane_key(control_get(CONTROL_SEND_LEVEL), s, 0, 0, key, 8));
	/* a control without a lane, and a key of no shape */
	assert_null(control_by_lane("solo"));
	assert_null(control_by_lane("insert.x.q"));
	enum control_id target;
	int index, param;
	char why[160];
	assert_false(project_auto_target("solo", s->sends, s->n_sends, s->inserts, s->n_inserts,
		&target, &index, &param, why, sizeof why));
	assert_string_equal(why, "not an automatable control (gain_db, pan, mute, "
		"send.BUS.level_db, insert.N.PARAM)");
	project_free(p);
}

struct lane_list {
	const struct project_strip *s;
	int n;
	char keys[64][64];
};

static void collect(void *arg, const char *key)
{
	struct lane_list *l = arg;
	assert_true(l->n < 64);
	snprintf(l->keys[l->n++], sizeof l->keys[0], "%s", key);
}

/* Every lane a strip has, for completion: its own controls', one per send, one per
 * insert parameter; each one a lane the automation code takes; none on the master. */
static void test_each_lane(void **state)
{
	(void)state;
	char *text = project_text("", "", "");
	struct project *p = load(text, NULL, 0);
	free(text);
	const struct fx_class *eq = fx_class_find("eq");
	struct project_strip *s[3];
	unsigned kind[3];
	strips_of(p, s, kind);
	const int want[3] = { 3 + 1 + eq->n_params, 3 + eq->n_params, 0 };
	for (int k = 0; k < 3; k++) {
		struct lane_list l = { .s = s[k] };
		assert_int_equal(control_each_lane(s[k], kind[k], collect, &l), want[k]);
		assert_int_equal(l.n, want[k]);
		for (int i = 0; i < l.n; i++) {
			enum control_id target;
			int index, param;
			char why[160];
			if (!project_auto_target(l.keys[i], s[k]->sends, s[k]->n_sends, s[k]->inserts,
				s[k]->n_inserts, &target, &index, &param, why, sizeof why))
				fail_msg("%s: %s", l.keys[i], why);
		}
		if (k == 0) {
			assert_string_equal(l.keys[0], "gain_db");
			assert_string_equal(l.keys[1], "pan");
			assert_string_equal(l.keys[2], "mute");
			assert_string_equal(l.keys[3], "send.Verb.level_db");
			char first[64];
			snprintf(first, sizeof first, "insert.1.%s", eq->params[0].name);
			assert_string_equal(l.keys[4], first);
		}
	}
	project_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_keys_round_trip),
		cmocka_unit_test(test_master_lacks),
		cmocka_unit_test(test_ranges_clamp),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_lanes_resolve),
		cmocka_unit_test(test_each_lane),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
