#include "audio/analysis.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio/loudness.h"
#include "src/base/xalloc.h"

/* Frames per tap read: 85 ms at 48 kHz, so one period's audio takes a read or two. */
#define READ_FRAMES 4096

struct analysis {
	struct engine *engine;
	int sample_rate;
	pthread_t thread;

	pthread_mutex_t lock;      /* protects run, active, reset_wanted and pub */
	pthread_cond_t wake;       /* signalled when any of those change */
	bool run, active, reset_wanted;
	struct analysis_snapshot pub;

	/* analysis thread only */
	struct loudness *loudness; /* NULL only if creating one failed */
	struct loudness *loudness_pre; /* the pre-insert tap's; NULL likewise */
	struct spectrum *spectrum;
	double corr_lr, corr_ll, corr_rr; /* sums over the window being gathered */
	int64_t corr_left;         /* frames until that window is whole */
	uint32_t seen_locates;
	int64_t history_left;      /* frames until the next history reading */
	struct analysis_snapshot work;
	float buf[READ_FRAMES * 2];
};

static void clear_figures(struct analysis_snapshot *s)
{
	s->momentary_lufs = s->shortterm_lufs = s->integrated_lufs = -INFINITY;
	s->lra_lu = s->true_peak_dbtp = s->sample_peak_dbfs = -INFINITY;
	s->measured_sec = 0.0;
	s->history_total = 0;
	s->pre_momentary_lufs = s->pre_shortterm_lufs = -INFINITY;
	s->correlation = NAN;
	for (int i = 0; i < SPECTRUM_BANDS; i++)
		s->spectrum_db[i] = -INFINITY;
}

static int64_t corr_frames(const struct analysis *a)
{
	return (int64_t)a->sample_rate * ANALYSIS_CORR_MS / 1000;
}

static void corr_restart(struct analysis *a)
{
	a->corr_lr = a->corr_ll = a->corr_rr = 0.0;
	a->corr_left = corr_frames(a);
}

/* Gather correlation sums; publish each window as it completes. */
static void corr_add(struct analysis *a, const float *f, int n)
{
	for (int i = 0; i < n; i++) {
		const double l = f[i * 2], r = f[i * 2 + 1];
		a->corr_lr += l * r;
		a->corr_ll += l * l;
		a->corr_rr += r * r;
		if (--a->corr_left == 0) {
			const double d = sqrt(a->corr_ll * a->corr_rr);
			a->work.correlation = d > 1e-20 ? a->corr_lr / d : NAN;
			corr_restart(a);
		}
	}
}

static int64_t history_frames(const struct analysis *a)
{
	return a->sample_rate / ANALYSIS_HISTORY_HZ; /* rates are >= 1000 Hz */
}

/* drain: a reset by the user measures from now, so what the tap holds now (played
 * before) goes; after a locate the tap itself skips what was played before it, and
 * what it holds from the new place is measured, however late this thread comes */
static void start_over(struct analysis *a, bool drain)
{
	while (drain && engine_tap_read(a->engine, a->buf, READ_FRAMES) > 0)
		;
	while (drain && engine_tap_pre_read(a->engine, a->buf, READ_FRAMES) > 0)
		;
	loudness_destroy(a->loudness);
	if (loudness_create(&a->loudness, a->sample_rate, 2) != ERR_OK)
		a->loudness = NULL;
	loudness_destroy(a->loudness_pre);
	if (loudness_create(&a->loudness_pre, a->sample_rate, 2) != ERR_OK)
		a->loudness_pre = NULL;
	if (a->spectrum)
		spectrum_clear(a->spectrum);
	corr_restart(a);
	clear_figures(&a->work);
	a->history_left = history_frames(a);
}

static void add_history(struct analysis_snapshot *s, double lufs)
{
	s->history_ring[s->history_total % ANALYSIS_HISTORY] = (float)lufs;
	s->history_total++;
}

/* Measure n frames, cut where a history reading falls due, so that each reading is
 * the short-term loudness at its own moment. */
static void add_frames(struct analysis *a, const float *frames, int n)
{
	while (n > 0) {
		const int k = n < a->history_left ? n : (int)a->history_left;
		if (a->loudness && loudness_add(a->loudness, frames, k) != ERR_OK) {
			/* out of memory: measure afresh rather than show a broken figure */
			loudness_destroy(a->loudness);
			a->loudness = NULL;
		}
		frames += 2 * (size_t)k;
		n -= k;
		a->history_left -= k;
		if (a->history_left == 0) {
			a->history_left = history_frames(a);
			double momentary, shortterm = -INFINITY;
			if (a->loudness)
				loudness_now(a->loudness, &momentary, &shortterm);
			add_history(&a->work, shortterm);
		}
	}
}

/* One period's work: take what the tap holds and measure it. Returns whether the
 * figures changed. */
