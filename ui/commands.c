/* The ':' commands' execs (ui/command_table.c finds them and counts their words):
 * they read the values and apply them through ui/edit.c (so they are undoable and
 * reach the engine exactly as key edits do). :render builds the graph here and
 * renders on a worker thread. */
#include "ui/commands.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "src/graph_build.h"
#include "src/render_file.h"
#include "src/base/xalloc.h"
#include "src/studio/automation.h"
#include "src/studio/clipedit.h"
#include "src/studio/trackedit.h"
#include "src/studio/edit.h"
#include "ui/keys.h"
#include "src/studio/saving.h"
#include "src/studio/strip.h"

static struct ui_line_args *args_of(struct ui_app *app)
{
	return &app->cmdline->args;
}

/* ---- reading the words ---- */

/* A strip by name (exact, then ignoring case), "master", or a track's number. */
bool ui_line_strip(struct ui_app *app, const char *word, int *strip)
{
	if (!strcmp(word, ".")) {
		/* the selected strip; the arranger shows the master's position as the last
		 * track (as its keys do) */
		const int n = app->st->project->n_tracks;
		*strip = studio_strip_of(app->st, app->page == UI_PAGE_ARRANGER && app->sel.strip >= n
			&& n > 0 ? n - 1 : app->sel.strip);
		return true;
	}
	int s = studio_strip_find(app->st, word);
	if (s == -2) {
		ui_error(app, "no track or bus \"%s\" (a name, 1 to %d, or master)", word,
			app->st->project->n_tracks);
		return false;
	}
	*strip = s;
	return true;
}

bool ui_line_strip_args(struct ui_app *app, int min_argc, int max_argc, int *strip)
{
	const struct ui_line_args *a = &app->cmdline->args;
	if (a->argc < min_argc || a->argc > max_argc) {
		ui_line_usage(app);
		return false;
	}
	return ui_line_strip(app, a->argv[1], strip);
}

static bool parse_strip(struct ui_app *app, const char *word, int *strip)
{
	return ui_line_strip(app, word, strip);
}

bool ui_line_number(const char *s, double *out)
{
	if (!*s)
		return false;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (*end || errno == ERANGE || !isfinite(v))
		return false;
	*out = v;
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
		if (!ui_line_number(s + 1, &pct) || pct > 100)
			return false;
		*out = (side == 'L' ? -pct : pct) / 100.0;
		return true;
	}
	double v;
	if (!ui_line_number(s, &v) || v < -1 || v > 1)
		return false;
	*out = v;
	return true;
}

/* Seconds, or m:ss(.fraction). */
static bool parse_time(const char *s, double *out)
{
	const char *colon = strchr(s, ':');
	double v;
	if (!colon) {
		if (!ui_line_number(s, &v))
			return false;
	} else {
		char minutes[32];
		size_t n = (size_t)(colon - s);
		if (n == 0 || n >= sizeof minutes)
			return false;
		memcpy(minutes, s, n);
		minutes[n] = '\0';
		double m, sec;
		if (!ui_line_number(minutes, &m) || m < 0 || m != floor(m)
			|| !ui_line_number(colon + 1, &sec) || sec < 0 || sec >= 60)
			return false;
		v = m * 60 + sec;
	}
	if (v < 0 || v > PROJECT_MAX_SECONDS)
		return false;
	*out = v;
	return true;
}

/* "+=N" or "-=N": a step from the value the strip has now (automation included, as
 * the keys step it), kept within [min, max]; a plain "-3" stays absolute. 0 when word
 * is no step, 1 with *out set, -1 when it is a bad one. */
static int relative_value(struct ui_app *app, enum control_id field, int strip,
	const char *word, double min, double max, double *out)
{
	if ((word[0] != '+' && word[0] != '-') || word[1] != '=')
		return 0;
	double step;
	if (!ui_line_number(word + 2, &step))
		return -1;
	double v = studio_auto_current(app->st, field, strip, 0, 0) + (word[0] == '-' ? -step : step);
	*out = v < min ? min : v > max ? max : v;
	return 1;
}

