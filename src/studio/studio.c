/* The session's core, which every part of it uses: its voice (every message goes out
 * through one function), rebuilding the graph after an edit of the project's shape,
 * the unsaved state and the signal mask of the threads it starts. Its life (init,
 * open, close, deinit) is session.c, the one file that calls all the parts. */
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>

#include "src/base/text.h"
#include "src/graph_build.h"
#include "src/studio/studio.h"

static void say(struct studio *st, bool error, const char *fmt, va_list ap)
{
	/* messages quote names, typed words and file names: passed on as text, whatever
	 * bytes they hold (src/base/text.h) */
	char raw[sizeof st->said_text];
	vsnprintf(raw, sizeof raw, fmt, ap);
	text_clean(st->said_text, sizeof st->said_text, raw);
	st->said_error = error;
	st->said++;
	st->said_errors += error;
	st->changed = true;
	if (st->voice.say && !st->hush)
		st->voice.say(st->voice.ctx, error, st->said_text);
}

void studio_message(struct studio *st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(st, false, fmt, ap);
	va_end(ap);
}

void studio_error(struct studio *st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(st, true, fmt, ap);
	va_end(ap);
}

void studio_list(struct studio *st, const char *title, const char *const *lines, size_t n)
{
	if (st->voice.list && !st->hush)
		st->voice.list(st->voice.ctx, title, lines, n);
}

/* The signals only the UI thread acts on. */
static void terminate_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGQUIT);
	sigaddset(set, SIGINT);
}

void studio_signals_block(sigset_t *saved)
{
	sigset_t set;
	terminate_signals(&set);
	pthread_sigmask(SIG_BLOCK, &set, saved);
}

void studio_signals_restore(const sigset_t *saved)
{
	pthread_sigmask(SIG_SETMASK, saved, NULL);
}

bool studio_graph_rebuild(struct studio *st)
{
	struct diag d;
	diag_init(&d);
	struct graph *gr = NULL;
	enum err rc = graph_build(st->project, false, &gr, &d);
	if (d.count > 0)
		studio_error(st, "%s%s", d.items[0].text, d.count > 1 ? " (and more: ttymix check)"
			: "");
	diag_deinit(&d);
	if (rc != ERR_OK)
		return false;
	if (st->snap.n_strips != gr->n_tracks + gr->n_buses + 1) {
		/* meters are indexed by strip: a new shape starts them from silence; the
		 * transport is not the graph's and stays as it was (a stopped engine sends
		 * no new position to correct it) */
		const struct studio_snapshot was = st->snap;
		studio_snapshot_deinit(&st->snap);
		studio_snapshot_init(&st->snap, gr->n_tracks + gr->n_buses);
		st->snap.playing = was.playing;
		st->snap.waiting = was.waiting;
		st->snap.playhead = was.playhead;
	}
	st->end_frame = gr->end_frame;
	if (engine_send_graph(st->engine, gr) != ERR_OK) {
		graph_destroy(gr);
		studio_error(st, "the audio engine is not taking commands; the change is not heard");
		return false;
	}
	st->graph = gr;
	st->graph_serial++;
	st->changed = true;
	return true;
}



bool studio_dirty(const struct studio *st)
{
	return studio_undo_dirty(&st->undo);
}
