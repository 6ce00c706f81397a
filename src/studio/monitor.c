/* The studio's monitor controls (see ui/monitor.h). */
#include "src/studio/monitor.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/analysis.h"
#include "audio/cmd.h"
#include "audio/monitor.h"
#include "audio/reference.h"
#include "src/base/xalloc.h"

struct studio_monitor {
	/* the A/B: every master insert bypassed while `ab.bypassed`; ab_graph is the
	 * graph the bypass was last sent to (a rebuilt graph comes with the project's own
	 * bypass flags and must be told again) */
	struct monitor_ab ab;
	const struct graph *ab_graph;
	double measured_sec;             /* the analysis' clock, last seen */
	/* the :match A/B's (match_ab.c): its status words ("" when off) and trim */
	char match_label[64];
	double match_trim_db;
	/* the reference */
	bool has_ref;
	double ref_lufs;
	char ref_name[128];
	char *ref_path;                  /* as loaded, for :match (owned) */
	double ref_match_db;
};

void studio_monitor_open(struct studio *st)
{
	if (!st->mon)
		st->mon = xcalloc(1, sizeof *st->mon);
	struct err_msg msg;
	if (monitor_create(&st->monitor, st->project->sample_rate, &msg) != ERR_OK) {
		st->monitor = NULL;
		studio_error(st, "no monitor section: %s", msg.text);
	}
}

void studio_monitor_close(struct studio *st)
{
	monitor_destroy(st->monitor);
	st->monitor = NULL;
	if (st->mon)
		free(st->mon->ref_path);
	free(st->mon);
	st->mon = NULL;
}

bool studio_monitor_ready(struct studio *st)
{
	if (st->monitor && st->mon)
		return true;
	studio_error(st, "the monitor section is not available");
	return false;
}

/* Tell the engine every master insert's bypass: the project's own, or all of them
 * while the A/B compares without the chain. Not an edit: nothing is saved or undone. */
static void send_chain_bypass(struct studio *st)
{
	const struct project *p = st->project;
	for (int i = 0; i < p->master.n_inserts; i++) {
		struct cmd c = { .type = CMD_FX_BYPASS, .strip = STRIP_MASTER, .slot = i,
			.on = p->master.inserts[i].bypass || st->mon->ab.bypassed };
		engine_send(st->engine, &c);
	}
	st->mon->ab_graph = st->graph;
}

/* The monitor's trim: the bypass A/B's and the :match A/B's (one at a time is on). */
static void send_trim(struct studio *st)
{
	monitor_set_trim_db(st->monitor, monitor_ab_trim_db(&st->mon->ab) +
		st->mon->match_trim_db);
}

void studio_monitor_set_match_ab(struct studio *st, const char *label, double trim_db)
{
	if (!st->monitor || !st->mon)
		return;
	snprintf(st->mon->match_label, sizeof st->mon->match_label, "%s", label ? label : "");
	st->mon->match_trim_db = label ? trim_db : 0.0;
	/* the bypass A/B learns the project's chain again only once the short-term
	 * window holds none of the other side (it is off while this one is on) */
	if (!st->mon->ab.bypassed)
		monitor_ab_set_bypassed(&st->mon->ab, false, st->mon->measured_sec);
	send_trim(st);
}

bool studio_monitor_ab_off(struct studio *st)
{
	if (!st->monitor || !st->mon || !st->mon->ab.bypassed)
		return false;
	monitor_ab_set_bypassed(&st->mon->ab, false, st->mon->measured_sec);
	send_chain_bypass(st);
	send_trim(st);
	return true;
}

void studio_monitor_tick(struct studio *st)
{
	if (!st->monitor || !st->mon)
		return;
	monitor_collect(st->monitor);
	if (st->mon->ab.bypassed && st->mon->ab_graph != st->graph)
		send_chain_bypass(st);
}