/* Set a field from the line, saying what happened. */
static void set_field(struct ui_app *app, enum control_id field, int strip, double value)
{
	char shown[32];
	if (studio_edit_set(app->st, field, strip, value)) {
		studio_edit_format(field, studio_edit_get(app->st, field, strip), shown, sizeof shown);
		ui_message(app, "%s %s %s", studio_strip_name(app->st, strip),
			studio_edit_field_name(field), shown);
	} else {
		studio_edit_format(field, studio_edit_get(app->st, field, strip), shown, sizeof shown);
		ui_message(app, "%s %s is already %s", studio_strip_name(app->st, strip),
			studio_edit_field_name(field), shown);
	}
}

/* ---- the commands ---- */

void ui_line_gain(struct ui_app *app)
{
	struct ui_line_args *a = args_of(app);
	int strip;
	double db;
	if (!ui_line_strip(app, a->argv[1], &strip))
		return;
	const int rel = relative_value(app, CONTROL_GAIN, strip, a->argv[2],
		PROJECT_MIN_GAIN_DB, PROJECT_MAX_GAIN_DB, &db);
	if (rel < 0) {
		ui_error(app, "gain takes a step in dB after += or -=, not \"%s\"", a->argv[2]);
		return;
	}
	if (rel == 0 && !strcasecmp(a->argv[2], "-inf"))
		db = PROJECT_MIN_GAIN_DB;
	else if (rel == 0 && (!ui_line_number(a->argv[2], &db) || db < PROJECT_MIN_GAIN_DB
		|| db > PROJECT_MAX_GAIN_DB)) {
		ui_error(app, "gain takes %g to %+g dB (or -inf), not \"%s\"", PROJECT_MIN_GAIN_DB,
			PROJECT_MAX_GAIN_DB, a->argv[2]);
		return;
	}
	set_field(app, CONTROL_GAIN, strip, db);
}

void ui_line_pan(struct ui_app *app)
{
	struct ui_line_args *a = args_of(app);
	int strip;
	double pan;
	if (!ui_line_strip(app, a->argv[1], &strip))
		return;
	if (strip == STRIP_MASTER) {
		ui_error(app, "the master has no pan");
		return;
	}
	const int rel = relative_value(app, CONTROL_PAN, strip, a->argv[2], -1, 1, &pan);
	if (rel < 0) {
		ui_error(app, "pan takes a step after += or -= (0.05), not \"%s\"", a->argv[2]);
		return;
	}
	if (rel == 0 && !parse_pan(a->argv[2], &pan)) {
		ui_error(app, "pan takes -1 to 1, or L100..C..R100, not \"%s\"", a->argv[2]);
		return;
	}
	set_field(app, CONTROL_PAN, strip, pan);
}

static void switch_field(struct ui_app *app, enum control_id field)
{
	struct ui_line_args *a = args_of(app);
	int strip;
	if (!parse_strip(app, a->argv[1], &strip))
		return;
	if (strip == STRIP_MASTER) {
		ui_error(app, "the master has no %s", studio_edit_field_name(field));
		return;
	}
	double on;
	if (a->argc == 2)
		on = studio_edit_get(app->st, field, strip) != 0 ? 0.0 : 1.0; /* as the key: toggle */
	else if (!strcasecmp(a->argv[2], "on"))
		on = 1.0;
	else if (!strcasecmp(a->argv[2], "off"))
		on = 0.0;
	else {
		ui_error(app, "%s takes on or off, not \"%s\"", studio_edit_field_name(field),
			a->argv[2]);
		return;
	}
	set_field(app, field, strip, on);
}

/* ---- the arranger's selected clip: pitch and varispeed ---- */

