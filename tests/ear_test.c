/* Ear training's quiz logic and sound (src/ear.h, src/ear_audio.h): levels go up after
 * EAR_UP_AFTER rights and down after EAR_DOWN_AFTER wrongs, the choices grow from 4 to
 * 10 bands as the boost falls, one seed asks the same questions, keys answer the
 * right choice; in the rendered audio the band asked really is the one boosted (or
 * cut), measured with the mastering page's spectrum (audio/spectrum.h), B is as loud
 * as A within 0.5 LU in the EQ and compressor exercises, and the louder exercise
 * differs by what it says; the scores file reads back what was written. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "audio/dsp/pink.h"
#include "audio/spectrum.h"
#include "src/ear.h"
#include "src/ear_audio.h"
#include "tests/test_util.h"

#define RATE 48000

static void test_levels(void **state)
{
	(void)state;
	struct ear_score s;
	ear_score_init(&s);
	struct ear_rng r;
	ear_rng_seed(&r, 1);
	struct ear_question q;
	/* three rights in a row: up one level; two more rights are not yet another */
	for (int i = 0; i < EAR_UP_AFTER; i++) {
		ear_question_make(&q, EAR_BAND_BOOST, s.level, &r);
		int moved;
		assert_true(ear_answer(&s, &q, q.answer, false, &moved));
		assert_int_equal(moved, i == EAR_UP_AFTER - 1 ? 1 : 0);
	}
	assert_int_equal(s.level, 2);
	assert_int_equal(s.attempts, EAR_UP_AFTER);
	assert_int_equal(s.right, EAR_UP_AFTER);
	/* a wrong answer breaks the run; two wrongs in a row: down one */
	ear_question_make(&q, EAR_BAND_BOOST, s.level, &r);
	int moved;
	assert_false(ear_answer(&s, &q, (q.answer + 1) % q.n_choices, true, &moved));
	assert_int_equal(moved, 0);
	assert_false(ear_answer(&s, &q, (q.answer + 1) % q.n_choices, true, &moved));
	assert_int_equal(moved, -1);
	assert_int_equal(s.level, 1);
	assert_int_equal(s.seeded, 2);
	/* never below level 1 */
	for (int i = 0; i < 6; i++)
		ear_answer(&s, &q, (q.answer + 1) % q.n_choices, false, NULL);
	assert_int_equal(s.level, 1);
	/* never above the last */
	for (int i = 0; i < 100; i++) {
		ear_question_make(&q, EAR_PAN, s.level, &r);
		ear_answer(&s, &q, q.answer, false, NULL);
	}
	assert_int_equal(s.level, ear_levels(EAR_PAN));
}

