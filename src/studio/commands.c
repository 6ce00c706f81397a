/* The commands' execs (command_table.c finds them and counts their words): they read
 * the values and apply them through edit.c (so they are undoable and reach the engine
 * exactly as key edits do). :render builds the graph here and renders on a worker
 * thread (src/base/worker.h). */
#include "src/base/clock.h"
#include "src/studio/commands.h"
#include "src/studio/times.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "src/graph_build.h"
#include "src/paths.h"
#include "src/base/safefile.h"
#include "src/base/text.h"
#include "src/render_file.h"
#include "src/base/worker.h"
#include "src/base/xalloc.h"
#include "src/studio/automation.h"
#include "src/studio/nsm.h"
#include "src/studio/clipedit.h"
#include "src/studio/trackedit.h"
#include "src/studio/edit.h"
#include "src/studio/saving.h"
#include "src/typed_path.h"
#include "src/studio/strip.h"

/* ---- reading the words ---- */

/* A strip as studio_strip_find finds it, or "."; word 1 as the table resolved it. */
bool studio_line_strip(struct studio_line *l, const char *word, int *strip)
{
	if (l->strip1_set && l->w->argc > 1 && word == l->w->argv[1]) {
		*strip = l->strip1;
		return true;
	}
	if (!strcmp(word, ".")) {
		*strip = studio_strip_of(l->st, l->here); /* the selected strip */
		return true;
	}
	int s = studio_strip_find(l->st, word);
	if (s == STUDIO_STRIP_AMBIGUOUS) {
		char list[256];
		studio_strip_candidates(l->st, word, list, sizeof list);
		studio_error(l->st, "\"%s\" matches %s: say which", word, list);
		return false;
	}
	if (s == STUDIO_STRIP_NONE) {
		studio_error(l->st, "no track or bus \"%s\" (a name, 1 to %d, or master)", word,
			l->st->project->n_tracks);
		return false;
	}
	*strip = s;
	return true;
}

/* -1..1, or as the mixer shows it: L30, C, R12 (percent). */
static bool parse_pan(const char *s, double *out)
{
	const char side = (char)toupper((unsigned char)s[0]);
	if (side == 'C' && !s[1]) {
		*out = 0;
		return true;
	}
	if ((side == 'L' || side == 'R') && isdigit((unsigned char)s[1])) {
		double pct;
		if (!studio_line_number(s + 1, &pct) || pct > 100)
			return false;
		*out = (side == 'L' ? -pct : pct) / 100.0;
		return true;
	}
	double v;
	if (!studio_line_number(s, &v) || v < -1 || v > 1)
		return false;
	*out = v;
	return true;
}

/* "+=N" or "-=N": a step from the value the strip has now (automation included, as
 * the keys step it), kept within [min, max]; a plain "-3" stays absolute. 0 when word
 * is no step, 1 with *out set, -1 when it is a bad one. */
static int relative_value(struct studio_line *l, enum control_id field, int strip,
	const char *word, double min, double max, double *out)
{
	if ((word[0] != '+' && word[0] != '-') || word[1] != '=')
		return 0;
	double step;
	if (!studio_line_number(word + 2, &step))
		return -1;
	double v = studio_auto_current(l->st, field, strip, 0, 0) + (word[0] == '-' ? -step : step);
	*out = v < min ? min : v > max ? max : v;
	return 1;
}

/* Set a field from the line, saying what happened. */
static void set_field(struct studio_line *l, enum control_id field, int strip, double value)
{
	const bool changed = studio_edit_set(l->st, field, strip, value);
	char shown[32];
	studio_edit_format(field, studio_edit_get(l->st, field, strip), shown, sizeof shown);
	/* with its unit, as the keys say it ("Kick fader -6.0 dB") */
	const char *unit = control_get(field)->unit;
	char said[512];
	snprintf(said, sizeof said, "%s %s %s%s%s%s", studio_strip_name(l->st, strip),
		studio_edit_field_name(field), changed ? "" : "is already ", shown,
		unit && *unit ? " " : "", unit ? unit : "");
	/* the edit may have said just this: once is enough (the message log keeps all) */
	if (!changed || strcmp(said, l->st->said_text))
		studio_message(l->st, "%s", said);
}

/* ---- the commands ---- */