/* The clip the arranger has selected (its track is the shared selection). */
static bool selected_clip(struct ui_app *app, int *track, int *clip)
{
	const struct project *p = app->st->project;
	if (app->st->throwaway) {
		ui_error(app, "quick audition: pitch needs a project folder for its cache "
			"(ttymix new DIR FILE...)");
		return false;
	}
	*track = app->sel.strip < p->n_tracks ? app->sel.strip : p->n_tracks - 1;
	*clip = app->sel.clip;
	if (*track < 0 || *clip < 0 || *clip >= p->tracks[*track].n_clips) {
		ui_error(app, "no clip selected (page 1, Tab selects one)");
		return false;
	}
	return true;
}

/* A whole number in [min, max]. */
static bool parse_whole(const char *s, int min, int max, int *out)
{
	double v;
	if (!ui_line_number(s, &v) || v != floor(v) || v < min || v > max)
		return false;
	*out = (int)v;
	return true;
}

static void set_clip_field(struct ui_app *app, enum studio_clip_field field, int track, int clip,
	double value)
{
	char shown[32];
	const bool changed = studio_edit_set_clip(app->st, field, track, clip, value);
	studio_edit_clip_format(field, studio_edit_get_clip(app->st, field, track, clip), shown, sizeof shown);
	if (!changed)
		ui_message(app, "%s clip %d %s is already %s", studio_strip_name(app->st, track), clip + 1,
			studio_edit_clip_name(field), shown);
	else if (!studio_pitch_busy(app->st)) /* else "pitching clip... N%" says more */
		ui_message(app, "%s clip %d %s %s", studio_strip_name(app->st, track), clip + 1,
			studio_edit_clip_name(field), shown);
}

void ui_line_pitch(struct ui_app *app)
{
	struct ui_line_args *a = args_of(app);
	int track, clip, semitones, cents = 0;
	if (!parse_whole(a->argv[1], PROJECT_MIN_SEMITONES, PROJECT_MAX_SEMITONES, &semitones)) {
		ui_error(app, "pitch takes whole semitones from %d to %+d, not \"%s\"",
			PROJECT_MIN_SEMITONES, PROJECT_MAX_SEMITONES, a->argv[1]);
		return;
	}
	if (a->argc == 3 && !parse_whole(a->argv[2], PROJECT_MIN_CENTS, PROJECT_MAX_CENTS,
		&cents)) {
		ui_error(app, "pitch takes whole cents from %d to %+d, not \"%s\"",
			PROJECT_MIN_CENTS, PROJECT_MAX_CENTS, a->argv[2]);
		return;
	}
	if (selected_clip(app, &track, &clip))
		set_clip_field(app, STUDIO_CLIP_PITCH, track, clip,
			studio_edit_pitch_value(semitones, cents));
}

void ui_line_varispeed(struct ui_app *app)
{
	struct ui_line_args *a = args_of(app);
	int track, clip;
	double on = -1;
	if (a->argc == 2 && !strcasecmp(a->argv[1], "on"))
		on = 1.0;
	else if (a->argc == 2 && !strcasecmp(a->argv[1], "off"))
		on = 0.0;
	else if (a->argc == 2) {
		ui_error(app, "varispeed takes on or off, not \"%s\"", a->argv[1]);
		return;
	}
	if (!selected_clip(app, &track, &clip))
		return;
	if (on < 0) /* no word: toggle */
		on = studio_edit_get_clip(app->st, STUDIO_CLIP_VARISPEED, track, clip) != 0 ? 0.0 : 1.0;
	set_clip_field(app, STUDIO_CLIP_VARISPEED, track, clip, on);
}

void ui_line_mute(struct ui_app *app) { switch_field(app, CONTROL_MUTE); }
void ui_line_solo(struct ui_app *app) { switch_field(app, CONTROL_SOLO); }

void ui_line_play(struct ui_app *app)
{
	studio_transport_play(app->st);
}

void ui_line_stop(struct ui_app *app)
{
	studio_transport_stop(app->st);
}

