/* The studio's monitor controls (see ui/monitor.h). */
#include "ui/monitor.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/analysis.h"
#include "audio/cmd.h"
#include "audio/monitor.h"
#include "audio/reference.h"
#include "src/base/xalloc.h"
#include "ui/cmdline.h"
#include "ui/commands.h"

struct ui_monitor {
	/* the A/B: every master insert bypassed while `ab.bypassed`; ab_graph is the
	 * graph the bypass was last sent to (a rebuilt graph comes with the project's own
	 * bypass flags and must be told again) */
	struct monitor_ab ab;
	const struct graph *ab_graph;
	double measured_sec;             /* the analysis' clock, last seen */
	/* the reference */
	bool has_ref;
	double ref_lufs;
	char ref_name[128];
	double ref_match_db;
};

void ui_monitor_open(struct ui_app *app)
{
	if (!app->st->mon)
		app->st->mon = xcalloc(1, sizeof *app->st->mon);
	struct err_msg msg;
	if (monitor_create(&app->st->monitor, app->st->project->sample_rate, &msg) != ERR_OK) {
		app->st->monitor = NULL;
		ui_error(app, "no monitor section: %s", msg.text);
	}
}

void ui_monitor_close(struct ui_app *app)
{
	monitor_destroy(app->st->monitor);
	app->st->monitor = NULL;
	free(app->st->mon);
	app->st->mon = NULL;
}

static bool have(struct ui_app *app)
{
	if (app->st->monitor && app->st->mon)
		return true;
	ui_error(app, "the monitor section is not available");
	return false;
}

/* Tell the engine every master insert's bypass: the project's own, or all of them
 * while the A/B compares without the chain. Not an edit: nothing is saved or undone. */
static void send_chain_bypass(struct ui_app *app)
{
	const struct project *p = app->st->project;
	for (int i = 0; i < p->n_master_inserts; i++) {
		struct cmd c = { .type = CMD_FX_BYPASS, .strip = STRIP_MASTER, .slot = i,
			.on = p->master_inserts[i].bypass || app->st->mon->ab.bypassed };
		engine_send(app->st->engine, &c);
	}
	app->st->mon->ab_graph = app->st->graph;
}

void ui_monitor_tick(struct ui_app *app)
{
	if (!app->st->monitor || !app->st->mon)
		return;
	monitor_collect(app->st->monitor);
	if (app->st->mon->ab.bypassed && app->st->mon->ab_graph != app->st->graph)
		send_chain_bypass(app);
}

void ui_monitor_analysis(struct ui_app *app, const struct analysis_snapshot *s)
{
	if (!app->st->monitor || !app->st->mon)
		return;
	struct ui_monitor *u = app->st->mon;
	u->measured_sec = s->measured_sec;
	monitor_ab_update(&u->ab, s->shortterm_lufs, s->pre_shortterm_lufs,
		app->st->project->master_gain_db, s->measured_sec);
	monitor_set_trim_db(app->st->monitor, monitor_ab_trim_db(&u->ab));
	if (u->has_ref) {
		/* the integrated loudness once there is one: it moves least */
		const double mix = isfinite(s->integrated_lufs) ? s->integrated_lufs
			: s->shortterm_lufs;
		u->ref_match_db = reference_match_db(mix, u->ref_lufs);
		monitor_set_reference_gain_db(app->st->monitor, u->ref_match_db);
	}
}

