/* The pump: one thread that empties the output tap into the shared history, measures
 * it for the page (momentary loudness, peak) and gives up on listeners that fell more
 * than STREAM_BEHIND_SEC behind. Listeners' connection threads wait on s->more. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio/loudness.h"
#include "audio/outtap.h"
#include "src/base/clock.h"
#include "src/stream/stream_priv.h"

#define PUMP_IDLE_NS 5000000L     /* 5 ms between looks at an empty tap */
#define PEAK_HOLD_SEC 0.5
/* libebur128 keeps a record per 100 ms for the integrated loudness, which the page
 * does not show: a fresh analyser now and then keeps a stream of days small */
#define LOUDNESS_RENEW_SEC 1800.0

void stream_say_locked(struct stream *s, const char *fmt, ...)
{
	const int slot = (s->msg_head + s->msg_count) % STREAM_MESSAGES;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->messages[slot], sizeof s->messages[slot], fmt, ap);
	va_end(ap);
	if (s->msg_count < STREAM_MESSAGES)
		s->msg_count++;
	else /* the oldest goes: the newest say what is true now */
		s->msg_head = (s->msg_head + 1) % STREAM_MESSAGES;
}

static float block_peak(const struct outtap_block *b)
{
	float peak = 0;
	for (int i = 0; i < b->frames * 2; i++) {
		const float a = fabsf(b->samples[i]);
		if (a > peak)
			peak = a;
	}
	return peak;
}

/* Listeners too far behind are dropped: their connection thread sees `dropped` and
 * ends, whenever its client lets it run again. */
static void drop_laggards_locked(struct stream *s)
{
	const uint64_t behind = (uint64_t)(STREAM_BEHIND_SEC * s->rate);
	for (struct stream_listener *l = s->listeners; l; l = l->next)
		if (!l->dropped && s->written - l->pos > behind) {
			l->dropped = true;
			s->n_listeners--;
			stream_say_locked(s, "stream: listener %d (%s) dropped: more than %.0f s "
				"behind", l->id, stream_codec_name(l->codec), STREAM_BEHIND_SEC);
		}
}

static void take_block(struct stream *s, const struct outtap_block *b, float peak,
	double momentary)
{
	pthread_mutex_lock(&s->lock);
	for (int i = 0; i < b->frames; i++) {
		float *dst = s->hist + ((s->written + (uint64_t)i) % s->hist_cap) * 2;
		dst[0] = b->samples[i * 2];
		dst[1] = b->samples[i * 2 + 1];
	}
	s->written += (uint64_t)b->frames;
	s->written_sec = b->produced_sec;
	s->playing = b->playing;
	s->playhead = b->playhead;
	s->momentary_lufs = momentary;
	const double peak_db = peak > 0 ? 20.0 * log10(peak) : -INFINITY;
	if (peak_db >= s->peak_dbfs || b->produced_sec - s->peak_held_sec > PEAK_HOLD_SEC) {
		s->peak_dbfs = peak_db;
		s->peak_held_sec = b->produced_sec;
	}
	drop_laggards_locked(s);
	pthread_cond_broadcast(&s->more);
	pthread_mutex_unlock(&s->lock);
}

static void *pump_main(void *arg)
{
	struct stream *s = arg;
	struct outtap_block *b = malloc(sizeof *b);
	struct loudness *meter = NULL;
	double meter_since = clock_now_sec();
	loudness_create(&meter, s->rate, 2);
	for (;;) {
		pthread_mutex_lock(&s->lock);
		const bool quit = s->quit;
		struct outtap *tap = s->tap;
		pthread_mutex_unlock(&s->lock);
		if (quit || !b)
			break;
		if (!outtap_pop(tap, b)) {
			const struct timespec idle = { 0, PUMP_IDLE_NS };
			nanosleep(&idle, NULL);
			continue;
		}
		double momentary = -INFINITY, shortterm;
		if (meter && loudness_add(meter, b->samples, b->frames) == ERR_OK)
			loudness_now(meter, &momentary, &shortterm);
		take_block(s, b, block_peak(b), momentary);
		if (clock_now_sec() - meter_since > LOUDNESS_RENEW_SEC) {
			loudness_destroy(meter);
			meter = NULL;
			loudness_create(&meter, s->rate, 2);
			meter_since = clock_now_sec();
		}
	}
	loudness_destroy(meter);
	free(b);
	return NULL;
}

enum err stream_pump_start(struct stream *s, struct err_msg *msg)
{
	int rc = pthread_create(&s->pump, NULL, pump_main, s);
	if (rc != 0)
		return err_set(msg, ERR_DEVICE, "stream: cannot start its thread: %s",
			strerror(rc));
	s->pump_started = true;
	return ERR_OK;
}

void stream_pump_stop(struct stream *s)
{
	if (!s->pump_started)
		return;
	pthread_mutex_lock(&s->lock);
	s->quit = true;
	pthread_cond_broadcast(&s->more);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->pump, NULL);
	s->pump_started = false;
}