void studio_line_gain(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	int strip;
	double db;
	if (!studio_line_strip(l, a->argv[1], &strip))
		return;
	const int rel = relative_value(l, CONTROL_GAIN, strip, a->argv[2],
		PROJECT_MIN_GAIN_DB, PROJECT_MAX_GAIN_DB, &db);
	if (rel < 0) {
		studio_error(l->st, "gain takes a step in dB after += or -=, not \"%s\"", a->argv[2]);
		return;
	}
	if (rel == 0 && !strcasecmp(a->argv[2], "-inf"))
		db = PROJECT_MIN_GAIN_DB;
	else if (rel == 0 && (!studio_line_number(a->argv[2], &db) || db < PROJECT_MIN_GAIN_DB
		|| db > PROJECT_MAX_GAIN_DB)) {
		studio_error(l->st, "gain takes %g to %+g dB (or -inf), not \"%s\"", PROJECT_MIN_GAIN_DB,
			PROJECT_MAX_GAIN_DB, a->argv[2]);
		return;
	}
	set_field(l, CONTROL_GAIN, strip, db);
}

void studio_line_pan(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	int strip;
	double pan;
	if (!studio_line_strip(l, a->argv[1], &strip))
		return;
	if (strip == STRIP_MASTER) {
		studio_error(l->st, "the master has no pan");
		return;
	}
	const int rel = relative_value(l, CONTROL_PAN, strip, a->argv[2], -1, 1, &pan);
	if (rel < 0) {
		studio_error(l->st, "pan takes a step after += or -= (0.05), not \"%s\"", a->argv[2]);
		return;
	}
	if (rel == 0 && !parse_pan(a->argv[2], &pan)) {
		studio_error(l->st, "pan takes -1 to 1, or L100..C..R100, not \"%s\"", a->argv[2]);
		return;
	}
	set_field(l, CONTROL_PAN, strip, pan);
}

static void switch_field(struct studio_line *l, enum control_id field)
{
	const struct studio_words *a = l->w;
	int strip;
	if (!studio_line_strip(l, a->argv[1], &strip))
		return;
	if (strip == STRIP_MASTER) {
		studio_error(l->st, "the master has no %s", studio_edit_field_name(field));
		return;
	}
	double on;
	if (a->argc == 2)
		/* as the key: toggle; on many strips, all as the first one now is */
		on = l->strip1_set && strip != l->set_first
			? (studio_edit_get(l->st, field, l->set_first) != 0 ? 1.0 : 0.0)
			: studio_edit_get(l->st, field, strip) != 0 ? 0.0 : 1.0;
	else if (!strcasecmp(a->argv[2], "on"))
		on = 1.0;
	else if (!strcasecmp(a->argv[2], "off"))
		on = 0.0;
	else {
		studio_error(l->st, "%s takes on or off, not \"%s\"", studio_edit_field_name(field),
			a->argv[2]);
		return;
	}
	set_field(l, field, strip, on);
}

/* ---- the arranger's selected clip: pitch and varispeed ---- */

/* The clip the arranger has selected (its track is the shared selection). */
static bool selected_clip(struct studio_line *l, int *track, int *clip)
{
	const struct project *p = l->st->project;
	if (l->st->throwaway) {
		studio_error(l->st, "quick audition: pitch needs a project folder for its cache "
			"(ttymix new DIR FILE...)");
		return false;
	}
	*track = l->sel->strip < p->n_tracks ? l->sel->strip : p->n_tracks - 1;
	*clip = l->sel->clip;
	if (*track < 0 || *clip < 0 || *clip >= p->tracks[*track].n_clips) {
		studio_error(l->st, "no clip selected (page 1, Tab selects one)");
		return false;
	}
	return true;
}

/* A whole number in [min, max]. */
static bool parse_whole(const char *s, int min, int max, int *out)
{
	double v;
	if (!studio_line_number(s, &v) || v != floor(v) || v < min || v > max)
		return false;
	*out = (int)v;
	return true;
}

static void set_clip_field(struct studio_line *l, enum studio_clip_field field, int track, int clip,
	double value)
{
	char shown[32];
	const bool changed = studio_edit_set_clip(l->st, field, track, clip, value);
	studio_edit_clip_format(field, studio_edit_get_clip(l->st, field, track, clip), shown, sizeof shown);
	if (!changed)
		studio_message(l->st, "%s clip %d %s is already %s", studio_strip_name(l->st, track), clip + 1,
			studio_edit_clip_name(field), shown);
	else if (!studio_pitch_busy(l->st)) /* else "pitching clip... N%" says more */
		studio_message(l->st, "%s clip %d %s %s", studio_strip_name(l->st, track), clip + 1,
			studio_edit_clip_name(field), shown);
}

void studio_line_pitch(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	int track, clip, semitones, cents = 0;
	if (!parse_whole(a->argv[1], PROJECT_MIN_SEMITONES, PROJECT_MAX_SEMITONES, &semitones)) {
		studio_error(l->st, "pitch takes whole semitones from %d to %+d, not \"%s\"",
			PROJECT_MIN_SEMITONES, PROJECT_MAX_SEMITONES, a->argv[1]);
		return;
	}
	if (a->argc == 3 && !parse_whole(a->argv[2], PROJECT_MIN_CENTS, PROJECT_MAX_CENTS,
		&cents)) {
		studio_error(l->st, "pitch takes whole cents from %d to %+d, not \"%s\"",
			PROJECT_MIN_CENTS, PROJECT_MAX_CENTS, a->argv[2]);
		return;
	}
	if (selected_clip(l, &track, &clip))
		set_clip_field(l, STUDIO_CLIP_PITCH, track, clip,
			studio_edit_pitch_value(semitones, cents));
}

