/* EBU conformance of our loudness meter (audio/loudness.c, which `ttymix loudness` and
 * the mastering page's analysis thread both use), with every test signal generated
 * here from its written definition; no EBU file is shipped or read.
 *
 * References: EBU Tech 3341 v4 "Loudness Metering: 'EBU Mode' metering to supplement
 * EBU R 128", Table 1 "minimum requirements test signals"; EBU Tech 3342 v4
 * "Loudness Range", Table 1. Every signal is a sine applied in phase to both channels
 * of a stereo signal at 48 kHz unless said otherwise; levels are the sine's peak in
 * dBFS, so a -23 dBFS 1 kHz stereo sine is -23 LUFS.
 *
 *  case        signal                                                expected (tolerance)
 *  3341-1      1 kHz -23 dBFS, 20 s                                  M, S, I = -23.0 (+-0.1)
 *  3341-2      1 kHz -33 dBFS, 20 s                                  M, S, I = -33.0 (+-0.1)
 *  3341-3      -36 dBFS 10 s, -23 60 s, -36 10 s                     I = -23.0 (+-0.1)
 *  3341-4      -72 10 s, -36 10 s, -23 60 s, -36 10 s, -72 10 s      I = -23.0 (+-0.1)
 *  3341-5      -26 20 s, -20 20.1 s, -26 20 s                        I = -23.0 (+-0.1)
 *  3341-9      5 x (1.34 s at -20, 1.66 s at -30)                    S = -23.0 (+-0.1),
 *                                                                    constant after 3 s
 *  3341-10     20 signals, each a 3 s burst at -23 between silences  max S = -23.0 (+-0.1)
 *              (the burst starts off the 10 ms grid by a different       for each signal
 *              amount in each)
 *  3341-11     one stream of 20 segments of 6 s, segment k holding   max S of segment k =
 *              a 3 s burst at -38+k dBFS                             -38+k (+-0.1), k=0..19
 *  3341-12     25 x (0.18 s at -20, 0.22 s at -30)                   M = -23.0 (+-0.1),
 *                                                                    constant after 1 s
 *  3341-13     20 signals, each a 0.4 s burst at -23 between         max M = -23.0 (+-0.1)
 *              silences, starting off the 10 ms grid                     for each signal
 *  3341-14     one stream of 20 segments of 0.8 s, segment k         max M of segment k =
 *              holding a 0.4 s burst at -38+k dBFS                   -38+k (+-0.1), k=0..19
 *  3341-15     fs/4 (12 kHz) sine, amplitude 0.5, phase 0, 2 s       TP = -6.0 (+0.2/-0.4)
 *  3341-16     fs/4 sine, amplitude 0.5, phase 45 deg                TP = -6.0 (+0.2/-0.4)
 *  3341-17     fs/6 sine, amplitude 0.5, phase 60 deg                TP = -6.0 (+0.2/-0.4)
 *  3341-18     fs/8 sine, amplitude 0.5, phase 67.5 deg              TP = -6.0 (+0.2/-0.4)
 *  3341-19     fs/4 sine, amplitude 1.41, phase 45 deg               TP = +3.0 (+0.2/-0.4)
 *              (15-19 fade in and out over 10 ms; see TP_FADE_SEC)
 *  3341-20..23 one fs/4 period peaking at 0 dBFS inside an fs/6      TP = 0.0 (+0.2/-0.4)
 *              tone, made at 4 fs and decimated with an offset of
 *              0, 1, 2 and 3 samples (the peak between samples at
 *              0, 1/4, 1/2 and 3/4 of a sample period)
 *  3342-1      -20 dBFS 20 s, -30 20 s                               LRA = 10 (+-1)
 *  3342-2      -20 20 s, -15 20 s                                    LRA = 5 (+-1)
 *  3342-3      -40 20 s, -20 20 s                                    LRA = 20 (+-1)
 *  3342-4      -50, -35, -20, -35, -50, 20 s each                    LRA = 15 (+-1)
 *
 * Not synthesized: Tech 3341 case 6 is 5.0-channel (L, R, C, Ls, Rs) content, and our
 * meter measures only the mono or stereo master; cases 7 and 8 (and Tech 3342 cases 5
 * and 6, the same files) are excerpts of authentic programme material whose samples
 * only the EBU files hold.
 *
 * "Max M" and "max S" need the momentary and short-term loudness evaluated often: a
 * 0.4 s burst read only every 100 ms can lose 50 ms of its 400 ms (-0.58 LU), outside
 * the 0.1 LU tolerance. The meter evaluates both every 10 ms (at most 5 ms lost,
 * -0.06 LU); the cases 11 and 14 read them after each 10 ms block through
 * loudness_now, the cases 10 and 13 take the meter's own maxima.
 *
 * A handful of the cases also go through the real command, `ttymix loudness --json
 * FILE` ($TTYMIX), on a 24-bit WAV written by our media writer. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "audio/loudness.h"
#include "audio/media.h"
#include "src/base/xalloc.h"

#define RATE 48000
#define HOP_SEC 0.01          /* the meter's evaluation period (and ours, reading it) */
#define LOUD_TOL 0.1          /* Tech 3341: M, S, I */
#define LRA_TOL 1.0           /* Tech 3342 */
#define TP_TOL_UP 0.2         /* Tech 3341 true peak: +0.2 / -0.4 dB */
#define TP_TOL_DOWN 0.4
#define MAX_SEGS 64

