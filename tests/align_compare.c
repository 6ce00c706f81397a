/* align_compare: find a recording inside a reference and measure how far apart they are.
 *
 *   align_compare REF REC [--min-overlap SEC] [--max-peak DBFS]
 *
 * REC is a capture of REF played in real time that started at an unknown moment (the
 * recorder joins mid-way, after a stretch of silence). The tool takes the first
 * non-silent recorded frame, finds the lag at which a window from there matches the
 * reference best (least squared error), then compares the two over their whole overlap
 * from that frame on. It prints the lag, the overlap, and the peak and RMS residual in
 * dBFS, and exits 0 when the overlap holds at least --min-overlap seconds of
 * non-silent reference (default 2) and the residual peak is at most --max-peak dBFS
 * (default -90). Exit 1: they differ (or an unreadable file); 2: usage. Both files are
 * read with our media reader and must share a sample rate; mono counts as two equal
 * channels. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/media.h"
#include "src/base/xalloc.h"

#define SILENCE 1e-4           /* -80 dBFS: "not silent" */
#define MATCH_WINDOW 8192      /* frames compared for the lag search */
#define MATCH_PROBE 16         /* frames of the cheap first pass */
#define MATCH_CANDIDATES 64    /* lags the first pass keeps for the full window */

struct audio {
	float *frames;   /* interleaved stereo */
	long n;
	int rate;
};

static int load(const char *path, struct audio *a)
{
	struct media_info info;
	struct err_msg msg;
	struct media_reader *r;
	if (media_probe(path, &info, &msg) != ERR_OK ||
	    media_reader_open(&r, path, info.sample_rate, &msg) != ERR_OK) {
		fprintf(stderr, "align_compare: %s\n", msg.text);
		return -1;
	}
	a->rate = info.sample_rate;
	a->n = (long)media_reader_frames(r);
	a->frames = xcalloc((size_t)a->n * 2 + 2, sizeof(float));
	const int ch = info.channels;
	float buf[4096 * 2];
	for (long pos = 0; pos < a->n;) {
		int want = a->n - pos < 4096 ? (int)(a->n - pos) : 4096;
		if (media_reader_read(r, pos, buf, want, &msg) != ERR_OK) {
			fprintf(stderr, "align_compare: %s\n", msg.text);
			media_reader_close(r);
			return -1;
		}
		for (int i = 0; i < want; i++) {
			a->frames[(pos + i) * 2] = buf[i * ch];
			a->frames[(pos + i) * 2 + 1] = buf[i * ch + ch - 1];
		}
		pos += want;
	}
	media_reader_close(r);
	return 0;
}

static bool silent(const float *f)
{
	return fabsf(f[0]) <= SILENCE && fabsf(f[1]) <= SILENCE;
}

/* Squared error between ref from frame d and rec from frame r0, over n frames; stops
 * early once above limit. */
static double error(const struct audio *ref, long d, const struct audio *rec, long r0,
	long n, double limit)
{
	double e = 0;
	const float *x = ref->frames + d * 2, *y = rec->frames + r0 * 2;
	for (long i = 0; i < n * 2; i++) {
		double diff = (double)x[i] - y[i];
		e += diff * diff;
		if (e > limit)
			break;
	}
	return e;
}

/* The lag (ref frame - rec frame) that best matches rec from r0 on, or false. */
static bool find_lag(const struct audio *ref, const struct audio *rec, long r0, long window,
	long *lag)
{
	/* first pass: a few frames at every lag keep the best candidates; with noise in
	 * the material the true lag is far ahead of every other */
	long cand[MATCH_CANDIDATES];
	double cand_err[MATCH_CANDIDATES];
	int n_cand = 0;
	for (long d = 0; d + window <= ref->n; d++) {
		double limit = n_cand == MATCH_CANDIDATES ? cand_err[n_cand - 1] : DBL_MAX;
		double e = error(ref, d, rec, r0, MATCH_PROBE, limit);
		if (e >= limit)
			continue;
		int k = n_cand < MATCH_CANDIDATES ? n_cand++ : n_cand - 1;
		while (k > 0 && cand_err[k - 1] > e) {
			cand[k] = cand[k - 1];
			cand_err[k] = cand_err[k - 1];
			k--;
		}
		cand[k] = d;
		cand_err[k] = e;
	}
	if (n_cand == 0)
		return false;
	double best = DBL_MAX;
	for (int k = 0; k < n_cand; k++) {
		double e = error(ref, cand[k], rec, r0, window, best);
		if (e < best) {
			best = e;
			*lag = cand[k] - r0;
		}
	}
	return true;
}

/* Say where the two first part and whether the recording lines up again later at
 * another lag: a jump means frames were lost or repeated on the way (an xrun), no
 * jump means the samples themselves differ. */