void studio_line_varispeed(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	int track, clip;
	double on = -1;
	if (a->argc == 2 && !strcasecmp(a->argv[1], "on"))
		on = 1.0;
	else if (a->argc == 2 && !strcasecmp(a->argv[1], "off"))
		on = 0.0;
	else if (a->argc == 2) {
		studio_error(l->st, "varispeed takes on or off, not \"%s\"", a->argv[1]);
		return;
	}
	if (!selected_clip(l, &track, &clip))
		return;
	if (on < 0) /* no word: toggle */
		on = studio_edit_get_clip(l->st, STUDIO_CLIP_VARISPEED, track, clip) != 0 ? 0.0 : 1.0;
	set_clip_field(l, STUDIO_CLIP_VARISPEED, track, clip, on);
}

void studio_line_mute(struct studio_line *l) { switch_field(l, CONTROL_MUTE); }
void studio_line_solo(struct studio_line *l) { switch_field(l, CONTROL_SOLO); }

void studio_line_undo(struct studio_line *l)
{
	studio_edit_undo(l->st);
}

void studio_line_redo(struct studio_line *l)
{
	studio_edit_redo(l->st);
}

void studio_line_play(struct studio_line *l)
{
	studio_transport_play(l->st);
}

void studio_line_stop(struct studio_line *l)
{
	studio_transport_stop(l->st);
}

/* The one word of a command that takes a time (":locate 1:05", ":move 12.5"); false
 * (what is wrong said) otherwise. */
static bool one_time_arg(struct studio_line *l, const char *verb, double *sec)
{
	const struct studio_words *a = l->w;
	struct err_msg msg;
	if (!studio_line_when(l->st, a->argv[1], sec, &msg)) {
		if (msg.text[0])
			studio_error(l->st, "%s: %s", verb, msg.text);
		else
			studio_error(l->st, "%s takes seconds (12.5), m:ss (1:05) or a bar (b21, b21.3, "
				"21.3.0), not \"%s\"", verb, a->argv[1]);
		return false;
	}
	return true;
}

void studio_line_locate(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	double sec;
	if (!one_time_arg(l, "locate", &sec))
		return;
	studio_transport_locate(l->st, graph_frames(sec, l->st->project->sample_rate));
	const char *dot = strchr(a->argv[1], '.');
	/* a bar (b21, 21.3.0: seconds have no b and one dot at most) is said in seconds too */
	if (a->argv[1][0] == 'b' || a->argv[1][0] == 'B' || (dot && strchr(dot + 1, '.')))
		studio_message(l->st, "at %s (%.3f s)", a->argv[1], sec);
	else
		studio_message(l->st, "at %s", a->argv[1]);
}

void studio_line_write(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	if (a->argc == 1) {
		studio_save(l->st);
		return;
	}
	if (studio_nsm_refuses(l->st, ":w DIR"))
		return;
	enum project_media_mode mode = PROJECT_MEDIA_COPY;
	if (a->argc == 3 && !strcmp(a->argv[2], "link"))
		mode = PROJECT_MEDIA_LINK;
	else if (a->argc == 3 && strcmp(a->argv[2], "copy")) {
		studio_line_usage(l);
		return;
	}
	studio_save_as(l->st, a->argv[1], mode); /* Save As: saving.c */
}

void studio_line_write_over(struct studio_line *l)
{
	l->st->save_over = true;
	studio_save(l->st);
	l->st->save_over = false;
}