void studio_monitor_analysis(struct studio *st, const struct analysis_snapshot *s)
{
	if (!st->monitor || !st->mon)
		return;
	struct studio_monitor *u = st->mon;
	u->measured_sec = s->measured_sec;
	if (!u->match_label[0])
		monitor_ab_update(&u->ab, s->shortterm_lufs, s->pre_shortterm_lufs,
			st->project->master.gain_db, s->measured_sec);
	send_trim(st);
	if (u->has_ref) {
		/* the integrated loudness once there is one: it moves least */
		const double mix = isfinite(s->integrated_lufs) ? s->integrated_lufs
			: s->shortterm_lufs;
		u->ref_match_db = reference_match_db(mix, u->ref_lufs);
		monitor_set_reference_gain_db(st->monitor, u->ref_match_db);
	}
}

bool studio_monitor_label(const struct studio *st, char *buf, size_t size)
{
	buf[0] = '\0';
	if (!st->monitor || !st->mon)
		return false;
	const struct monitor *m = st->monitor;
	const bool ab = st->mon->ab.bypassed;
	/* the trim is the A/Bs' own: said with them, not as a setting of its own */
	if (!monitor_engaged(m) && !ab && !st->mon->match_label[0])
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
		ADD(" A/B:bypass %+.1fdB", monitor_ab_trim_db(&st->mon->ab));
	if (st->mon->match_label[0])
		ADD(" %s", st->mon->match_label);
#undef ADD
	return true;
}

static void say_state(struct studio *st, const char *what)
{
	char label[128];
	if (studio_monitor_label(st, label, sizeof label))
		studio_message(st, "monitor: %s (%s; heard, never rendered)", what, label);
	else
		studio_message(st, "monitor: %s (plain stereo of the mix)", what);
	st->changed = true;
}

void studio_monitor_next_mode(struct studio *st)
{
	if (!studio_monitor_ready(st))
		return;
	const enum monitor_mode next = (monitor_mode(st->monitor) + 1) % MONITOR_MODES;
	monitor_set_mode(st->monitor, next);
	say_state(st, monitor_mode_name(next));
}

void studio_monitor_toggle_dim(struct studio *st)
{
	if (!studio_monitor_ready(st))
		return;
	const bool on = !monitor_dim(st->monitor);
	monitor_set_dim(st->monitor, on);
	say_state(st, on ? "dim -20 dB" : "dim off");
}

void studio_monitor_next_crossfeed(struct studio *st)
{
	if (!studio_monitor_ready(st))
		return;
	const enum monitor_crossfeed x = (monitor_crossfeed(st->monitor) + 1) % MONITOR_XFEEDS;
	monitor_set_crossfeed(st->monitor, x);
	char what[64];
	snprintf(what, sizeof what, "headphone crossfeed %s", monitor_crossfeed_name(x));
	say_state(st, what);
}

void studio_monitor_next_speaker(struct studio *st)
{
	if (!studio_monitor_ready(st))
		return;
	const enum monitor_speaker s = (monitor_speaker(st->monitor) + 1) % MONITOR_SPEAKERS;
	monitor_set_speaker(st->monitor, s);
	char what[64];
	snprintf(what, sizeof what, "speaker simulation %s", monitor_speaker_name(s));
	say_state(st, what);
}

void studio_monitor_toggle_ab(struct studio *st)
{
	if (!studio_monitor_ready(st))
		return;
	struct studio_monitor *u = st->mon;
	if (st->project->master.n_inserts == 0) {
		studio_error(st, "A/B: the master chain is empty (:insert master add TYPE)");
		return;
	}
	if (u->match_label[0]) {
		studio_error(st, "A/B: the match's A/B is on (%s); :match ab off first",
			u->match_label);
		return;
	}
	monitor_ab_set_bypassed(&u->ab, !u->ab.bypassed, u->measured_sec);
	send_chain_bypass(st);
	send_trim(st);
	if (!u->ab.bypassed)
		say_state(st, "A/B: the master chain plays");
	else if (u->ab.known)
		say_state(st, "A/B: chain bypassed, level matched");
	else
		say_state(st, "A/B: chain bypassed; not level matched yet (play with the chain "
			"on, mastering page showing)");
}

