/* Matching a reference: the profile, the correction and the eq fit (src/match.h;
 * formulas in docs/dsp.md, "Matching a reference"). */
#include "src/match.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/fx/fx.h"
#include "audio/loudness.h"
#include "src/base/xalloc.h"

#define HOP (SPECTRUM_FFT / 2)     /* Welch: Hann windows overlapping by half */
#define FLOOR_DB 80.0              /* under the loudest point: nothing to match */
#define FIT_LO_HZ 30.0
#define FIT_HI_HZ 18000.0
#define FIT_ITERATIONS 60
#define FIT_Q_MIN 0.3              /* broad bands only: a correction is smooth */
#define FIT_Q_MAX 4.0

struct match_meter {
	int rate;
	struct spectrum *spectrum;
	struct loudness *loudness;
	double *power;             /* SPECTRUM_BINS sums */
	long windows;
	long until_window;         /* frames until the next window is complete */
	int64_t frames;
	double e_mid, e_side;
};

enum err match_meter_create(struct match_meter **out, int rate, struct err_msg *msg)
{
	*out = NULL;
	if (spectrum_load(msg) != ERR_OK) /* says which library is missing */
		return ERR_NOT_FOUND;
	struct match_meter *m = xcalloc(1, sizeof *m);
	m->rate = rate;
	m->power = xcalloc(SPECTRUM_BINS, sizeof *m->power);
	m->until_window = SPECTRUM_FFT;
	enum err e = spectrum_create(&m->spectrum, rate);
	if (e == ERR_OK)
		e = loudness_create(&m->loudness, rate, 2);
	if (e != ERR_OK) {
		err_set(msg, e, "cannot measure at %d Hz: %s", rate, err_str(e));
		match_meter_destroy(m);
		return e;
	}
	*out = m;
	return ERR_OK;
}

void match_meter_destroy(struct match_meter *m)
{
	if (!m)
		return;
	spectrum_destroy(m->spectrum);
	loudness_destroy(m->loudness);
	free(m->power);
	free(m);
}

enum err match_meter_reset(struct match_meter *m)
{
	loudness_destroy(m->loudness);
	m->loudness = NULL;
	spectrum_clear(m->spectrum);
	memset(m->power, 0, sizeof(double) * SPECTRUM_BINS);
	m->windows = 0;
	m->until_window = SPECTRUM_FFT;
	m->frames = 0;
	m->e_mid = m->e_side = 0.0;
	return loudness_create(&m->loudness, m->rate, 2);
}

enum err match_meter_add(struct match_meter *m, const float *frames, long n)
{
	enum err e = loudness_add(m->loudness, frames, n);
	if (e != ERR_OK)
		return e;
	for (long i = 0; i < n; i++) {
		const double mid = 0.5 * ((double)frames[2 * i] + frames[2 * i + 1]);
		const double side = 0.5 * ((double)frames[2 * i] - frames[2 * i + 1]);
		m->e_mid += mid * mid;
		m->e_side += side * side;
	}
	m->frames += n;
	/* the spectrum in windows that end every HOP frames */
	while (n > 0) {
		const long take = n < m->until_window ? n : m->until_window;
		spectrum_add(m->spectrum, frames, (int)take);
		frames += take * 2;
		n -= take;
		m->until_window -= take;
		if (m->until_window == 0) {
			spectrum_power_add(m->spectrum, m->power);
			m->windows++;
			m->until_window = HOP;
		}
	}
	return ERR_OK;
}

enum err match_meter_result(struct match_meter *m, struct match_profile *out,
	struct err_msg *msg)
{
	memset(out, 0, sizeof *out);
	if (m->windows == 0) {
		err_set(msg, ERR_RANGE, "too short to match: at least %.2f s of audio",
			(double)SPECTRUM_FFT / m->rate);
		return ERR_RANGE;
	}
	out->rate = m->rate;
	out->frames = m->frames;
	for (int k = 0; k < SPECTRUM_BINS; k++)
		out->power[k] = m->power[k] / (double)m->windows;
	spectrum_bands_of(m->spectrum, out->power, out->band_db);
	struct loudness_result lr;
	enum err e = loudness_result(m->loudness, &lr);
	if (e != ERR_OK) {
		err_set(msg, e, "cannot measure the loudness: %s", err_str(e));
		return e;
	}
	out->integrated_lufs = lr.integrated_lufs;
	out->true_peak_dbtp = lr.true_peak_dbtp;
	out->width = m->e_mid > 0.0 ? sqrt(m->e_side / m->e_mid) : NAN;
	return ERR_OK;
}