void studio_line_device(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	/* no word: the output the command line asked for (--output, --device) */
	struct driver_config cfg = { .kind = l->st->globals->output,
		.device = l->st->globals->device, .buffer_frames = l->st->globals->buffer_frames,
		.jack_name = studio_jack_name(l->st),
		.jack_no_connect = l->st->globals->jack_no_connect,
		.jack_strips = l->st->globals->jack_strips };
	char name[256] = "";
	for (int i = 1; i < a->argc; i++) { /* a device name may hold spaces */
		size_t used = strlen(name);
		snprintf(name + used, sizeof name - used, "%s%s", i > 1 ? " " : "", a->argv[i]);
	}
	bool stream = l->st->globals->stream;
	if (a->argc > 1 && !strcasecmp(name, "null")) {
		cfg.kind = DRIVER_NULL;
		cfg.device = NULL;
		stream = false;
	} else if (a->argc > 1 && !strcasecmp(name, "stream")) {
		cfg.kind = DRIVER_NULL; /* paced by the clock, heard on the stream */
		cfg.device = NULL;
		stream = true;
	} else if (a->argc > 1 && (!strcmp(name, "jack") || !strcmp(name, "jack+stream"))) {
		/* ttymix's own JACK client (audio/driver_jack.h); in lower case only, so that
		 * "JACK", as before, still names PortAudio's JACK device */
		cfg.kind = DRIVER_JACK;
		cfg.device = NULL;
		stream = name[4] == '+';
	} else if (a->argc > 1 && !strcasecmp(name, "pa+stream")) {
		cfg.kind = DRIVER_AUTO; /* the sound card (--device's) if it opens, and the stream */
		stream = true;
	} else if (a->argc > 1) {
		cfg.kind = DRIVER_PA; /* a named device that fails to open is an error */
		cfg.device = name;
		stream = false;
	}
	studio_transport_reopen(l->st, &cfg, stream);
}

/* The DSP load since the start (or the last reset): what an engineer reads first when
 * playback stutters. Callbacks over their period (by their own CPU time) are xruns
 * ttymix caused; late callbacks kept from running, and the rest of the xrun count,
 * came from elsewhere (the server, the scheduler, the machine). */
void studio_line_dsp(struct studio_line *l)
{
	struct engine_load load;
	engine_dsp_load(l->st->engine, &load);
	/* the man page says what overruns and stalls are; the worst split in two comes
	 * last (the first 2 s after play or a locate, the rest), past 80 columns on a
	 * narrow terminal */
	studio_message(l->st, "DSP %.1f %%, worst %.1f %%; %llu overruns, %llu stalls in %llu "
		"callbacks; xruns %u; start %.1f %%, steady %.1f %%", load.mean * 100.0,
		load.worst * 100.0, (unsigned long long)load.overruns,
		(unsigned long long)load.stalls, (unsigned long long)load.callbacks,
		engine_xruns(l->st->engine), load.worst_start * 100.0,
		load.worst_steady * 100.0);
}

/* :dsp reset */
static void dsp_reset(struct studio_line *l)
{
	engine_dsp_load_reset(l->st->engine);
	studio_message(l->st, "DSP: worst, overruns and stalls counted from now");
}

/* One strip's row of :dsp latency: its inserts' latency, its path to the master
 * (its own and the buses after it), frames and ms, and the delay in front of it that
 * aligns it, with what its output or a send waits beyond that, and each sidechain
 * key's delay (or how late it comes). */
static void latency_row(char *row, size_t size, const char *name, const struct graph_mix *m,
	double ms)
{
	char clean[64], extra[48] = "";
	text_clean(clean, sizeof clean, name);
	int send = 0;
	for (int i = 0; i < m->n_sends; i++)
		if (m->sends[i].delay.frames > send)
			send = m->sends[i].delay.frames;
	if (m->out_delay.frames > 0)
		snprintf(extra, sizeof extra, ", output +%d", m->out_delay.frames);
	else if (send > 0)
		snprintf(extra, sizeof extra, ", a send +%d", send);
	/* a sidechain key's own delay, or how late it arrives (audio/graph_key.c) */
	for (int k = 0; k < m->n_keys; k++) {
		const size_t used = strlen(extra);
		snprintf(extra + used, sizeof extra - used, m->keys[k].late ? ", key %d late"
			: ", key +%d", m->keys[k].late ? m->keys[k].late : m->keys[k].delay);
	}
	snprintf(row, size, "%-16s own %5d (%.2f ms)  path %5d (%.2f ms)  delay %5d%s", clean,
		m->latency, m->latency * ms, m->path_latency, m->path_latency * ms,
		m->in_delay.frames, extra);
}

/* :dsp latency: the delay compensation of the graph playing now (graph_pdc_plan): the
 * total on the line, each strip's in the pane. */
