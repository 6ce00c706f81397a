/* The table of project limits (see project_limits.h). */
#include "src/project_limits.h"

#include <string.h>

#include "audio/fx/fx.h"
#include "src/project.h"

const struct project_limit project_limits[PROJECT_LIMIT_COUNT] = {
	[PROJECT_LIMIT_TRACKS] = { "tracks", PROJECT_MAX_TRACKS, "tracks in a project" },
	[PROJECT_LIMIT_CLIPS] = { "clips", PROJECT_MAX_CLIPS, "clips on one track" },
	[PROJECT_LIMIT_BUSES] = { "buses", PROJECT_MAX_BUSES, "buses in a project" },
	[PROJECT_LIMIT_GROUPS] = { "groups", PROJECT_MAX_GROUPS, "groups in a project" },
	[PROJECT_LIMIT_MARKERS] = { "markers", PROJECT_MAX_MARKERS, "markers in a project" },
	[PROJECT_LIMIT_INSERTS] = { "inserts", FX_MAX_INSERTS,
		"inserts on one track, bus or the master" },
	[PROJECT_LIMIT_SENDS] = { "sends", PROJECT_MAX_SENDS, "sends from one track or bus" },
	[PROJECT_LIMIT_LANES] = { "automation lanes", PROJECT_MAX_LANES,
		"automated parameters of one track or bus" },
	[PROJECT_LIMIT_POINTS] = { "automation points", PROJECT_MAX_POINTS,
		"points in one automation lane" },
	[PROJECT_LIMIT_SONGS] = { "songs", PROJECT_MAX_SONGS, "songs on an album" },
	[PROJECT_LIMIT_TEMPO_CHANGES] = { "tempo map", TEMPO_MAX_CHANGES,
		"tempo and meter changes in the tempo map" },
	[PROJECT_LIMIT_NAME] = { "name", PROJECT_MAX_NAME, "bytes in a name" },
	[PROJECT_LIMIT_PATH] = { "file name", PROJECT_MAX_PATH, "bytes in a file's name" },
};

long project_limit_max(enum project_limit_id id)
{
	return project_limits[id].max;
}

enum err project_limit_room(enum project_limit_id id, long have, long adding,
	struct err_msg *msg)
{
	const struct project_limit *l = &project_limits[id];
	if (adding <= 0 || have + adding <= l->max)
		return ERR_OK;
	return err_set(msg, ERR_FULL, "%s: the limit is %ld", l->name, l->max);
}

enum err project_limit_name(const char *what, const char *name, struct err_msg *msg)
{
	size_t len = strlen(name);
	long max = project_limits[PROJECT_LIMIT_NAME].max;
	if ((long)len <= max)
		return ERR_OK;
	return err_set(msg, ERR_RANGE, "%s: %zu bytes long, the limit is %ld", what, len, max);
}
