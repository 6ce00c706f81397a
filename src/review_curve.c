/* Tonal target curves as data files (src/review_curve.h). The fourth file that reads
 * JSON with cJSON, after the project's, the lessons' and the ear scores'. */
#include "src/review_curve.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/spectrum.h"
#include "src/base/readfile.h"
#include "src/base/safefile.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"

#define CURVE_MAX_BYTES (64 * 1024)
/* The bands whose mean is taken out, as the judge does: 40 Hz to 8 kHz, where a
 * mix's balance is heard; the sub and the air fall away from any line by design. */
#define CURVE_LO_BAND 3
#define CURVE_HI_BAND 26

static void take_mean_out(float db[REVIEW_BANDS])
{
	double sum = 0;
	for (int b = CURVE_LO_BAND; b <= CURVE_HI_BAND; b++)
		sum += db[b];
	const double mean = sum / (CURVE_HI_BAND - CURVE_LO_BAND + 1);
	for (int b = 0; b < REVIEW_BANDS; b++)
		db[b] = (float)(db[b] - mean);
}

static enum err bad(struct err_msg *msg, const char *path, const char *what)
{
	return err_set(msg, ERR_PARSE, "%s: not a ttymix tonal curve: %s", path, what);
}

static enum err read_bands(const cJSON *bands, const char *path, struct review_curve *c,
	struct err_msg *msg)
{
	if (cJSON_GetArraySize(bands) != REVIEW_BANDS)
		return err_set(msg, ERR_PARSE, "%s: not a ttymix tonal curve: \"bands\" has %d "
			"entries, not %d (the third octaves from 20 Hz to 20 kHz)", path,
			cJSON_GetArraySize(bands), REVIEW_BANDS);
	int b = 0;
	const cJSON *o;
	cJSON_ArrayForEach(o, bands) {
		const cJSON *hz = cJSON_GetObjectItemCaseSensitive(o, "hz");
		const cJSON *db = cJSON_GetObjectItemCaseSensitive(o, "db");
		const double want = spectrum_band_hz(b);
		if (!cJSON_IsNumber(hz) || fabs(hz->valuedouble / want - 1.0) > 0.03)
			return err_set(msg, ERR_PARSE, "%s: not a ttymix tonal curve: band %d should "
				"be at %.0f Hz", path, b + 1, want);
		if (!cJSON_IsNumber(db) || !isfinite(db->valuedouble) ||
			fabs(db->valuedouble) > REVIEW_CURVE_MAX_DB)
			return err_set(msg, ERR_PARSE, "%s: not a ttymix tonal curve: band %d (%.0f "
				"Hz) needs \"db\" within +-%.0f", path, b + 1, want, REVIEW_CURVE_MAX_DB);
		c->db[b++] = (float)db->valuedouble;
	}
	take_mean_out(c->db);
	return ERR_OK;
}

enum err review_curve_load(const char *path, struct review_curve *c, struct err_msg *msg)
{
	memset(c, 0, sizeof *c);
	enum err e;
	char *text = readfile_text(path, CURVE_MAX_BYTES, &e, msg);
	if (!text)
		return e;
	cJSON *root = cJSON_Parse(text);
	free(text);
	if (!root)
		return bad(msg, path, "not valid JSON");
	const cJSON *version = cJSON_GetObjectItemCaseSensitive(root, "ttymix_curve");
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(root, "name");
	const cJSON *source = cJSON_GetObjectItemCaseSensitive(root, "source");
	const cJSON *bands = cJSON_GetObjectItemCaseSensitive(root, "bands");
	if (!cJSON_IsNumber(version))
		e = bad(msg, path, "no \"ttymix_curve\" version");
	else if (version->valueint > REVIEW_CURVE_VERSION)
		e = err_set(msg, ERR_VERSION, "%s: a tonal curve from a newer ttymix (version "
			"%d)", path, version->valueint);
	else if (!cJSON_IsString(name) || !*name->valuestring)
		e = bad(msg, path, "no \"name\"");
	else if (!cJSON_IsString(source) || !*source->valuestring)
		e = bad(msg, path, "no \"source\" (where its levels come from)");
	else if (!cJSON_IsArray(bands))
		e = bad(msg, path, "no \"bands\" list");
	else
		e = read_bands(bands, path, c, msg);
	if (e == ERR_OK) {
		text_clean(c->name, sizeof c->name, name->valuestring);
		text_clean(c->source, sizeof c->source, source->valuestring);
	}
	cJSON_Delete(root);
	return e;
}

