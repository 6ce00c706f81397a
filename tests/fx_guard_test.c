/* The sound-unchanged guard of issue 23: the fx chain of bench/fx_chain.sh (per track
 * an EQ with a high-pass and four bands and a compressor, a -6 dB fader, a post-fader
 * send at -12 dB into a reverb bus), on eight short tracks, rendered through the real
 * offline path and compared with the render the code gave before any of the speed
 * work, kept in tests/golden/fx_guard.f32. Every optimisation of the DSP, the mix or
 * the render threads must leave the output within -120 dBFS of it (1e-6; the two
 * copies of audio/dsp/hot.h differ by the last bit of a float: a build with only the
 * baseline copies, TTYMIX_NO_CLONES, is within -150 dBFS of this reference).
 *
 * The reference holds every 8th frame at a moving phase (frame 8 i + (3 i mod 8)), so
 * every position within a block is sampled, plus the sum of squares of the whole
 * render; 1.5 s of stereo, 70 KB. FX_GUARD_WRITE=PATH writes a new reference instead
 * of comparing (only ever wanted when the sound is meant to change). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audio/render.h"
#include "src/base/xalloc.h"
#include "tests/test_util.h"

#define RATE 48000
#define GUARD_TRACKS 8
#define GUARD_FRAMES (RATE * 3 / 2)
#define GUARD_STRIDE 8
#define GUARD_POINTS (GUARD_FRAMES / GUARD_STRIDE)
#define GUARD_LIMIT 1e-6   /* -120 dBFS */

/* Track material: noise through a one-pole low-pass whose corner rises with the
 * track, two tones, and on every third track bursts on an eighth-note grid; loud
 * enough (about -16 dBFS RMS) that every compressor works. The noise comes from a
 * fixed xorshift sequence per track, so the files are the same on every machine. */
struct material {
	int track;
	uint32_t rng;
	double lp[2];
	int64_t next;    /* the frame the state is at */
	double frame[2];
};

static double noise(uint32_t *s)
{
	uint32_t x = *s;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*s = x;
	return (double)x / 2147483648.0 - 1.0;
}

static void material_step(struct material *m)
{
	const int n = m->track;
	const double a = 1.0 - exp(-2.0 * M_PI * (150.0 * (n + 1)) / RATE);
	const double common = noise(&m->rng);
	const double t = (double)m->next / RATE;
	const double burst_t = fmod(t, 0.25);
	const double burst = n % 3 == 0 ? exp(-burst_t * 40.0) * 4.0 : 0.0;
	for (int ch = 0; ch < 2; ch++) {
		const double x = 0.6 * common + 0.4 * noise(&m->rng);
		m->lp[ch] += a * (x - m->lp[ch]);
		m->frame[ch] = 0.25 * m->lp[ch] * (1.0 + burst)
			+ 0.05 * sin(2.0 * M_PI * (110.0 * (n + 1)) * t + ch)
			+ 0.03 * sin(2.0 * M_PI * (110.0 * (n + 1) * 1.5 + 0.7) * t);
	}
	m->next++;
}

static double material_gen(int64_t i, int ch, void *arg)
{
	struct material *m = arg;
	while (m->next <= i)
		material_step(m);
	return m->frame[ch];
}

/* The project: the table of bench/fx_chain.sh for tracks 1..8, written out. */
static char *guard_project(void)
{
	size_t cap = 65536, len = 0;
	char *s = xmalloc(cap);
	len += (size_t)snprintf(s + len, cap - len,
		"{\"format\": \"ttymix-project\", \"version\": 1, \"name\": \"guard\",\n"
		" \"sample_rate\": %d, \"tracks\": [\n", RATE);
	for (int n = 1; n <= GUARD_TRACKS; n++) {
		len += (size_t)snprintf(s + len, cap - len,
			"%s{\"name\": \"t%d\", \"gain_db\": -6, \"pan\": %g,\n"
			" \"clips\": [{\"file\": \"t%d.wav\", \"start\": 0}],\n"
			" \"inserts\": [{\"type\": \"eq\", \"params\": {\"hpf_hz\": %d,"
			" \"band1_hz\": %d, \"band1_db\": %g, \"band1_q\": 1.0,"
			" \"band2_hz\": %d, \"band2_db\": %g, \"band2_q\": 1.4,"
			" \"band3_hz\": %d, \"band3_db\": %g, \"band3_q\": 2.0,"
			" \"band4_hz\": 10000, \"band4_db\": %g, \"band4_q\": 0.7}},\n"
			"  {\"type\": \"compressor\", \"params\": {\"threshold_db\": %d,"
			" \"ratio\": %d, \"attack_ms\": %d, \"release_ms\": %d, \"knee_db\": 6}}],\n"
			" \"sends\": [{\"bus\": \"verb\", \"level_db\": -12}]}\n",
			n > 1 ? "," : "", n, (n - 4.5) / 5.0, n, 50 + 10 * (n % 6), 180 + 20 * (n % 4),
			-3 + 0.5 * (n % 3), 700 + 100 * (n % 5), 2 + 0.5 * (n % 3),
			3000 + 250 * (n % 4), -2 - 0.5 * (n % 2), 1.5 + 0.5 * (n % 2),
			-24 - 2 * (n % 3), 3 + (n % 3), 5 + 5 * (n % 3), 80 + 40 * (n % 3));
	}
	len += (size_t)snprintf(s + len, cap - len,
		"], \"buses\": [{\"name\": \"verb\", \"inserts\": [{\"type\": \"reverb\","
		" \"params\": {\"mix\": 1, \"decay_s\": 2}}]}]}\n");
	assert_true(len < cap - 1);
	return s;
}

