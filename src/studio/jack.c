/* :ports, :connect and :disconnect: the native JACK output's ports and their
 * connections (audio/driver_jack.h), on the session's voice. */
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "audio/driver_jack.h"
#include "src/base/clock.h"
#include "src/base/text.h"
#include "src/studio/commands.h"
#include "audio/graph.h"
#include "src/studio/studio.h"

void studio_line_ports(struct studio_line *l)
{
	struct studio *st = l->st;
	char **lines;
	struct err_msg msg;
	const int n = driver_jack_port_lines(st->driver, &lines, &msg);
	if (n < 0) {
		studio_error(st, "ports: %s", msg.text);
		return;
	}
	/* port names come from other programs: cleaned before they reach a terminal */
	for (int i = 0; i < n; i++)
		text_clean_inplace(lines[i], strlen(lines[i]) + 1);
	studio_message(st, "%d JACK ports: %s%s", n, n ? lines[0] : "",
		n > 1 ? " ..." : "");
	studio_list(st, "JACK ports", (const char *const *)lines, (size_t)n);
	for (int i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

static void connect_line(struct studio_line *l, bool connect)
{
	const struct studio_words *a = l->w;
	struct err_msg msg;
	if (driver_jack_connect(l->st->driver, a->argv[1], a->argv[2], connect, &msg) != ERR_OK) {
		studio_error(l->st, "%s: %s", a->argv[0], msg.text);
		return;
	}
	char one[128], two[128];
	text_clean(one, sizeof one, a->argv[1]);
	text_clean(two, sizeof two, a->argv[2]);
	studio_message(l->st, "%s %s %s", one, connect ? "connected to" : "disconnected from",
		two);
}

void studio_line_connect(struct studio_line *l)
{
	connect_line(l, true);
}

void studio_line_disconnect(struct studio_line *l)
{
	connect_line(l, false);
}

/* How far JACK's frame may stray from where it would be by the clock before it counts
 * as a relocation: polls come every few tens of ms, JACK moves a period at a time,
 * and a loaded machine stalls it a little; a person's locate is far more. */
#define JT_JUMP_SEC 0.5

/* Follow JACK's transport: its start, stop and relocations since the last look. */
static void follow_jack(struct studio *st)
{
	bool rolling;
	int64_t frame;
	if (!st->jack_transport || !driver_jack_transport_query(st->driver, &rolling, &frame))
		return;
	const double now = clock_now_sec();
	const double rate = st->project->sample_rate;
	if (st->jt_primed) {
		const int64_t expect = st->jt_frame + (st->jt_rolling && rolling
			? (int64_t)((now - st->jt_sec) * rate) : 0);
		const bool jumped = llabs(frame - expect) > (int64_t)(JT_JUMP_SEC * rate);
		st->jt_following = true;
		if (rolling && !st->jt_rolling && !st->play_wanted) {
			studio_transport_locate(st, frame);
			studio_transport_play(st);
		} else if (!rolling && st->jt_rolling && st->play_wanted) {
			studio_transport_stop(st);
		} else if (jumped) {
			studio_transport_locate(st, frame);
		}
		st->jt_following = false;
	}
	st->jt_primed = true;
	st->jt_rolling = rolling;
	st->jt_frame = frame;
	st->jt_sec = now;
}

/* :transport [jack|internal] */
void studio_line_transport(struct studio_line *l)
{
	struct studio *st = l->st;
	const struct studio_words *a = l->w;
	if (a->argc == 1) {
		studio_message(st, "transport: %s", st->jack_transport ? "JACK's, followed and "
			"driven" : "ttymix's own");
		return;
	}
	if (!strcmp(a->argv[1], "internal")) {
		st->jack_transport = false;
		studio_message(st, "transport: ttymix's own; JACK's is left alone");
		return;
	}
	if (strcmp(a->argv[1], "jack")) {
		studio_line_usage(l);
		return;
	}
	if (!driver_jack_live(st->driver)) {
		studio_error(st, "transport: the output is not JACK (:device jack)");
		return;
	}
	st->jack_transport = true;
	st->jt_primed = false;
	studio_message(st, "transport: JACK's, followed and driven (play, stop, locate)");
}

void studio_jack_poll(struct studio *st)
{
	follow_jack(st);
	if (driver_jack_refresh(st->driver))
		studio_message(st, "output: %s", st->driver->description);
	const struct project *p = st->project;
	const struct graph *g = st->graph;
	/* the names of the graph last sent, strip for strip: its shape is the project's
	 * once the rebuild after an edit went out */
	if (!driver_jack_live(st->driver) || !g || g->n_tracks != p->n_tracks ||
	    g->n_buses != p->n_buses)
		return;
	const char *names[PROJECT_MAX_TRACKS + PROJECT_MAX_BUSES];
	int n = 0;
	for (int t = 0; t < p->n_tracks; t++)
		names[n++] = p->tracks[t].strip.name;
	for (int b = 0; b < p->n_buses; b++)
		names[n++] = p->buses[b].strip.name;
	driver_jack_set_strips(st->driver, names, n);
}
