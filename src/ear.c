/* Ear training's exercises, levels and scores (src/ear.h). */
#include "src/ear.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const double ear_band_hz[EAR_BANDS] = { 31.5, 63, 125, 250, 500, 1000, 2000, 4000,
	8000, 16000 };

static const char *const names[EAR_EXERCISES] = { "band-boost", "band-cut", "louder",
	"compressor", "pan" };
static const char *const short_names[EAR_EXERCISES] = { "boost", "cut", "loud", "comp",
	"panning" };
static const char *const prompts[EAR_EXERCISES] = {
	"Which octave band is boosted in B?",
	"Which octave band is cut in B?",
	"Which is louder, A or B?",
	"Is the compressor on in B?",
	"Where is B panned?",
};

/* band exercises: level L offers 3 + L bands (up to all 10) and boosts less each level;
 * the last two levels keep all ten bands and go down to 3 dB */
static const double band_db[] = { 12, 10, 9, 8, 7, 6, 5, 4, 3 };
static const double louder_db[] = { 6, 4, 3, 2, 1.5, 1, 0.5 };
/* the compressor, gentler each level: ratio, threshold against a source at
 * EAR_SOURCE_LUFS (src/ear_audio.c: -20 LUFS) */
static const double comp_ratio[] = { 10, 6, 4, 3, 2, 2 };
static const double comp_threshold[] = { -40, -34, -28, -24, -20, -16 };
/* pan: 3, 5, 7 then 9 places from hard left to hard right */
static const int pan_places[] = { 3, 5, 7, 9 };

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

void ear_rng_seed(struct ear_rng *r, uint64_t seed)
{
	r->state = seed;
}