static void explain(const struct audio *ref, const struct audio *rec, long lag, long from,
	long to, double limit)
{
	long bad = from;
	while (bad < to) {
		const float *x = ref->frames + (bad + lag) * 2, *y = rec->frames + bad * 2;
		if (fabs((double)x[0] - y[0]) > limit || fabs((double)x[1] - y[1]) > limit)
			break;
		bad++;
	}
	const double rate = ref->rate;
	printf("align_compare: the first difference above the limit is at recorded frame %ld "
		"(reference %.3f s)\n", bad, (bad + lag) / rate);
	long r1 = bad + MATCH_WINDOW / 8;
	while (r1 < rec->n && silent(rec->frames + r1 * 2))
		r1++;
	long window = rec->n - r1 < MATCH_WINDOW ? rec->n - r1 : MATCH_WINDOW;
	long lag2;
	if (window < MATCH_PROBE * 4 || window > ref->n ||
	    !find_lag(ref, rec, r1, window, &lag2))
		return;
	double e = error(ref, r1 + lag2, rec, r1, window, DBL_MAX);
	double rms = sqrt(e / (2.0 * window));
	if (lag2 != lag)
		printf("align_compare: from recorded frame %ld on it matches the reference at lag "
			"%ld (%+ld frames: lost or repeated audio), residual RMS there %.1f dBFS\n", r1,
			lag2, lag2 - lag, rms > 0 ? 20 * log10(rms) : -INFINITY);
	else
		printf("align_compare: the lag does not change later (residual RMS %.1f dBFS at "
			"recorded frame %ld): the samples themselves differ\n",
			rms > 0 ? 20 * log10(rms) : -INFINITY, r1);
}

static double db(double x)
{
	return x > 0 ? 20.0 * log10(x) : -INFINITY;
}

static int usage(void)
{
	fprintf(stderr, "usage: align_compare REF REC [--min-overlap SEC] [--max-peak DBFS]\n");
	return 2;
}

int main(int argc, char **argv)
{
	const char *files[2];
	int n_files = 0;
	double min_overlap_sec = 2.0, max_peak_dbfs = -90.0;
	for (int i = 1; i < argc; i++) {
		char *end;
		if (!strcmp(argv[i], "--min-overlap") && i + 1 < argc) {
			min_overlap_sec = strtod(argv[++i], &end);
			if (*end)
				return usage();
		} else if (!strcmp(argv[i], "--max-peak") && i + 1 < argc) {
			max_peak_dbfs = strtod(argv[++i], &end);
			if (*end)
				return usage();
		} else if (argv[i][0] != '-' && n_files < 2) {
			files[n_files++] = argv[i];
		} else {
			return usage();
		}
	}
	if (n_files != 2)
		return usage();

	struct audio ref, rec;
	if (load(files[0], &ref) || load(files[1], &rec))
		return 1;
	if (ref.rate != rec.rate) {
		fprintf(stderr, "align_compare: the files have different rates (%d and %d Hz)\n",
			ref.rate, rec.rate);
		return 1;
	}
	long r0 = 0;
	while (r0 < rec.n && silent(rec.frames + r0 * 2))
		r0++;
	long window = rec.n - r0 < MATCH_WINDOW ? rec.n - r0 : MATCH_WINDOW;
	if (window > ref.n)
		window = ref.n;
	if (window < MATCH_PROBE * 4) {
		fprintf(stderr, "align_compare: the recording is silent (%ld frames, first sound "
			"at %ld)\n", rec.n, r0);
		return 1;
	}
	long lag;
	if (!find_lag(&ref, &rec, r0, window, &lag)) {
		fprintf(stderr, "align_compare: no alignment found\n");
		return 1;
	}

	/* compare from the first recorded sound to the end of either file; before r0 the
	 * recorder was not connected yet, so its silence there says nothing */
	long from = r0 > -lag ? r0 : -lag;
	long to = rec.n < ref.n - lag ? rec.n : ref.n - lag;
	double peak = 0, sum_sq = 0, ref_sq = 0;
	long active = 0, worst = from;
	for (long i = from; i < to; i++) {
		const float *x = ref.frames + (i + lag) * 2, *y = rec.frames + i * 2;
		if (!silent(x))
			active++;
		for (int c = 0; c < 2; c++) {
			double diff = fabs((double)x[c] - y[c]);
			if (diff > peak) {
				peak = diff;
				worst = i;
			}
			sum_sq += diff * diff;
			ref_sq += (double)x[c] * x[c];
		}
	}
	long overlap = to > from ? to - from : 0;
	double rms = overlap ? sqrt(sum_sq / (2.0 * overlap)) : 0;
	double ref_rms = overlap ? sqrt(ref_sq / (2.0 * overlap)) : 0;
	const double rate = ref.rate;
	printf("align_compare: lag %ld frames (%.3f s): recorded frame i is reference frame "
		"i + lag; first sound at recorded frame %ld (reference %.3f s)\n", lag, lag / rate,
		r0, (r0 + lag) / rate);
	printf("align_compare: overlap %.3f s (%ld frames, %.3f s not silent), reference RMS "
		"%.1f dBFS\n", overlap / rate, overlap, active / rate, db(ref_rms));
	printf("align_compare: residual peak %.1f dBFS (at reference %.3f s), RMS %.1f dBFS\n",
		db(peak), (worst + lag) / rate, db(rms));

	int rc = 0;
	if (db(peak) > max_peak_dbfs)
		explain(&ref, &rec, lag, from, to, pow(10.0, max_peak_dbfs / 20.0));
	if (active / rate < min_overlap_sec) {
		printf("align_compare: FAIL: only %.3f s of sound overlap; want %.1f s\n",
			active / rate, min_overlap_sec);
		rc = 1;
	}
	if (db(peak) > max_peak_dbfs) {
		printf("align_compare: FAIL: residual peak %.1f dBFS is above %.1f dBFS\n", db(peak),
			max_peak_dbfs);
		rc = 1;
	}
	free(ref.frames);
	free(rec.frames);
	return rc;
}
