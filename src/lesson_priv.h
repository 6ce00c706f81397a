/* What the lesson checks share (src/lesson_check.c runs them; the kinds added for
 * lessons 7 to 11 live in src/lesson_kinds.c): the window, the strips a take plays,
 * the subject of a check and its kinds. Private to src/lesson_*.c. Control thread,
 * as src/lesson.h. */
#ifndef TTYMIX_LESSON_PRIV_H
#define TTYMIX_LESSON_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "src/lesson.h"
#include "src/tap.h"

struct window {
	int64_t start, end;
	char name[64];
};

/* The strips a take plays: tracks[k], buses[b] (owned). */
struct strips {
	bool *tracks, *buses;
};

/* What a check is about, found in the project. */
struct subject {
	const struct lesson *l;
	const struct project *p;
	const struct window *w;
	int track, bus;                 /* -1: the kind names none */
	int names[LESSON_MAX_ITEMS];    /* panning: the centred tracks measured */
	int n_names;
	int step;                       /* the step under way */
	struct lesson_result *res;      /* where the items go */
};

/* One render of the window: the strips that play, in the project as it is or in its
 * baseline (the lesson's track as it was given out: no inserts, no lanes, fader at
 * 0 dB, centred). */
struct take {
	struct strips on;
	bool baseline;
};

/* A kind of check. It runs in steps: each step renders the takes plan gives (up to
 * two, 0 when the check is done) and judge turns their taps (its to change) into
 * items. */
struct check_kind {
	enum lesson_check_type type;
	bool track, bus, names;         /* what it needs the project to have */
	int (*plan)(const struct subject *s, struct take t[2]);
	void (*judge)(const struct subject *s, struct tap taps[2]);
};

/* ---- src/lesson_measure.c: what every check uses ---- */

/* An RBJ cookbook biquad low- or high-pass for two channels. */
struct lesson_bq {
	double b0, b1, b2, a1, a2, z1[2], z2[2];
};
void lesson_bq_init(struct lesson_bq *f, bool high, double hz, double q, int rate);
double lesson_bq_run(struct lesson_bq *f, int ch, double x);

struct loudness_result;
/* Integrated loudness (and the rest in *r) of the whole tap; -inf when silent. */
double lesson_loudness_of(const struct tap *t, struct loudness_result *r, int rate);
struct lesson_item *lesson_item_add(struct lesson_result *res, const char *unit,
	double value, bool pass);
double lesson_integrated(const struct tap *t, int rate);
double lesson_correlation(const struct tap *t);
/* Energy (sum of squares, both channels) of frames [from, to) of t between lo_hz and
 * hi_hz through steep Butterworth filters (0 for lo_hz: no high-pass; 0 for hi_hz: no
 * low-pass). */
double lesson_band_energy(const struct tap *t, double lo_hz, double hi_hz, int rate,
	int64_t from, int64_t to);
/* The same through Butterworth filters of the given (even) order, 2 to 24. */
double lesson_band_energy_order(const struct tap *t, double lo_hz, double hi_hz, int rate,
	int64_t from, int64_t to, int order);
double lesson_energy_ratio_db(double now, double before);
bool lesson_find_marker(const struct project *p, const char *name, double *t);
/* Strip sets (owned arrays): none or all on; free with lesson_strips_free. */
void lesson_strips_init(struct strips *s, const struct project *p, bool all);
void lesson_strips_free(struct strips *s);
/* Turn on the buses on the path from output to the master. */
void lesson_output_path_on(const struct project *p, const char *output, bool *buses_on);
void lesson_strips_track_dry(struct strips *s, const struct project *p, int t);
int lesson_plan_now_and_baseline(const struct subject *s, struct take t[2]);
int lesson_insert_slot(const struct project *p, int t, const char *name);

/* lesson_kinds.c: the kinds of lessons 7 to 11 (eq_band, gate, delay_time, width,
 * automation) and of teachers' lessons (deess, reference), n of them. */
extern const struct check_kind lesson_more_kinds[];
/* The reference file of a reference check: l->reference under the project's folder
 * (a student's copy carries the lesson's audio/); caller frees. */
char *lesson_reference_path(const struct lesson *l, const struct project *p);
extern const int lesson_n_more_kinds;

#endif
