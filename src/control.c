/* The strip's controls (src/control.h): one row each. */
#include "src/control.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/project.h"

#define ALL_STRIPS (CONTROL_ON_TRACK | CONTROL_ON_BUS | CONTROL_ON_MASTER)
#define TRACKS_BUSES (CONTROL_ON_TRACK | CONTROL_ON_BUS)

const struct control control_table[CONTROL_COUNT] = {
	[CONTROL_GAIN] = {
		.id = CONTROL_GAIN, .name = "fader", .key = "gain_db", .place = CONTROL_IN_STRIP,
		.cmd = CMD_GAIN, .lane = "gain_db",
		.min = PROJECT_MIN_GAIN_DB, .max = PROJECT_MAX_GAIN_DB, .def = 0,
		.decimals = 2, .taper = CONTROL_TAPER_DB, .format = "%+.1f", .unit = "dB",
		.zero_text = "0.0", .strips = ALL_STRIPS,
	},
	[CONTROL_PAN] = {
		.id = CONTROL_PAN, .name = "pan", .key = "pan", .place = CONTROL_IN_STRIP,
		.cmd = CMD_PAN, .lane = "pan",
		.min = -1, .max = 1, .def = 0, .decimals = 2, .taper = CONTROL_TAPER_PAN,
		.format = "%c%ld", .unit = "", .strips = TRACKS_BUSES,
	},
	[CONTROL_MUTE] = {
		.id = CONTROL_MUTE, .name = "mute", .key = "mute", .place = CONTROL_IN_STRIP,
		.cmd = CMD_MUTE, .lane = "mute", .said_on = "muted", .said_off = "unmuted",
		.min = 0, .max = 1, .def = 0, .taper = CONTROL_TAPER_SWITCH, .format = "%s",
		.unit = "", .strips = TRACKS_BUSES,
	},
	[CONTROL_SOLO] = {
		.id = CONTROL_SOLO, .name = "solo", .key = "solo", .place = CONTROL_IN_STRIP,
		.cmd = CMD_SOLO, .said_on = "soloed", .said_off = "solo off",
		.min = 0, .max = 1, .def = 0, .taper = CONTROL_TAPER_SWITCH, .format = "%s",
		.unit = "", .strips = TRACKS_BUSES,
	},
	[CONTROL_SOLO_SAFE] = {
		.id = CONTROL_SOLO_SAFE, .name = "solo-safe", .key = "solo_safe",
		.place = CONTROL_IN_STRIP, .saved_when_on = true, .cmd = CMD_SOLO_SAFE,
		.min = 0, .max = 1, .def = 0, .taper = CONTROL_TAPER_SWITCH,
		.format = "%s", .unit = "", .strips = TRACKS_BUSES,
	},
	[CONTROL_SEND_LEVEL] = {
		.id = CONTROL_SEND_LEVEL, .name = "send", .key = "level_db",
		.place = CONTROL_IN_SEND, .cmd = CMD_SEND_LEVEL, .lane = "send.BUS.level_db",
		.min = PROJECT_MIN_GAIN_DB, .max = PROJECT_MAX_GAIN_DB,
		.def = 0, .decimals = 2, .taper = CONTROL_TAPER_DB, .format = "%+.1f",
		.unit = "dB", .strips = TRACKS_BUSES,
	},
	[CONTROL_INSERT_PARAM] = {
		.id = CONTROL_INSERT_PARAM, .name = "parameter", .place = CONTROL_IN_INSERT,
		.cmd = CMD_FX_PARAM, .lane = "insert.N.PARAM",
		.taper = CONTROL_TAPER_FX, .format = "%.4g", .unit = "", .strips = ALL_STRIPS,
	},
	[CONTROL_INSERT_BYPASS] = {
		.id = CONTROL_INSERT_BYPASS, .name = "bypass", .key = "bypass",
		.place = CONTROL_IN_INSERT, .cmd = CMD_FX_BYPASS, .said_on = "bypassed",
		.said_off = "back in",
		.min = 0, .max = 1, .def = 0, .taper = CONTROL_TAPER_SWITCH, .format = "%s",
		.unit = "", .strips = ALL_STRIPS,
	},
};

