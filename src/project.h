/* The project model: plain data owned by the UI thread (or the CLI's main thread).
 * The audio side never sees it; graph_build() turns it into a render graph.
 *
 * Strings and arrays belong to the project and die with project_free(). Each object
 * keeps the JSON it was read from (the `json` members, opaque here) so that fields this
 * version does not know survive a save. Times are seconds, levels dB, pan -1..1. */
#ifndef TTYMIX_PROJECT_H
#define TTYMIX_PROJECT_H

#include <stdbool.h>

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

struct project_clip {
	char *file;          /* relative to the project folder, or absolute */
	double start;        /* timeline position, s */
	double offset;       /* into the file, s */
	double length;       /* s; < 0: up to the end of the file */
	double gain_db;
	double fade_in;      /* s */
	double fade_out;     /* s */
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

/* The project as JSON text (caller frees), as project_save would write it. */
char *project_to_json(struct project *p);

#endif