static void dsp_latency(struct studio_line *l)
{
	const struct graph *g = l->st->graph;
	const struct project *p = l->st->project;
	if (!g || g->n_tracks != p->n_tracks || g->n_buses != p->n_buses) {
		studio_error(l->st, "latency: the mix is being rebuilt; try again");
		return;
	}
	const double ms = 1000.0 / g->sample_rate;
	const int master = fx_chain_latency(&g->master_inserts), total = graph_latency(g);
	int delayed = 0; /* strips with a delay in front or on their output or a send */
	const int n = g->n_tracks + g->n_buses + 1;
	char (*rows)[128] = xcalloc((size_t)n, sizeof *rows);
	const char **lines = xcalloc((size_t)n, sizeof *lines);
	for (int s = 0; s < n - 1; s++) {
		const struct graph_mix *m = graph_strip_mix((struct graph *)g, s);
		const char *name = s < g->n_tracks ? p->tracks[s].strip.name
			: p->buses[s - g->n_tracks].strip.name;
		latency_row(rows[s], sizeof rows[s], name, m, ms);
		int frames = m->in_delay.frames + m->out_delay.frames;
		for (int i = 0; i < m->n_sends; i++)
			frames += m->sends[i].delay.frames;
		delayed += frames > 0;
		lines[s] = rows[s];
	}
	snprintf(rows[n - 1], sizeof rows[n - 1], "%-16s own %5d (%.2f ms)", "master", master,
		master * ms);
	lines[n - 1] = rows[n - 1];
	studio_message(l->st, "latency %d frames (%.2f ms): strips %d, master chain %d; "
		"%d strip%s delayed to align", total, total * ms, g->pdc_master_frames, master,
		delayed, delayed == 1 ? "" : "s");
	char title[96];
	snprintf(title, sizeof title, "latency %d frames (%.2f ms) at %d Hz", total, total * ms,
		g->sample_rate);
	studio_list(l->st, title, lines, (size_t)n);
	free(lines);
	free(rows);
}

const struct studio_command studio_line_dsp_subs[] = {
	{ "reset", NULL, "", 0, 0, { STUDIO_ARG_ANY }, "count from now", dsp_reset, NULL, 0 },
	{ "latency", NULL, "", 0, 0, { STUDIO_ARG_ANY },
	  "each strip's latency, its path to the master, its delay, and the total",
	  dsp_latency, NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, { STUDIO_ARG_ANY }, NULL, NULL, NULL, 0 },
};

/* ---- :render, on a worker thread ---- */

struct studio_render_job {
	struct worker *worker;        /* the owner's handle */
	struct graph *graph;          /* the worker's once it runs (render_file frees it) */
	char *path, *title;
	struct render_file_opts opts;
	double started_sec;
	int64_t frames;               /* the length rendered, at the project rate */
	struct worker *self;          /* the worker's own handle: set by run, read there */
	atomic_uint warnings;         /* clips that failed while rendering */
	struct render_file_report report; /* the worker's until it finished */
	int shown_percent;            /* owner side */
};

/* Worker thread: progress in thousandths for the owner; false once it is stopped. */
static bool job_progress(void *arg, int64_t done, int64_t total)
{
	struct studio_render_job *j = arg;
	(void)total;
	atomic_store_explicit(worker_progress_slot(j->self), (int)(done * 1000 / j->frames),
		memory_order_relaxed);
	return !atomic_load_explicit(worker_cancel_flag(j->self), memory_order_relaxed);
}

static void job_warn(void *arg, const char *why)
{
	struct studio_render_job *j = arg;
	(void)why; /* the live session reports the same clip when it plays */
	atomic_fetch_add_explicit(&j->warnings, 1, memory_order_relaxed);
}

static enum err job_run(void *arg, struct worker *w, struct err_msg *msg)
{
	struct studio_render_job *j = arg;
	struct graph *g = j->graph;
	j->self = w;
	j->graph = NULL;
	return render_file(g, j->path, &j->opts, msg);
}

/* After the worker ended: a graph it never took is the owner's to free. */
static void job_free(struct studio_render_job *j)
{
	if (j->graph)
		graph_destroy(j->graph);
	free(j->path);
	free(j->title);
	free(j);
}

