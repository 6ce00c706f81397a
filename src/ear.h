/* Ear training (`ttymix ear`, the studio's `:ear`): the exercises, their levels, the
 * questions and the scores. Questions come from a seeded generator, so one seed asks
 * the same questions in the same order (a class hears the same quiz; tests repeat
 * one). The sound of a question is made by src/ear_audio.c, the quiz is run on the
 * studio's session by src/studio/ear.c, and the scores are kept per user in
 * $XDG_STATE_HOME/ttymix/ear.json (src/ear_scores.c).
 *
 * Every question plays A, then B: A is the source as it is, B the changed one (an
 * octave band boosted or cut, the compressor on or not, the source panned), loudness
 * matched to A so that loudness never gives the answer away, except in the louder
 * exercise, where it is the answer.
 *
 * Threads: any; everything here is plain data owned by the caller. */
#ifndef TTYMIX_EAR_H
#define TTYMIX_EAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ear_exercise {
	EAR_BAND_BOOST,   /* which octave band is boosted: 4 to 10 choices, 12 to 3 dB */
	EAR_BAND_CUT,     /* ... cut */
	EAR_LOUDER,       /* which of A and B is louder: 6 dB down to 0.5 dB */
	EAR_COMPRESSOR,   /* whether the compressor is on in B: 10:1 down to 2:1 */
	EAR_PAN,          /* where B is panned: 3 to 9 places */
	EAR_EXERCISES
};

/* The octave bands (ISO 266 nominal centres), lowest first. */
#define EAR_BANDS 10
extern const double ear_band_hz[EAR_BANDS];

/* A right answers in a row go up a level; as many wrong ones in a row go down one. */
#define EAR_UP_AFTER 3
#define EAR_DOWN_AFTER 2
#define EAR_CHOICES_MAX 10

/* One exercise's record. */
struct ear_score {
	int attempts, right;
	int level;          /* 1..ear_levels() */
	int streak;         /* > 0: rights in a row, < 0: wrongs in a row */
	int seeded;         /* attempts made on a chosen seed (--seed): a teacher can tell
	                       them apart, since a seed's questions can be learnt */
};

struct ear_scores {
	struct ear_score ex[EAR_EXERCISES];
};

struct ear_question {
	enum ear_exercise ex;
	int level;
	int n_choices;
	char label[EAR_CHOICES_MAX][16];   /* "1 kHz", "A", "on", "L50" */
	int answer;                        /* the right choice, 0..n_choices-1 */
	/* what B is (the exercise says which apply) */
	double band_hz;                    /* the band changed */
	double gain_db;                    /* its boost (> 0) or cut (< 0); louder: how
	                                      much louder the louder side is */
	double ratio, threshold_db;        /* the compressor's, when it is on */
	double pan;                        /* -1..1 */
};

/* A small seeded generator (splitmix64): the same seed, the same questions. */
struct ear_rng {
	uint64_t state;
};
void ear_rng_seed(struct ear_rng *r, uint64_t seed);
uint64_t ear_rng_next(struct ear_rng *r);
/* A whole number in [0, n), n > 0. */
int ear_rng_below(struct ear_rng *r, int n);

/* "band-boost", "band-cut", "louder", "compressor", "pan". */
const char *ear_exercise_name(enum ear_exercise ex);
/* A name as above (or a short form: "boost", "cut", "comp"); false when none. */
bool ear_exercise_parse(const char *name, enum ear_exercise *out);
/* The question the exercise asks ("Which octave band is boosted in B?"). */
const char *ear_exercise_prompt(enum ear_exercise ex);
/* How many levels the exercise has (level 1 is the easiest). */
int ear_levels(enum ear_exercise ex);
/* The choices offered at a level of a band exercise (4 to 10) and its boost (dB). */
int ear_band_choices(int level);
double ear_band_gain_db(int level);
/* The louder exercise's difference at a level (dB). */
double ear_louder_db(int level);

/* A fresh score: no attempts, level 1. */
void ear_score_init(struct ear_score *s);
/* Ask a question of ex at level (clamped to the exercise's levels), drawing from r. */
void ear_question_make(struct ear_question *q, enum ear_exercise ex, int level,
	struct ear_rng *r);
/* The choice a key answers (digits 1-9 and 0 for the tenth; a/b for louder, y/n for
 * the compressor), or -1 when the key answers nothing. */
int ear_key_choice(const struct ear_question *q, int key);
/* The key that answers choice i ('1'.., '0' for the tenth). */
char ear_choice_key(int i);
/* Mark an answer: the score counts it and moves its level (EAR_UP_AFTER rights in a
 * row up, EAR_DOWN_AFTER wrongs down). seeded: asked on a chosen seed. Returns
 * whether it was right; *moved is +1, -1 or 0 (may be NULL). */
bool ear_answer(struct ear_score *s, const struct ear_question *q, int choice,
	bool seeded, int *moved);
/* What B was, for the answer's line: "1 kHz boosted 12 dB", "B louder by 3 dB",
 * "compressor on (4:1)", "panned L50". */
void ear_describe(const struct ear_question *q, char *buf, size_t size);

/* ---- the scores file (src/ear_scores.c, the third door to cJSON) ---- */

#include "src/base/err.h"

/* $XDG_STATE_HOME/ttymix/ear.json (or ~/.local/state/...), the folder made if missing;
 * malloc'd, NULL with msg when there is no such folder. */
char *ear_scores_path(struct err_msg *msg);
/* Read path into s; a file that is not there gives fresh scores (level 1, nothing
 * tried). ERR_PARSE (msg says where) for a file that is not ear scores. */
enum err ear_scores_load(const char *path, struct ear_scores *s, struct err_msg *msg);
/* Write s to path whole or not at all (safefile). */
enum err ear_scores_save(const char *path, const struct ear_scores *s,
	struct err_msg *msg);
/* The scores as JSON text (malloc'd, ending in a newline): {"user":..., "exercises":
 * {"band-boost": {"attempts":..,"right":..,"level":..,"levels":..,"streak":..,
 * "seeded":..}, ...}}. user may be NULL (left out). */
char *ear_scores_json(const struct ear_scores *s, const char *user);

#endif