/* The one word of a command that takes a time (":locate 1:05", ":move 12.5"); false
 * (what is wrong said) otherwise. */
static bool one_time_arg(struct ui_app *app, const char *verb, double *sec)
{
	const struct ui_line_args *a = args_of(app);
	if (!parse_time(a->argv[1], sec)) {
		ui_error(app, "%s takes seconds (12.5) or m:ss (1:05), not \"%s\"", verb,
			a->argv[1]);
		return false;
	}
	return true;
}

void ui_line_locate(struct ui_app *app)
{
	struct ui_line_args *a = args_of(app);
	double sec;
	if (!one_time_arg(app, "locate", &sec))
		return;
	studio_transport_locate(app->st, graph_frames(sec, app->st->project->sample_rate));
	ui_message(app, "at %s", a->argv[1]);
}

void ui_line_write(struct ui_app *app)
{
	if (args_of(app)->argc == 2)
		studio_save_as(app->st, args_of(app)->argv[1]); /* Save As: ui/saving.c */
	else
		ui_command_run(app, "save");
}

void ui_line_write_over(struct ui_app *app)
{
	app->st->save_over = true;
	ui_command_run(app, "save");
	app->st->save_over = false;
}

static void leave(struct ui_app *app)
{
	ui_render_stop(app);
	app->quit = true;
}

void ui_line_quit(struct ui_app *app)
{
	if (!app->st->throwaway && studio_dirty(app->st)) {
		ui_error(app, "unsaved changes: :w saves, :q! quits without saving");
		return;
	}
	leave(app);
}

void ui_line_quit_discard(struct ui_app *app)
{
	leave(app);
}

void ui_line_write_quit(struct ui_app *app)
{
	ui_command_run(app, "save");
	if (!app->st->throwaway && !studio_dirty(app->st))
		leave(app);
}

void ui_line_open(struct ui_app *app)
{
	ui_cmdline_open(app);
}

void ui_line_device(struct ui_app *app)
{
	struct ui_line_args *a = args_of(app);
	/* no word: the output the command line asked for (--output, --device) */
	struct driver_config cfg = { .kind = app->st->globals->output,
		.device = app->st->globals->device, .buffer_frames = app->st->globals->buffer_frames };
	char name[256] = "";
	for (int i = 1; i < a->argc; i++) { /* a device name may hold spaces */
		size_t used = strlen(name);
		snprintf(name + used, sizeof name - used, "%s%s", i > 1 ? " " : "", a->argv[i]);
	}
	if (a->argc > 1 && !strcasecmp(name, "null")) {
		cfg.kind = DRIVER_NULL;
		cfg.device = NULL;
	} else if (a->argc > 1) {
		cfg.kind = DRIVER_PA; /* a named device that fails to open is an error */
		cfg.device = name;
	}
	studio_transport_reopen(app->st, &cfg);
}

/* The DSP load since the start (or the last reset): what an engineer reads first when
 * playback stutters. Callbacks over their period (by their own CPU time) are xruns
 * ttymix caused; late callbacks kept from running, and the rest of the xrun count,
 * came from elsewhere (the server, the scheduler, the machine). */
void ui_line_dsp(struct ui_app *app)
{
	struct engine_load load;
	engine_dsp_load(app->st->engine, &load);
	/* fits 80 columns: the man page says what overruns and stalls are */
	ui_message(app, "DSP %.1f %%, worst %.1f %%; %llu overruns, %llu stalls in %llu "
		"callbacks; xruns %u", load.mean * 100.0, load.worst * 100.0,
		(unsigned long long)load.overruns, (unsigned long long)load.stalls,
		(unsigned long long)load.callbacks, engine_xruns(app->st->engine));
}

/* :dsp reset */
static void dsp_reset(struct ui_app *app)
{
	engine_dsp_load_reset(app->st->engine);
	ui_message(app, "DSP: worst, overruns and stalls counted from now");
}