enum err match_measure(const float *frames, int64_t n, int rate, struct match_profile *out,
	struct err_msg *msg)
{
	struct match_meter *m;
	enum err e = match_meter_create(&m, rate, msg);
	if (e != ERR_OK)
		return e;
	for (int64_t done = 0; done < n && e == ERR_OK;) {
		const long take = n - done > 65536 ? 65536 : (long)(n - done);
		e = match_meter_add(m, frames + done * 2, take);
		done += take;
	}
	if (e != ERR_OK)
		err_set(msg, e, "cannot measure: %s", err_str(e));
	else
		e = match_meter_result(m, out, msg);
	match_meter_destroy(m);
	return e;
}

double match_grid_hz(int i)
{
	return 20.0 * pow(2.0, (double)i / MATCH_GRID_PER_OCT);
}

void match_smoothed_db(const struct match_profile *p, double octaves,
	double out_db[MATCH_GRID_N])
{
	const double bin_hz = (double)p->rate / SPECTRUM_FFT;
	const double half = pow(2.0, octaves / 2.0);
	for (int i = 0; i < MATCH_GRID_N; i++) {
		const double f = match_grid_hz(i);
		int lo = (int)ceil(f / half / bin_hz), hi = (int)floor(f * half / bin_hz);
		if (hi < lo) /* narrower than a bin: the nearest one */
			lo = hi = (int)lround(f / bin_hz);
		if (lo < 1)
			lo = 1;
		if (hi > SPECTRUM_BINS - 1)
			hi = SPECTRUM_BINS - 1;
		double sum = 0.0;
		for (int k = lo; k <= hi; k++)
			sum += p->power[k];
		/* the mean power a bin, so the level does not grow with the window */
		out_db[i] = hi >= lo && sum > 0.0 ? 10.0 * log10(sum / (hi - lo + 1)) : -INFINITY;
	}
}

static bool in_fit(double hz, int rate)
{
	return hz >= FIT_LO_HZ && hz <= FIT_HI_HZ && hz < 0.45 * rate;
}

void match_correction(const struct match_profile *mix, const struct match_profile *ref,
	double octaves, double cap_db, double out_db[MATCH_GRID_N])
{
	double m[MATCH_GRID_N], r[MATCH_GRID_N];
	match_smoothed_db(mix, octaves, m);
	match_smoothed_db(ref, octaves, r);
	double m_top = -INFINITY, r_top = -INFINITY;
	for (int i = 0; i < MATCH_GRID_N; i++) {
		m_top = fmax(m_top, m[i]);
		r_top = fmax(r_top, r[i]);
	}
	bool use[MATCH_GRID_N];
	double sum = 0.0;
	int n = 0;
	for (int i = 0; i < MATCH_GRID_N; i++) {
		const double f = match_grid_hz(i);
		use[i] = isfinite(m[i]) && isfinite(r[i]) && m[i] > m_top - FLOOR_DB &&
			r[i] > r_top - FLOOR_DB && f < 0.45 * mix->rate && f < 0.45 * ref->rate;
		out_db[i] = use[i] ? r[i] - m[i] : 0.0;
		if (use[i] && f >= 40.0 && f <= 16000.0) {
			sum += out_db[i];
			n++;
		}
	}
	const double mean = n ? sum / n : 0.0;
	for (int i = 0; i < MATCH_GRID_N; i++) {
		double c = use[i] ? out_db[i] - mean : 0.0;
		out_db[i] = c > cap_db ? cap_db : c < -cap_db ? -cap_db : c;
	}
}

double match_distance(const struct match_profile *a, const struct match_profile *b)
{
	double sum = 0.0;
	int n = 0;
	for (int k = MATCH_DIST_LO_BAND; k <= MATCH_DIST_HI_BAND; k++) {
		const double d = (double)a->band_db[k] - b->band_db[k];
		if (!isfinite(d))
			return INFINITY;
		sum += d * d;
		n++;
	}
	return sqrt(sum / n);
}

bool match_parse_octaves(const char *text, double *octaves)
{
	char *end;
	double v;
	if (!strncmp(text, "1/", 2)) {
		const double d = strtod(text + 2, &end);
		if (end == text + 2 || *end || !(d > 0))
			return false;
		v = 1.0 / d;
	} else {
		v = strtod(text, &end);
		if (end == text || *end)
			return false;
	}
	if (!(v >= MATCH_SMOOTH_MIN_OCT - 1e-9 && v <= MATCH_SMOOTH_MAX_OCT + 1e-9))
		return false;
	*octaves = v;
	return true;
}

/* ---- the eq fit ---- */