/* One piece of a signal: a sine of freq_hz at peak level_dbfs (-INFINITY: silence)
 * with the given phase at sample 0 of the whole signal, so that a tone running across
 * segments stays continuous. */
struct seg {
	double level_dbfs;
	double seconds;
	double freq_hz;
	double phase_deg;
	double fade_sec;     /* linear fade in and out (0: none) */
};

struct signal {
	int rate;
	int count;
	struct seg segs[MAX_SEGS];
};

static void add_seg(struct signal *s, double level_dbfs, double seconds)
{
	assert_true(s->count < MAX_SEGS);
	s->segs[s->count++] = (struct seg){ level_dbfs, seconds, 1000.0, 0.0, 0.0 };
}

static struct signal tone_signal(void)
{
	struct signal s;
	memset(&s, 0, sizeof s);
	s.rate = RATE;
	return s;
}

/* The whole signal as interleaved stereo; segment edges fall on the nearest sample. */
static float *synthesize(const struct signal *s, long *frames_out)
{
	double end_sec = 0.0;
	for (int i = 0; i < s->count; i++)
		end_sec += s->segs[i].seconds;
	const long frames = lround(end_sec * s->rate);
	float *buf = xmalloc(sizeof(float) * 2 * (size_t)frames);
	double start_sec = 0.0;
	for (int i = 0; i < s->count; i++) {
		const struct seg *g = &s->segs[i];
		const long from = lround(start_sec * s->rate);
		start_sec += g->seconds;
		const long to = lround(start_sec * s->rate);
		const double amp = isfinite(g->level_dbfs) ? pow(10.0, g->level_dbfs / 20.0) : 0.0;
		const double fade = g->fade_sec * s->rate;
		for (long n = from; n < to; n++) {
			double v = amp * sin(2.0 * M_PI * g->freq_hz * (double)n / s->rate +
				g->phase_deg * M_PI / 180.0);
			if (fade > 0.0)
				v *= fmin(1.0, fmin((double)(n - from) / fade, (double)(to - 1 - n) / fade));
			buf[2 * n] = buf[2 * n + 1] = (float)v;
		}
	}
	*frames_out = frames;
	return buf;
}

/* What the meter said while the signal played: one reading of M and S every 10 ms
 * (at the end of each 10 ms block), and the final result. */
