#include "audio/spectrum.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>


#include "audio/fftw_dl.h"
#include "src/base/xalloc.h"

struct spectrum {
	int sample_rate;
	float *history;         /* the last SPECTRUM_FFT mid samples, a ring */
	int pos;                /* where the next sample goes */
	float window[SPECTRUM_FFT];
	float *in;              /* fftwf_malloc'd, for alignment */
	fftwf_complex *out;
	fftwf_plan plan;
	int lo[SPECTRUM_BANDS], hi[SPECTRUM_BANDS]; /* bins [lo, hi) of each band */
};

/* FFTW's planner (making and destroying plans) is not thread-safe, and spectra are made
 * on the UI thread (the analysis, a strip's spectrum) while a worker makes its own
 * (:review's render, :check's): one at a time in the whole program. Executing a plan
 * needs no lock. */
static pthread_mutex_t planner = PTHREAD_MUTEX_INITIALIZER;

double spectrum_band_hz(int i)
{
	/* base-ten third octaves: 1000 * 10^((i - 17) / 10), i = 0 is 20 Hz */
	return 1000.0 * pow(10.0, (double)(i - 17) / 10.0);
}

enum err spectrum_load(struct err_msg *msg)
{
	return fftwf_dl_load(msg);
}

enum err spectrum_create(struct spectrum **out, int sample_rate)
{
	*out = NULL;
	if (fftwf_dl_load(NULL) != ERR_OK)
		return ERR_NOT_FOUND;
	struct spectrum *s = xcalloc(1, sizeof *s);
	s->sample_rate = sample_rate;
	s->history = xcalloc(SPECTRUM_FFT, sizeof(float));
	s->in = fftwf_fn.malloc(sizeof(float) * SPECTRUM_FFT);
	s->out = fftwf_fn.malloc(sizeof(fftwf_complex) * (SPECTRUM_FFT / 2 + 1));
	if (!s->in || !s->out) {
		spectrum_destroy(s);
		return ERR_NOMEM;
	}
	/* ESTIMATE: no timing runs, so creating it is quick and the plan deterministic */
	pthread_mutex_lock(&planner);
	s->plan = fftwf_fn.plan_dft_r2c_1d(SPECTRUM_FFT, s->in, s->out, FFTW_ESTIMATE);
	pthread_mutex_unlock(&planner);
	if (!s->plan) {
		spectrum_destroy(s);
		return ERR_NOMEM;
	}
	for (int i = 0; i < SPECTRUM_FFT; i++)
		s->window[i] = (float)(0.5 - 0.5 * cos(2.0 * M_PI * i / SPECTRUM_FFT));
	const double bin_hz = (double)sample_rate / SPECTRUM_FFT;
	for (int b = 0; b < SPECTRUM_BANDS; b++) {
		const double c = spectrum_band_hz(b), edge = pow(10.0, 0.05);
		int lo = (int)ceil(c / edge / bin_hz), hi = (int)ceil(c * edge / bin_hz);
		if (lo < 1)
			lo = 1;
		if (hi > SPECTRUM_FFT / 2)
			hi = SPECTRUM_FFT / 2;
		if (hi <= lo) /* narrower than a bin: the bin nearest the centre */
			lo = (int)lround(c / bin_hz), hi = lo + 1;
		s->lo[b] = lo;
		s->hi[b] = hi;
	}
	*out = s;
	return ERR_OK;
}

void spectrum_destroy(struct spectrum *s)
{
	if (!s)
		return;
	if (s->plan) {
		pthread_mutex_lock(&planner);
		fftwf_fn.destroy_plan(s->plan);
		pthread_mutex_unlock(&planner);
	}
	fftwf_fn.free(s->in);
	fftwf_fn.free(s->out);
	free(s->history);
	free(s);
}

void spectrum_clear(struct spectrum *s)
{
	memset(s->history, 0, sizeof(float) * SPECTRUM_FFT);
	s->pos = 0;
}

void spectrum_add(struct spectrum *s, const float *frames, int n)
{
	for (int i = 0; i < n; i++) {
		s->history[s->pos] = 0.5f * (frames[i * 2] + frames[i * 2 + 1]);
		s->pos = (s->pos + 1) % SPECTRUM_FFT;
	}
}

/* a sine of amplitude A gives |X| = A * N / 4 at its bin under a Hann window, and its
 * energy over the main lobe sums to A^2 N^2 / 16 * 1.5; scale so A = 1 reads 1 (0 dB)
 * summed over the band */
#define POWER_NORM (16.0 / (1.5 * (double)SPECTRUM_FFT * SPECTRUM_FFT))

static void transform(struct spectrum *s)
{
	for (int i = 0; i < SPECTRUM_FFT; i++)
		s->in[i] = s->history[(s->pos + i) % SPECTRUM_FFT] * s->window[i];
	fftwf_fn.execute(s->plan);
}

void spectrum_bands(struct spectrum *s, float out_db[SPECTRUM_BANDS])
{
	transform(s);
	for (int b = 0; b < SPECTRUM_BANDS; b++) {
		double p = 0.0;
		for (int k = s->lo[b]; k < s->hi[b] && k <= SPECTRUM_FFT / 2; k++)
			p += (double)s->out[k][0] * s->out[k][0] + (double)s->out[k][1] * s->out[k][1];
		p *= POWER_NORM;
		out_db[b] = p > 1e-13 ? (float)(10.0 * log10(p)) : -INFINITY;
	}
}

void spectrum_power_add(struct spectrum *s, double acc[SPECTRUM_BINS])
{
	transform(s);
	for (int k = 0; k < SPECTRUM_BINS; k++)
		acc[k] += ((double)s->out[k][0] * s->out[k][0] +
			(double)s->out[k][1] * s->out[k][1]) * POWER_NORM;
}

void spectrum_bands_of(const struct spectrum *s, const double power[SPECTRUM_BINS],
	float out_db[SPECTRUM_BANDS])
{
	for (int b = 0; b < SPECTRUM_BANDS; b++) {
		double p = 0.0;
		for (int k = s->lo[b]; k < s->hi[b] && k < SPECTRUM_BINS; k++)
			p += power[k];
		out_db[b] = p > 1e-13 ? (float)(10.0 * log10(p)) : -INFINITY;
	}
}
