/* Lessons: a project to mix plus a lesson file (lesson.json) saying, in plain words,
 * what to achieve, how (hints), and how the result is checked. A check never reads
 * the project's settings: it renders the project with the real engine (the offline
 * renderer, as `ttymix render` does) and measures the sound (audio/loudness.c and the
 * measures in src/lesson_check.c), so any way of reaching the goal passes.
 *
 * lesson.json:
 *   {"format": "ttymix-lesson", "version": 1, "number": 1, "title": "...",
 *    "goal": "...", "hints": ["...", ...],
 *    "check": {"type": "balance"|"panning"|"low_cut"|"crest"|"evenness"|
 *              "send_wet"|"master"|"eq_band"|"gate"|"delay_time"|"width"|
 *              "automation"|"deess"|"reference"|"masking"|"album",
 *              "from": MARKER, "to": MARKER, ...type's own fields}}
 * The fields of each check type are described in docs/lessons.md.
 *
 * Threads: the control thread, or a worker with copies of its own
 * (lesson_check_watched); renders run on the caller's thread, taking about as long as
 * rendering the window. The caller owns what *_load returns and frees it. */
#ifndef TTYMIX_LESSON_H
#define TTYMIX_LESSON_H

#include <stdatomic.h>
#include <stdbool.h>

#include "src/base/err.h"
#include "src/project.h"

#define LESSON_FILE "lesson.json"
#define LESSON_FORMAT "ttymix-lesson"
#define LESSON_MAX_HINTS 16
#define LESSON_MAX_NAMES 8
#define LESSON_MAX_ITEMS 8

enum lesson_check_type {
	LESSON_BALANCE,     /* track's loudness within tol_lu of the rest of the band */
	LESSON_PANNING,     /* bus correlation below max_corr; names[] centred */
	LESSON_LOW_CUT,     /* track's energy below cut_hz down by min_db; above keep_hz kept */
	LESSON_CREST,       /* track's crest factor down by min_db, loudness within max_lu */
	LESSON_EVENNESS,    /* track's spread of note levels down by min_db, loudness
	                     * within max_lu */
	LESSON_SEND_WET,    /* bus's return of the track between min_lu and max_lu of it */
	LESSON_MASTER,      /* integrated loudness, true peak and clipping of the mix */
	/* src/lesson_kinds.c: */
	LESSON_EQ_BAND,     /* track's 1/3-octave band at at_hz changed by change_db or
	                     * more (a cut when negative), outside an octave of it within
	                     * max_db */
	LESSON_GATE,        /* track's level between hits down by min_db, hits within
	                     * max_db */
	LESSON_DELAY_TIME,  /* track's echo beats (at the project tempo) late, within
	                     * tol_ms */
	LESSON_WIDTH,       /* track's side/mid between side_min_db and side_max_db,
	                     * correlation at least min_corr */
	LESSON_AUTOMATION,  /* track's level from move_from to move_to up (down) by min_db
	                     * against the rest of the window, which moves at most max_db */
	LESSON_DEESS,       /* track's 5-10 kHz during its sibilants down by min_db, below
	                     * 5 kHz within max_db */
	LESSON_REFERENCE,   /* the mix's loudness within tol_lu of the reference file's,
	                     * its 1/3-octave balance within max_db RMS of the reference's */
	LESSON_MASKING,     /* track masked by masker (the mix review's share over every
	                     * band) at most max_share; masker's loudness at least min_lufs
	                     * (src/lesson_masking.c) */
	LESSON_ALBUM,       /* the album as rendered: every gap between songs from
	                     * min_gap_s to max_gap_s, every song within tol_lu of the
	                     * album's loudness, true peak at most max_dbtp
	                     * (src/lesson_album.c) */
};

struct lesson {
	char *dir;                  /* the lesson's folder (project.json and lesson.json) */
	int number;
	char *title, *goal;
	char *hints[LESSON_MAX_HINTS];
	int n_hints;
	enum lesson_check_type type;
	char *from, *to;            /* marker names bounding the measured window; NULL:
	                             * the start / the end of the song */
	char *track, *bus;          /* the strips the check is about (may be NULL) */
	char *names[LESSON_MAX_NAMES];  /* panning: the tracks that must stay centred */
	int n_names;
	double tol_lu, max_corr, centre_db, cut_hz, keep_hz, min_db, max_db, min_lu, max_lu;
	double target_lufs, max_dbtp;
	double at_hz, change_db;    /* eq_band */
	double beats, tol_ms;       /* delay_time */
	double side_min_db, side_max_db, min_corr;   /* width */
	char *move_from, *move_to;  /* automation: markers bounding the move */
	char *reference;            /* reference: the file, under the project's folder */
	char *masker;               /* masking: the track that covers `track` */
	double max_share, min_lufs;
	double min_gap_s, max_gap_s;    /* album: the silence between songs */
};

/* Read dir/lesson.json. Errors: ERR_NOT_FOUND, ERR_PARSE, ERR_FORMAT; msg says what
 * and where ("DIR/lesson.json: check.type \"x\" is not one of ..."). */
enum err lesson_load(const char *dir, struct lesson **out, struct err_msg *msg);
void lesson_free(struct lesson *l);   /* NULL: no-op */