struct readings {
	long count;
	double *t_sec;       /* end of the block */
	double *momentary;
	double *shortterm;
	struct loudness_result result;
};

static void readings_free(struct readings *r)
{
	free(r->t_sec);
	free(r->momentary);
	free(r->shortterm);
}

static void measure_buffer(const float *buf, long frames, int rate, struct readings *r)
{
	struct loudness *l = NULL;
	assert_int_equal(loudness_create(&l, rate, 2), ERR_OK);
	const long block = lround(rate * HOP_SEC);
	const long blocks = (frames + block - 1) / block;
	r->count = 0;
	r->t_sec = xmalloc(sizeof(double) * (size_t)blocks);
	r->momentary = xmalloc(sizeof(double) * (size_t)blocks);
	r->shortterm = xmalloc(sizeof(double) * (size_t)blocks);
	for (long pos = 0; pos < frames; pos += block) {
		const long n = frames - pos < block ? frames - pos : block;
		assert_int_equal(loudness_add(l, buf + 2 * pos, n), ERR_OK);
		r->t_sec[r->count] = (double)(pos + n) / rate;
		loudness_now(l, &r->momentary[r->count], &r->shortterm[r->count]);
		r->count++;
	}
	assert_int_equal(loudness_result(l, &r->result), ERR_OK);
	loudness_destroy(l);
}

static void measure_signal(const struct signal *s, struct readings *r)
{
	long frames;
	float *buf = synthesize(s, &frames);
	measure_buffer(buf, frames, s->rate, r);
	free(buf);
}

/* Fail unless want - tol_down <= got <= want + tol_up; the log shows each margin. */
static void check_range(const char *what, double got, double want, double tol_down,
	double tol_up)
{
	printf("# %-40s %9.3f  want %7.2f (+%.2f/-%.2f)\n", what, got, want, tol_up,
		tol_down);
	if (!(got >= want - tol_down && got <= want + tol_up))
		fail_msg("%s: got %.4f, want %.3f +%.3f/-%.3f", what, got, want, tol_up,
			tol_down);
}

static void check_near(const char *what, double got, double want, double tol)
{
	check_range(what, got, want, tol, tol);
}

/* Every reading of M (or S) from from_sec on lies within tol of want. */
static void check_constant(const char *what, const struct readings *r, bool shortterm,
	double from_sec, double want, double tol)
{
	double lo = INFINITY, hi = -INFINITY;
	long seen = 0;
	for (long i = 0; i < r->count; i++) {
		if (r->t_sec[i] < from_sec - 1e-9)
			continue;
		const double v = shortterm ? r->shortterm[i] : r->momentary[i];
		lo = fmin(lo, v);
		hi = fmax(hi, v);
		seen++;
	}
	assert_true(seen > 0);
	char label[96];
	snprintf(label, sizeof label, "%s, lowest of %ld", what, seen);
	check_near(label, lo, want, tol);
	snprintf(label, sizeof label, "%s, highest of %ld", what, seen);
	check_near(label, hi, want, tol);
}

/* ---- Tech 3341 cases 1-5: M, S and I of steady tones and gating ---- */

static void steady_case(const char *name, double level)
{
	struct signal s = tone_signal();
	add_seg(&s, level, 20.0);
	struct readings r;
	measure_signal(&s, &r);
	char label[64];
	snprintf(label, sizeof label, "%s: M from 0.4 s", name);
	check_constant(label, &r, false, 0.4, level, LOUD_TOL);
	snprintf(label, sizeof label, "%s: S from 3 s", name);
	check_constant(label, &r, true, 3.0, level, LOUD_TOL);
	snprintf(label, sizeof label, "%s: I", name);
	check_near(label, r.result.integrated_lufs, level, LOUD_TOL);
	readings_free(&r);
}

static void test_3341_case1(void **state)
{
	(void)state;
	steady_case("3341-1", -23.0);
}

static void test_3341_case2(void **state)
{
	(void)state;
	steady_case("3341-2", -33.0);
}

