#include "src/project_diff.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/xalloc.h"

/* How a number reads: levels and pan with a sign, as the mixer shows them. */
enum num_style {
	NUM_SIGNED,  /* dB, pan */
	NUM_PLAIN,   /* seconds, bpm, rates */
};

void project_diff_init(struct project_diff *d)
{
	memset(d, 0, sizeof *d);
}

void project_diff_deinit(struct project_diff *d)
{
	for (int i = 0; i < d->count; i++)
		free(d->lines[i]);
	free(d->lines);
	memset(d, 0, sizeof *d);
}

__attribute__((format(printf, 2, 3)))
static void add_line(struct project_diff *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *line = xvasprintf(fmt, ap);
	va_end(ap);
	if (d->count == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->lines = xrealloc(d->lines, (size_t)d->cap * sizeof *d->lines);
	}
	d->lines[d->count++] = line;
}

static bool shown_exactly(const char *s, double v)
{
	return fabs(strtod(s, NULL) - v) < 1e-9;
}

/* Both numbers with the fewest decimals (at least one) that tell them apart and, up
 * to three, show them as they are (-0.25, not -0.2). */
static void format_pair(double a, double b, enum num_style style, char *sa, char *sb,
	size_t size)
{
	const char *fmt = style == NUM_SIGNED ? "%+.*f" : "%.*f";
	for (int decimals = 1; decimals <= 6; decimals++) {
		snprintf(sa, size, fmt, decimals, a);
		snprintf(sb, size, fmt, decimals, b);
		if (strcmp(sa, sb) && (decimals >= 3 || (shown_exactly(sa, a)
			&& shown_exactly(sb, b))))
			return;
	}
	snprintf(sa, size, "%.17g", a);
	snprintf(sb, size, "%.17g", b);
}

static void num(struct project_diff *d, const char *where, const char *field, double a,
	double b, enum num_style style)
{
	if (a == b)
		return;
	char sa[64], sb[64];
	format_pair(a, b, style, sa, sb, sizeof sa);
	add_line(d, "%s%s: %s -> %s", where, field, sa, sb);
}

static void flag(struct project_diff *d, const char *where, const char *field, bool a,
	bool b)
{
	if (a != b)
		add_line(d, "%s%s: %s -> %s", where, field, a ? "true" : "false",
			b ? "true" : "false");
}

/* Strings are quoted; NULL (a field that is not set) reads as (none). */
static void str(struct project_diff *d, const char *where, const char *field, const char *a,
	const char *b)
{
	if ((!a && !b) || (a && b && !strcmp(a, b)))
		return;
	add_line(d, "%s%s: %s%s%s -> %s%s%s", where, field, a ? "\"" : "", a ? a : "(none)",
		a ? "\"" : "", b ? "\"" : "", b ? b : "(none)", b ? "\"" : "");
}

static void clip(struct project_diff *d, const char *where, const struct project_clip *a,
	const struct project_clip *b)
{
	str(d, where, ".file", a->file, b->file);
	num(d, where, ".start", a->start, b->start, NUM_PLAIN);
	num(d, where, ".offset", a->offset, b->offset, NUM_PLAIN);
	num(d, where, ".length", a->length, b->length, NUM_PLAIN);
	num(d, where, ".gain_db", a->gain_db, b->gain_db, NUM_SIGNED);
	num(d, where, ".fade_in", a->fade_in, b->fade_in, NUM_PLAIN);
	num(d, where, ".fade_out", a->fade_out, b->fade_out, NUM_PLAIN);
	str(d, where, ".fade_in_shape", project_fade_shape_name(a->fade_in_shape),
		project_fade_shape_name(b->fade_in_shape));
	str(d, where, ".fade_out_shape", project_fade_shape_name(a->fade_out_shape),
		project_fade_shape_name(b->fade_out_shape));
	num(d, where, ".pitch_semitones", a->pitch_semitones, b->pitch_semitones, NUM_PLAIN);
	num(d, where, ".pitch_cents", a->pitch_cents, b->pitch_cents, NUM_PLAIN);
	flag(d, where, ".varispeed", a->varispeed, b->varispeed);
}

static void track(struct project_diff *d, const char *where, const struct project_track *a,
	const struct project_track *b)
{
	str(d, where, ".name", a->name, b->name);
	str(d, where, ".color", a->color, b->color);
	str(d, where, ".output", a->output, b->output);
	num(d, where, ".gain_db", a->gain_db, b->gain_db, NUM_SIGNED);
	num(d, where, ".pan", a->pan, b->pan, NUM_SIGNED);
	flag(d, where, ".mute", a->mute, b->mute);
	flag(d, where, ".solo", a->solo, b->solo);
	const int n = a->n_clips > b->n_clips ? a->n_clips : b->n_clips;
	for (int i = 0; i < n; i++) {
		char at[96];
		snprintf(at, sizeof at, "%s.clips[%d]", where, i);
		if (i >= a->n_clips)
			add_line(d, "%s: (none) -> \"%s\" at %.3f s", at, b->clips[i].file,
				b->clips[i].start);
		else if (i >= b->n_clips)
			add_line(d, "%s: \"%s\" at %.3f s -> (removed)", at, a->clips[i].file,
				a->clips[i].start);
		else
			clip(d, at, &a->clips[i], &b->clips[i]);
	}
}

void project_diff(const struct project *a, const struct project *b, struct project_diff *d)
{
	str(d, "", "name", a->name, b->name);
	num(d, "", "sample_rate", a->sample_rate, b->sample_rate, NUM_PLAIN);
	num(d, "", "pan_law_db", a->pan_law_db, b->pan_law_db, NUM_SIGNED);
	num(d, "", "tempo_bpm", a->tempo_bpm, b->tempo_bpm, NUM_PLAIN);
	num(d, "", "crossfade_ms", a->crossfade_ms, b->crossfade_ms, NUM_PLAIN);
	const int n = a->n_tracks > b->n_tracks ? a->n_tracks : b->n_tracks;
	for (int i = 0; i < n; i++) {
		char at[64];
		snprintf(at, sizeof at, "tracks[%d]", i);
		if (i >= a->n_tracks)
			add_line(d, "%s: (none) -> \"%s\"", at, b->tracks[i].name);
		else if (i >= b->n_tracks)
			add_line(d, "%s: \"%s\" -> (removed)", at, a->tracks[i].name);
		else
			track(d, at, &a->tracks[i], &b->tracks[i]);
	}
	num(d, "", "master.gain_db", a->master_gain_db, b->master_gain_db, NUM_SIGNED);
	const int m = a->n_markers > b->n_markers ? a->n_markers : b->n_markers;
	for (int i = 0; i < m; i++) {
		char at[64];
		snprintf(at, sizeof at, "markers[%d]", i);
		if (i >= a->n_markers) {
			add_line(d, "%s: (none) -> \"%s\" at %.3f s", at, b->markers[i].name,
				b->markers[i].time);
		} else if (i >= b->n_markers) {
			add_line(d, "%s: \"%s\" at %.3f s -> (removed)", at, a->markers[i].name,
				a->markers[i].time);
		} else {
			str(d, at, ".name", a->markers[i].name, b->markers[i].name);
			num(d, at, ".time", a->markers[i].time, b->markers[i].time, NUM_PLAIN);
		}
	}
	num(d, "", "loop.start", a->loop_start, b->loop_start, NUM_PLAIN);
	num(d, "", "loop.end", a->loop_end, b->loop_end, NUM_PLAIN);
	flag(d, "", "loop.enabled", a->loop_enabled, b->loop_enabled);
}
