/* The controls of a mixer strip in one table: for each its name in the studio, its key
 * in project.json, its engine command (audio/cmd.h), its automation lane, its range,
 * taper and display format. The JSON load and save (src/project_json.c), the lane keys
 * (src/project_auto.c), the explain panel (src/explain.c) and the studio's edits read
 * it, so that a control is named once. Part of the project model: it includes nothing
 * above it. Any thread (the table is constant).
 *
 * Insert parameters share one row (CONTROL_INSERT_PARAM): their range, default and
 * unit are each parameter's own, in the effect table (audio/fx/fx.h); the functions
 * below take that parameter (fp) where it matters. */
#ifndef TTYMIX_CONTROL_H
#define TTYMIX_CONTROL_H

#include <stdbool.h>
#include <stddef.h>

#include "audio/cmd.h"
#include "audio/fx/fx.h"

/* src/project.h includes this header (its lanes drive these controls). */
struct project_strip;

enum control_id {
	CONTROL_GAIN,          /* the fader */
	CONTROL_PAN,
	CONTROL_MUTE,
	CONTROL_SOLO,
	CONTROL_SOLO_SAFE,
	CONTROL_SEND_LEVEL,    /* a send's level (slot: the send) */
	CONTROL_INSERT_PARAM,  /* an insert's parameter (slot: the insert, param: its index) */
	CONTROL_INSERT_BYPASS, /* an insert's bypass (slot: the insert) */
};
#define CONTROL_COUNT 8

/* How a value moves and reads. */
enum control_taper {
	CONTROL_TAPER_DB,      /* a level in dB; at the bottom of the range it is silence */
	CONTROL_TAPER_PAN,     /* -1 (left) .. 1 (right), shown L30, C, R12 */
	CONTROL_TAPER_SWITCH,  /* off (0) or on (1) */
	CONTROL_TAPER_FX,      /* the effect parameter's own (enum fx_taper) */
};

/* Which object of a strip holds the key in project.json. */
enum control_place {
	CONTROL_IN_STRIP,      /* the track's, bus's or master's object */
	CONTROL_IN_SEND,       /* an object of the strip's sends[] */
	CONTROL_IN_INSERT,     /* an object of the strip's inserts[] ("params" for a parameter) */
};

/* Which strips have the control (bits). */
#define CONTROL_ON_TRACK 1u
#define CONTROL_ON_BUS 2u
#define CONTROL_ON_MASTER 4u
/* The strips with automation lanes (the master has none). */
#define CONTROL_LANES_ON (CONTROL_ON_TRACK | CONTROL_ON_BUS)

struct control {
	enum control_id id;
	const char *name;       /* in the studio and the explain table: "fader", "pan" ... */
	const char *key;        /* in project.json, in place (NULL: a parameter's own name) */
	enum control_place place;
	bool saved_when_on;     /* a switch written only when on or already in the file, so
	                           that files from before it save unchanged */
	enum cmd_type cmd;      /* what sets it in the engine */
	const char *lane;       /* its automation lane key, or the key's pattern with BUS
	                           and N.PARAM standing for the send and the insert; NULL:
	                           not automatable */
	double min, max, def;   /* range; def: the value when the file has none */
	int decimals;           /* an edit rounds to this many (0: a switch, or a parameter's
	                           four significant digits) */
	enum control_taper taper;
	const char *format;     /* printf format of a number shown */
	const char *unit;       /* shown after it: "dB", "" */
	const char *zero_text;  /* shown for |v| < half the format's step (NULL: as is) */
	const char *said_on;    /* a switch in the status line's sentence: "Kick muted" */
	const char *said_off;   /* (NULL: "Kick solo-safe on") */
	unsigned strips;        /* CONTROL_ON_* */
};

extern const struct control control_table[CONTROL_COUNT];

/* The row of an id (NULL for none). */
const struct control *control_get(enum control_id id);
/* The row whose JSON key in place is key ("gain_db", "level_db", "bypass"), or NULL.
 * Insert parameters are found by their effect (fx_param_find), not here. */
const struct control *control_by_key(enum control_place place, const char *key);
/* The row called name in the studio ("fader", "solo-safe"), or NULL. */
const struct control *control_by_name(const char *name);
/* The row a lane key drives: "gain_db", "pan", "mute", "send.BUS.level_db",
 * "insert.N.PARAM"; NULL when it has none of those shapes (whether the strip has
 * that send or insert is project_auto_target's question). */
const struct control *control_by_lane(const char *lane_key);

/* The lane key of control c on strip s: its lane with BUS, N and PARAM filled in
 * from the send slot or the insert slot and its parameter param ("gain_db",
 * "send.Verb.level_db", "insert.2.ratio"). false when c has no lane or s has no such
 * slot or parameter. */
bool control_lane_key(const struct control *c, const struct project_strip *s, int slot,
	int param, char *key, size_t size);

/* Every lane key strip s of this kind has (none on the master), in the table's order (its own controls,
 * then one per send, then one per insert parameter): each(arg, key) for each, e.g.
 * for completing a lane name. Returns how many. */
int control_each_lane(const struct project_strip *s, unsigned strip_kind,
	void (*each)(void *arg, const char *key), void *arg);

/* Whether a strip of this kind (CONTROL_ON_*) has the control. */
bool control_on(const struct control *c, unsigned strip_kind);

/* Whether strip s, of this kind, has control c at this send or insert slot (and
 * this parameter of the insert's). */
bool control_has(const struct control *c, const struct project_strip *s,
	unsigned strip_kind, int slot, int param);

/* The range and default of a control; fp: the insert parameter for
 * CONTROL_INSERT_PARAM (ignored otherwise). */
void control_range(const struct control *c, const struct fx_param *fp, double *min,
	double *max);
/* v held in the control's range; a switch is 0 or 1. */
double control_clamp(const struct control *c, const struct fx_param *fp, double v);
/* The same, rounded as an edit keeps it: to the decimals (0.05 pan steps would
 * otherwise save as 0.30000000000000004), a parameter to four significant digits. */
double control_normalise(const struct control *c, const struct fx_param *fp, double v);
/* The value as the studio shows it: "-inf", "+1.5", "0.0", "C", "L30", "on" ... (the
 * number without its unit). */
void control_format(const struct control *c, double v, char *buf, size_t size);

/* A strip's value of the control, and setting it (as is: clamp first). slot: the
 * send or insert; param: the insert's parameter. The caller checks that the strip
 * has the slot (and the parameter). */
double control_value(const struct control *c, const struct project_strip *s, int slot,
	int param);
void control_set(const struct control *c, struct project_strip *s, int slot, int param,
	double v);

#endif