static void integrated_case(const char *name, const double *levels, const double *secs,
	int n)
{
	struct signal s = tone_signal();
	for (int i = 0; i < n; i++)
		add_seg(&s, levels[i], secs[i]);
	struct readings r;
	measure_signal(&s, &r);
	check_near(name, r.result.integrated_lufs, -23.0, LOUD_TOL);
	readings_free(&r);
}

/* The relative gate (-10 LU) must drop the -36 dBFS parts. */
static void test_3341_case3(void **state)
{
	(void)state;
	const double levels[] = { -36.0, -23.0, -36.0 }, secs[] = { 10.0, 60.0, 10.0 };
	integrated_case("3341-3: I", levels, secs, 3);
}

/* The absolute gate (-70 LUFS) drops the -72 dBFS parts, the relative gate the rest. */
static void test_3341_case4(void **state)
{
	(void)state;
	const double levels[] = { -72.0, -36.0, -23.0, -36.0, -72.0 };
	const double secs[] = { 10.0, 10.0, 60.0, 10.0, 10.0 };
	integrated_case("3341-4: I", levels, secs, 5);
}

/* Nothing is gated: the energy mean of -26, -20 and -26 is -23. */
static void test_3341_case5(void **state)
{
	(void)state;
	const double levels[] = { -26.0, -20.0, -26.0 }, secs[] = { 20.0, 20.1, 20.0 };
	integrated_case("3341-5: I", levels, secs, 3);
}

/* ---- Tech 3341 cases 9 and 12: the windows' length ---- */

/* The pattern repeats every 3 s and its energy mean over 3 s is -23 LUFS
 * (1.34 * 10^-2 + 1.66 * 10^-3 = 3 * 10^-2.3 to 0.2 %), so only a window of exactly
 * 3 s reads it steadily. */
static void test_3341_case9(void **state)
{
	(void)state;
	struct signal s = tone_signal();
	for (int i = 0; i < 5; i++) {
		add_seg(&s, -20.0, 1.34);
		add_seg(&s, -30.0, 1.66);
	}
	struct readings r;
	measure_signal(&s, &r);
	check_constant("3341-9: S from 3 s", &r, true, 3.0, -23.0, LOUD_TOL);
	readings_free(&r);
}

/* The same for the 400 ms window: period 0.4 s. */
static void test_3341_case12(void **state)
{
	(void)state;
	struct signal s = tone_signal();
	for (int i = 0; i < 25; i++) {
		add_seg(&s, -20.0, 0.18);
		add_seg(&s, -30.0, 0.22);
	}
	struct readings r;
	measure_signal(&s, &r);
	check_constant("3341-12: M from 1 s", &r, false, 1.0, -23.0, LOUD_TOL);
	readings_free(&r);
}

/* ---- Tech 3341 cases 10, 11, 13, 14: maxima ---- */

/* Where signal k's burst starts: 13.7 ms apart, so that over 20 signals the burst
 * edge visits every position within the meter's 10 ms evaluation period. */
static double burst_start_sec(int k)
{
	return 1.0 + 0.0137 * k;
}

/* Cases 10 and 13: twenty separate signals, each judged by the meter's own maximum. */
static void burst_case(const char *name, double burst_sec, bool shortterm)
{
	double worst = 0.0;
	for (int k = 0; k < 20; k++) {
		struct signal s = tone_signal();
		add_seg(&s, -INFINITY, burst_start_sec(k));
		add_seg(&s, -23.0, burst_sec);
		add_seg(&s, -INFINITY, 1.0);
		struct readings r;
		measure_signal(&s, &r);
		const double max = shortterm ? r.result.shortterm_max_lufs
			: r.result.momentary_max_lufs;
		char label[64];
		snprintf(label, sizeof label, "%s.%d: max %s", name, k + 1, shortterm ? "S" : "M");
		check_near(label, max, -23.0, LOUD_TOL);
		if (fabs(max + 23.0) > fabs(worst))
			worst = max + 23.0;
		readings_free(&r);
	}
	printf("# %s: worst deviation over 20 signals %+.3f LU\n", name, worst);
}