/* The fitted variables: per shelf log(Hz) and dB, per band log(Hz), dB and log(Q). */
enum { FIT_SHELVES = 2, FIT_BANDS = 4, FIT_N = FIT_SHELVES * 2 + FIT_BANDS * 3 };

struct fit {
	int rate;
	double cap_db;
	int idx[FIT_N];            /* the eq parameter each variable sets */
	double lo[FIT_N], hi[FIT_N];
	double *params;
};

static void fit_setup(struct fit *f, int rate, double cap_db, double *params)
{
	static const char *const names[FIT_N] = {
		"low_shelf_hz", "low_shelf_db", "high_shelf_hz", "high_shelf_db",
		"band1_hz", "band1_db", "band1_q", "band2_hz", "band2_db", "band2_q",
		"band3_hz", "band3_db", "band3_q", "band4_hz", "band4_db", "band4_q",
	};
	f->rate = rate;
	f->cap_db = cap_db;
	f->params = params;
	const double nyq = 0.45 * rate;
	for (int v = 0; v < FIT_N; v++) {
		f->idx[v] = fx_param_find(&fx_eq, names[v]);
		const struct fx_param *p = &fx_eq.params[f->idx[v]];
		if (strstr(names[v], "_hz")) {
			f->lo[v] = log(p->min);
			f->hi[v] = log(p->max < nyq ? p->max : nyq);
		} else if (strstr(names[v], "_q")) {
			f->lo[v] = log(FIT_Q_MIN);
			f->hi[v] = log(FIT_Q_MAX);
		} else {
			/* a section may go past the cap where its neighbours take some back;
			 * the whole stays within it (fit_keep_cap) */
			f->lo[v] = -1.5 * cap_db;
			f->hi[v] = 1.5 * cap_db;
		}
	}
}

static bool is_log(const struct fit *f, int v)
{
	const char *n = fx_eq.params[f->idx[v]].name;
	return strstr(n, "_hz") || strstr(n, "_q");
}

static void fit_get(const struct fit *f, double *x)
{
	for (int v = 0; v < FIT_N; v++) {
		const double p = f->params[f->idx[v]];
		x[v] = is_log(f, v) ? log(p) : p;
		x[v] = fmin(fmax(x[v], f->lo[v]), f->hi[v]);
	}
}

static void fit_put(const struct fit *f, const double *x)
{
	for (int v = 0; v < FIT_N; v++) {
		const double c = fmin(fmax(x[v], f->lo[v]), f->hi[v]);
		const double p = is_log(f, v) ? exp(c) : c;
		f->params[f->idx[v]] = fx_param_clamp_rt(&fx_eq.params[f->idx[v]], p);
	}
}

/* The residuals (curve - response) at the fitted grid points, and their sum of squares. */
static double residuals(const struct fit *f, const double *x, const double *curve,
	double *res)
{
	fit_put(f, x);
	double ss = 0.0;
	int n = 0;
	for (int i = 0; i < MATCH_GRID_N; i++) {
		const double hz = match_grid_hz(i);
		if (!in_fit(hz, f->rate))
			continue;
		res[n] = curve[i] - fx_eq_magnitude_db(f->params, f->rate, hz);
		ss += res[n] * res[n];
		n++;
	}
	return ss;
}

/* Solve a x = b for an n x n system by Gaussian elimination with partial pivoting;
 * false when singular. */
static bool solve(int n, double a[FIT_N][FIT_N], double *b, double *x)
{
	for (int c = 0; c < n; c++) {
		int piv = c;
		for (int r = c + 1; r < n; r++)
			if (fabs(a[r][c]) > fabs(a[piv][c]))
				piv = r;
		if (fabs(a[piv][c]) < 1e-300)
			return false;
		if (piv != c) {
			for (int k = 0; k < n; k++) {
				double t = a[c][k];
				a[c][k] = a[piv][k];
				a[piv][k] = t;
			}
			double t = b[c];
			b[c] = b[piv];
			b[piv] = t;
		}
		for (int r = c + 1; r < n; r++) {
			const double k = a[r][c] / a[c][c];
			for (int j = c; j < n; j++)
				a[r][j] -= k * a[c][j];
			b[r] -= k * b[c];
		}
	}
	for (int r = n - 1; r >= 0; r--) {
		double s = b[r];
		for (int k = r + 1; k < n; k++)
			s -= a[r][k] * x[k];
		x[r] = s / a[r][r];
	}
	return true;
}