const struct control *control_get(enum control_id id)
{
	return (unsigned)id < CONTROL_COUNT ? &control_table[id] : NULL;
}

const struct control *control_by_key(enum control_place place, const char *key)
{
	for (int i = 0; i < CONTROL_COUNT; i++)
		if (control_table[i].place == place && control_table[i].key
		    && !strcmp(control_table[i].key, key))
			return &control_table[i];
	return NULL;
}

const struct control *control_by_name(const char *name)
{
	for (int i = 0; i < CONTROL_COUNT; i++)
		if (!strcmp(control_table[i].name, name))
			return &control_table[i];
	return NULL;
}

const struct control *control_by_lane(const char *key)
{
	for (int i = 0; i < CONTROL_COUNT; i++)
		if (control_table[i].lane && !strchr(control_table[i].lane, '.')
		    && !strcmp(control_table[i].lane, key))
			return &control_table[i];
	/* the patterns: the bus name between "send." and ".level_db" may hold dots */
	size_t len = strlen(key);
	if (!strncmp(key, "send.", 5) && len > 14 && !strcmp(key + len - 9, ".level_db"))
		return &control_table[CONTROL_SEND_LEVEL];
	if (!strncmp(key, "insert.", 7)) {
		char *end;
		long slot = strtol(key + 7, &end, 10);
		if (end != key + 7 && *end == '.' && end[1] && slot >= 1)
			return &control_table[CONTROL_INSERT_PARAM];
	}
	return NULL;
}

bool control_lane_key(const struct control *c, const struct project_strip *s, int slot,
	int param, char *key, size_t size)
{
	if (!c->lane)
		return false;
	const char *bus = NULL, *pname = NULL;
	if (c->place == CONTROL_IN_SEND) {
		if (slot < 0 || slot >= s->n_sends)
			return false;
		bus = s->sends[slot].bus;
	} else if (c->place == CONTROL_IN_INSERT) {
		if (slot < 0 || slot >= s->n_inserts || param < 0
		    || param >= s->inserts[slot].cls->n_params)
			return false;
		pname = s->inserts[slot].cls->params[param].name;
	}
	/* the lane's pattern, its words BUS, N and PARAM filled in */
	size_t used = 0;
	key[0] = '\0';
	for (const char *p = c->lane; *p && used < size; ) {
		int n;
		if (bus && !strncmp(p, "BUS", 3)) {
			n = snprintf(key + used, size - used, "%s", bus);
			p += 3;
		} else if (pname && !strncmp(p, "PARAM", 5)) {
			n = snprintf(key + used, size - used, "%s", pname);
			p += 5;
		} else if (pname && *p == 'N') {
			n = snprintf(key + used, size - used, "%d", slot + 1);
			p++;
		} else {
			n = snprintf(key + used, size - used, "%c", *p++);
		}
		used += (size_t)n;
	}
	return used < size;
}

int control_each_lane(const struct project_strip *s, unsigned strip_kind,
	void (*each)(void *arg, const char *key), void *arg)
{
	int n = 0;
	char key[PROJECT_MAX_NAME + 64];
	if (!(strip_kind & CONTROL_LANES_ON))
		return 0;
	for (int i = 0; i < CONTROL_COUNT; i++) {
		const struct control *c = &control_table[i];
		if (!c->lane || !control_on(c, strip_kind))
			continue;
		const int slots = c->place == CONTROL_IN_SEND ? s->n_sends
			: c->place == CONTROL_IN_INSERT ? s->n_inserts : 1;
		for (int slot = 0; slot < slots; slot++) {
			const int params = c->id == CONTROL_INSERT_PARAM
				? s->inserts[slot].cls->n_params : 1;
			for (int param = 0; param < params; param++)
				if (control_lane_key(c, s, slot, param, key, sizeof key)) {
					each(arg, key);
					n++;
				}
		}
	}
	return n;
}

bool control_on(const struct control *c, unsigned strip_kind)
{
	return (c->strips & strip_kind) != 0;
}