static void test_3341_case10(void **state)
{
	(void)state;
	burst_case("3341-10", 3.0, true);
}

static void test_3341_case13(void **state)
{
	(void)state;
	burst_case("3341-13", 0.4, false);
}

/* Cases 11 and 14: one stream; the maximum of the readings whose window ends within
 * each segment. */
static void stepped_maxima_case(const char *name, double seg_sec, double burst_sec,
	double lead_sec, bool shortterm)
{
	struct signal s = tone_signal();
	for (int k = 0; k < 20; k++) {
		/* the burst moves 3.7 ms later in each segment, off the 10 ms grid */
		const double lead = lead_sec + 0.0037 * k;
		add_seg(&s, -INFINITY, lead);
		add_seg(&s, -38.0 + k, burst_sec);
		add_seg(&s, -INFINITY, seg_sec - lead - burst_sec);
	}
	struct readings r;
	measure_signal(&s, &r);
	for (int k = 0; k < 20; k++) {
		double max = -INFINITY;
		for (long i = 0; i < r.count; i++) {
			if (r.t_sec[i] > k * seg_sec + 1e-9 && r.t_sec[i] <= (k + 1) * seg_sec + 1e-9)
				max = fmax(max, shortterm ? r.shortterm[i] : r.momentary[i]);
		}
		char label[64];
		snprintf(label, sizeof label, "%s segment %d: max %s", name, k + 1,
			shortterm ? "S" : "M");
		check_near(label, max, -38.0 + k, LOUD_TOL);
	}
	readings_free(&r);
}

static void test_3341_case11(void **state)
{
	(void)state;
	stepped_maxima_case("3341-11", 6.0, 3.0, 1.5, true);
}

static void test_3341_case14(void **state)
{
	(void)state;
	stepped_maxima_case("3341-14", 0.8, 0.4, 0.2, false);
}

/* ---- Tech 3341 cases 15-23: true peak ---- */

/* The true-peak tones fade in and out over 10 ms: a tone that starts at full level
 * on a sample is a step, and the band-limited reconstruction of a step overshoots it
 * (by up to 9 %, the Gibbs phenomenon), which is a true peak of the step, not of the
 * tone the case defines. */
#define TP_FADE_SEC 0.01

static void true_peak_tone(const char *name, double freq_hz, double amplitude,
	double phase_deg, double want_dbtp)
{
	struct signal s = tone_signal();
	add_seg(&s, 20.0 * log10(amplitude), 2.0);
	s.segs[0].freq_hz = freq_hz;
	s.segs[0].phase_deg = phase_deg;
	s.segs[0].fade_sec = TP_FADE_SEC;
	struct readings r;
	measure_signal(&s, &r);
	char label[64];
	snprintf(label, sizeof label, "%s: TP", name);
	check_range(label, r.result.true_peak_dbtp, want_dbtp, TP_TOL_DOWN, TP_TOL_UP);
	readings_free(&r);
}

static void test_3341_case15(void **state)
{
	(void)state;
	true_peak_tone("3341-15", RATE / 4.0, 0.5, 0.0, -6.0);
}

static void test_3341_case16(void **state)
{
	(void)state;
	true_peak_tone("3341-16", RATE / 4.0, 0.5, 45.0, -6.0);
}

static void test_3341_case17(void **state)
{
	(void)state;
	true_peak_tone("3341-17", RATE / 6.0, 0.5, 60.0, -6.0);
}

static void test_3341_case18(void **state)
{
	(void)state;
	true_peak_tone("3341-18", RATE / 8.0, 0.5, 67.5, -6.0);
}

static void test_3341_case19(void **state)
{
	(void)state;
	true_peak_tone("3341-19", RATE / 4.0, 1.41, 45.0, 3.0);
}