static void test_choices(void **state)
{
	(void)state;
	struct ear_rng r;
	ear_rng_seed(&r, 2);
	double last_db = INFINITY;
	int last_n = 0;
	for (int level = 1; level <= ear_levels(EAR_BAND_BOOST); level++) {
		struct ear_question q;
		ear_question_make(&q, EAR_BAND_BOOST, level, &r);
		assert_true(q.n_choices >= last_n);
		assert_true(q.gain_db < last_db);
		assert_true(q.n_choices >= 4 && q.n_choices <= EAR_BANDS);
		for (int i = 0; i < q.n_choices; i++)
			for (int j = 0; j < i; j++)
				assert_string_not_equal(q.label[i], q.label[j]);
		last_n = q.n_choices;
		last_db = q.gain_db;
	}
	assert_int_equal(ear_band_choices(1), 4);
	assert_int_equal(ear_band_choices(ear_levels(EAR_BAND_BOOST)), 10);
	assert_true(ear_band_gain_db(1) >= 12 && ear_band_gain_db(99) <= 3);
	assert_true(ear_louder_db(ear_levels(EAR_LOUDER)) == 0.5);
	/* a cut is a negative gain of the same size */
	struct ear_question q;
	ear_question_make(&q, EAR_BAND_CUT, 3, &r);
	assert_true(q.gain_db == -ear_band_gain_db(3));
	/* keys: digits, 0 for the tenth, a/b and y/n where they mean something */
	ear_question_make(&q, EAR_BAND_BOOST, 99, &r);
	assert_int_equal(q.n_choices, 10);
	assert_int_equal(ear_key_choice(&q, '1'), 0);
	assert_int_equal(ear_key_choice(&q, '0'), 9);
	assert_int_equal(ear_key_choice(&q, 'x'), -1);
	ear_question_make(&q, EAR_LOUDER, 1, &r);
	assert_int_equal(ear_key_choice(&q, 'b'), 1);
	assert_int_equal(ear_key_choice(&q, '3'), -1);
	ear_question_make(&q, EAR_COMPRESSOR, 1, &r);
	assert_int_equal(ear_key_choice(&q, 'y'), 0);
	assert_int_equal(ear_key_choice(&q, 'n'), 1);
	ear_question_make(&q, EAR_PAN, 4, &r);
	assert_int_equal(q.n_choices, 9);
	assert_string_equal(q.label[0], "L100");
	assert_string_equal(q.label[4], "C");
	assert_string_equal(q.label[6], "R50");
	enum ear_exercise ex;
	assert_true(ear_exercise_parse("comp", &ex) && ex == EAR_COMPRESSOR);
	assert_true(ear_exercise_parse("band-cut", &ex) && ex == EAR_BAND_CUT);
	assert_false(ear_exercise_parse("pitch", &ex));
}

static void test_seed(void **state)
{
	(void)state;
	struct ear_rng a, b, c;
	ear_rng_seed(&a, 42);
	ear_rng_seed(&b, 42);
	ear_rng_seed(&c, 43);
	int differ = 0;
	for (int i = 0; i < 50; i++) {
		struct ear_question qa, qb, qc;
		const enum ear_exercise ex = (enum ear_exercise)(i % EAR_EXERCISES);
		ear_question_make(&qa, ex, 1 + i % 4, &a);
		ear_question_make(&qb, ex, 1 + i % 4, &b);
		ear_question_make(&qc, ex, 1 + i % 4, &c);
		assert_memory_equal(&qa, &qb, sizeof qa);
		differ += qa.answer != qc.answer;
	}
	assert_true(differ > 5);
}

/* The 1/3-octave band of the spectrum nearest hz. */
static int third_of(double hz)
{
	int best = 0;
	for (int i = 1; i < SPECTRUM_BANDS; i++)
		if (fabs(log(spectrum_band_hz(i) / hz)) < fabs(log(spectrum_band_hz(best) / hz)))
			best = i;
	return best;
}

static void bands_of(const float *frames, int64_t n, float out[SPECTRUM_BANDS])
{
	struct spectrum *s;
	assert_int_equal(spectrum_create(&s, RATE), ERR_OK);
	/* the middle of the take, away from its fades */
	spectrum_add(s, frames + (n / 2 - SPECTRUM_FFT / 2) * 2, SPECTRUM_FFT);
	spectrum_bands(s, out);
	spectrum_destroy(s);
}

/* Every band boosted (then cut) at the first and the last level: the band asked is
 * the one that moved most, by at least a third of the gain, and A and B are equally
 * loud. */