/* One Levenberg-Marquardt run from x (kept in x); returns the sum of squares. */
static double levenberg_marquardt(const struct fit *f, const double *curve, double *x)
{
	double res[MATCH_GRID_N], res2[MATCH_GRID_N], jac[FIT_N][MATCH_GRID_N];
	double ss = residuals(f, x, curve, res);
	int n = 0;
	for (int i = 0; i < MATCH_GRID_N; i++)
		n += in_fit(match_grid_hz(i), f->rate);
	double lambda = 1e-2;
	for (int it = 0; it < FIT_ITERATIONS; it++) {
		/* the Jacobian of the response by central differences */
		for (int v = 0; v < FIT_N; v++) {
			const double h = is_log(f, v) ? 1e-4 : 1e-3;
			double xp[FIT_N], xm[FIT_N];
			memcpy(xp, x, sizeof xp);
			memcpy(xm, x, sizeof xm);
			xp[v] += h;
			xm[v] -= h;
			residuals(f, xp, curve, res2);
			residuals(f, xm, curve, jac[v]);
			for (int i = 0; i < n; i++)
				jac[v][i] = (jac[v][i] - res2[i]) / (2.0 * h); /* d response / dx */
		}
		double jtj[FIT_N][FIT_N], jtr[FIT_N];
		for (int a = 0; a < FIT_N; a++) {
			jtr[a] = 0.0;
			for (int i = 0; i < n; i++)
				jtr[a] += jac[a][i] * res[i];
			for (int b = 0; b < FIT_N; b++) {
				double s = 0.0;
				for (int i = 0; i < n; i++)
					s += jac[a][i] * jac[b][i];
				jtj[a][b] = s;
			}
		}
		bool better = false;
		for (int tries = 0; tries < 8 && !better; tries++) {
			double a[FIT_N][FIT_N], b[FIT_N], step[FIT_N], xn[FIT_N];
			memcpy(a, jtj, sizeof a);
			memcpy(b, jtr, sizeof b);
			for (int v = 0; v < FIT_N; v++)
				a[v][v] += lambda * (jtj[v][v] + 1e-6);
			if (!solve(FIT_N, a, b, step)) {
				lambda *= 10.0;
				continue;
			}
			for (int v = 0; v < FIT_N; v++)
				xn[v] = fmin(fmax(x[v] + step[v], f->lo[v]), f->hi[v]);
			const double ssn = residuals(f, xn, curve, res2);
			if (ssn < ss) {
				better = true;
				const bool done = ss - ssn < 1e-7 * ss + 1e-12;
				memcpy(x, xn, sizeof xn);
				memcpy(res, res2, sizeof(double) * (size_t)n);
				ss = ssn;
				lambda = fmax(lambda / 3.0, 1e-7);
				if (done)
					it = FIT_ITERATIONS;
			} else {
				lambda *= 4.0;
			}
		}
		if (!better)
			break;
	}
	fit_put(f, x);
	return ss;
}

/* The eq's largest |response| from 20 Hz to 20 kHz (below Nyquist), dB. */
static double peak_response(const double *params, int rate)
{
	double top = 0.0;
	for (int i = 0; i <= 10 * 48; i++) {
		const double hz = 20.0 * pow(2.0, i / 48.0);
		if (hz >= 0.49 * rate)
			break;
		top = fmax(top, fabs(fx_eq_magnitude_db(params, rate, hz)));
	}
	return top;
}

/* Bring the whole response within the cap: every section's gain scaled by the same
 * factor (the response is close to linear in the gains at these sizes). */
static void fit_keep_cap(const struct fit *f)
{
	for (int round = 0; round < 20; round++) {
		const double top = peak_response(f->params, f->rate);
		if (top <= f->cap_db)
			return;
		const double k = f->cap_db / top * 0.995;
		for (int v = 0; v < FIT_N; v++)
			if (!is_log(f, v))
				f->params[f->idx[v]] *= k;
	}
}

double match_fit_eq(const double curve_db[MATCH_GRID_N], int rate, double cap_db,
	double *params)
{
	struct fit f;
	fit_setup(&f, rate, cap_db, params);
	double x[FIT_N];
	fit_get(&f, x);
	levenberg_marquardt(&f, curve_db, x);
	fit_keep_cap(&f);
	double res[MATCH_GRID_N];
	fit_get(&f, x);
	int n = 0;
	for (int i = 0; i < MATCH_GRID_N; i++)
		n += in_fit(match_grid_hz(i), rate);
	const double ss = residuals(&f, x, curve_db, res);
	return n ? sqrt(ss / n) : 0.0;
}

void match_eq_response(const double *params, int rate, double out_db[MATCH_GRID_N])
{
	for (int i = 0; i < MATCH_GRID_N; i++) {
		const double hz = match_grid_hz(i);
		out_db[i] = hz < 0.49 * rate ? fx_eq_magnitude_db(params, rate, hz) : 0.0;
	}
}
