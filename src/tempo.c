/* The tempo map (see tempo.h): a walk over the changes, one segment of constant tempo
 * and meter after another. A map holds a few entries, so each question walks it from
 * bar 1 rather than keeping a table that every edit would have to rebuild. */
#include "src/tempo.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/project.h"
#include "src/project_limits.h"
#include "src/base/xalloc.h"

struct tempo_map tempo_map_of(const struct project *p)
{
	return (struct tempo_map){ .bpm = p->tempo_bpm > 0 ? p->tempo_bpm : TEMPO_DEFAULT_BPM,
		.num = p->meter_num > 0 ? p->meter_num : 4, .den = p->meter_den > 0 ? p->meter_den : 4,
		.changes = p->tempo_map, .n = p->n_tempo_map };
}

/* A stretch of constant tempo and meter: where it starts, in bars, seconds and beats. */
struct seg {
	long bar;
	double sec, beats, bpm;
	int num, den;
	int next;            /* the index of the change that ends it */
};

static double beat_len(const struct seg *s)
{
	return 240.0 / (s->bpm * s->den);
}

static struct seg seg_first(const struct tempo_map *m)
{
	return (struct seg){ .bar = 1, .bpm = m->bpm, .num = m->num, .den = m->den };
}

/* The segment after s, which starts at its change's bar. false when s is the last. */
static bool seg_next(const struct tempo_map *m, const struct seg *s, struct seg *out)
{
	if (s->next >= m->n)
		return false;
	const struct tempo_change *c = &m->changes[s->next];
	*out = *s;
	const long bars = c->bar - s->bar;
	out->sec += (double)bars * s->num * beat_len(s);
	out->beats += (double)bars * s->num;
	out->bar = c->bar;
	if (c->bpm > 0)
		out->bpm = c->bpm;
	if (c->num > 0) {
		out->num = c->num;
		out->den = c->den;
	}
	out->next++;
	return true;
}

enum seg_key { BY_SEC, BY_BAR, BY_BEATS };

/* The segment holding a position given in seconds, bars or beats (before the first
 * change, the first segment: bar 1 runs back before 0 s). */
static struct seg seg_at(const struct tempo_map *m, enum seg_key key, double where)
{
	struct seg s = seg_first(m), n;
	while (seg_next(m, &s, &n)) {
		const double start = key == BY_SEC ? n.sec : key == BY_BAR ? (double)n.bar : n.beats;
		if (start > where)
			break;
		s = n;
	}
	return s;
}

double tempo_time_of(const struct tempo_map *m, long bar, double beat)
{
	const struct seg s = seg_at(m, BY_BAR, (double)bar);
	return s.sec + ((double)(bar - s.bar) * s.num + beat - 1) * beat_len(&s);
}

void tempo_position(const struct tempo_map *m, double sec, struct tempo_pos *out)
{
	const struct seg s = seg_at(m, BY_SEC, sec);
	/* a hair over, so that a time on a beat, as the map computes it, is on it */
	const double ticks = floor((sec - s.sec) / beat_len(&s) * TEMPO_TICKS + 1e-6);
	const double per_bar = (double)s.num * TEMPO_TICKS;
	const double bars = floor(ticks / per_bar);
	const double in_bar = ticks - bars * per_bar;
	out->bar = s.bar + (long)bars;
	out->beat = (int)(in_bar / TEMPO_TICKS) + 1;
	out->tick = (int)(in_bar - (out->beat - 1) * (double)TEMPO_TICKS);
	out->bpm = s.bpm;
	out->num = s.num;
	out->den = s.den;
}

long tempo_nearest_bar(const struct tempo_map *m, double sec, bool *on_line)
{
	struct tempo_pos pos;
	tempo_position(m, sec, &pos);
	long bar = pos.bar < 1 ? 1 : pos.bar;
	/* the bar line at or before sec, or the next one if that is nearer */
	if (sec - tempo_time_of(m, bar, 1.0) > tempo_time_of(m, bar + 1, 1.0) - sec)
		bar++;
	if (on_line)
		*on_line = fabs(sec - tempo_time_of(m, bar, 1.0)) < 0.0005;
	return bar;
}

double tempo_beats_at(const struct tempo_map *m, double sec)
{
	const struct seg s = seg_at(m, BY_SEC, sec);
	return s.beats + (sec - s.sec) / beat_len(&s);
}

