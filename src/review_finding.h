/* The mix review's findings (src/review.h makes them): plain data, their names and
 * text, and the helpers the judges (src/review_judge.c, src/review_mask.c) fill them
 * with. Any thread; the caller owns a struct review and frees it with review_free. */
#ifndef TTYMIX_REVIEW_FINDING_H
#define TTYMIX_REVIEW_FINDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct project;

enum review_kind {
	REVIEW_MASKING,      /* two tracks in the same bands while both play */
	REVIEW_BURIED,       /* a track masked by the rest nearly all the time */
	REVIEW_DOMINANT,     /* a track louder than the rest of the mix together */
	REVIEW_CLIPPING,     /* a strip over 0 dBTP before the master fader */
	REVIEW_HEADROOM,     /* the mix bus within 3 dB of full scale */
	REVIEW_PHASE,        /* correlation below 0 for a sustained time */
	REVIEW_POLARITY,     /* one side of a stereo source inverted */
	REVIEW_LOW_SIDE,     /* out-of-phase energy below 150 Hz */
	REVIEW_MONO,         /* what the master loses folded to mono */
	REVIEW_TONAL,        /* a band of the master off the target curve */
	REVIEW_DYNAMICS,     /* over-compressed: PLR, crest factor, a flat loudness */
	REVIEW_LOUDNESS,     /* integrated loudness against the delivery target */
	REVIEW_KINDS
};

enum review_severity { REVIEW_INFO, REVIEW_WARNING, REVIEW_PROBLEM };

#define REVIEW_NAME_MAX 64
#define REVIEW_FIX_MAX 4

struct review_finding {
	enum review_kind kind;
	enum review_severity severity;
	char strip[REVIEW_NAME_MAX];  /* the track, bus or "master" it is about */
	int strip_index;              /* tracks, then buses (struct cmd's numbering); -1 the
	                               * master */
	char word[REVIEW_NAME_MAX + 2]; /* strip as a command line's word (quoted when it
	                               * holds a space or a quote) */
	char other[REVIEW_NAME_MAX];  /* masking: the track it competes with; "" none */
	double from_sec, to_sec;      /* the time it happens in (the song's seconds) */
	double lo_hz, hi_hz, hz;      /* the band and its centre; 0 when none */
	double value;                 /* the measure (its unit in `unit`) */
	const char *unit;             /* static: "share", "dB", "LU", ... */
	char what[256];               /* one line: "bass masks kick at 63-125 Hz 82% ..." */
	char why[320];                /* one sentence on why it matters */
	char fix[REVIEW_FIX_MAX][96]; /* studio command lines (without ':'), "" unused */
	int n_fix;
};

/* The masking measure of every pair of tracks, for a test or a plot: the share of the
 * frames in which track a plays in band b that track b's masker-to-signal ratio
 * holds it masked (docs/dsp.md), at the pair's worst band, and over all bands. */
struct review_pair {
	int a, b;           /* track numbers; a is the one masked */
	double share;       /* 0..1 */
	double hz;          /* the worst band's centre */
	double overall;     /* the share over all of a's sounding cells, every band */
};

struct review {
	struct review_finding *findings; /* worst first */
	int n_findings;
	struct review_pair *pairs;
	int n_pairs;
	double from_sec, to_sec;         /* what was reviewed */
	double took_sec;                 /* wall time of the render and measures */
	/* the master's figures, for the summary */
	double integrated_lufs, lra_lu, true_peak_dbtp, plr_db, crest_db, mono_loss_db;
	double mixbus_peak_dbtp;         /* the sum entering the master chain */
	double target_lufs;              /* the delivery target judged against */
	double *strip_lufs;              /* each track's and bus's integrated loudness
	                                  * after its fader (tracks, then buses) */
	int n_strips;
	unsigned char *eq_taken;         /* private: eq bands the fixes use, per strip */
};

void review_free(struct review *r);

/* "masking", "buried", ... (the JSON's kind) and "info", "warning", "problem". */
const char *review_kind_name(enum review_kind k);
const char *review_severity_name(enum review_severity s);

/* Where a finding is, for a line of text: "kick (bass), 63-125 Hz, 0:04.2-1:14.0"
 * (the parts it has). Any thread. */
void review_where(const struct review_finding *f, char *buf, size_t size);

/* ---- for the judges ---- */

/* A new finding about strip (-1: the master) with r's window as its time. */
struct review_finding *review_add(struct review *r, enum review_kind kind,
	enum review_severity sev, const struct project *p, int strip);
/* Append a fix line (a studio command line without ':'), up to REVIEW_FIX_MAX. */
void review_fix(struct review_finding *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* name as one word of a command line (studio/words.h): quoted when it must be. */
void review_word(const char *name, char *buf, size_t size);
/* A peaking band (1..4) of strip's first eq (-1: the master's; `:fx STRIP eq` adds one
 * when it has none) whose gain is still 0 and that no other finding of r has
 * suggested, so that applying several fixes never sets one band twice; 0 when all four
 * are taken. */
int review_eq_band(const struct project *p, struct review *r, int strip);

#endif