/* Cases 20-23: at 4 x 48 kHz, an fs/6 tone (8 kHz) at half scale whose middle holds one
 * period of fs/4 (12 kHz) at full scale, joined where both cross zero upwards; every
 * 4th sample from `offset` on is the 48 kHz signal. The crest is 4 fast samples after
 * the join, so it falls on a 48 kHz sample for one offset and between two for the
 * others. Its true peak is 0 dBTP. */
#define FAST_RATE (4 * RATE)
#define SLOW_PERIOD 24   /* fs/6 at the fast rate */
#define PEAK_PERIOD 16   /* fs/4 at the fast rate */

static float *peak_signal(int offset, long *frames_out)
{
	const long half = 2L * FAST_RATE / SLOW_PERIOD * SLOW_PERIOD; /* ~1 s, whole periods */
	const long fast_frames = 2 * half + PEAK_PERIOD;
	const long frames = (fast_frames - offset + 3) / 4;
	float *buf = xmalloc(sizeof(float) * 2 * (size_t)frames);
	for (long m = 0; m < frames; m++) {
		const long n = 4 * m + offset;
		double v;
		if (n < half)
			v = 0.5 * sin(2.0 * M_PI * n / SLOW_PERIOD);
		else if (n < half + PEAK_PERIOD)
			v = sin(2.0 * M_PI * (n - half) / PEAK_PERIOD);
		else
			v = 0.5 * sin(2.0 * M_PI * (n - half - PEAK_PERIOD) / SLOW_PERIOD);
		buf[2 * m] = buf[2 * m + 1] = (float)v;
	}
	*frames_out = frames;
	return buf;
}

static void peak_case(int number, int offset)
{
	long frames;
	float *buf = peak_signal(offset, &frames);
	struct readings r;
	measure_buffer(buf, frames, RATE, &r);
	free(buf);
	char label[64];
	snprintf(label, sizeof label, "3341-%d (offset %d): TP", number, offset);
	check_range(label, r.result.true_peak_dbtp, 0.0, TP_TOL_DOWN, TP_TOL_UP);
	readings_free(&r);
}

static void test_3341_case20(void **state) { (void)state; peak_case(20, 0); }
static void test_3341_case21(void **state) { (void)state; peak_case(21, 1); }
static void test_3341_case22(void **state) { (void)state; peak_case(22, 2); }
static void test_3341_case23(void **state) { (void)state; peak_case(23, 3); }

/* ---- Tech 3342 cases 1-4: loudness range ---- */

static void lra_case(const char *name, const double *levels, int n, double want)
{
	struct signal s = tone_signal();
	for (int i = 0; i < n; i++)
		add_seg(&s, levels[i], 20.0);
	struct readings r;
	measure_signal(&s, &r);
	check_near(name, r.result.lra_lu, want, LRA_TOL);
	readings_free(&r);
}

static void test_3342_case1(void **state)
{
	(void)state;
	const double levels[] = { -20.0, -30.0 };
	lra_case("3342-1: LRA", levels, 2, 10.0);
}

static void test_3342_case2(void **state)
{
	(void)state;
	const double levels[] = { -20.0, -15.0 };
	lra_case("3342-2: LRA", levels, 2, 5.0);
}

static void test_3342_case3(void **state)
{
	(void)state;
	const double levels[] = { -40.0, -20.0 };
	lra_case("3342-3: LRA", levels, 2, 20.0);
}

static void test_3342_case4(void **state)
{
	(void)state;
	const double levels[] = { -50.0, -35.0, -20.0, -35.0, -50.0 };
	lra_case("3342-4: LRA", levels, 5, 15.0);
}

/* ---- the other rate the studio meets most: 44.1 kHz ---- */

