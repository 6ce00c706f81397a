/* The session's life: init and deinit (the history, the snapshot, autosave, the lock,
 * and the project they own), open and close (the graph, the engine, its disk thread,
 * the monitor and the output), and the switch from one project to another in a
 * running session. The one file that calls every part of the session; none of them
 * calls it. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "audio/driver_jack.h"
#include "audio/render.h"
#include "src/graph_build.h"
#include "src/studio/album.h"
#include "src/studio/automation.h"
#include "src/studio/clipedit.h"
#include "src/studio/commands.h"
#include "src/studio/nsm.h"
#include "src/studio/edit.h"
#include "src/studio/match.h"
#include "src/studio/monitor.h"
#include "src/studio/saving.h"
#include "src/studio/record.h"
#include "src/studio/studio.h"

/* The parts of a session that belong to its project (st->project set): the
 * snapshot's strips, the undo history begun, autosave, and the project's lock. */
static void project_parts_init(struct studio *st)
{
	const struct project *p = st->project;
	studio_snapshot_init(&st->snap, p->n_tracks + p->n_buses);
	studio_undo_init(&st->undo);
	studio_undo_mark_saved(&st->undo);
	studio_autosave_init(st);
	studio_saving_open(st);
}

/* ...and their end, the project freed too. */
static void project_parts_deinit(struct studio *st)
{
	studio_edit_deinit(st);
	studio_auto_free(st);
	studio_clip_deinit(st);
	studio_undo_deinit(&st->undo);
	studio_snapshot_deinit(&st->snap);
	studio_autosave_free(st); /* its worker may still hold a copy */
	studio_saving_close(st);
	project_free(st->project);
	st->project = NULL;
}

/* A session on the project p (taken): every field at rest, the undo history begun
 * and the voice set; nothing runs until studio_open. */
void studio_init(struct studio *st, struct project *p, bool throwaway,
	const struct cli_globals *g, struct studio_voice voice)
{
	*st = (struct studio){ .project = p, .throwaway = throwaway, .globals = g,
		.voice = voice };
	project_parts_init(st);
}

void studio_deinit(struct studio *st)
{
	project_parts_deinit(st);
	free(st->chain_copy);
	free(st->insert_copy);
	st->chain_copy = st->insert_copy = NULL;
}

enum err studio_open(struct studio *st, struct err_msg *msg)
{
	struct project *p = st->project;
	struct diag d;
	diag_init(&d);
	struct graph *gr = NULL;
	enum err rc = graph_build(p, false, &gr, &d);
	if (rc == ERR_OK && d.count > 0)
		studio_error(st, "%s%s", d.items[0].text, d.count > 1 ? " (and more: ttymix check)"
			: "");
	else if (rc != ERR_OK)
		err_set(msg, rc, "%s", d.count ? d.items[0].text : err_str(rc));
	diag_deinit(&d);
	if (rc != ERR_OK)
		return rc;
	st->end_frame = gr->end_frame;
	st->engine = engine_create(p->sample_rate);
	/* :render runs beside playback: one thread, the other cores stay with the audio */
	render_set_threads(1);
	engine_send_graph(st->engine, gr);
	st->graph = gr;
	st->graph_serial++;
	engine_send_simple(st->engine, CMD_LOCATE, 0, 0, false, 0);
	if (p->loop_enabled && p->loop_end > p->loop_start) {
		struct cmd loop = { .type = CMD_LOOP, .on = true,
			.frame = graph_frames(p->loop_start, p->sample_rate),
			.frame2 = graph_frames(p->loop_end, p->sample_rate) };
		engine_send(st->engine, &loop);
	}
	/* the disk and audio threads inherit a mask that leaves SIGHUP, SIGTERM and
	 * friends to the UI thread, which acts on them */
	sigset_t mask;
	studio_signals_block(&mask);
	rc = engine_disk_start(st->engine, msg);
	studio_monitor_open(st);
	/* unless the caller tried first (play) */
	if (st->globals->stream && !st->stream && !st->stream_error.text[0]
		&& !studio_stream_open(st))
		studio_error(st, "%s%s", st->stream_error.text,
			st->globals->output == DRIVER_NULL ? "; playing silently" : "");
	struct driver_config cfg = { .kind = st->globals->output,
		.device = st->globals->device, .buffer_frames = st->globals->buffer_frames,
		.sample_rate = p->sample_rate, .monitor = st->monitor,
		.tap = studio_stream_tap(st), .jack_name = studio_jack_name(st),
		.jack_no_connect = st->globals->jack_no_connect,
		.jack_strips = st->globals->jack_strips };
	struct err_msg why;
	if (rc == ERR_OK)
		rc = driver_open(&st->driver, st->engine, &cfg, &why, msg);
	if (rc == ERR_OK && why.text[0])
		studio_message(st, "%s: playing silently", why.text);
	if (rc == ERR_OK)
		rc = driver_start(st->driver, msg);
	studio_signals_restore(&mask);
	/* --jack-transport: from the start, when the output is JACK's own */
	st->jack_transport = rc == ERR_OK && st->globals->jack_transport
		&& driver_jack_live(st->driver);
	return rc;
}