const struct ui_line_command ui_line_dsp_subs[] = {
	{ "reset", NULL, "", 0, 0, { UI_ARG_ANY }, "count from now", dsp_reset, NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, { UI_ARG_ANY }, NULL, NULL, NULL, 0 },
};

/* ---- :render, on a worker thread ---- */

struct ui_render_job {
	pthread_t thread;
	struct graph *graph;          /* the worker's until it ends (render_file frees it) */
	char *path, *title;
	struct render_file_opts opts;
	double started_sec;
	int64_t frames;               /* the length rendered, at the project rate */
	int rate;
	/* shared with the worker: */
	_Atomic int64_t done_frames;  /* progress */
	atomic_bool stop;             /* the UI asks the worker to give up */
	atomic_bool finished;         /* the worker is done; result and msg are final */
	atomic_uint warnings;         /* clips that failed while rendering */
	enum err result;
	struct err_msg msg;
	int shown_percent;            /* UI side */
};

static double monotonic_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static bool job_progress(void *arg, int64_t done, int64_t total)
{
	struct ui_render_job *j = arg;
	(void)total;
	atomic_store_explicit(&j->done_frames, done, memory_order_relaxed);
	return !atomic_load_explicit(&j->stop, memory_order_relaxed);
}

static void job_warn(void *arg, const char *why)
{
	struct ui_render_job *j = arg;
	(void)why; /* the live session reports the same clip when it plays */
	atomic_fetch_add_explicit(&j->warnings, 1, memory_order_relaxed);
}

static void *job_main(void *arg)
{
	struct ui_render_job *j = arg;
	j->result = render_file(j->graph, j->path, &j->opts, &j->msg);
	j->graph = NULL;
	atomic_store_explicit(&j->finished, true, memory_order_release);
	return NULL;
}

static void job_free(struct ui_render_job *j)
{
	free(j->path);
	free(j->title);
	free(j);
}

void ui_line_render(struct ui_app *app)
{
	struct ui_line_args *a = args_of(app);
	const char *path = a->argv[1];
	if (app->st->render) {
		ui_error(app, "a render is already running");
		return;
	}
	if (studio_pitch_busy(app->st)) {
		/* the graph would hold the unprocessed clip: a bounce must sound as played */
		ui_error(app, "a clip is still being pitched: :render once it is done");
		return;
	}
	/* as `ttymix render -o FILE [--bits B]`: the format from the name, 24-bit unless
	 * told, TPDF dither for 16-bit */
	struct render_file_opts opts;
	render_file_opts_init(&opts);
	if (!render_file_container_of(path, &opts.container)) {
		ui_error(app, "cannot tell the format of \"%s\": end it in .wav, .flac, .ogg or "
			".aiff", path);
		return;
	}
	if (a->argc == 3 && !media_sample_parse(a->argv[2], &opts.sample)) {
		ui_error(app, "render takes 16, 24 or 32f bits, not \"%s\"", a->argv[2]);
		return;
	}
	if (opts.container == MEDIA_FLAC && opts.sample == MEDIA_FLOAT32) {
		ui_error(app, "FLAC stores 16 or 24-bit, not 32f");
		return;
	}
	int n_inputs;
	struct render_input *inputs = render_file_project_inputs(app->st->project, &n_inputs);
	struct err_msg why;
	enum err refused = render_file_check_target(path, inputs, n_inputs, &why);
	render_file_inputs_free(inputs, n_inputs);
	if (refused != ERR_OK) {
		ui_error(app, "not rendered: %s", why.text);
		return;
	}
	struct ui_render_job *j = xcalloc(1, sizeof *j);
	j->opts = opts;
	struct diag d;
	diag_init(&d);
	enum err rc = graph_build(app->st->project, true, &j->graph, &d);
	if (rc != ERR_OK) {
		ui_error(app, "not rendered: %s", d.count ? d.items[0].text : err_str(rc));
		diag_deinit(&d);
		free(j);
		return;
	}
	diag_deinit(&d);
	if (j->graph->end_frame <= 0) {
		ui_error(app, "nothing to render: the project has no audio");
		graph_destroy(j->graph);
		free(j);
		return;
	}
	j->path = xstrdup(path);
	j->title = xstrdup(app->st->project->name);
	j->frames = j->graph->end_frame;
	j->rate = app->st->project->sample_rate;
	j->opts.end_frame = j->frames;
	j->opts.title = j->title;
	j->opts.warn = job_warn;
	j->opts.warn_arg = j;
	j->opts.progress = job_progress;
	j->opts.progress_arg = j;
	j->shown_percent = -1;
	j->started_sec = monotonic_sec();
	if (pthread_create(&j->thread, NULL, job_main, j) != 0) {
		graph_destroy(j->graph);
		job_free(j);
		ui_error(app, "not rendered: no thread to render on");
		return;
	}
	app->st->render = j;
	ui_message(app, "rendering %s...", path);
}