/* :render onto path (as given, or in the project's renders/). */
static void render_to(struct studio_line *l, const char *path)
{
	const struct studio_words *a = l->w;
	if (l->st->render) {
		studio_error(l->st, "a render is already running");
		return;
	}
	if (studio_pitch_busy(l->st)) {
		/* the graph would hold the unprocessed clip: a bounce must sound as played */
		studio_error(l->st, "a clip is still being pitched: :render once it is done");
		return;
	}
	/* as `ttymix render -o FILE [--bits B]`: the format from the name, 24-bit unless
	 * told, TPDF dither for 16-bit */
	struct render_file_opts opts;
	render_file_opts_init(&opts);
	if (!render_file_container_of(path, &opts.container)) {
		studio_error(l->st, "cannot tell the format of \"%s\": end it in .wav, .flac, .ogg or "
			".aiff", path);
		return;
	}
	if (a->argc == 3 && !media_sample_parse(a->argv[2], &opts.sample)) {
		studio_error(l->st, "render takes 16, 24 or 32f bits, not \"%s\"", a->argv[2]);
		return;
	}
	if (opts.container == MEDIA_FLAC && opts.sample == MEDIA_FLOAT32) {
		studio_error(l->st, "FLAC stores 16 or 24-bit, not 32f");
		return;
	}
	int n_inputs;
	struct render_input *inputs = render_file_project_inputs(l->st->project, &n_inputs);
	struct err_msg why;
	enum err refused = render_file_check_target(path, inputs, n_inputs, &why);
	render_file_inputs_free(inputs, n_inputs);
	if (refused != ERR_OK) {
		studio_error(l->st, "not rendered: %s", why.text);
		return;
	}
	struct studio_render_job *j = xcalloc(1, sizeof *j);
	j->opts = opts;
	struct diag d;
	diag_init(&d);
	enum err rc = graph_build(l->st->project, true, &j->graph, &d);
	if (rc != ERR_OK) {
		studio_error(l->st, "not rendered: %s", d.count ? d.items[0].text : err_str(rc));
		diag_deinit(&d);
		free(j);
		return;
	}
	diag_deinit(&d);
	if (j->graph->end_frame <= 0) {
		studio_error(l->st, "nothing to render: the project has no audio");
		graph_destroy(j->graph);
		free(j);
		return;
	}
	j->path = xstrdup(path);
	j->title = xstrdup(l->st->project->name);
	j->frames = j->graph->end_frame;
	j->opts.end_frame = j->frames;
	j->opts.title = j->title;
	j->opts.warn = job_warn;
	j->opts.warn_arg = j;
	j->opts.progress = job_progress;
	j->opts.progress_arg = j;
	j->opts.report = &j->report;
	j->shown_percent = -1;
	j->started_sec = clock_now_sec();
	if (!(j->worker = worker_run_once(job_run, j))) {
		job_free(j);
		studio_error(l->st, "not rendered: no thread to render on");
		return;
	}
	l->st->render = j;
	studio_message(l->st, "rendering %s...", path);
}

void studio_line_render(struct studio_line *l)
{
	char *name = typed_path_expand(l->w->argv[1]); /* ~/ as Tab completes it */
	/* a relative name goes where the project keeps its renders, not wherever the studio
	 * was started from (a quick audition has no project folder: there it is the
	 * current one); the messages then say the whole path */
	if (name[0] == '/' || l->st->throwaway) {
		render_to(l, name);
		free(name);
		return;
	}
	char *path = xasprintf("%s/renders/%s", l->st->project->dir, name);
	char *dir = safefile_dirname(path);
	struct err_msg why;
	if (paths_mkdirs(dir, &why) != ERR_OK)
		studio_error(l->st, "not rendered: %s", why.text);
	else
		render_to(l, path);
	free(dir);
	free(path);
	free(name);
}

void studio_render_poll(struct studio *st)
{
	struct studio_render_job *j = st->render;
	if (!j)
		return;
	enum err result;
	struct err_msg msg;
	if (!worker_finished(j->worker, &result, &msg)) {
		int percent = atomic_load_explicit(worker_progress_slot(j->worker),
			memory_order_relaxed) / 10;
		if (percent != j->shown_percent) {
			j->shown_percent = percent;
			studio_message(st, "rendering %s... %d%%", j->path, percent);
		}
		return;
	}
	worker_stop(j->worker);
	st->render = NULL;
	const double took = clock_now_sec() - j->started_sec;
	const unsigned warnings = atomic_load(&j->warnings);
	if (result != ERR_OK) {
		studio_error(st, "not rendered: %s", msg.text);
	} else {
		/* as `ttymix render` ends: length, loudness, true peak, and what clipped
		 * (then in the error colour: the file is written, but not as meant) */
		char line[1024];
		render_file_summary(j->path, &j->report, took, true, line, sizeof line);
		if (j->report.clipped)
			studio_error(st, "rendered %s%s", line, warnings
				? " (some clips failed and are silent: ttymix check)" : "");
		else
			studio_message(st, "rendered %s%s", line, warnings
				? " (some clips failed and are silent: ttymix check)" : "");
	}
	job_free(j);
}

void studio_render_stop(struct studio *st)
{
	struct studio_render_job *j = st->render;
	if (!j)
		return;
	worker_stop(j->worker);
	st->render = NULL;
	job_free(j);
}

/* ---- clip, track, marker and loop edits ---- */

/* The words after the verb joined by spaces (a name may have several). */
static void rest_of_line(const struct studio_words *a, int from, char *buf, size_t size)
{
	buf[0] = '\0';
	for (int i = from; i < a->argc; i++) {
		if (i > from)
			strncat(buf, " ", size - strlen(buf) - 1);
		strncat(buf, a->argv[i], size - strlen(buf) - 1);
	}
}

void studio_line_clipgain(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	double db;
	if (!studio_line_number(a->argv[1], &db) || db < PROJECT_MIN_GAIN_DB
		|| db > PROJECT_MAX_GAIN_DB) {
		studio_error(l->st, "clip gain takes %g to %+g dB, not \"%s\"", PROJECT_MIN_GAIN_DB,
			PROJECT_MAX_GAIN_DB, a->argv[1]);
		return;
	}
	studio_clip_set_gain(l->st, l->sel, db);
}