void studio_close(struct studio *st)
{
	studio_pitch_close(st);
	studio_album_stop(st);
	studio_render_stop(st);
	studio_record_close(st); /* the take kept, the inputs let go before the output */
	driver_close(st->driver);
	st->driver = NULL;
	studio_monitor_close(st); /* no driver plays through it any more */
	studio_match_free(st);
	studio_stream_close(st);  /* nor into its tap */
	engine_destroy(st->engine);
	st->engine = NULL;
}

/* The engine at the new project's start: its graph swapped in (the engine owns it
 * from here), the playhead at 0 and the loop as the project has it. */
static void swap_graph(struct studio *st, struct graph *gr)
{
	st->end_frame = gr->end_frame;
	if (engine_send_graph(st->engine, gr) != ERR_OK) {
		graph_destroy(gr);
		studio_error(st, "the audio engine is not taking commands; the project is not "
			"heard");
		return;
	}
	st->graph = gr;
	st->graph_serial++;
	studio_transport_locate(st, 0);
	studio_edit_send_loop(st);
}

enum err studio_replace(struct studio *st, struct project *p, struct err_msg *msg)
{
	struct diag d;
	diag_init(&d);
	struct graph *gr = NULL;
	enum err rc = graph_build(p, false, &gr, &d);
	char warning[ERR_MSG_MAX] = "";
	if (rc != ERR_OK)
		err_set(msg, rc, "%s", d.count ? d.items[0].text : err_str(rc));
	else if (d.count > 0)
		snprintf(warning, sizeof warning, "%s%s", d.items[0].text,
			d.count > 1 ? " (and more: ttymix check)" : "");
	diag_deinit(&d);
	if (rc != ERR_OK) {
		project_free(p);
		return rc;
	}
	studio_transport_stop(st);
	/* a take under way ends in the old project (its files are in its audio/), and
	 * arming, being by track name, does not carry over */
	studio_record_close(st);
	studio_pitch_close(st);
	/* a job of the old project cannot go on with the new one; say so (its file is
	 * written whole or not at all, so nothing half-made is left) */
	const char *stopped = st->render && st->album ? ":render and :album"
		: st->render ? ":render" : st->album ? ":album" : NULL;
	studio_album_stop(st);
	studio_render_stop(st);
	studio_match_free(st); /* a :match and its curves were the old project's */
	/* an engine runs at one rate: a project at another needs its own (and an output
	 * opened at that rate); otherwise the sound goes on and only the graph changes */
	const bool same_rate = st->engine && st->project->sample_rate == p->sample_rate;
	if (!same_rate) {
		graph_destroy(gr);
		gr = NULL;
		warning[0] = '\0'; /* studio_open says it */
		studio_close(st);
	}
	studio_edit_hold(st, false); /* a drag on the old project ends with it */
	studio_autosave_remove(st); /* what it kept was answered for before this */
	project_parts_deinit(st);
	st->project = p;
	st->throwaway = false; /* a quick audition left for a project is over */
	st->play_wanted = false;
	st->play_from = 0;
	st->locate_pending = false;
	st->autosave_base_edits = 0;
	st->autosave_written = false;
	st->ab_on = false;
	project_parts_init(st);
	if (same_rate)
		swap_graph(st, gr);
	else if (studio_open(st, msg) != ERR_OK) /* p is the project now, heard or not */
		studio_error(st, "%s (:device tries again)", msg->text);
	studio_pitch_open(st);
	if (warning[0])
		studio_error(st, "%s", warning);
	if (stopped)
		studio_error(st, "%s of the previous project stopped; no file was left half made",
			stopped);
	st->changed = true;
	return ERR_OK;
}
