/* The session's stream output (studio.h, src/stream/stream.h): started as the command
 * line or :device asks, its tap handed to every driver the session opens, its news
 * said on the session's voice. */
#include <stdio.h>
#include <string.h>

#include "src/stream/stream.h"
#include "src/studio/commands.h"
#include "src/studio/studio.h"

bool studio_stream_open(struct studio *st)
{
	st->stream_error.text[0] = '\0';
	if (st->stream)
		return true;
	const struct cli_globals *g = st->globals;
	/* one key per run: a stream started again (:device) keeps the address it gave */
	const char *key = st->stream_key[0] ? st->stream_key : g->stream_key;
	const struct stream_config cfg = { .listen = g->listen, .key = key,
		.kbps = g->stream_kbps, .max_listeners = g->stream_max,
		.rate = st->project->sample_rate, .project = st->project->name };
	if (stream_open(&st->stream, &cfg, &st->stream_error) != ERR_OK) {
		st->stream = NULL;
		return false;
	}
	snprintf(st->stream_key, sizeof st->stream_key, "%s", stream_key(st->stream));
	char text[1024];
	stream_describe(st->stream, text, sizeof text);
	/* one message per line: play prints each, the status line shows the last, and
	 * :stream says it again */
	for (char *line = text, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		studio_message(st, "%s", line);
	}
	return true;
}

void studio_stream_close(struct studio *st)
{
	stream_close(st->stream);
	st->stream = NULL;
}

void studio_stream_poll(struct studio *st)
{
	if (!st->stream)
		return;
	char line[200];
	while (stream_take_message(st->stream, line, sizeof line))
		studio_message(st, "%s", line);
	if (st->project->name)
		stream_set_project(st->stream, st->project->name);
}

bool studio_stream_status(const struct studio *st, char *buf, size_t size)
{
	if (!st->stream)
		return false;
	stream_status_line(st->stream, buf, size);
	return true;
}

bool studio_stream_where(const struct studio *st, char *buf, size_t size)
{
	if (!st->stream)
		return false;
	stream_where(st->stream, buf, size);
	return true;
}

void studio_stream_renew_tap(struct studio *st)
{
	if (st->stream)
		stream_renew_tap(st->stream);
}

struct outtap *studio_stream_tap(const struct studio *st)
{
	return st->stream ? stream_tap(st->stream) : NULL;
}

/* :stream: where to listen, and who listens how well */
void studio_line_stream(struct studio_line *l)
{
	struct studio *st = l->st;
	if (!st->stream) {
		if (st->stream_error.text[0])
			studio_message(st, "not streaming (%s): :device stream (or pa+, jack+stream) "
				"starts it", st->stream_error.text);
		else
			studio_message(st, "not streaming: :device stream (or pa+, jack+stream) starts it");
		return;
	}
	char who[768], where[800], lost[64] = "";
	stream_listeners_text(st->stream, who, sizeof who);
	stream_where(st->stream, where, sizeof where);
	const int n = stream_listener_count(st->stream);
	const unsigned long long dropped = stream_dropped_blocks(st->stream);
	if (dropped) /* the pump fell behind the audio: rare, and worth knowing */
		snprintf(lost, sizeof lost, "; %llu blocks lost", dropped);
	studio_message(st, "%s (%d listening%s%s%s)", where, n, n ? ": " : "", who, lost);
}