bool ui_monitor_label(const struct ui_app *app, char *buf, size_t size)
{
	buf[0] = '\0';
	if (!app->st->monitor || !app->st->mon)
		return false;
	const struct monitor *m = app->st->monitor;
	const bool ab = app->st->mon->ab.bypassed;
	if (!monitor_engaged(m) && !ab)
		return false;
	size_t used = (size_t)snprintf(buf, size, "MON");
#define ADD(...) do { if (used < size) \
	used += (size_t)snprintf(buf + used, size - used, __VA_ARGS__); } while (0)
	if (monitor_source(m) == MONITOR_SOURCE_REFERENCE)
		ADD(" REF");
	if (monitor_mode(m) != MONITOR_STEREO)
		ADD(" %s", monitor_mode_name(monitor_mode(m)));
	if (monitor_dim(m))
		ADD(" dim");
	if (monitor_crossfeed(m) != MONITOR_XFEED_OFF)
		ADD(" xf:%s", monitor_crossfeed_name(monitor_crossfeed(m)));
	if (monitor_speaker(m) != MONITOR_SPEAKER_OFF)
		ADD(" spk:%s", monitor_speaker_name(monitor_speaker(m)));
	if (ab)
		ADD(" A/B:bypass %+.1fdB", monitor_ab_trim_db(&app->st->mon->ab));
#undef ADD
	return true;
}

static void say_state(struct ui_app *app, const char *what)
{
	char label[128];
	if (ui_monitor_label(app, label, sizeof label))
		ui_message(app, "monitor: %s (%s; heard, never rendered)", what, label);
	else
		ui_message(app, "monitor: %s (plain stereo of the mix)", what);
	app->need_draw = true;
}

void ui_monitor_next_mode(struct ui_app *app)
{
	if (!have(app))
		return;
	const enum monitor_mode next = (monitor_mode(app->st->monitor) + 1) % MONITOR_MODES;
	monitor_set_mode(app->st->monitor, next);
	say_state(app, monitor_mode_name(next));
}

void ui_monitor_toggle_dim(struct ui_app *app)
{
	if (!have(app))
		return;
	const bool on = !monitor_dim(app->st->monitor);
	monitor_set_dim(app->st->monitor, on);
	say_state(app, on ? "dim -20 dB" : "dim off");
}

void ui_monitor_next_crossfeed(struct ui_app *app)
{
	if (!have(app))
		return;
	const enum monitor_crossfeed x = (monitor_crossfeed(app->st->monitor) + 1) % MONITOR_XFEEDS;
	monitor_set_crossfeed(app->st->monitor, x);
	char what[64];
	snprintf(what, sizeof what, "headphone crossfeed %s", monitor_crossfeed_name(x));
	say_state(app, what);
}

void ui_monitor_next_speaker(struct ui_app *app)
{
	if (!have(app))
		return;
	const enum monitor_speaker s = (monitor_speaker(app->st->monitor) + 1) % MONITOR_SPEAKERS;
	monitor_set_speaker(app->st->monitor, s);
	char what[64];
	snprintf(what, sizeof what, "speaker simulation %s", monitor_speaker_name(s));
	say_state(app, what);
}

void ui_monitor_toggle_ab(struct ui_app *app)
{
	if (!have(app))
		return;
	struct ui_monitor *u = app->st->mon;
	if (app->st->project->n_master_inserts == 0) {
		ui_error(app, "A/B: the master chain is empty (:insert master add TYPE)");
		return;
	}
	monitor_ab_set_bypassed(&u->ab, !u->ab.bypassed, u->measured_sec);
	send_chain_bypass(app);
	monitor_set_trim_db(app->st->monitor, monitor_ab_trim_db(&u->ab));
	if (!u->ab.bypassed)
		say_state(app, "A/B: the master chain plays");
	else if (u->ab.known)
		say_state(app, "A/B: chain bypassed, level matched");
	else
		say_state(app, "A/B: chain bypassed; not level matched yet (play with the chain "
			"on, mastering page showing)");
}

void ui_monitor_toggle_reference(struct ui_app *app)
{
	if (!have(app))
		return;
	if (!app->st->mon->has_ref) {
		ui_error(app, "no reference loaded: :reference FILE");
		return;
	}
	const bool to_ref = monitor_source(app->st->monitor) == MONITOR_SOURCE_MIX;
	monitor_set_source(app->st->monitor, to_ref ? MONITOR_SOURCE_REFERENCE : MONITOR_SOURCE_MIX);
	char what[200];
	if (to_ref)
		snprintf(what, sizeof what, "reference %s at %+.1f dB", app->st->mon->ref_name,
			app->st->mon->ref_match_db);
	else
		snprintf(what, sizeof what, "back to the mix");
	say_state(app, what);
}