static int64_t guard_frame(int i)
{
	return (int64_t)GUARD_STRIDE * i + (3 * i) % GUARD_STRIDE;
}

/* The reference's layout: GUARD_POINTS stereo frames of float, then the sum of
 * squares of the whole render as a double; little-endian, as every machine that runs
 * this is. */
struct guard_ref {
	float pts[GUARD_POINTS][2];
	double sum_sq;
};

static void guard_take(const float *out, struct guard_ref *r)
{
	r->sum_sq = 0.0;
	for (int64_t i = 0; i < (int64_t)GUARD_FRAMES * 2; i++)
		r->sum_sq += (double)out[i] * out[i];
	for (int i = 0; i < GUARD_POINTS; i++) {
		r->pts[i][0] = out[guard_frame(i) * 2];
		r->pts[i][1] = out[guard_frame(i) * 2 + 1];
	}
}

static char *guard_dir;
static struct project *guard_proj;

static int setup(void **state)
{
	(void)state;
	guard_dir = tu_tempdir();
	for (int n = 1; n <= GUARD_TRACKS; n++) {
		struct material m = { .track = n, .rng = 0x9e3779b9u * (uint32_t)n + 1u };
		char *wav = xasprintf("%s/t%d.wav", guard_dir, n);
		tu_write_wav(wav, RATE, 2, GUARD_FRAMES, material_gen, &m);
		free(wav);
	}
	char *text = guard_project();
	guard_proj = tu_load_text(guard_dir, text, NULL, 0);
	free(text);
	return guard_proj ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	project_free(guard_proj);
	tu_rmtree(guard_dir);
	free(guard_dir);
	render_set_threads(0);
	return 0;
}

static float *guard_render(int threads, int block)
{
	render_set_threads(threads);
	int64_t n = 0;
	float *out = tu_render(guard_proj, 0, 0, block, &n);
	assert_int_equal(n, GUARD_FRAMES);
	return out;
}

/* Compare one render with the reference: the worst difference of the points, and the
 * energy of the whole within the same bound relative to it. */
static void guard_check(const char *what, const float *out, const struct guard_ref *ref)
{
	struct guard_ref got;
	guard_take(out, &got);
	double worst = 0.0;
	int at = 0;
	for (int i = 0; i < GUARD_POINTS; i++)
		for (int ch = 0; ch < 2; ch++) {
			double d = fabs((double)got.pts[i][ch] - ref->pts[i][ch]);
			if (!(d <= worst)) {   /* NaN too */
				worst = d;
				at = i;
			}
		}
	printf("%s: worst difference %.1f dBFS (frame %lld), energy %.12g (reference %.12g)\n",
		what, worst > 0 ? 20.0 * log10(worst) : -INFINITY, (long long)guard_frame(at),
		got.sum_sq, ref->sum_sq);
	if (!(worst <= GUARD_LIMIT))
		fail_msg("%s: differs from the reference by %g at frame %lld (limit %g)", what,
			worst, (long long)guard_frame(at), GUARD_LIMIT);
	/* every sample moved by d changes the sum of squares by about 2 |x| d */
	if (!(fabs(got.sum_sq - ref->sum_sq) <= 1e-6 * ref->sum_sq))
		fail_msg("%s: energy %.12g, reference %.12g", what, got.sum_sq, ref->sum_sq);
}

static void test_fx_chain_unchanged(void **state)
{
	(void)state;
	const char *write = getenv("FX_GUARD_WRITE");
	if (write && *write) {
		float *out = guard_render(1, 0);
		struct guard_ref ref;
		guard_take(out, &ref);
		FILE *f = fopen(write, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(&ref, sizeof ref, 1, f), 1);
		assert_int_equal(fclose(f), 0);
		free(out);
		printf("wrote %s\n", write);
		return;
	}
	const char *top = getenv("top_srcdir");
	char *path = xasprintf("%s/tests/golden/fx_guard.f32", top && *top ? top : ".");
	struct guard_ref ref;
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s", path);
	assert_int_equal(fread(&ref, sizeof ref, 1, f), 1);
	fclose(f);
	free(path);
	/* one thread and two, the render's blocks and the small ones of playback: the
	 * samples are the same for any of them */
	static const struct { int threads, block; const char *what; } runs[] = {
		{ 1, 0, "1 thread, blocks of 1024" },
		{ 2, 0, "2 threads, blocks of 1024" },
		{ 1, 64, "1 thread, blocks of 64" },
		{ 2, 61, "2 threads, blocks of 61" },
	};
	for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
		float *out = guard_render(runs[k].threads, runs[k].block);
		guard_check(runs[k].what, out, &ref);
		free(out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fx_chain_unchanged),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