double tempo_time_of_beats(const struct tempo_map *m, double beats)
{
	const struct seg s = seg_at(m, BY_BEATS, beats);
	return s.sec + (beats - s.beats) * beat_len(&s);
}

double tempo_beat_seconds(const struct tempo_map *m, double sec)
{
	const struct seg s = seg_at(m, BY_SEC, sec);
	return beat_len(&s);
}

void tempo_format(const struct tempo_map *m, double sec, char *buf, size_t size)
{
	struct tempo_pos pos;
	tempo_position(m, sec, &pos);
	snprintf(buf, size, "%ld.%d.%03d", pos.bar, pos.beat, pos.tick);
}

/* A whole number of digits only, up to max; -1 when it is not one. */
static long digits(const char *s, size_t n, long max)
{
	if (n == 0 || n > 9)
		return -1;
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v <= max ? v : -1;
}

/* A plain number: no trailing text, finite. */
static bool plain_number(const char *s, double *out)
{
	if (!*s)
		return false;
	char *end;
	errno = 0;
	const double v = strtod(s, &end);
	if (*end || errno == ERANGE || !isfinite(v))
		return false;
	*out = v;
	return true;
}

bool tempo_parse_seconds(const char *s, double *sec)
{
	const char *colon = strchr(s, ':');
	double v;
	if (!colon) {
		if (!plain_number(s, &v))
			return false;
	} else {
		char minutes[32];
		const size_t n = (size_t)(colon - s);
		if (n == 0 || n >= sizeof minutes)
			return false;
		memcpy(minutes, s, n);
		minutes[n] = '\0';
		double m, part;
		if (!plain_number(minutes, &m) || m < 0 || m != floor(m)
			|| !plain_number(colon + 1, &part) || part < 0 || part >= 60)
			return false;
		v = m * 60 + part;
	}
	if (v < 0 || v > PROJECT_MAX_SECONDS)
		return false;
	*sec = v;
	return true;
}

bool tempo_parse_when(const struct tempo_map *m, const char *s, double *sec,
	struct err_msg *msg)
{
	if (tempo_parse(m, s, sec, msg))
		return true;
	return !msg->text[0] && tempo_parse_seconds(s, sec);
}

bool tempo_parse(const struct tempo_map *m, const char *s, double *sec,
	struct err_msg *msg)
{
	msg->text[0] = '\0';
	const bool b = s[0] == 'b' || s[0] == 'B';
	const char *p = b ? s + 1 : s;
	const char *dot1 = strchr(p, '.'), *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
	if (!b && !dot2)
		return false; /* "12.5": seconds */
	const char *end1 = dot1 ? dot1 : p + strlen(p);
	const char *end2 = dot2 ? dot2 : dot1 ? dot1 + strlen(dot1) : NULL;
	const long bar = digits(p, (size_t)(end1 - p), TEMPO_MAX_BAR);
	const long beat = dot1 ? digits(dot1 + 1, (size_t)(end2 - dot1 - 1), TEMPO_MAX_BEATS) : 1;
	const long tick = dot2 ? digits(dot2 + 1, strlen(dot2 + 1), TEMPO_TICKS - 1) : 0;
	if (bar < 1 || beat < 1 || tick < 0) {
		err_set(msg, ERR_RANGE, "\"%s\" is no bar: b21, b21.3 or 21.3.0 (bar.beat.tick: "
			"bars from 1 to %d, ticks 0 to %d)", s, TEMPO_MAX_BAR, TEMPO_TICKS - 1);
		return false;
	}
	const struct seg at = seg_at(m, BY_BAR, (double)bar);
	if (beat > at.num) {
		err_set(msg, ERR_RANGE, "bar %ld has %d beats (%d/%d), not %ld", bar, at.num, at.num,
			at.den, beat);
		return false;
	}
	const double t = tempo_time_of(m, bar, (double)beat + (double)tick / TEMPO_TICKS);
	if (t > PROJECT_MAX_SECONDS) {
		err_set(msg, ERR_RANGE, "bar %ld is past the timeline's end (%g s)", bar,
			PROJECT_MAX_SECONDS);
		return false;
	}
	*sec = t;
	return true;
}