void ui_render_poll(struct ui_app *app)
{
	struct ui_render_job *j = app->st->render;
	if (!j)
		return;
	if (!atomic_load_explicit(&j->finished, memory_order_acquire)) {
		int64_t done = atomic_load_explicit(&j->done_frames, memory_order_relaxed);
		int percent = (int)(done * 100 / j->frames);
		if (percent != j->shown_percent) {
			j->shown_percent = percent;
			ui_message(app, "rendering %s... %d%%", j->path, percent);
		}
		return;
	}
	pthread_join(j->thread, NULL);
	app->st->render = NULL;
	const double took = monotonic_sec() - j->started_sec;
	const unsigned warnings = atomic_load(&j->warnings);
	if (j->result != ERR_OK) {
		ui_error(app, "not rendered: %s", j->msg.text);
	} else {
		const double len = (double)j->frames / j->rate;
		ui_message(app, "rendered %s: %d:%04.1f of audio in %.1f s%s", j->path,
			(int)(len / 60), fmod(len, 60.0), took,
			warnings ? " (some clips failed and are silent: ttymix check)" : "");
	}
	job_free(j);
}

void ui_render_stop(struct ui_app *app)
{
	struct ui_render_job *j = app->st->render;
	if (!j)
		return;
	atomic_store_explicit(&j->stop, true, memory_order_relaxed);
	pthread_join(j->thread, NULL);
	app->st->render = NULL;
	job_free(j);
}

/* ---- clip, track, marker and loop edits ---- */

/* The words after the verb joined by spaces (a name may have several). */
static void rest_of_line(const struct ui_line_args *a, int from, char *buf, size_t size)
{
	buf[0] = '\0';
	for (int i = from; i < a->argc; i++) {
		if (i > from)
			strncat(buf, " ", size - strlen(buf) - 1);
		strncat(buf, a->argv[i], size - strlen(buf) - 1);
	}
}

void ui_line_clipgain(struct ui_app *app)
{
	struct ui_line_args *a = args_of(app);
	double db;
	if (!ui_line_number(a->argv[1], &db) || db < PROJECT_MIN_GAIN_DB
		|| db > PROJECT_MAX_GAIN_DB) {
		ui_error(app, "clip gain takes %g to %+g dB, not \"%s\"", PROJECT_MIN_GAIN_DB,
			PROJECT_MAX_GAIN_DB, a->argv[1]);
		return;
	}
	studio_clip_set_gain(app->st, &app->sel, db);
}

void ui_line_fade(struct ui_app *app)
{
	struct ui_line_args *a = args_of(app);
	double sec;
	if (!parse_time(a->argv[2], &sec)) {
		ui_error(app, "a fade is a length in seconds, not \"%s\"", a->argv[2]);
		return;
	}
	int shape = -1;
	if (a->argc == 4 && (shape = project_fade_shape_of(a->argv[3])) < 0) {
		ui_error(app, "\"%s\" is not a fade shape (linear, equal_power, s_curve)",
			a->argv[3]);
		return;
	}
	studio_clip_set_fade(app->st, &app->sel, !strcasecmp(a->argv[1], "out"), sec, shape);
}

