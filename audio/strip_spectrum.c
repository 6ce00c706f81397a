#include "audio/strip_spectrum.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "src/base/xalloc.h"

/* Frames per tap read. */
#define READ_FRAMES 4096

struct strip_spectrum {
	struct engine *engine;
	struct spectrum *spectrum;
	int want;                 /* the strip asked for */
	int sent;                 /* the strip the engine was told (a send can fail) */
	uint32_t seen_locates;
	int64_t fresh;            /* frames added since the bands were last computed */
	int64_t every;            /* frames between computations: a tenth of a second */
	float buf[READ_FRAMES * 2];
};

enum err strip_spectrum_create(struct strip_spectrum **out, struct engine *e)
{
	*out = NULL;
	struct strip_spectrum *s = xcalloc(1, sizeof *s);
	const int rate = engine_sample_rate(e);
	enum err rc = spectrum_create(&s->spectrum, rate);
	if (rc != ERR_OK) {
		free(s);
		return rc;
	}
	s->engine = e;
	s->want = s->sent = STRIP_TAP_OFF;
	s->seen_locates = engine_tap_locates(e);
	s->every = rate / 10 > 0 ? rate / 10 : 1;
	*out = s;
	return ERR_OK;
}

void strip_spectrum_destroy(struct strip_spectrum *s)
{
	if (!s)
		return;
	/* with the command ring full the tap stays on, copying into a ring nobody reads,
	 * which drops and counts: harmless */
	if (s->sent != STRIP_TAP_OFF)
		(void)engine_strip_tap_set(s->engine, STRIP_TAP_OFF);
	spectrum_destroy(s->spectrum);
	free(s);
}

/* Empty the ring and the analysis: what follows is of another strip or place. */
static void forget(struct strip_spectrum *s)
{
	while (engine_strip_tap_read(s->engine, s->buf, READ_FRAMES) > 0)
		;
	spectrum_clear(s->spectrum);
	s->fresh = 0;
}

void strip_spectrum_follow(struct strip_spectrum *s, int strip)
{
	if (strip == s->want)
		return;
	s->want = strip;
	forget(s);
}

bool strip_spectrum_update(struct strip_spectrum *s, float out_db[SPECTRUM_BANDS])
{
	if (s->sent != s->want && engine_strip_tap_set(s->engine, s->want) == ERR_OK) {
		s->sent = s->want;
		forget(s);
	}
	const uint32_t locates = engine_tap_locates(s->engine);
	if (locates != s->seen_locates) {
		/* the tap skips what was played before the locate; so does the picture */
		s->seen_locates = locates;
		spectrum_clear(s->spectrum);
		s->fresh = 0;
	}
	int n;
	while ((n = engine_strip_tap_read(s->engine, s->buf, READ_FRAMES)) > 0) {
		spectrum_add(s->spectrum, s->buf, n);
		s->fresh += n;
	}
	if (s->sent == STRIP_TAP_OFF || s->fresh < s->every)
		return false;
	s->fresh = 0;
	spectrum_bands(s->spectrum, out_db);
	return true;
}