uint64_t ear_rng_next(struct ear_rng *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

int ear_rng_below(struct ear_rng *r, int n)
{
	return n > 0 ? (int)(ear_rng_next(r) % (uint64_t)n) : 0;
}

const char *ear_exercise_name(enum ear_exercise ex)
{
	return ex >= 0 && ex < EAR_EXERCISES ? names[ex] : "?";
}

bool ear_exercise_parse(const char *name, enum ear_exercise *out)
{
	for (int i = 0; i < EAR_EXERCISES; i++)
		if (!strcasecmp(name, names[i]) || !strcasecmp(name, short_names[i])) {
			*out = (enum ear_exercise)i;
			return true;
		}
	return false;
}

const char *ear_exercise_prompt(enum ear_exercise ex)
{
	return ex >= 0 && ex < EAR_EXERCISES ? prompts[ex] : "?";
}

int ear_levels(enum ear_exercise ex)
{
	switch (ex) {
	case EAR_BAND_BOOST:
	case EAR_BAND_CUT: return COUNT(band_db);
	case EAR_LOUDER: return COUNT(louder_db);
	case EAR_COMPRESSOR: return COUNT(comp_ratio);
	case EAR_PAN: return COUNT(pan_places);
	default: return 1;
	}
}

static int clamp_level(enum ear_exercise ex, int level)
{
	const int n = ear_levels(ex);
	return level < 1 ? 1 : level > n ? n : level;
}

int ear_band_choices(int level)
{
	const int n = 3 + clamp_level(EAR_BAND_BOOST, level);
	return n > EAR_BANDS ? EAR_BANDS : n;
}

double ear_band_gain_db(int level)
{
	return band_db[clamp_level(EAR_BAND_BOOST, level) - 1];
}

double ear_louder_db(int level)
{
	return louder_db[clamp_level(EAR_LOUDER, level) - 1];
}

void ear_score_init(struct ear_score *s)
{
	*s = (struct ear_score){ .level = 1 };
}

static void band_label(double hz, char *buf, size_t size)
{
	if (hz >= 1000)
		snprintf(buf, size, "%.3g kHz", hz / 1000);
	else
		snprintf(buf, size, "%.3g Hz", hz);
}

/* n of the ten bands, spread evenly: below 9 over 63 Hz to 8 kHz (what any
 * headphones play), 9 adds 16 kHz, 10 adds 31.5 Hz */
static int band_index(int n, int i)
{
	if (n >= EAR_BANDS)
		return i;
	if (n == EAR_BANDS - 1)
		return i + 1;
	return 1 + (int)lround((double)i * 7.0 / (n - 1));
}

static void make_band(struct ear_question *q, bool cut, struct ear_rng *r)
{
	q->n_choices = ear_band_choices(q->level);
	for (int i = 0; i < q->n_choices; i++)
		band_label(ear_band_hz[band_index(q->n_choices, i)], q->label[i],
			sizeof q->label[i]);
	q->answer = ear_rng_below(r, q->n_choices);
	q->band_hz = ear_band_hz[band_index(q->n_choices, q->answer)];
	q->gain_db = (cut ? -1 : 1) * ear_band_gain_db(q->level);
}

static void pan_label(double pan, char *buf, size_t size)
{
	const int pct = (int)lround(fabs(pan) * 100);
	if (pct == 0)
		snprintf(buf, size, "C");
	else
		snprintf(buf, size, "%c%d", pan < 0 ? 'L' : 'R', pct);
}

void ear_question_make(struct ear_question *q, enum ear_exercise ex, int level,
	struct ear_rng *r)
{
	*q = (struct ear_question){ .ex = ex, .level = clamp_level(ex, level) };
	const int li = q->level - 1;
	switch (ex) {
	case EAR_BAND_BOOST:
	case EAR_BAND_CUT:
		make_band(q, ex == EAR_BAND_CUT, r);
		break;
	case EAR_LOUDER:
		q->n_choices = 2;
		snprintf(q->label[0], sizeof q->label[0], "A");
		snprintf(q->label[1], sizeof q->label[1], "B");
		q->answer = ear_rng_below(r, 2);
		q->gain_db = louder_db[li];
		break;
	case EAR_COMPRESSOR:
		q->n_choices = 2;
		snprintf(q->label[0], sizeof q->label[0], "on");
		snprintf(q->label[1], sizeof q->label[1], "off");
		q->answer = ear_rng_below(r, 2);
		q->ratio = comp_ratio[li];
		q->threshold_db = comp_threshold[li];
		break;
	case EAR_PAN:
	default:
		q->n_choices = pan_places[li];
		for (int i = 0; i < q->n_choices; i++)
			pan_label(-1.0 + 2.0 * i / (q->n_choices - 1), q->label[i],
				sizeof q->label[i]);
		q->answer = ear_rng_below(r, q->n_choices);
		q->pan = -1.0 + 2.0 * q->answer / (q->n_choices - 1);
		break;
	}
}

char ear_choice_key(int i)
{
	return i == 9 ? '0' : (char)('1' + i);
}

int ear_key_choice(const struct ear_question *q, int key)
{
	if (q->ex == EAR_LOUDER && (key == 'a' || key == 'A' || key == 'b' || key == 'B'))
		return key == 'a' || key == 'A' ? 0 : 1;
	if (q->ex == EAR_COMPRESSOR && (key == 'y' || key == 'Y' || key == 'n' || key == 'N'))
		return key == 'y' || key == 'Y' ? 0 : 1;
	for (int i = 0; i < q->n_choices; i++)
		if (key == ear_choice_key(i))
			return i;
	return -1;
}

bool ear_answer(struct ear_score *s, const struct ear_question *q, int choice,
	bool seeded, int *moved)
{
	const bool right = choice == q->answer;
	int move = 0;
	s->attempts++;
	s->seeded += seeded;
	if (right) {
		s->right++;
		s->streak = s->streak > 0 ? s->streak + 1 : 1;
		if (s->streak >= EAR_UP_AFTER) {
			s->streak = 0;
			move = s->level < ear_levels(q->ex) ? 1 : 0;
		}
	} else {
		s->streak = s->streak < 0 ? s->streak - 1 : -1;
		if (-s->streak >= EAR_DOWN_AFTER) {
			s->streak = 0;
			move = s->level > 1 ? -1 : 0;
		}
	}
	s->level = clamp_level(q->ex, s->level + move);
	if (moved)
		*moved = move;
	return right;
}

void ear_describe(const struct ear_question *q, char *buf, size_t size)
{
	switch (q->ex) {
	case EAR_BAND_BOOST:
	case EAR_BAND_CUT: {
		char band[16];
		band_label(q->band_hz, band, sizeof band);
		snprintf(buf, size, "%s %s %g dB", band, q->gain_db > 0 ? "boosted" : "cut",
			fabs(q->gain_db));
		break;
	}
	case EAR_LOUDER:
		snprintf(buf, size, "%s louder by %g dB", q->label[q->answer], q->gain_db);
		break;
	case EAR_COMPRESSOR:
		if (q->answer == 0)
			snprintf(buf, size, "compressor on (%g:1 from %g dB)", q->ratio,
				q->threshold_db);
		else
			snprintf(buf, size, "compressor off");
		break;
	case EAR_PAN:
	default:
		snprintf(buf, size, "panned %s", q->label[q->answer]);
		break;
	}
}