void studio_monitor_toggle_reference(struct studio *st)
{
	if (!studio_monitor_ready(st))
		return;
	if (!st->mon->has_ref) {
		studio_error(st, "no reference loaded: :reference FILE");
		return;
	}
	const bool to_ref = monitor_source(st->monitor) == MONITOR_SOURCE_MIX;
	monitor_set_source(st->monitor, to_ref ? MONITOR_SOURCE_REFERENCE : MONITOR_SOURCE_MIX);
	char what[200];
	if (to_ref)
		snprintf(what, sizeof what, "reference %s at %+.1f dB", st->mon->ref_name,
			st->mon->ref_match_db);
	else
		snprintf(what, sizeof what, "back to the mix");
	say_state(st, what);
}

/* :monitor WORD */
void studio_monitor_set(struct studio *st, const char *w)
{
	if (!studio_monitor_ready(st))
		return;
	enum monitor_mode mode;
	if (monitor_mode_parse(w, &mode)) {
		monitor_set_mode(st->monitor, mode);
		say_state(st, w);
	} else if (!strcmp(w, "dim")) {
		monitor_set_dim(st->monitor, !monitor_dim(st->monitor));
		say_state(st, monitor_dim(st->monitor) ? "dim -20 dB" : "dim off");
	} else if (!strcmp(w, "off")) {
		monitor_set_mode(st->monitor, MONITOR_STEREO);
		monitor_set_dim(st->monitor, false);
		monitor_set_crossfeed(st->monitor, MONITOR_XFEED_OFF);
		monitor_set_speaker(st->monitor, MONITOR_SPEAKER_OFF);
		monitor_set_source(st->monitor, MONITOR_SOURCE_MIX);
		say_state(st, "all off");
	} else {
		bool found = false;
		for (int x = 1; x < MONITOR_XFEEDS && !found; x++)
			if (!strcmp(w, monitor_crossfeed_name((enum monitor_crossfeed)x))) {
				monitor_set_crossfeed(st->monitor, (enum monitor_crossfeed)x);
				found = true;
			}
		for (int s = 1; s < MONITOR_SPEAKERS && !found; s++)
			if (!strcmp(w, monitor_speaker_name((enum monitor_speaker)s))) {
				monitor_set_speaker(st->monitor, (enum monitor_speaker)s);
				found = true;
			}
		if (!found) {
			studio_error(st, ":monitor: no mode %s (stereo mono left right side swap dim "
				"bs2b chumoy jmeier laptop phone earbuds off)", w);
			return;
		}
		say_state(st, w);
	}
}

/* :reference PATH|off */
void studio_monitor_reference(struct studio *st, const char *path)
{
	if (!studio_monitor_ready(st))
		return;
	struct studio_monitor *u = st->mon;
	if (!strcmp(path, "off")) {
		monitor_set_source(st->monitor, MONITOR_SOURCE_MIX);
		if (monitor_set_reference(st->monitor, NULL, 0) != ERR_OK) {
			studio_error(st, "reference: the audio output is not running; try again");
			return;
		}
		u->has_ref = false;
		free(u->ref_path);
		u->ref_path = NULL;
		say_state(st, "reference removed");
		return;
	}
	struct reference_track ref;
	struct err_msg msg;
	if (reference_load(path, st->project->sample_rate, &ref, &msg) != ERR_OK) {
		studio_error(st, "%s", msg.text);
		return;
	}
	if (monitor_set_reference(st->monitor, ref.frames, ref.n_frames) != ERR_OK) {
		free(ref.frames);
		studio_error(st, "reference: the audio output is not running; try again");
		return;
	}
	u->has_ref = true;
	u->ref_lufs = ref.integrated_lufs;
	free(u->ref_path);
	u->ref_path = xstrdup(path);
	const char *base = strrchr(path, '/');
	snprintf(u->ref_name, sizeof u->ref_name, "%s", base ? base + 1 : path);
	studio_message(st, "reference %s: %.1f s, %.1f LUFS integrated; R switches to it "
		"(level-matched while the mastering page measures the mix)", u->ref_name,
		(double)ref.n_frames / st->project->sample_rate, ref.integrated_lufs);
}

const char *studio_monitor_reference_path(const struct studio *st)
{
	return st->mon && st->mon->has_ref ? st->mon->ref_path : NULL;
}