/* "a.wav, b.wav and 3 more" into the source */
static void describe(struct review_curve *c, const char *const *refs, int n)
{
	int at = snprintf(c->source, sizeof c->source, "ttymix curve: the mean long-term "
		"spectrum (mid plus side, third octaves) of %d reference%s: ", n, n == 1 ? "" : "s");
	for (int i = 0; i < n && at < (int)sizeof c->source; i++) {
		const char *base = strrchr(refs[i], '/');
		char name[256];
		text_clean(name, sizeof name, base ? base + 1 : refs[i]);
		const size_t left = sizeof c->source - (size_t)at;
		/* keep room for the count of the rest */
		if (i > 0 && strlen(name) + 32 > left) {
			snprintf(c->source + at, left, " and %d more", n - i);
			return;
		}
		at += snprintf(c->source + at, left, "%s%s", i ? ", " : "", name);
	}
}

enum err review_curve_make(const char *const *refs, int n, int rate, const char *name,
	const atomic_bool *cancel, struct review_curve *c, struct err_msg *msg)
{
	memset(c, 0, sizeof *c);
	double sum[REVIEW_BANDS] = { 0 };
	for (int i = 0; i < n; i++) {
		float one[REVIEW_BANDS];
		enum err e = review_reference_curve(refs[i], rate, cancel, one, msg);
		if (e != ERR_OK)
			return e;
		take_mean_out(one);
		for (int b = 0; b < REVIEW_BANDS; b++)
			sum[b] += one[b];
	}
	for (int b = 0; b < REVIEW_BANDS; b++) {
		const double db = sum[b] / n;
		/* a band none of the references reaches (a low sample rate's top) stays at the
		 * limit rather than making the file unreadable */
		c->db[b] = (float)fmax(-REVIEW_CURVE_MAX_DB, fmin(REVIEW_CURVE_MAX_DB, db));
	}
	text_clean(c->name, sizeof c->name, name);
	describe(c, refs, n);
	return ERR_OK;
}

/* s as a JSON string (escaped by cJSON); caller frees */
static char *json_string(const char *s)
{
	cJSON *item = cJSON_CreateString(s);
	char *out = item ? cJSON_PrintUnformatted(item) : NULL;
	cJSON_Delete(item);
	return out;
}

enum err review_curve_save(const char *path, const struct review_curve *c,
	struct err_msg *msg)
{
	/* written by hand, one band a line: the file is read by people too */
	char *name = json_string(c->name), *source = json_string(c->source);
	const size_t size = 256 + (name ? strlen(name) : 0) + (source ? strlen(source) : 0) +
		(size_t)REVIEW_BANDS * 48;
	char *text = xmalloc(size);
	size_t at = (size_t)snprintf(text, size, "{\n  \"ttymix_curve\": %d,\n  \"name\": %s,\n"
		"  \"source\": %s,\n  \"bands\": [\n", REVIEW_CURVE_VERSION, name ? name : "\"\"",
		source ? source : "\"\"");
	for (int b = 0; b < REVIEW_BANDS; b++)
		at += (size_t)snprintf(text + at, size - at, "    {\"hz\": %.1f, \"db\": %.2f}%s\n",
			spectrum_band_hz(b), c->db[b], b + 1 < REVIEW_BANDS ? "," : "");
	at += (size_t)snprintf(text + at, size - at, "  ]\n}\n");
	free(name);
	free(source);
	enum err e = safefile_replace(path, text, at, SAFEFILE_KEEP_MODE, msg);
	free(text);
	return e;
}
