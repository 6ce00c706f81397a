/* The project model: plain data owned by the UI thread (or the CLI's main thread).
 * The audio side never sees it; graph_build() turns it into a render graph.
 *
 * Strings and arrays belong to the project and die with project_free(). Each object
 * keeps the JSON it was read from (the `json` members, opaque here) so that fields this
 * version does not know survive a save. Times are seconds, levels dB, pan -1..1. */
#ifndef TTYMIX_PROJECT_H
#define TTYMIX_PROJECT_H

#include <stdbool.h>

#include "audio/fx/fx.h"
#include "src/diag.h"
#include "src/err.h"

#define PROJECT_FORMAT "ttymix-project"
#define PROJECT_VERSION 1
#define PROJECT_FILE "project.json"

/* Ranges shared by the loader, `check` and the command line. */
#define PROJECT_MAX_TRACKS 1024
#define PROJECT_MAX_CLIPS 65536       /* per track */
#define PROJECT_MAX_SECONDS 86400.0   /* positions and lengths: one day */
#define PROJECT_MIN_RATE 8000
#define PROJECT_MAX_RATE 384000
#define PROJECT_MIN_GAIN_DB -144.0
#define PROJECT_MAX_GAIN_DB 24.0
#define PROJECT_MIN_PAN_LAW_DB -6.0
#define PROJECT_MAX_PAN_LAW_DB -3.0
#define PROJECT_MAX_NAME 256          /* bytes in a name */
#define PROJECT_MAX_PATH 4096         /* bytes in a clip's file */
#define PROJECT_MAX_FILE_BYTES (64L * 1024 * 1024)
#define PROJECT_MIN_SEMITONES -24     /* a clip's pitch shift */
#define PROJECT_MAX_SEMITONES 24
#define PROJECT_MIN_CENTS -100
#define PROJECT_MAX_CENTS 100

struct project_clip {
	char *file;          /* relative to the project folder, or absolute */
	double start;        /* timeline position, s */
	double offset;       /* into the file, s */
	double length;       /* s; < 0: up to the end of the file */
	double gain_db;
	double fade_in;      /* s */
	double fade_out;     /* s */
	int pitch_semitones; /* PROJECT_MIN/MAX_SEMITONES; src/pitch.h */
	int pitch_cents;     /* PROJECT_MIN/MAX_CENTS */
	bool varispeed;      /* pitch and speed together: the clip's timeline length is
	                        its length in the file times 2^(-shift/12) */
	void *json;
};

/* An insert on a strip (`inserts[]`): an effect from the fx table, its bypass and every
 * parameter's value (defaults where the file has none). json: the object as read
 * (NULL for a new one); fields unknown here survive a save. */
struct project_insert {
	const struct fx_class *cls;
	bool bypass;
	double params[FX_MAX_PARAMS];
	void *json;
};

struct project_track {
	char *name;
	char *color;         /* may be NULL */
	char *output;        /* "master" or a bus name; may be NULL (master) */
	double gain_db;
	double pan;
	bool mute, solo;
	struct project_clip *clips;
	int n_clips;
	struct project_insert inserts[FX_MAX_INSERTS];
	int n_inserts;
	void *json;
};

struct project_marker {
	char *name;
	double time;
	void *json;
};

struct project {
	char *dir;           /* the project folder (absolute) */
	char *path;          /* its project.json */
	char *name;
	int sample_rate;
	double pan_law_db;
	double tempo_bpm;
	double master_gain_db;
	struct project_insert master_inserts[FX_MAX_INSERTS];
	int n_master_inserts;
	struct project_track *tracks;
	int n_tracks;
	struct project_marker *markers;
	int n_markers;
	double loop_start, loop_end;
	bool loop_enabled;
	void *json;          /* the whole document as read, for unknown fields */
};

/* An empty project in folder dir (not written). */
struct project *project_new(const char *dir, const char *name, int sample_rate);
void project_free(struct project *p); /* NULL is a no-op */

/* Append a track / a clip; returns it (valid until the next append). */
struct project_track *project_add_track(struct project *p, const char *name);
struct project_clip *project_add_clip(struct project_track *t, const char *file,
	double start);

/* Append an insert of class cls, with default parameters, to an array of FX_MAX_INSERTS
 * (a track's inserts or the master's); NULL when it is full. */
struct project_insert *project_add_insert(struct project_insert *inserts, int *n,
	const struct fx_class *cls);

/* Index of the track called name, or of "N" (1-based), or -1. */
int project_find_track(const struct project *p, const char *name_or_number);

/* A clip's file as a path usable with open(): absolute, or joined to p->dir. Caller
 * frees. */
char *project_clip_path(const struct project *p, const struct project_clip *c);

/* Read a project from a folder or a project.json path. Every problem found goes to
 * diag (which may hold warnings on success). Returns ERR_OK and *out, or an error and
 * NULL; the first error line in diag says what and where. */
enum err project_load(const char *path, struct project **out, struct diag *diag);

/* Write p->path atomically: a temporary file in the same folder, fsync, keep the
 * previous file as project.json.bak, rename into place, fsync the folder. On failure
 * the old file is untouched and msg says why; on success msg is empty, or holds a
 * warning (no backup could be kept). */
enum err project_save(struct project *p, struct err_msg *msg);
/* The same to another path (whose folder must exist) and without a backup: for the
 * autosave (ui/autosave.c). edits_since_save >= 0 adds {"autosave":
 * {"edits_since_save": N}} to the file; project_to_json and project_save never write
 * that object, so a project restored from an autosave does not carry it on. */
enum err project_save_to(struct project *p, const char *path, int edits_since_save,
	struct err_msg *msg);
/* A loaded autosave's edits_since_save, or -1 when the file has none. */
int project_autosave_edits(const struct project *p);

/* The project as JSON text (caller frees), as project_save would write it. */
char *project_to_json(struct project *p);

#endif