bool tempo_meter_valid(int num, int den)
{
	return num >= 1 && num <= TEMPO_MAX_BEATS && den >= 1 && den <= 32 && !(den & (den - 1));
}

bool tempo_meter_parse(const char *s, int *num, int *den)
{
	const char *slash = strchr(s, '/');
	if (!slash)
		return false;
	const long n = digits(s, (size_t)(slash - s), TEMPO_MAX_BEATS);
	const long d = digits(slash + 1, strlen(slash + 1), 32);
	if (n < 0 || d < 0 || !tempo_meter_valid((int)n, (int)d))
		return false;
	*num = (int)n;
	*den = (int)d;
	return true;
}

/* The entry at bar, made when there is none (NULL and msg when the map is full). */
static struct tempo_change *entry_at(struct project *p, long bar, struct err_msg *msg)
{
	int i = 0;
	while (i < p->n_tempo_map && p->tempo_map[i].bar < bar)
		i++;
	if (i < p->n_tempo_map && p->tempo_map[i].bar == bar)
		return &p->tempo_map[i];
	if (project_limit_room(PROJECT_LIMIT_TEMPO_CHANGES, p->n_tempo_map, 1, msg) != ERR_OK)
		return NULL;
	p->tempo_map = xrealloc(p->tempo_map, (size_t)(p->n_tempo_map + 1) * sizeof *p->tempo_map);
	memmove(&p->tempo_map[i + 1], &p->tempo_map[i],
		(size_t)(p->n_tempo_map - i) * sizeof *p->tempo_map);
	p->n_tempo_map++;
	p->tempo_map[i] = (struct tempo_change){ .bar = (int)bar };
	return &p->tempo_map[i];
}

static enum err check_bar(long bar, struct err_msg *msg)
{
	if (bar < 1 || bar > TEMPO_MAX_BAR)
		return err_set(msg, ERR_RANGE, "a change goes at a bar from 1 to %d, not %ld",
			TEMPO_MAX_BAR, bar);
	return ERR_OK;
}

enum err tempo_set_bpm(struct project *p, long bar, double bpm, struct err_msg *msg)
{
	enum err e = check_bar(bar, msg);
	if (e != ERR_OK)
		return e;
	if (!isfinite(bpm) || bpm < TEMPO_MIN_BPM || bpm > TEMPO_MAX_BPM)
		return err_set(msg, ERR_RANGE, "a tempo is %g to %g bpm, not %g", TEMPO_MIN_BPM,
			TEMPO_MAX_BPM, bpm);
	if (bar == 1) {
		p->tempo_bpm = bpm;
		return ERR_OK;
	}
	struct tempo_change *c = entry_at(p, bar, msg);
	if (!c)
		return ERR_FULL;
	c->bpm = bpm;
	return ERR_OK;
}

enum err tempo_unset(struct project *p, long bar, bool meter, struct err_msg *msg)
{
	int i = 0;
	while (i < p->n_tempo_map && p->tempo_map[i].bar != bar)
		i++;
	struct tempo_change *c = i < p->n_tempo_map ? &p->tempo_map[i] : NULL;
	if (!c || (meter ? c->num == 0 : c->bpm == 0))
		return err_set(msg, ERR_RANGE, "no %s change at bar %ld", meter ? "meter" : "tempo",
			bar);
	if (meter)
		c->num = c->den = 0;
	else
		c->bpm = 0;
	if (c->num == 0 && c->bpm == 0) {
		memmove(c, c + 1, (size_t)(p->n_tempo_map - i - 1) * sizeof *c);
		p->n_tempo_map--;
	}
	return ERR_OK;
}

enum err tempo_set_meter(struct project *p, long bar, int num, int den,
	struct err_msg *msg)
{
	enum err e = check_bar(bar, msg);
	if (e != ERR_OK)
		return e;
	if (!tempo_meter_valid(num, den))
		return err_set(msg, ERR_RANGE, "a meter is 1 to %d beats of a 1, 2, 4, 8, 16 or 32 "
			"note (6/8), not %d/%d", TEMPO_MAX_BEATS, num, den);
	if (bar == 1) {
		p->meter_num = num;
		p->meter_den = den;
		return ERR_OK;
	}
	struct tempo_change *c = entry_at(p, bar, msg);
	if (!c)
		return ERR_FULL;
	c->num = num;
	c->den = den;
	return ERR_OK;
}
