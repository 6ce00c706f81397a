/* Every count and length a project may hold, in one table. Load refuses a file that
 * crosses one (src/project_json.c reads the limits from here), and every edit that
 * would cross one asks here first and refuses with the same words, so that the studio
 * never saves a project that it would then refuse to open. The numbers themselves are
 * the PROJECT_MAX_* and FX_MAX_* constants (src/project.h, audio/fx/fx.h); the table
 * gives each its name and says what it counts. Any thread: read-only data. */
#ifndef TTYMIX_PROJECT_LIMITS_H
#define TTYMIX_PROJECT_LIMITS_H

#include <stdbool.h>

#include "src/base/err.h"

enum project_limit_id {
	PROJECT_LIMIT_TRACKS,
	PROJECT_LIMIT_CLIPS,      /* per track */
	PROJECT_LIMIT_BUSES,
	PROJECT_LIMIT_GROUPS,
	PROJECT_LIMIT_MARKERS,
	PROJECT_LIMIT_INSERTS,    /* per strip (a track, a bus, the master) */
	PROJECT_LIMIT_SENDS,      /* per strip */
	PROJECT_LIMIT_LANES,      /* automation lanes per strip */
	PROJECT_LIMIT_POINTS,     /* points per automation lane */
	PROJECT_LIMIT_SONGS,      /* album songs */
	PROJECT_LIMIT_TEMPO_CHANGES, /* entries in the tempo map */
	PROJECT_LIMIT_NAME,       /* bytes in a name (track, bus, group, marker, ...) */
	PROJECT_LIMIT_PATH,       /* bytes in a file name held by the project */
	PROJECT_LIMIT_COUNT
};

struct project_limit {
	const char *name;    /* as load and the edits say it: "markers" */
	long max;            /* the most allowed */
	const char *counts;  /* what is counted, for docs and messages */
};

extern const struct project_limit project_limits[PROJECT_LIMIT_COUNT];

/* The limit's number. */
long project_limit_max(enum project_limit_id id);

/* Whether `have` items may become have + adding. When not, msg says
 * "markers: the limit is 100000" and the result is ERR_FULL. */
enum err project_limit_room(enum project_limit_id id, long have, long adding,
	struct err_msg *msg);

/* Whether a name of this many bytes fits (PROJECT_LIMIT_NAME). When not, msg says
 * "WHAT: 300 bytes long, the limit is 256" and the result is ERR_RANGE. */
enum err project_limit_name(const char *what, const char *name, struct err_msg *msg);

#endif
