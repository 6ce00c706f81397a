/* Automation lanes of the project model: what a lane key drives, its range, and the
 * points (kept in time order). Any thread that owns the project. */
#include "src/project.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/control.h"
#include "src/project_limits.h"
#include "src/base/xalloc.h"

static const char *const mode_names[] = { "off", "read", "write", "touch", "latch" };

const char *project_auto_mode_name(enum project_auto_mode mode)
{
	return (unsigned)mode < sizeof mode_names / sizeof mode_names[0] ? mode_names[mode]
		: "?";
}

int project_auto_mode_find(const char *name)
{
	for (size_t i = 0; i < sizeof mode_names / sizeof mode_names[0]; i++)
		if (!strcmp(mode_names[i], name))
			return (int)i;
	return -1;
}

bool project_auto_target(const char *key, const struct project_send *sends, int n_sends,
	const struct project_insert *inserts, int n_inserts, enum control_id *target,
	int *index, int *param, char *why, size_t why_size)
{
	*index = *param = 0;
	const struct control *c = control_by_lane(key);
	if (c && c->place == CONTROL_IN_STRIP) {
		*target = c->id;
		return true;
	}
	size_t len = strlen(key);
	if (!strncmp(key, "send.", 5) && len > 14 && !strcmp(key + len - 9, ".level_db")) {
		/* the bus name is what lies between: it may hold dots itself */
		const char *bus = key + 5;
		size_t n = len - 5 - 9;
		for (int i = 0; i < n_sends; i++)
			if (strlen(sends[i].bus) == n && !strncmp(sends[i].bus, bus, n)) {
				*target = CONTROL_SEND_LEVEL;
				*index = i;
				return true;
			}
		if (why)
			snprintf(why, why_size, "no send to \"%.*s\" on this strip", (int)n, bus);
		return false;
	}
	if (!strncmp(key, "insert.", 7)) {
		char *end;
		long slot = strtol(key + 7, &end, 10);
		if (end == key + 7 || *end != '.' || slot < 1 || slot > n_inserts) {
			if (why)
				snprintf(why, why_size, "no insert %.*s on this strip (it has %d)",
					(int)strcspn(key + 7, "."), key + 7, n_inserts);
			return false;
		}
		const struct fx_class *cls = inserts[slot - 1].cls;
		int k = fx_param_find(cls, end + 1);
		if (k < 0) {
			if (why)
				snprintf(why, why_size, "%s has no parameter \"%s\"", cls->name, end + 1);
			return false;
		}
		*target = CONTROL_INSERT_PARAM;
		*index = (int)slot - 1;
		*param = k;
		return true;
	}
	if (why) {
		/* every lane the control table has, in its order */
		size_t used = (size_t)snprintf(why, why_size, "not an automatable control (");
		const char *sep = "";
		for (int i = 0; i < CONTROL_COUNT && used < why_size; i++)
			if (control_table[i].lane) {
				used += (size_t)snprintf(why + used, why_size - used, "%s%s", sep,
					control_table[i].lane);
				sep = ", ";
			}
		if (used < why_size)
			snprintf(why + used, why_size - used, ")");
	}
	return false;
}

void project_auto_range(enum control_id target, const struct project_insert *ins,
	int param, double *min, double *max)
{
	const struct control *c = control_get(target);
	if (!c || !c->lane) {
		*min = *max = 0;
		return;
	}
	control_range(c, target == CONTROL_INSERT_PARAM ? &ins->cls->params[param] : NULL, min,
		max);
}

struct project_lane *project_lane_find(struct project_lane *lanes, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(lanes[i].param, key))
			return &lanes[i];
	return NULL;
}

struct project_lane *project_lane_add(struct project_lane **lanes, int *n, const char *key)
{
	*lanes = xrealloc(*lanes, (size_t)(*n + 1) * sizeof **lanes);
	struct project_lane *l = &(*lanes)[(*n)++];
	memset(l, 0, sizeof *l);
	l->param = xstrdup(key);
	l->mode = AUTO_READ;
	return l;
}

void project_lane_remove(struct project_lane *lanes, int *n, int index)
{
	if (index < 0 || index >= *n)
		return;
	free(lanes[index].param);
	free(lanes[index].points);
	memmove(&lanes[index], &lanes[index + 1], (size_t)(*n - index - 1) * sizeof *lanes);
	(*n)--;
}

void project_lane_insert(struct project_lane *lane, double time, double value)
{
	if (lane->n_points == lane->cap_points) {
		lane->cap_points = lane->cap_points ? lane->cap_points * 2 : 16;
		lane->points = xrealloc(lane->points, (size_t)lane->cap_points
			* sizeof *lane->points);
	}
	int at = lane->n_points;
	while (at > 0 && lane->points[at - 1].time > time)
		at--;
	memmove(&lane->points[at + 1], &lane->points[at],
		(size_t)(lane->n_points - at) * sizeof *lane->points);
	lane->points[at] = (struct project_auto_point){ time, value };
	lane->n_points++;
}

enum err project_lane_add_point(struct project_lane *lane, double time, double value,
	struct err_msg *msg)
{
	enum err e = project_limit_room(PROJECT_LIMIT_POINTS, lane->n_points, 1, msg);
	if (e == ERR_OK)
		project_lane_insert(lane, time, value);
	return e;
}

int project_lane_erase(struct project_lane *lane, double from, double to)
{
	int kept = 0, gone = 0;
	for (int i = 0; i < lane->n_points; i++) {
		double t = lane->points[i].time;
		if (t > from && t <= to)
			gone++;
		else
			lane->points[kept++] = lane->points[i];
	}
	lane->n_points = kept;
	return gone;
}

double project_lane_value(const struct project_lane *lane, double time)
{
	const struct project_auto_point *p = lane->points;
	const int n = lane->n_points;
	if (time <= p[0].time)
		return p[0].value;
	if (time >= p[n - 1].time)
		return p[n - 1].value;
	int lo = 0, hi = n - 1; /* p[lo].time < time < p[hi].time */
	while (hi - lo > 1) {
		int mid = (lo + hi) / 2;
		if (p[mid].time <= time)
			lo = mid;
		else
			hi = mid;
	}
	double span = p[hi].time - p[lo].time;
	if (span <= 0)
		return p[hi].value;
	return p[lo].value + (p[hi].value - p[lo].value) * (time - p[lo].time) / span;
}

void project_lanes_remap_inserts(struct project_lane *lanes, int *n, const int *map,
	int n_old)
{
	for (int i = *n - 1; i >= 0; i--) {
		const char *key = lanes[i].param;
		if (strncmp(key, "insert.", 7))
			continue;
		char *end;
		long slot = strtol(key + 7, &end, 10);
		if (end == key + 7 || *end != '.' || slot < 1 || slot > n_old)
			continue;
		int to = map[slot - 1];
		if (to < 0) {
			project_lane_remove(lanes, n, i);
			continue;
		}
		char *renamed = xasprintf("insert.%d%s", to + 1, end);
		free(lanes[i].param);
		lanes[i].param = renamed;
	}
}

void project_lanes_drop_send(struct project_lane *lanes, int *n, const char *bus)
{
	char *key = xasprintf("send.%s.level_db", bus);
	for (int i = *n - 1; i >= 0; i--)
		if (!strcmp(lanes[i].param, key))
			project_lane_remove(lanes, n, i);
	free(key);
}