static void test_band_audio(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct ear_source src;
	struct err_msg msg;
	assert_int_equal(ear_source_pink(&src, dir, RATE, 7, false, &msg), ERR_OK);
	double worst_lu = 0, least = INFINITY;
	for (int cut = 0; cut < 2; cut++)
		for (int level = 1; level <= ear_levels(EAR_BAND_BOOST); level += 8)
			for (int b = 0; b < EAR_BANDS; b++) {
				struct ear_question q = { .ex = cut ? EAR_BAND_CUT : EAR_BAND_BOOST,
					.level = level, .band_hz = ear_band_hz[b],
					.gain_db = (cut ? -1 : 1) * ear_band_gain_db(level) };
				struct ear_take t;
				assert_int_equal(ear_take_make(&q, &src, &t, &msg), ERR_OK);
				float fa[SPECTRUM_BANDS], fb[SPECTRUM_BANDS];
				bands_of(t.a, t.frames, fa);
				bands_of(t.b, t.frames, fb);
				const int asked = third_of(q.band_hz);
				const double moved = fb[asked] - fa[asked];
				/* among the octave centres, the band asked moved most */
				for (int o = 0; o < EAR_BANDS; o++) {
					const int k = third_of(ear_band_hz[o]);
					if (o != b)
						assert_true(cut ? fb[k] - fa[k] > moved
							: fb[k] - fa[k] < moved);
				}
				assert_true(cut ? moved < q.gain_db / 3 : moved > q.gain_db / 3);
				least = fmin(least, moved / q.gain_db);
				const double lu = fabs(ear_lufs(t.a, t.frames, RATE)
					- ear_lufs(t.b, t.frames, RATE));
				assert_true(lu < 0.5);
				worst_lu = fmax(worst_lu, lu);
				ear_take_free(&t);
			}
	printf("EQ variants: A and B within %.3f LU; the band asked moved at least %.0f %% "
		"of the gain after the match\n", worst_lu, 100 * least);
	ear_source_free(&src);
	tu_rmtree(dir);
	free(dir);
}

/* The compressor on is matched too; off, B is A; louder differs by what it says. */
static void test_comp_louder_audio(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct ear_source src;
	struct err_msg msg;
	assert_int_equal(ear_source_pink(&src, dir, RATE, 9, true, &msg), ERR_OK);
	struct ear_rng r;
	ear_rng_seed(&r, 5);
	for (int level = 1; level <= ear_levels(EAR_COMPRESSOR); level++)
		for (int on = 0; on < 2; on++) {
			struct ear_question q;
			ear_question_make(&q, EAR_COMPRESSOR, level, &r);
			q.answer = on ? 0 : 1;
			struct ear_take t;
			assert_int_equal(ear_take_make(&q, &src, &t, &msg), ERR_OK);
			const double a = ear_lufs(t.a, t.frames, RATE);
			const double b = ear_lufs(t.b, t.frames, RATE);
			assert_true(fabs(a - b) < 0.5);
			assert_true(fabs(a - EAR_SOURCE_LUFS) < 0.5);
			/* on, the compressor took level away before the match gave it back */
			if (on) {
				assert_true(t.match_db > 0.5);
				printf("compressor level %d (%g:1 from %g dB): B matched up by %.1f dB\n",
					level, q.ratio, q.threshold_db, t.match_db);
			}
			else
				assert_true(fabs(t.match_db) < 0.01);
			ear_take_free(&t);
		}
	for (int level = 1; level <= ear_levels(EAR_LOUDER); level++) {
		struct ear_question q;
		ear_question_make(&q, EAR_LOUDER, level, &r);
		struct ear_take t;
		assert_int_equal(ear_take_make(&q, &src, &t, &msg), ERR_OK);
		const double diff = ear_lufs(t.b, t.frames, RATE) - ear_lufs(t.a, t.frames, RATE);
		assert_true(fabs(diff - (q.answer == 1 ? 1 : -1) * q.gain_db) < 0.05);
		ear_take_free(&t);
	}
	ear_source_free(&src);
	tu_rmtree(dir);
	free(dir);
}