void studio_line_fade(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	double sec;
	if (!studio_line_time(a->argv[2], &sec)) {
		studio_error(l->st, "a fade is a length in seconds, not \"%s\"", a->argv[2]);
		return;
	}
	int shape = -1;
	if (a->argc == 4 && (shape = project_fade_shape_of(a->argv[3])) < 0) {
		studio_error(l->st, "\"%s\" is not a fade shape (linear, equal_power, s_curve)",
			a->argv[3]);
		return;
	}
	studio_clip_set_fade(l->st, l->sel, !strcasecmp(a->argv[1], "out"), sec, shape);
}

void studio_line_move(struct studio_line *l)
{
	double sec;
	if (!one_time_arg(l, "move", &sec))
		return;
	studio_clip_move_to(l->st, l->sel, sec);
}

void studio_line_trim(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	double sec;
	if (!studio_line_number(a->argv[2], &sec) || fabs(sec) > PROJECT_MAX_SECONDS) {
		studio_error(l->st, "trim takes seconds to move the edge by (-0.5 earlier, 0.25 later), "
			"not \"%s\"", a->argv[2]);
		return;
	}
	studio_clip_trim_by(l->st, l->sel, !strcasecmp(a->argv[1], "end"), sec);
}

void studio_line_nudge(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	char num[64];
	snprintf(num, sizeof num, "%s", a->argv[1]);
	enum studio_nudge_unit unit = STUDIO_NUDGE_MS;
	size_t n = strlen(num);
	if (n > 2 && !strcmp(num + n - 2, "ms"))
		num[n - 2] = '\0';
	else if (n > 1 && num[n - 1] == 'f') {
		unit = STUDIO_NUDGE_FRAMES;
		num[n - 1] = '\0';
	} else if (n > 1 && num[n - 1] == 'b') {
		unit = STUDIO_NUDGE_BEATS;
		num[n - 1] = '\0';
	}
	double v;
	if (!studio_line_number(num, &v) || v <= 0 || v > 1e7) {
		studio_error(l->st, "nudge takes an amount with a unit: 10ms, 480f (frames), 0.25b "
			"(beats), not \"%s\"", a->argv[1]);
		return;
	}
	studio_clip_set_nudge(l->st, v, unit);
}

void studio_line_xfade(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	double ms;
	if (!studio_line_number(a->argv[1], &ms) || ms < 0 || ms > PROJECT_MAX_CROSSFADE_MS) {
		studio_error(l->st, "a crossfade is 0 to %g ms, not \"%s\"", PROJECT_MAX_CROSSFADE_MS,
			a->argv[1]);
		return;
	}
	studio_clip_set_crossfade(l->st, ms);
}

/* :track add [NAME] | del | name NAME | color COLOR|none | up | down: the selected
 * track (a name may be several words). */
static void track_add(struct studio_line *l)
{
	char word[STUDIO_LINE_MAX + 1]; /* the whole line: a name too long is refused, not cut */
	rest_of_line(l->w, 2, word, sizeof word);
	studio_track_add(l->st, l->sel, word);
}

static void track_del(struct studio_line *l) { studio_track_remove(l->st, l->sel); }

static void track_name(struct studio_line *l)
{
	char word[STUDIO_LINE_MAX + 1];
	rest_of_line(l->w, 2, word, sizeof word);
	studio_track_rename(l->st, l->sel, word);
}

static void track_color(struct studio_line *l)
{
	const char *word = l->w->argv[2];
	studio_track_color(l->st, l->sel, strcmp(word, "none") ? word : NULL);
}

static void track_up(struct studio_line *l) { studio_track_move(l->st, l->sel, -1); }
static void track_down(struct studio_line *l) { studio_track_move(l->st, l->sel, 1); }

const struct studio_command studio_line_track_subs[] = {
	{ "add", NULL, "[NAME]", 0, STUDIO_LINE_ANY, { STUDIO_ARG_ANY }, "a track after this one",
	  track_add, NULL, 0 },
	{ "del", NULL, "", 0, 0, { STUDIO_ARG_ANY }, "remove the selected track", track_del, NULL,
	  0 },
	{ "name", NULL, "NAME", 1, STUDIO_LINE_ANY, { STUDIO_ARG_ANY }, "rename it", track_name, NULL,
	  0 },
	{ "color", NULL, "COLOR|none", 1, 1, { STUDIO_ARG_CHOICE }, "its colour", track_color,
	  NULL, 0 },
	{ "up", NULL, "", 0, 0, { STUDIO_ARG_ANY }, "move it up", track_up, NULL, 0 },
	{ "down", NULL, "", 0, 0, { STUDIO_ARG_ANY }, "move it down", track_down, NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, { STUDIO_ARG_ANY }, NULL, NULL, NULL, 0 },
};

