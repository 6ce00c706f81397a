/* The sound of an ear-training question (src/ear.h): a short source (our pink noise,
 * audio/dsp/pink.h, or an excerpt of the project's own mix or one track), rendered as
 * A and B through the project model and the offline engine (graph_build, render_run:
 * the same effects and pan as a mix), with B loudness-matched to A by the reference
 * track's match (audio/reference.h: the gain that brings one integrated loudness to
 * another), then written as one file, A, a short gap, B, that the studio plays.
 *
 * Threads: the control thread (it renders, allocates and writes files). The caller
 * owns what is made here and frees it with the matching call. */
#ifndef TTYMIX_EAR_AUDIO_H
#define TTYMIX_EAR_AUDIO_H

#include <stdint.h>

#include "src/base/err.h"
#include "src/ear.h"

struct project;

#define EAR_CLIP_SEC 2.0     /* each of A and B */
#define EAR_GAP_SEC 0.4      /* between them */
#define EAR_SOURCE_LUFS -20.0 /* A's loudness, whatever the source */
#define EAR_FADE_SEC 0.01    /* A and B each fade in and out, so nothing clicks */

/* A question's source, kept as two files in a folder of the caller's: stereo, and its
 * mono sum (what the pan exercise places). */
struct ear_source {
	char *dir;            /* owned copy of the folder */
	char *path;           /* DIR/source.wav (owned) */
	char *mono_path;      /* DIR/source-mono.wav (owned) */
	int rate;
	int64_t frames;
};

/* Pink noise at rate, seeded: steady, or with bursts (four decaying bursts a second,
 * transients for the compressor to act on). */
enum err ear_source_pink(struct ear_source *s, const char *dir, int rate, uint64_t seed,
	bool bursts, struct err_msg *msg);
/* EAR_CLIP_SEC of project p from at seconds: its mix (track < 0), or the track of that
 * index alone (soloed). ERR_RANGE when that part is silent. */
enum err ear_source_project(struct ear_source *s, const char *dir, const struct project *p,
	int track, double at, struct err_msg *msg);
void ear_source_free(struct ear_source *s);

/* A question's A and B, interleaved stereo, frames each (malloc'd). */
struct ear_take {
	float *a, *b;
	int64_t frames;
	int rate;
	double lufs_a, lufs_b;   /* as rendered, before B was matched */
	double match_db;         /* the gain B was given to match A (0: none) */
};
/* Render q's A and B from s. */
enum err ear_take_make(const struct ear_question *q, const struct ear_source *s,
	struct ear_take *t, struct err_msg *msg);
/* Write A, EAR_GAP_SEC of silence and B into path (32-bit float WAV). */
enum err ear_take_write(const struct ear_take *t, const char *path, struct err_msg *msg);
void ear_take_free(struct ear_take *t);

/* The integrated loudness of n interleaved stereo frames (-INFINITY for silence). */
double ear_lufs(const float *frames, int64_t n, int rate);

#endif