/* Panned hard left, B is (nearly) all on the left; the centre has both sides equal. */
static void test_pan_audio(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	struct ear_source src;
	struct err_msg msg;
	assert_int_equal(ear_source_pink(&src, dir, RATE, 11, false, &msg), ERR_OK);
	struct ear_question q = { .ex = EAR_PAN, .level = 1, .n_choices = 3, .answer = 0,
		.pan = -1 };
	struct ear_take t;
	assert_int_equal(ear_take_make(&q, &src, &t, &msg), ERR_OK);
	double l = 0, rr = 0, al = 0, ar = 0;
	for (int64_t i = 0; i < t.frames; i++) {
		l += t.b[2 * i] * t.b[2 * i];
		rr += t.b[2 * i + 1] * t.b[2 * i + 1];
		al += t.a[2 * i] * t.a[2 * i];
		ar += t.a[2 * i + 1] * t.a[2 * i + 1];
	}
	assert_true(rr < l * 1e-6);
	assert_true(fabs(10 * log10(al / ar)) < 0.01);
	ear_take_free(&t);
	ear_source_free(&src);
	tu_rmtree(dir);
	free(dir);
}

/* Our pink noise has equal power per 1/3 octave (the spectrum's bands), 100 Hz to
 * 10 kHz, within 3 dB: the average of 40 blocks of the spectrum's FFT. */
static void test_pink(void **state)
{
	(void)state;
	struct pink p;
	pink_init(&p, 3);
	struct spectrum *s;
	assert_int_equal(spectrum_create(&s, RATE), ERR_OK);
	static float block[SPECTRUM_FFT * 2];
	double sum[SPECTRUM_BANDS] = { 0 };
	const int blocks = 40;
	for (int b = 0; b < blocks; b++) {
		for (int i = 0; i < SPECTRUM_FFT; i++)
			block[2 * i] = block[2 * i + 1] = pink_next_rt(&p);
		spectrum_add(s, block, SPECTRUM_FFT);
		float db[SPECTRUM_BANDS];
		spectrum_bands(s, db);
		for (int k = 0; k < SPECTRUM_BANDS; k++)
			sum[k] += pow(10.0, db[k] / 10.0) / blocks;
	}
	spectrum_destroy(s);
	double lo = INFINITY, hi = -INFINITY;
	for (int k = third_of(100); k <= third_of(10000); k++) {
		lo = fmin(lo, 10 * log10(sum[k]));
		hi = fmax(hi, 10 * log10(sum[k]));
	}
	printf("pink noise, 1/3-octave bands 100 Hz to 10 kHz: %.1f to %.1f dB (spread %.1f)\n",
		lo, hi, hi - lo);
	assert_true(hi - lo < 3.0);
}

static void test_scores_file(void **state)
{
	(void)state;
	char *dir = tu_tempdir();
	char *path = NULL;
	assert_true(asprintf(&path, "%s/ear.json", dir) > 0);
	struct ear_scores s, back;
	struct err_msg msg;
	/* none yet: fresh */
	assert_int_equal(ear_scores_load(path, &s, &msg), ERR_OK);
	assert_int_equal(s.ex[EAR_PAN].level, 1);
	assert_int_equal(s.ex[EAR_PAN].attempts, 0);
	s.ex[EAR_LOUDER] = (struct ear_score){ .attempts = 7, .right = 5, .level = 3,
		.streak = 2, .seeded = 1 };
	assert_int_equal(ear_scores_save(path, &s, &msg), ERR_OK);
	assert_int_equal(ear_scores_load(path, &back, &msg), ERR_OK);
	assert_memory_equal(&s, &back, sizeof s);
	char *json = ear_scores_json(&s, "ann");
	assert_non_null(strstr(json, "\"user\":\t\"ann\""));
	assert_non_null(strstr(json, "\"louder\""));
	free(json);
	/* not ours: said, not taken for zero */
	FILE *f = fopen(path, "w");
	fputs("[1, 2]", f);
	fclose(f);
	assert_int_equal(ear_scores_load(path, &back, &msg), ERR_PARSE);
	assert_non_null(strstr(msg.text, "ear-training scores"));
	free(path);
	tu_rmtree(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_choices),
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_band_audio),
		cmocka_unit_test(test_comp_louder_audio),
		cmocka_unit_test(test_pan_audio),
		cmocka_unit_test(test_pink),
		cmocka_unit_test(test_scores_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