/* :marker add [NAME] [TIME] | name NAME | del: at the playhead or TIME, or the one at or
 * before the playhead. With two words or more, a last one that reads as :locate reads it
 * (12.5, 1:05, b21) is the time; a name ending in a number is quoted ("Verse 2"). */
static void marker_add(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	char word[STUDIO_LINE_MAX + 1]; /* the whole line: a name too long is refused, not cut */
	double sec;
	struct err_msg msg = { .text = "" };
	if (a->argc >= 4 && studio_line_when(l->st, a->argv[a->argc - 1], &sec, &msg)) {
		struct studio_words name = *a;
		name.argc--;
		rest_of_line(&name, 2, word, sizeof word);
		studio_marker_add_at(l->st, word, sec);
		return;
	}
	if (msg.text[0]) { /* a bar the map has not */
		studio_error(l->st, "marker: %s", msg.text);
		return;
	}
	rest_of_line(a, 2, word, sizeof word);
	studio_marker_add(l->st, word);
}

static void marker_name(struct studio_line *l)
{
	char word[STUDIO_LINE_MAX + 1];
	rest_of_line(l->w, 2, word, sizeof word);
	studio_marker_rename(l->st, word);
}

static void marker_del(struct studio_line *l) { studio_marker_delete(l->st); }

const struct studio_command studio_line_marker_subs[] = {
	{ "add", NULL, "[NAME] [TIME]", 0, STUDIO_LINE_ANY, { STUDIO_ARG_ANY },
	  "a marker at the playhead or at TIME", marker_add, NULL, 0 },
	{ "name", NULL, "NAME", 1, STUDIO_LINE_ANY, { STUDIO_ARG_ANY }, "rename it", marker_name,
	  NULL, 0 },
	{ "del", NULL, "", 0, 0, { STUDIO_ARG_ANY }, "delete it", marker_del, NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, { STUDIO_ARG_ANY }, NULL, NULL, NULL, 0 },
};

const struct studio_command studio_line_fade_subs[] = {
	{ "in", NULL, "SECONDS [linear|equal_power|s_curve]", 1, 2,
	  { STUDIO_ARG_ANY, STUDIO_ARG_CHOICE }, "the fade-in", studio_line_fade, NULL, 0 },
	{ "out", NULL, "SECONDS [linear|equal_power|s_curve]", 1, 2,
	  { STUDIO_ARG_ANY, STUDIO_ARG_CHOICE }, "the fade-out", studio_line_fade, NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, { STUDIO_ARG_ANY }, NULL, NULL, NULL, 0 },
};

const struct studio_command studio_line_trim_subs[] = {
	{ "start", NULL, "SECONDS", 1, 1, { STUDIO_ARG_ANY }, "the start edge", studio_line_trim,
	  NULL, 0 },
	{ "end", NULL, "SECONDS", 1, 1, { STUDIO_ARG_ANY }, "the end edge", studio_line_trim, NULL,
	  0 },
	{ NULL, NULL, NULL, 0, 0, { STUDIO_ARG_ANY }, NULL, NULL, NULL, 0 },
};

static void loop_on(struct studio_line *l) { studio_loop_enable(l->st, l->sel, true); }
static void loop_off(struct studio_line *l) { studio_loop_enable(l->st, l->sel, false); }
static void loop_clip(struct studio_line *l) { studio_loop_from_clips(l->st, l->sel); }
static void loop_markers(struct studio_line *l) { studio_loop_from_markers(l->st); }

const struct studio_command studio_line_loop_subs[] = {
	{ "on", NULL, "", 0, 0, { STUDIO_ARG_ANY }, "loop on", loop_on, NULL, 0 },
	{ "off", NULL, "", 0, 0, { STUDIO_ARG_ANY }, "loop off", loop_off, NULL, 0 },
	{ "clip", NULL, "", 0, 0, { STUDIO_ARG_ANY }, "over the selected clips", loop_clip, NULL,
	  0 },
	{ "markers", NULL, "", 0, 0, { STUDIO_ARG_ANY }, "between the markers around the playhead",
	  loop_markers, NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, { STUDIO_ARG_ANY }, NULL, NULL, NULL, 0 },
};

/* :loop START END (words that are no sub-verb) */
void studio_line_loop(struct studio_line *l)
{
	const struct studio_words *a = l->w;
	double s, e;
	struct err_msg msg;
	if (studio_line_when(l->st, a->argv[1], &s, &msg)
		&& studio_line_when(l->st, a->argv[2], &e, &msg))
		studio_loop_set(l->st, s, e);
	else if (msg.text[0]) /* a bar the map has not */
		studio_error(l->st, "loop: %s", msg.text);
	else
		studio_line_usage(l);
}