static struct ui_line_args *line_args(struct ui_app *app)
{
	return &app->cmdline->args;
}

void ui_line_monitor(struct ui_app *app)
{
	if (!have(app))
		return;
	struct ui_line_args *a = line_args(app);
	if (a->argc != 2) {
		ui_line_usage(app);
		return;
	}
	const char *w = a->argv[1];
	enum monitor_mode mode;
	if (monitor_mode_parse(w, &mode)) {
		monitor_set_mode(app->st->monitor, mode);
		say_state(app, w);
	} else if (!strcmp(w, "dim")) {
		monitor_set_dim(app->st->monitor, !monitor_dim(app->st->monitor));
		say_state(app, monitor_dim(app->st->monitor) ? "dim -20 dB" : "dim off");
	} else if (!strcmp(w, "off")) {
		monitor_set_mode(app->st->monitor, MONITOR_STEREO);
		monitor_set_dim(app->st->monitor, false);
		monitor_set_crossfeed(app->st->monitor, MONITOR_XFEED_OFF);
		monitor_set_speaker(app->st->monitor, MONITOR_SPEAKER_OFF);
		monitor_set_source(app->st->monitor, MONITOR_SOURCE_MIX);
		say_state(app, "all off");
	} else {
		bool found = false;
		for (int x = 1; x < MONITOR_XFEEDS && !found; x++)
			if (!strcmp(w, monitor_crossfeed_name((enum monitor_crossfeed)x))) {
				monitor_set_crossfeed(app->st->monitor, (enum monitor_crossfeed)x);
				found = true;
			}
		for (int s = 1; s < MONITOR_SPEAKERS && !found; s++)
			if (!strcmp(w, monitor_speaker_name((enum monitor_speaker)s))) {
				monitor_set_speaker(app->st->monitor, (enum monitor_speaker)s);
				found = true;
			}
		if (!found) {
			ui_error(app, ":monitor: no mode %s (stereo mono left right side swap dim "
				"bs2b chumoy jmeier laptop phone earbuds off)", w);
			return;
		}
		say_state(app, w);
	}
}

void ui_line_reference(struct ui_app *app)
{
	if (!have(app))
		return;
	struct ui_line_args *a = line_args(app);
	if (a->argc < 2) {
		ui_line_usage(app);
		return;
	}
	char path[1024] = "";
	for (int i = 1; i < a->argc; i++) { /* a file name may hold spaces */
		size_t used = strlen(path);
		snprintf(path + used, sizeof path - used, "%s%s", i > 1 ? " " : "", a->argv[i]);
	}
	struct ui_monitor *u = app->st->mon;
	if (!strcmp(path, "off")) {
		monitor_set_source(app->st->monitor, MONITOR_SOURCE_MIX);
		if (monitor_set_reference(app->st->monitor, NULL, 0) != ERR_OK) {
			ui_error(app, "reference: the audio output is not running; try again");
			return;
		}
		u->has_ref = false;
		say_state(app, "reference removed");
		return;
	}
	struct reference_track ref;
	struct err_msg msg;
	if (reference_load(path, app->st->project->sample_rate, &ref, &msg) != ERR_OK) {
		ui_error(app, "%s", msg.text);
		return;
	}
	if (monitor_set_reference(app->st->monitor, ref.frames, ref.n_frames) != ERR_OK) {
		free(ref.frames);
		ui_error(app, "reference: the audio output is not running; try again");
		return;
	}
	u->has_ref = true;
	u->ref_lufs = ref.integrated_lufs;
	const char *base = strrchr(path, '/');
	snprintf(u->ref_name, sizeof u->ref_name, "%s", base ? base + 1 : path);
	ui_message(app, "reference %s: %.1f s, %.1f LUFS integrated; R switches to it "
		"(level-matched while the mastering page measures the mix)", u->ref_name,
		(double)ref.n_frames / app->st->project->sample_rate, ref.integrated_lufs);
}