/* Cases 1 and 13 again at 44.1 kHz, where a 10 ms hop is 441 frames. */
static void test_rate_44100(void **state)
{
	(void)state;
	struct signal s = tone_signal();
	s.rate = 44100;
	add_seg(&s, -23.0, 20.0);
	struct readings r;
	measure_signal(&s, &r);
	check_constant("3341-1 at 44.1 kHz: M from 0.4 s", &r, false, 0.4, -23.0, LOUD_TOL);
	check_constant("3341-1 at 44.1 kHz: S from 3 s", &r, true, 3.0, -23.0, LOUD_TOL);
	check_near("3341-1 at 44.1 kHz: I", r.result.integrated_lufs, -23.0, LOUD_TOL);
	readings_free(&r);
	for (int k = 0; k < 20; k += 3) {
		s.count = 0;
		add_seg(&s, -INFINITY, burst_start_sec(k));
		add_seg(&s, -23.0, 0.4);
		add_seg(&s, -INFINITY, 1.0);
		measure_signal(&s, &r);
		char label[64];
		snprintf(label, sizeof label, "3341-13.%d at 44.1 kHz: max M", k + 1);
		check_near(label, r.result.momentary_max_lufs, -23.0, LOUD_TOL);
		readings_free(&r);
	}
}

/* ---- the command line: ttymix loudness --json on 24-bit WAV files ---- */

/* The value of "key": in a line of `ttymix loudness --json`; NAN when null or
 * missing. */
static double json_number(const char *line, const char *key)
{
	char pattern[64];
	snprintf(pattern, sizeof pattern, "\"%s\": ", key);
	const char *p = strstr(line, pattern);
	if (!p)
		return NAN;
	p += strlen(pattern);
	if (strncmp(p, "null", 4) == 0)
		return NAN;
	return strtod(p, NULL);
}

/* Write buf to dir/name as a 24-bit WAV (as the EBU files are), run the command on
 * it and return its one JSON line (caller frees). */
