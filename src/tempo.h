/* The tempo map: a project's tempo and meter, with changes at bars, and the
 * conversions between seconds on the timeline and musical positions (bar.beat.tick).
 *
 * The tempo counts quarter notes per minute, as the `delay` insert's sync does; a beat
 * of the meter is one 1/den note, so a bar of N/D lasts N * 4/D quarter notes. A
 * change takes effect at the start of its bar. Bars and beats count from 1; ticks
 * from 0, TEMPO_TICKS to a beat. Clips stay in seconds: changing the map moves the
 * grid, never the audio.
 *
 * Part of the model (UI thread, or the CLI's main thread): plain data and pure
 * functions; the map's array belongs to the project (src/project.h). */
#ifndef TTYMIX_TEMPO_H
#define TTYMIX_TEMPO_H

#include <stdbool.h>
#include <stddef.h>

#include "src/base/err.h"

#define TEMPO_MIN_BPM 1.0
#define TEMPO_MAX_BPM 999.0
#define TEMPO_DEFAULT_BPM 120.0
#define TEMPO_MAX_BEATS 64     /* a meter's numerator: 1 to this */
#define TEMPO_MAX_BAR 100000   /* changes at bars 2 to this */
#define TEMPO_MAX_CHANGES 4096 /* entries in a tempo map */
#define TEMPO_TICKS 960        /* ticks in a beat */

/* One entry of the map (`tempo_map[]` in project.json): from the start of bar on,
 * the tempo and/or the meter. */
struct tempo_change {
	int bar;          /* 2 to TEMPO_MAX_BAR; the entries go in bar order, one a bar */
	double bpm;       /* 0: the tempo goes on */
	int num, den;     /* 0: the meter goes on */
};

/* A map to read: the tempo and meter at bar 1, and the changes (borrowed). */
struct tempo_map {
	double bpm;
	int num, den;
	const struct tempo_change *changes;
	int n;
};

/* A position as the ruler and the status line show it, with what holds there. */
struct tempo_pos {
	long bar;         /* from 1 (before 0 s: 0 and below) */
	int beat;         /* 1 to num */
	int tick;         /* 0 to TEMPO_TICKS - 1 */
	double bpm;
	int num, den;
};

struct project;

/* The project's map (it borrows the project's array: valid until the next edit). */
struct tempo_map tempo_map_of(const struct project *p);

/* Seconds at beat (from 1, fractional: 1.5 is half way to beat 2) of bar. A beat past
 * the bar's last runs on at the bar's tempo. */
double tempo_time_of(const struct tempo_map *m, long bar, double beat);
/* The position at sec. */
void tempo_position(const struct tempo_map *m, double sec, struct tempo_pos *out);
/* The bar whose first beat is nearest sec (1 at the least), for a change put at a
 * marker; *on_line (when not NULL) tells whether sec is on that bar line (within half
 * a millisecond). */
long tempo_nearest_bar(const struct tempo_map *m, double sec, bool *on_line);
/* Beats (of the meters in force, fractional) from 0 s to sec, and the inverse: the
 * grid the snap and the nudge in beats follow across changes. */
double tempo_beats_at(const struct tempo_map *m, double sec);
double tempo_time_of_beats(const struct tempo_map *m, double beats);
/* Seconds in one beat at sec. */
double tempo_beat_seconds(const struct tempo_map *m, double sec);

/* "21.3.480": bar.beat.tick at sec (ticks with three digits). */
void tempo_format(const struct tempo_map *m, double sec, char *buf, size_t size);

/* A musical position as typed: "b21" (bar 21), "b21.3" (its beat 3), "b21.3.480", or
 * bar.beat.tick without the b ("21.3.0", as tempo_format writes it). Its seconds into
 * *sec; false (why into msg: the bar's beats, the tick range) when it is none. A plain
 * number is left to be seconds: false with msg empty. */
bool tempo_parse(const struct tempo_map *m, const char *s, double *sec,
	struct err_msg *msg);
/* A time in seconds (12.5) or m:ss(.fraction) (1:05), 0 to PROJECT_MAX_SECONDS. */
bool tempo_parse_seconds(const char *s, double *sec);
/* Either: a bar (tempo_parse) or seconds; false when it is none (msg then says why
 * when the word is a bar the map has not, and is empty otherwise). :locate's words,
 * and `ttymix import --at`. */
bool tempo_parse_when(const struct tempo_map *m, const char *s, double *sec,
	struct err_msg *msg);

/* A meter as written ("6/8"): num 1..TEMPO_MAX_BEATS, den 1, 2, 4, 8, 16 or 32. */
bool tempo_meter_parse(const char *s, int *num, int *den);
bool tempo_meter_valid(int num, int den);

/* Edits of p's map. bar 1 sets the project's own tempo or meter; a later bar puts an
 * entry there (or changes the one there is). Refused (msg says why: the range, the
 * limit of entries) with the project as it was. */
enum err tempo_set_bpm(struct project *p, long bar, double bpm, struct err_msg *msg);
enum err tempo_set_meter(struct project *p, long bar, int num, int den,
	struct err_msg *msg);
/* Take back the tempo (meter false) or the meter (true) that changes at bar (from 2);
 * an entry left changing nothing goes. ERR_RANGE (msg says so) when bar changes no
 * such thing. */
enum err tempo_unset(struct project *p, long bar, bool meter, struct err_msg *msg);

#endif