void ui_line_move(struct ui_app *app)
{
	double sec;
	if (!one_time_arg(app, "move", &sec))
		return;
	studio_clip_move_to(app->st, &app->sel, sec);
}

void ui_line_trim(struct ui_app *app)
{
	struct ui_line_args *a = args_of(app);
	double sec;
	if (!ui_line_number(a->argv[2], &sec) || fabs(sec) > PROJECT_MAX_SECONDS) {
		ui_error(app, "trim takes seconds to move the edge by (-0.5 earlier, 0.25 later), "
			"not \"%s\"", a->argv[2]);
		return;
	}
	studio_clip_trim_by(app->st, &app->sel, !strcasecmp(a->argv[1], "end"), sec);
}

void ui_line_nudge(struct ui_app *app)
{
	struct ui_line_args *a = args_of(app);
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
	if (!ui_line_number(num, &v) || v <= 0 || v > 1e7) {
		ui_error(app, "nudge takes an amount with a unit: 10ms, 480f (frames), 0.25b "
			"(beats), not \"%s\"", a->argv[1]);
		return;
	}
	studio_clip_set_nudge(app->st, v, unit);
}

void ui_line_xfade(struct ui_app *app)
{
	struct ui_line_args *a = args_of(app);
	double ms;
	if (!ui_line_number(a->argv[1], &ms) || ms < 0 || ms > PROJECT_MAX_CROSSFADE_MS) {
		ui_error(app, "a crossfade is 0 to %g ms, not \"%s\"", PROJECT_MAX_CROSSFADE_MS,
			a->argv[1]);
		return;
	}
	studio_clip_set_crossfade(app->st, ms);
}

/* :track add [NAME] | del | name NAME | color COLOR|none | up | down: the selected
 * track (a name may be several words). */
static void track_add(struct ui_app *app)
{
	char word[UI_CMDLINE_MAX + 1]; /* the whole line: a name too long is refused, not cut */
	rest_of_line(args_of(app), 2, word, sizeof word);
	studio_track_add(app->st, &app->sel, word);
}

static void track_del(struct ui_app *app) { studio_track_remove(app->st, &app->sel); }

static void track_name(struct ui_app *app)
{
	char word[UI_CMDLINE_MAX + 1];
	rest_of_line(args_of(app), 2, word, sizeof word);
	studio_track_rename(app->st, &app->sel, word);
}

static void track_color(struct ui_app *app)
{
	const char *word = args_of(app)->argv[2];
	studio_track_color(app->st, &app->sel, strcmp(word, "none") ? word : NULL);
}

static void track_up(struct ui_app *app) { studio_track_move(app->st, &app->sel, -1); }
static void track_down(struct ui_app *app) { studio_track_move(app->st, &app->sel, 1); }

const struct ui_line_command ui_line_track_subs[] = {
	{ "add", NULL, "[NAME]", 0, UI_LINE_ANY, { UI_ARG_ANY }, "a track after this one",
	  track_add, NULL, 0 },
	{ "del", NULL, "", 0, 0, { UI_ARG_ANY }, "remove the selected track", track_del, NULL,
	  0 },
	{ "name", NULL, "NAME", 1, UI_LINE_ANY, { UI_ARG_ANY }, "rename it", track_name, NULL,
	  0 },
	{ "color", NULL, "COLOR|none", 1, 1, { UI_ARG_CHOICE }, "its colour", track_color,
	  NULL, 0 },
	{ "up", NULL, "", 0, 0, { UI_ARG_ANY }, "move it up", track_up, NULL, 0 },
	{ "down", NULL, "", 0, 0, { UI_ARG_ANY }, "move it down", track_down, NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, { UI_ARG_ANY }, NULL, NULL, NULL, 0 },
};