static bool measure(struct analysis *a, bool reset)
{
	const uint32_t locates = engine_tap_locates(a->engine);
	const bool located = locates != a->seen_locates;
	a->seen_locates = locates;
	bool changed = reset || located;
	if (changed)
		start_over(a, reset);
	int64_t added = 0;
	int n;
	while ((n = engine_tap_read(a->engine, a->buf, READ_FRAMES)) > 0) {
		add_frames(a, a->buf, n);
		corr_add(a, a->buf, n);
		if (a->spectrum)
			spectrum_add(a->spectrum, a->buf, n);
		added += n;
	}
	while ((n = engine_tap_pre_read(a->engine, a->buf, READ_FRAMES)) > 0)
		if (a->loudness_pre && loudness_add(a->loudness_pre, a->buf, n) != ERR_OK) {
			loudness_destroy(a->loudness_pre);
			a->loudness_pre = NULL;
		}
	const uint64_t dropped = engine_tap_dropped(a->engine);
	if (dropped != a->work.dropped_frames) {
		a->work.dropped_frames = dropped;
		changed = true;
	}
	if (added == 0 || !a->loudness)
		return changed;

	struct analysis_snapshot *s = &a->work;
	struct loudness_result r;
	if (loudness_result(a->loudness, &r) == ERR_OK) {
		s->integrated_lufs = r.integrated_lufs;
		s->lra_lu = r.lra_lu;
		s->true_peak_dbtp = r.true_peak_dbtp;
		s->sample_peak_dbfs = r.sample_peak_dbfs;
	}
	loudness_now(a->loudness, &s->momentary_lufs, &s->shortterm_lufs);
	if (a->loudness_pre)
		loudness_now(a->loudness_pre, &s->pre_momentary_lufs, &s->pre_shortterm_lufs);
	if (a->spectrum)
		spectrum_bands(a->spectrum, s->spectrum_db);
	s->measured_sec += (double)added / a->sample_rate;
	return true;
}

static void deadline_after(struct timespec *ts, long ns)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_nsec += ns;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

static void *analysis_main(void *arg)
{
	struct analysis *a = arg;
	pthread_mutex_lock(&a->lock);
	while (a->run) {
		if (!a->active) {
			pthread_cond_wait(&a->wake, &a->lock);
			continue;
		}
		const bool reset = a->reset_wanted;
		a->reset_wanted = false;
		pthread_mutex_unlock(&a->lock);
		const bool changed = measure(a, reset);
		pthread_mutex_lock(&a->lock);
		if (changed) {
			const uint32_t serial = a->pub.serial + 1;
			a->pub = a->work;
			a->pub.serial = serial;
		}
		if (a->run && a->active && !a->reset_wanted) {
			struct timespec until;
			deadline_after(&until, 1000000000L / ANALYSIS_RATE_HZ);
			pthread_cond_timedwait(&a->wake, &a->lock, &until);
		}
	}
	pthread_mutex_unlock(&a->lock);
	return NULL;
}

enum err analysis_create(struct analysis **out, struct engine *e, struct err_msg *msg)
{
	*out = NULL;
	struct analysis *a = xcalloc(1, sizeof *a);
	a->engine = e;
	a->sample_rate = engine_sample_rate(e);
	enum err rc = loudness_create(&a->loudness, a->sample_rate, 2);
	if (rc != ERR_OK) {
		const int rate = a->sample_rate;
		free(a);
		return err_set(msg, rc, "cannot measure loudness at %d Hz: %s", rate, err_str(rc));
	}
	if (loudness_create(&a->loudness_pre, a->sample_rate, 2) != ERR_OK)
		a->loudness_pre = NULL; /* the A/B then has no figure; the rest works */
	if (spectrum_create(&a->spectrum, a->sample_rate) != ERR_OK)
		a->spectrum = NULL;
	corr_restart(a);
	clear_figures(&a->work);
	a->work.dropped_frames = engine_tap_dropped(e);
	a->pub = a->work;
	a->seen_locates = engine_tap_locates(e);
	a->history_left = history_frames(a);
	a->run = true;

	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&a->wake, &attr);
	pthread_condattr_destroy(&attr);
	pthread_mutex_init(&a->lock, NULL);
	int err = pthread_create(&a->thread, NULL, analysis_main, a);
	if (err != 0) {
		pthread_cond_destroy(&a->wake);
		pthread_mutex_destroy(&a->lock);
		loudness_destroy(a->loudness);
		loudness_destroy(a->loudness_pre);
		spectrum_destroy(a->spectrum);
		free(a);
		return err_set(msg, ERR_IO, "cannot start the analysis thread: %s", strerror(err));
	}
	*out = a;
	return ERR_OK;
}

void analysis_destroy(struct analysis *a)
{
	if (!a)
		return;
	engine_tap_enable(a->engine, false);
	pthread_mutex_lock(&a->lock);
	a->run = false;
	pthread_cond_signal(&a->wake);
	pthread_mutex_unlock(&a->lock);
	pthread_join(a->thread, NULL);
	pthread_cond_destroy(&a->wake);
	pthread_mutex_destroy(&a->lock);
	loudness_destroy(a->loudness);
	loudness_destroy(a->loudness_pre);
	spectrum_destroy(a->spectrum);
	free(a);
}

void analysis_set_active(struct analysis *a, bool on)
{
	engine_tap_enable(a->engine, on);
	pthread_mutex_lock(&a->lock);
	a->active = on;
	pthread_cond_signal(&a->wake);
	pthread_mutex_unlock(&a->lock);
}

void analysis_reset(struct analysis *a)
{
	pthread_mutex_lock(&a->lock);
	a->reset_wanted = true;
	pthread_cond_signal(&a->wake);
	pthread_mutex_unlock(&a->lock);
}

void analysis_snapshot(struct analysis *a, struct analysis_snapshot *out)
{
	pthread_mutex_lock(&a->lock);
	*out = a->pub;
	pthread_mutex_unlock(&a->lock);
}