static char *cli_measure(const char *dir, const char *name, const float *buf, long frames,
	int rate)
{
	char *path = xasprintf("%s/%s", dir, name);
	struct media_writer *w;
	struct err_msg msg;
	assert_int_equal(media_writer_open(&w, path, MEDIA_WAV, MEDIA_PCM24, rate, 2, &msg),
		ERR_OK);
	assert_int_equal(media_writer_write(w, buf, (int)frames, &msg), ERR_OK);
	assert_int_equal(media_writer_close(w, &msg), ERR_OK);

	const char *ttymix = getenv("TTYMIX");
	char *cmd = xasprintf("'%s' loudness --json '%s'", ttymix, path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char line[1024] = "";
	if (!fgets(line, sizeof line, p))
		line[0] = '\0';
	const int status = pclose(p);
	printf("# %s\n#   -> %s", cmd, line);
	if (status != 0)
		fail_msg("%s exited with status %d", cmd, status);
	assert_int_equal(unlink(path), 0);
	free(cmd);
	free(path);
	return xstrdup(line);
}

static void test_cli(void **state)
{
	(void)state;
	if (!getenv("TTYMIX")) {
		if (getenv("TTYMIX_REQUIRE_ALL") && strcmp(getenv("TTYMIX_REQUIRE_ALL"), "1") == 0)
			fail_msg("TTYMIX is not set: run me through make check");
		skip();
	}
	char dir[] = "/tmp/ttymix-ebu-XXXXXX";
	assert_non_null(mkdtemp(dir));
	long frames;
	float *buf;
	char *line;

	/* 3341-1: M max, S max and I */
	struct signal s = tone_signal();
	add_seg(&s, -23.0, 20.0);
	buf = synthesize(&s, &frames);
	line = cli_measure(dir, "case1.wav", buf, frames, RATE);
	check_near("cli 3341-1: I", json_number(line, "integrated_lufs"), -23.0, LOUD_TOL);
	check_near("cli 3341-1: M max", json_number(line, "momentary_max_lufs"), -23.0,
		LOUD_TOL);
	check_near("cli 3341-1: S max", json_number(line, "shortterm_max_lufs"), -23.0,
		LOUD_TOL);
	free(line);
	free(buf);

	/* 3341-5: gating */
	s.count = 0;
	add_seg(&s, -26.0, 20.0);
	add_seg(&s, -20.0, 20.1);
	add_seg(&s, -26.0, 20.0);
	buf = synthesize(&s, &frames);
	line = cli_measure(dir, "case5.wav", buf, frames, RATE);
	check_near("cli 3341-5: I", json_number(line, "integrated_lufs"), -23.0, LOUD_TOL);
	free(line);
	free(buf);

	/* 3341-13, the burst with the worst timing for a 10 ms reading */
	s.count = 0;
	add_seg(&s, -INFINITY, 1.005);
	add_seg(&s, -23.0, 0.4);
	add_seg(&s, -INFINITY, 1.0);
	buf = synthesize(&s, &frames);
	line = cli_measure(dir, "case13.wav", buf, frames, RATE);
	check_near("cli 3341-13: M max", json_number(line, "momentary_max_lufs"), -23.0,
		LOUD_TOL);
	free(line);
	free(buf);

	/* 3341-19 and 3341-22: true peak */
	s.count = 0;
	add_seg(&s, 20.0 * log10(1.41), 2.0);
	s.segs[0].freq_hz = RATE / 4.0;
	s.segs[0].phase_deg = 45.0;
	s.segs[0].fade_sec = TP_FADE_SEC;
	buf = synthesize(&s, &frames);
	line = cli_measure(dir, "case19.wav", buf, frames, RATE);
	check_range("cli 3341-19: TP", json_number(line, "true_peak_dbtp"), 3.0, TP_TOL_DOWN,
		TP_TOL_UP);
	free(line);
	free(buf);
	buf = peak_signal(2, &frames);
	line = cli_measure(dir, "case22.wav", buf, frames, RATE);
	check_range("cli 3341-22: TP", json_number(line, "true_peak_dbtp"), 0.0, TP_TOL_DOWN,
		TP_TOL_UP);
	free(line);
	free(buf);

	/* 3342-4: LRA */
	s.count = 0;
	const double levels[] = { -50.0, -35.0, -20.0, -35.0, -50.0 };
	for (int i = 0; i < 5; i++)
		add_seg(&s, levels[i], 20.0);
	buf = synthesize(&s, &frames);
	line = cli_measure(dir, "lra4.wav", buf, frames, RATE);
	check_near("cli 3342-4: LRA", json_number(line, "lra_lu"), 15.0, LRA_TOL);
	free(line);
	free(buf);

	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_3341_case1),
		cmocka_unit_test(test_3341_case2),
		cmocka_unit_test(test_3341_case3),
		cmocka_unit_test(test_3341_case4),
		cmocka_unit_test(test_3341_case5),
		cmocka_unit_test(test_3341_case9),
		cmocka_unit_test(test_3341_case10),
		cmocka_unit_test(test_3341_case11),
		cmocka_unit_test(test_3341_case12),
		cmocka_unit_test(test_3341_case13),
		cmocka_unit_test(test_3341_case14),
		cmocka_unit_test(test_3341_case15),
		cmocka_unit_test(test_3341_case16),
		cmocka_unit_test(test_3341_case17),
		cmocka_unit_test(test_3341_case18),
		cmocka_unit_test(test_3341_case19),
		cmocka_unit_test(test_3341_case20),
		cmocka_unit_test(test_3341_case21),
		cmocka_unit_test(test_3341_case22),
		cmocka_unit_test(test_3341_case23),
		cmocka_unit_test(test_3342_case1),
		cmocka_unit_test(test_3342_case2),
		cmocka_unit_test(test_3342_case3),
		cmocka_unit_test(test_3342_case4),
		cmocka_unit_test(test_rate_44100),
		cmocka_unit_test(test_cli),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