bool control_has(const struct control *c, const struct project_strip *s,
	unsigned strip_kind, int slot, int param)
{
	if (!control_on(c, strip_kind))
		return false;
	switch (c->place) {
	case CONTROL_IN_STRIP:
		return true;
	case CONTROL_IN_SEND:
		return slot >= 0 && slot < s->n_sends;
	case CONTROL_IN_INSERT:
		return slot >= 0 && slot < s->n_inserts && (c->id != CONTROL_INSERT_PARAM
			|| (param >= 0 && param < s->inserts[slot].cls->n_params));
	}
	return false;
}

void control_range(const struct control *c, const struct fx_param *fp, double *min,
	double *max)
{
	if (c->taper == CONTROL_TAPER_FX) {
		*min = fp->min;
		*max = fp->max;
	} else {
		*min = c->min;
		*max = c->max;
	}
}

double control_clamp(const struct control *c, const struct fx_param *fp, double v)
{
	if (c->taper == CONTROL_TAPER_SWITCH)
		return v != 0 ? 1.0 : 0.0;
	if (c->taper == CONTROL_TAPER_FX)
		return fx_param_clamp_rt(fp, v);
	return fmin(fmax(v, c->min), c->max);
}

double control_normalise(const struct control *c, const struct fx_param *fp, double v)
{
	v = control_clamp(c, fp, v);
	if (c->decimals > 0) {
		const double scale = pow(10.0, c->decimals);
		return round(v * scale) / scale;
	}
	if (c->taper == CONTROL_TAPER_FX && v != 0) {
		/* four significant digits are more than a knob resolves */
		double scale = pow(10.0, 3 - floor(log10(fabs(v))));
		v = control_clamp(c, fp, round(v * scale) / scale);
	}
	return v;
}

void control_format(const struct control *c, double v, char *buf, size_t size)
{
	switch (c->taper) {
	case CONTROL_TAPER_DB:
		if (v <= c->min)
			snprintf(buf, size, "-inf");
		else if (c->zero_text && fabs(v) < 0.05)
			snprintf(buf, size, "%s", c->zero_text);
		else
			snprintf(buf, size, c->format, v);
		return;
	case CONTROL_TAPER_PAN: {
		long pct = lround(fabs(v) * 100.0);
		if (pct == 0)
			snprintf(buf, size, "C");
		else
			snprintf(buf, size, c->format, v < 0 ? 'L' : 'R', pct);
		return;
	}
	case CONTROL_TAPER_SWITCH:
		snprintf(buf, size, c->format, v != 0 ? "on" : "off");
		return;
	case CONTROL_TAPER_FX:
		snprintf(buf, size, c->format, v);
		return;
	}
	snprintf(buf, size, "?");
}

double control_value(const struct control *c, const struct project_strip *s, int slot,
	int param)
{
	switch (c->id) {
	case CONTROL_GAIN: return s->gain_db;
	case CONTROL_PAN: return s->pan;
	case CONTROL_MUTE: return s->mute;
	case CONTROL_SOLO: return s->solo;
	case CONTROL_SOLO_SAFE: return s->solo_safe;
	case CONTROL_SEND_LEVEL: return s->sends[slot].level_db;
	case CONTROL_INSERT_PARAM: return s->inserts[slot].params[param];
	case CONTROL_INSERT_BYPASS: return s->inserts[slot].bypass;
	}
	return 0;
}

void control_set(const struct control *c, struct project_strip *s, int slot, int param,
	double v)
{
	switch (c->id) {
	case CONTROL_GAIN: s->gain_db = v; return;
	case CONTROL_PAN: s->pan = v; return;
	case CONTROL_MUTE: s->mute = v != 0; return;
	case CONTROL_SOLO: s->solo = v != 0; return;
	case CONTROL_SOLO_SAFE: s->solo_safe = v != 0; return;
	case CONTROL_SEND_LEVEL: s->sends[slot].level_db = v; return;
	case CONTROL_INSERT_PARAM: s->inserts[slot].params[param] = v; return;
	case CONTROL_INSERT_BYPASS: s->inserts[slot].bypass = v != 0; return;
	}
}