/* :marker add [NAME] | name NAME | del: at the playhead, or the one at or before it. */
static void marker_add(struct ui_app *app)
{
	char word[UI_CMDLINE_MAX + 1]; /* the whole line: a name too long is refused, not cut */
	rest_of_line(args_of(app), 2, word, sizeof word);
	studio_marker_add(app->st, word);
}

static void marker_name(struct ui_app *app)
{
	char word[UI_CMDLINE_MAX + 1];
	rest_of_line(args_of(app), 2, word, sizeof word);
	studio_marker_rename(app->st, word);
}

static void marker_del(struct ui_app *app) { studio_marker_delete(app->st); }

const struct ui_line_command ui_line_marker_subs[] = {
	{ "add", NULL, "[NAME]", 0, UI_LINE_ANY, { UI_ARG_ANY }, "a marker at the playhead",
	  marker_add, NULL, 0 },
	{ "name", NULL, "NAME", 1, UI_LINE_ANY, { UI_ARG_ANY }, "rename it", marker_name,
	  NULL, 0 },
	{ "del", NULL, "", 0, 0, { UI_ARG_ANY }, "delete it", marker_del, NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, { UI_ARG_ANY }, NULL, NULL, NULL, 0 },
};

const struct ui_line_command ui_line_fade_subs[] = {
	{ "in", NULL, "SECONDS [linear|equal_power|s_curve]", 1, 2,
	  { UI_ARG_ANY, UI_ARG_CHOICE }, "the fade-in", ui_line_fade, NULL, 0 },
	{ "out", NULL, "SECONDS [linear|equal_power|s_curve]", 1, 2,
	  { UI_ARG_ANY, UI_ARG_CHOICE }, "the fade-out", ui_line_fade, NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, { UI_ARG_ANY }, NULL, NULL, NULL, 0 },
};

const struct ui_line_command ui_line_trim_subs[] = {
	{ "start", NULL, "SECONDS", 1, 1, { UI_ARG_ANY }, "the start edge", ui_line_trim,
	  NULL, 0 },
	{ "end", NULL, "SECONDS", 1, 1, { UI_ARG_ANY }, "the end edge", ui_line_trim, NULL,
	  0 },
	{ NULL, NULL, NULL, 0, 0, { UI_ARG_ANY }, NULL, NULL, NULL, 0 },
};

static void loop_on(struct ui_app *app) { studio_loop_enable(app->st, &app->sel, true); }
static void loop_off(struct ui_app *app) { studio_loop_enable(app->st, &app->sel, false); }
static void loop_clip(struct ui_app *app) { studio_loop_from_clips(app->st, &app->sel); }
static void loop_markers(struct ui_app *app) { studio_loop_from_markers(app->st); }

const struct ui_line_command ui_line_loop_subs[] = {
	{ "on", NULL, "", 0, 0, { UI_ARG_ANY }, "loop on", loop_on, NULL, 0 },
	{ "off", NULL, "", 0, 0, { UI_ARG_ANY }, "loop off", loop_off, NULL, 0 },
	{ "clip", NULL, "", 0, 0, { UI_ARG_ANY }, "over the selected clips", loop_clip, NULL,
	  0 },
	{ "markers", NULL, "", 0, 0, { UI_ARG_ANY }, "between the markers around the playhead",
	  loop_markers, NULL, 0 },
	{ NULL, NULL, NULL, 0, 0, { UI_ARG_ANY }, NULL, NULL, NULL, 0 },
};

/* :loop START END (words that are no sub-verb) */
void ui_line_loop(struct ui_app *app)
{
	struct ui_line_args *a = args_of(app);
	double s, e;
	if (parse_time(a->argv[1], &s) && parse_time(a->argv[2], &e))
		studio_loop_set(app->st, s, e);
	else
		ui_line_usage(app);
}