/* One measured condition. */
struct lesson_item {
	char what[96];       /* "Lead against the band, Chorus 1" */
	double value;        /* measured */
	char unit[8];        /* "LU", "dB", "" */
	char target[64];     /* "within +-2.0 LU" */
	bool pass;
	char advice[160];    /* when failing: by how much and what to try; "" when passing */
};

struct lesson_result {
	struct lesson_item item[LESSON_MAX_ITEMS];
	int n;
	bool pass;           /* every item passed */
};

/* Render p (loaded from l->dir or anywhere) and measure it for lesson l. Errors: the
 * project names no such track, bus or marker (ERR_FORMAT), a render failure; msg says
 * which. */
enum err lesson_check(const struct lesson *l, const struct project *p,
	struct lesson_result *res, struct err_msg *msg);
/* The same on a worker thread (the studio's :check): how far it is goes into
 * *progress (thousandths, when not NULL), and a raised *cancel stops it between
 * renders or within one (ERR_IO, "stopped"). l and p must not change meanwhile: the
 * caller checks copies. */
struct lesson_watch {
	atomic_int *progress;
	const atomic_bool *cancel;
};
enum err lesson_check_watched(const struct lesson *l, const struct project *p,
	const struct lesson_watch *watch, struct lesson_result *res, struct err_msg *msg);

/* The masking check (src/lesson_masking.c): lesson_check's for LESSON_MASKING, over
 * [from_sec, to_sec) (to_sec <= from_sec: the end), through the mix review. */
enum err lesson_check_masking(const struct lesson *l, const struct project *p,
	double from_sec, double to_sec, struct lesson_result *res, struct err_msg *msg);

/* The album check (src/lesson_album.c): lesson_check's for LESSON_ALBUM: the
 * project's album rendered by album_render into a temporary folder (removed after),
 * judged from its report; watch (may be NULL) as lesson_check_watched's. Errors: no
 * album (ERR_FORMAT), album_render's. */
enum err lesson_check_album(const struct lesson *l, const struct project *p,
	const struct lesson_watch *watch, struct lesson_result *res, struct err_msg *msg);

/* "PASS ..." / "FAIL ..." lines, one per item, each ending in '\n' (caller frees). */
char *lesson_result_text(const struct lesson_result *res);

/* The folder holding the bundled lessons (the build tree's projects/lessons beside
 * the program, else the installed one), or NULL; caller frees. */
char *lesson_root(void);
/* Copy lesson folder src to dst for a student: project.json, lesson.json and the
 * lesson's own audio (the files of src/audio/, which its clips name as audio/FILE);
 * never solution/. dst is made. Errors: paths_copy_file's, with msg. */
#define LESSON_AUDIO_DIR "audio"
enum err lesson_copy(const char *src, const char *dst, struct err_msg *msg);

/* The lesson path, the folders searched for a lesson's source, first match of a number
 * wins: extra (--lessons DIR) when not NULL, the bundled lessons, each
 * $XDG_DATA_DIRS/ttymix/lessons (default /usr/local/share:/usr/share), then
 * $XDG_DATA_HOME/ttymix/lessons (where the studio keeps the user's copies: last, so a
 * copy never stands in for the source of a lesson found before it). Up to max
 * folders into out (caller frees each); returns how many. */
#define LESSON_MAX_ROOTS 16
int lesson_path(const char *extra, char **out, int max);
/* The folder lesson_path puts first when extra is NULL: the global option --lessons
 * DIR, for the studio's :lesson and :check as for ttymix lesson (dir is copied; NULL:
 * none). Call it before any thread looks the lessons up (main does). */
void lesson_path_default(const char *dir);
/* The source folder of lesson number n on the lesson path, or NULL; caller frees it
 * (and *root, the path folder it was found in, when root is not NULL). */
char *lesson_source(const char *extra, int n, char **root);
/* The folder of lesson number n under root ("01-balance" for 1), or NULL; caller
 * frees. */
char *lesson_find(const char *root, int n);

/* A student's lesson folder graded as a teacher needs it: the spec is the lesson
 * source's (the lesson of the same number under root, the shipped lessons), never the
 * folder's own lesson.json, which a student can edit; a copy whose lesson.json differs
 * from the source's (byte for byte, by FNV-1a) is marked tampered, and graded against
 * the source all the same. The project graded is the folder's saved project.json. */
struct lesson_grade {
	char *dir;                   /* the graded folder, as given */
	char *id;                    /* the source's folder name, "03-mud" */
	char *source;                /* the source's folder */
	struct lesson *spec;         /* the source's lesson */
	unsigned long long hash;     /* FNV-1a of the source's lesson.json */
	bool tampered;               /* the folder's lesson.json differs from it */
	struct lesson_result res;
	char when[32];               /* when it was checked, "2026-12-07T12:00:00Z" */
};

/* Grade dir against the lesson of its number on the lesson path (lesson_path, with
 * extra). Errors: dir has no readable lesson.json or project.json, the path has no
 * lesson of that number (ERR_NOT_FOUND), the check's own (lesson_check); msg says
 * which. On error g holds nothing to free. */
enum err lesson_grade(const char *dir, const char *extra, struct lesson_grade *g,
	struct err_msg *msg);
void lesson_grade_free(struct lesson_grade *g);

#endif
