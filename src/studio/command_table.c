/* The session's commands as one table (tmux/cmus style): a typed line is split, its
 * command found by name or alias, a sub-verb looked up in the command's own table, the
 * words counted against the row, and only then the exec run; a wrong count gets the
 * usage line from here. Completion reads what each word is from the same rows. */
#include "src/studio/commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "audio/driver_jack.h"
#include "audio/fx/fx.h"
#include "audio/lv2/lv2.h"
#include "src/control.h"
#include "src/typed_path.h"
#include "src/base/xalloc.h"
#include "src/studio/edit.h"
#include "src/studio/match.h"
#include "src/studio/record.h"
#include "src/studio/strip.h"

#define ANY STUDIO_LINE_ANY
#define NONE { STUDIO_ARG_ANY }

const struct studio_command studio_commands[] = {
	{ "gain", NULL, "TRACK DB", 2, 2, { STUDIO_ARG_TRACK, STUDIO_ARG_ANY },
	  "set the fader in dB (-144..+24; +=N, -=N a step)", studio_line_gain, NULL, 0 },
	{ "pan", NULL, "TRACK P", 2, 2, { STUDIO_ARG_TRACK, STUDIO_ARG_ANY },
	  "pan -1..1, or L30 C R12 (+=N, -=N a step)", studio_line_pan, NULL, 0 },
	{ "mute", NULL, "TRACK [on|off]", 1, 2, { STUDIO_ARG_TRACK, STUDIO_ARG_CHOICE },
	  "mute, unmute (or toggle) a track", studio_line_mute, NULL, 0 },
	{ "solo", NULL, "TRACK [on|off]", 1, 2, { STUDIO_ARG_TRACK, STUDIO_ARG_CHOICE },
	  "solo, unsolo (or toggle) a track", studio_line_solo, NULL, 0 },
	{ "bus", NULL, "add|del NAME", 1, ANY, NONE,
	  "make or delete a bus (a strip fed by outputs and sends)", NULL, studio_line_bus_subs, 1 },
	{ "output", NULL, "STRIP BUS", 2, 2, { STUDIO_ARG_STRIP, STUDIO_ARG_OUTPUT },
	  "where a strip plays into: a bus or master", studio_line_output, NULL, 0 },
	{ "send", NULL, "STRIP BUS [DB|off] [pre|post]", 2, 4,
	  { STUDIO_ARG_STRIP, STUDIO_ARG_BUS, STUDIO_ARG_CHOICE, STUDIO_ARG_CHOICE },
	  "send to a bus at a level (post-fader unless pre); off removes it", studio_line_send,
	  NULL, 0 },
	{ "safe", NULL, "STRIP [on|off]", 1, 2, { STUDIO_ARG_STRIP, STUDIO_ARG_CHOICE },
	  "never silence this strip when others are soloed", studio_line_solo_safe, NULL, 0 },
	{ "insert", NULL, "STRIP ACTION [TYPE|SLOT] [TO]", 2, ANY, { STUDIO_ARG_STRIP },
	  "add TYPE [SLOT], del SLOT, move SLOT TO, bypass SLOT [on|off], copy SLOT, paste [SLOT]",
	  NULL, studio_line_insert_subs, 2 },
	{ "chain", NULL, "copy|paste|save|load ...", 1, ANY, NONE,
	  "copy a strip's inserts and sends, paste them on strips; save or load a preset",
	  NULL, studio_line_chain_subs, 1 },
	{ "fx", NULL, "STRIP SLOT|TYPE PARAM VALUE", 4, 4,
	  { STUDIO_ARG_STRIP, STUDIO_ARG_ANY, STUDIO_ARG_PARAM, STUDIO_ARG_ANY },
	  "set an insert's parameter (TYPE: its first of that type, added if none)",
	  studio_line_fx, NULL, 0 },
	{ "preset", NULL, "STRIP SLOT [NAME]", 2, 3,
	  { STUDIO_ARG_STRIP, STUDIO_ARG_ANY, STUDIO_ARG_PRESET },
	  "load an LV2 insert's preset (without NAME: list them)", studio_line_preset, NULL, 0 },
	{ "sidechain", NULL, "STRIP SLOT [SOURCE|off]", 2, 3,
	  { STUDIO_ARG_STRIP, STUDIO_ARG_ANY, STUDIO_ARG_STRIP },
	  "key an LV2 insert's sidechain by another strip after its fader (off: its own "
	  "input; without SOURCE: say which)", studio_line_sidechain, NULL, 0 },
	{ "auto", NULL, "STRIP LANE [list|add|del|mode|clear] [T] [V]", 2, 2,
	  { STUDIO_ARG_STRIP, STUDIO_ARG_LANE, STUDIO_ARG_CHOICE, STUDIO_ARG_ANY },
	  "automation: list, add T V, del T, mode off|read|write|touch|latch, clear",
	  studio_line_auto, studio_line_auto_subs, 3 },
	{ "group", NULL, "GROUP [TRACK...]", 1, ANY, { STUDIO_ARG_GROUP, STUDIO_ARG_TRACK },
	  "link tracks' gain, mute and solo (no tracks: list the group)", studio_line_group,
	  NULL, 0 },
	{ "role", NULL, "TRACK [WORDS...]", 1, ANY, { STUDIO_ARG_TRACK, STUDIO_ARG_ANY },
	  "what a track is (vox lead, bass, pad; - for none): the mix review hears a lead "
	  "as more important", studio_line_role, NULL, 0 },
	{ "ungroup", NULL, "TRACK...", 1, ANY, { STUDIO_ARG_TRACK },
	  "take tracks out of their group", studio_line_ungroup, NULL, 0 },
	{ "pitch", NULL, "SEMITONES [CENTS]", 1, 2, NONE,
	  "pitch the selected clip (-24..24 st, -100..100 ct), same length", studio_line_pitch,
	  NULL, 0 },
	{ "varispeed", NULL, "[on|off]", 0, 1, { STUDIO_ARG_CHOICE },
	  "the selected clip's pitch changes its speed too (or toggle)", studio_line_varispeed,
	  NULL, 0 },
	{ "monitor", NULL, "MODE", 1, 1, NONE, "monitor: stereo mono left right side swap "
	  "dim bs2b chumoy jmeier laptop phone earbuds off", studio_line_monitor,
	  studio_line_monitor_subs, 1 },
	{ "reference", NULL, "FILE|off", 1, ANY, { STUDIO_ARG_CHOICE },
	  "load a reference track to compare with (R switches; heard, never rendered)",
	  studio_line_reference, NULL, 0 },
	{ "match", NULL, "[REF] [smooth OCT] [cap DB] | ab [a|b|off]", 0, 5,
	  { STUDIO_ARG_PATH }, "set the master chain to match a reference's spectrum, "
	  "loudness and width (default: the :reference track; one undo step); ab: hear the "
	  "chain before the match (b) or the matched one (a), loudness-matched",
	  studio_line_match, NULL, 0 },
	{ "undo", NULL, "", 0, 0, NONE, "undo the last change", studio_line_undo, NULL, 0 },
	{ "redo", NULL, "", 0, 0, NONE, "redo what was undone", studio_line_redo, NULL, 0 },
	{ "play", NULL, "", 0, 0, NONE, "start playback", studio_line_play, NULL, 0 },
	{ "stop", NULL, "", 0, 0, NONE, "stop playback", studio_line_stop, NULL, 0 },
	{ "locate", NULL, "TIME", 1, 1, NONE, "go to a time: seconds, m:ss, or a bar (b21, 21.3.0)",
	  studio_line_locate, NULL, 0 },
	{ "clipgain", NULL, "DB", 1, 1, NONE, "set the selected clips' gain in dB",
	  studio_line_clipgain, NULL, 0 },
	{ "fade", NULL, "in|out SECONDS [linear|equal_power|s_curve]", 1, ANY, NONE,
	  "set the selected clips' fade and its shape", NULL, studio_line_fade_subs, 1 },
	{ "move", NULL, "TIME", 1, 1, NONE,
	  "move the clip (and the selection) to start at TIME", studio_line_move, NULL, 0 },
	{ "trim", NULL, "start|end SECONDS", 1, ANY, NONE,
	  "move the clip's start or end edge by SECONDS (negative: earlier)", NULL,
	  studio_line_trim_subs, 1 },
	{ "nudge", NULL, "AMOUNT", 1, 1, NONE, "how far , . { } go: 10ms, 480f, 0.25b",
	  studio_line_nudge, NULL, 0 },
	{ "xfade", NULL, "MS", 1, 1, NONE,
	  "crossfade length where clips on a track overlap (equal power)", studio_line_xfade,
	  NULL, 0 },
	{ "track", NULL, "add|del|name|color|up|down [WORD]", 1, ANY, NONE,
	  "add a track after this one, remove it, name, colour or reorder it", NULL,
	  studio_line_track_subs, 1 },
	{ "import", NULL, "FILE [TRACK] [AT]", 1, 3,
	  { STUDIO_ARG_PATH, STUDIO_ARG_TRACK, STUDIO_ARG_ANY },
	  "copy an audio file into audio/ (resampled to the project's rate) as a clip on a "
	  "new track, or on TRACK, at AT (seconds, m:ss, b21) or the playhead",
	  studio_line_import, NULL, 0 },
	{ "marker", NULL, "add|name|del [NAME] [TIME]", 1, ANY, NONE,
	  "add a marker at the playhead or TIME; rename or delete the one at or before it", NULL,
	  studio_line_marker_subs, 1 },
	{ "loop", NULL, "on|off|clip|markers|START END", 2, 2, NONE,
	  "loop on/off, over the selected clips, between markers, or a range", studio_line_loop,
	  studio_line_loop_subs, 1 },
	{ "tempo", NULL, "[BPM|off [at BAR|MARKER]]", 0, 3, NONE,
	  "the tempo (quarter notes a minute), from bar 1, BAR or MARKER's bar on; alone: "
	  "the tempo map", studio_line_tempo, NULL, 0 },
	{ "meter", NULL, "[N/D|off [at BAR|MARKER]]", 0, 3, NONE,
	  "the meter (6/8), from bar 1, BAR or MARKER's bar on; alone: the tempo map",
	  studio_line_meter, NULL, 0 },
	{ "render", NULL, "FILE [BITS]", 1, 2, { STUDIO_ARG_RENDER },
	  "bounce to FILE: .wav .flac .ogg .aiff", studio_line_render, NULL, 0 },
	{ "album", NULL, "[DIR]", 0, 1, NONE, "render the album: files, CUE, loudness table",
	  studio_line_album, NULL, 0 },
	{ "w", "write", "[DIR [copy|link]]", 0, 2, { STUDIO_ARG_PATH, STUDIO_ARG_CHOICE },
	  "save (as Ctrl-S); with DIR: save the project there and work on that copy, its "
	  "audio copied (copy) or symlinked to this project's (link)",
	  studio_line_write, NULL, 0 },
	{ "w!", NULL, "", 0, 0, NONE,
	  "save over a project.json that changed on disk since this studio read it",
	  studio_line_write_over, NULL, 0 },
	{ "dsp", NULL, "[reset|latency]", 0, 0, NONE,
	  "DSP load: mean, worst, overruns, stalls, xruns (reset: count from now; latency: "
	  "each strip's and the total)",
	  studio_line_dsp, studio_line_dsp_subs, 1 },
	{ "device", NULL, "[NAME|jack|null|stream|pa+stream|jack+stream]", 0, ANY,
	  { STUDIO_ARG_CHOICE },
	  "reopen the output: a device (see ttymix devices), JACK's own ports, null, the "
	  "stream, or as started",
	  studio_line_device, NULL, 0 },
	{ "stream", NULL, "", 0, 0, NONE,
	  "the stream's address, its listeners, their codec and latency",
	  studio_line_stream, NULL, 0 },
	{ "ports", NULL, "", 0, 0, NONE,
	  "the JACK output's ports and what each is connected to (--output jack)",
	  studio_line_ports, NULL, 0 },
	{ "connect", NULL, "PORT OTHER", 2, 2, { STUDIO_ARG_JACK_PORT, STUDIO_ARG_JACK_PORT },
	  "connect two JACK ports (out_L is ttymix's own; Tab completes)",
	  studio_line_connect, NULL, 0 },
	{ "disconnect", NULL, "PORT OTHER", 2, 2, { STUDIO_ARG_JACK_PORT, STUDIO_ARG_JACK_PORT },
	  "break the connection of two JACK ports", studio_line_disconnect, NULL, 0 },
	{ "transport", NULL, "[jack|internal]", 0, 1, { STUDIO_ARG_CHOICE },
	  "follow and drive JACK's transport (play, stop, locate), or keep ttymix's own",
	  studio_line_transport, NULL, 0 },
	{ "arm", NULL, "TRACK [on|off]", 1, 2, { STUDIO_ARG_TRACK, STUDIO_ARG_CHOICE },
	  "arm a track for recording (r on the mixer), or disarm it", studio_line_arm, NULL, 0 },
	{ "input", NULL, "TRACK 1|2|1-2", 2, 2, { STUDIO_ARG_TRACK, STUDIO_ARG_CHOICE },
	  "the JACK input a track records: in_1, in_2 (mono) or both (stereo)",
	  studio_line_input, NULL, 0 },
	{ "record", NULL, "", 0, 0, NONE,
	  "record every armed track from the playhead (R); again, or stop, ends the take",
	  studio_line_record, NULL, 0 },
	{ "take", NULL, "TRACK N", 2, 2, { STUDIO_ARG_TRACK, STUDIO_ARG_ANY },
	  "hear take N of a track where it was recorded, in place of the take there",
	  studio_line_take, NULL, 0 },
	{ "latency", NULL, "[FRAMES|MSms]", 0, 1, NONE,
	  "the round trip a take is moved back by: JACK's latencies plus this measured "
	  "offset (saved in the project)", studio_line_latency, NULL, 0 },
	{ "punch", NULL, "off|loop|IN OUT", 1, 2, NONE,
	  "takes write only between the loop points, or two markers (or times)",
	  studio_line_punch, NULL, 0 },
	{ "monitoring", NULL, "[off|auto|on]", 0, 1, { STUDIO_ARG_CHOICE },
	  "hear armed tracks' inputs: never, while stopped or recording, or always",
	  studio_line_monitoring, NULL, 0 },
};
const size_t studio_n_commands = sizeof studio_commands / sizeof studio_commands[0];

/* ---- finding the command ---- */

static bool named(const struct studio_command *c, const char *word)
{
	if (!strcmp(c->name, word))
		return true;
	for (const char *s = c->aliases; s && *s; ) {
		const size_t n = strcspn(s, " ");
		if (n == strlen(word) && !strncmp(s, word, n))
			return true;
		s += n;
		s += strspn(s, " ");
	}
	return false;
}

const struct studio_command *studio_command_find(const struct studio_command *rows,
	size_t n, const char *verb)
{
	for (size_t i = 0; i < n; i++)
		if (named(&rows[i], verb))
			return &rows[i];
	return NULL;
}

static const struct studio_command *find_sub(const struct studio_command *c,
	const char *word)
{
	for (const struct studio_command *s = c->subs; s && s->name; s++)
		if (!strcasecmp(s->name, word))
			return s;
	return NULL;
}

void studio_command_syntax(const struct studio_command *c, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s", c->name, c->args[0] ? " " : "", c->args);
}

/* "usage: :insert STRIP del SLOT": the words before the sub-verb from the command's
 * template, then the sub-verb's own. */
static void usage_of(struct studio *st, const struct studio_command *c,
	const struct studio_command *sub)
{
	char syntax[256];
	if (!sub) {
		studio_command_syntax(c, syntax, sizeof syntax);
	} else {
		size_t n = 0;
		const char *s = c->args;
		for (int i = 1; i < c->sub_at; i++) {
			n += strcspn(s + n, " ");
			n += strspn(s + n, " ");
		}
		snprintf(syntax, sizeof syntax, "%s %.*s%s%s%s", c->name, (int)n, c->args,
			sub->name, sub->args[0] ? " " : "", sub->args);
	}
	studio_error(st, "usage: :%s", syntax);
}

void studio_line_usage(struct studio_line *l)
{
	if (l->cmd)
		usage_of(l->st, l->cmd, NULL);
	else
		studio_error(l->st, "usage: :%s", l->w->argv[0]);
}

/* A command whose first word is a STRIP or TRACK to edit (not TRACK..., which takes
 * many words, nor a strip to look at, as the ui's :jump NAME). */
static bool takes_strip_set(const struct studio_command *c)
{
	return (c->kinds[0] == STUDIO_ARG_TRACK || c->kinds[0] == STUDIO_ARG_STRIP)
		&& (!strncmp(c->args, "STRIP", 5) || !strncmp(c->args, "TRACK", 5))
		&& !strstr(c->args, "...");
}

/* "fader -3.0 dB" of "Kick fader -3.0 dB", "eq added as insert 1" of "Kick: eq added
 * as insert 1 (:fx ...)": what the first strip's message says was done. */
static void what_was_done(const char *said, const char *name, char *buf, size_t size)
{
	const size_t n = strlen(name);
	if (!strncmp(said, name, n) && (said[n] == ' ' || said[n] == ':'))
		said += n + (said[n] == ':');
	said += strspn(said, " ");
	snprintf(buf, size, "%.*s", (int)strcspn(said, "("), said);
	for (size_t len = strlen(buf); len > 0 && buf[len - 1] == ' '; )
		buf[--len] = '\0';
}

static bool ends_on_off(const char *s)
{
	const size_t n = strlen(s);
	return (n >= 3 && !strcmp(s + n - 3, " on")) || (n >= 4 && !strcmp(s + n - 4, " off"));
}

/* The command once for each strip word 1 names, as one edit: one undo step, one line
 * said; a strip it cannot apply to is named, and nothing changes. */
static void run_many(struct studio_line *l, const struct studio_command *row,
	const struct studio_command *sub)
{
	struct studio *st = l->st;
	int *strips = xcalloc(STUDIO_POSITIONS_MAX, sizeof *strips);
	int n;
	char why[sizeof st->said_text];
	if (!studio_strips_parse(st, l->sel, l->here, l->w->argv[1], strips, &n, why,
		sizeof why)) {
		studio_error(st, "%s", why);
		free(strips);
		return;
	}
	l->strip1_set = true;
	l->set_first = strips[0]; /* a toggle follows it; one strip alone toggles itself */
	if (n == 1) {
		l->strip1 = strips[0];
		row->exec(l);
	} else {
		char name[STUDIO_UNDO_NAME], done[sizeof st->said_text] = "", list[256];
		snprintf(name, sizeof name, "%s%s%s on %d strips", l->w->argv[0], sub ? " " : "",
			sub ? sub->name : "", n);
		studio_edit_many_begin(st, name);
		l->set_first = strips[0];
		int failed = -1;
		for (int i = 0; i < n && failed < 0; i++) {
			const unsigned errors = st->said_errors, said = st->said;
			l->strip1 = strips[i];
			row->exec(l);
			if (st->said_errors != errors)
				failed = i;
			else if (i == 0 && st->said != said)
				what_was_done(st->said_text, studio_strip_name(st, strips[0]), done,
					sizeof done);
		}
		/* a step (+=N, -=N) leaves each strip at its own value: say the step */
		for (int i = 2; i < l->w->argc; i++)
			if ((l->w->argv[i][0] == '+' || l->w->argv[i][0] == '-')
				&& l->w->argv[i][1] == '=')
				snprintf(done, sizeof done, "%s %s", l->w->argv[0], l->w->argv[i]);
		snprintf(why, sizeof why, "%s", st->said_text);
		const bool changed = studio_edit_many_end(st, failed < 0);
		studio_strips_format(st, strips, n, list, sizeof list);
		if (failed >= 0)
			studio_error(st, "refused on %s: %s; nothing changed on %s",
				studio_strip_name(st, strips[failed]), why, list);
		else if (!changed)
			studio_message(st, "%s%snothing changed on %d strips: %s", done,
				*done ? "; " : "", n, list);
		else /* "mute on on 2 strips" would stutter */
			studio_message(st, "%s %s %d strips: %s", *done ? done : l->w->argv[0],
				ends_on_off(done) ? "for" : "on", n, list);
	}
	l->strip1_set = false;
	free(strips);
}

void studio_command_run(struct studio_line *l)
{
	const struct studio_command *c = l->cmd;
	const struct studio_words *a = l->w;
	const struct studio_command *row = c, *sub = NULL;
	int words = a->argc - 1;
	if (c->subs) {
		sub = a->argc > c->sub_at ? find_sub(c, a->argv[c->sub_at]) : NULL;
		if (!sub && !c->exec) {
			usage_of(l->st, c, NULL);
			return;
		}
		/* no sub-verb: the command's own exec, if it has one (":loop 10 20", ":dsp") */
		row = sub ? sub : c;
		words = sub ? a->argc - 1 - c->sub_at : words;
	}
	if (words < row->min_args || words > row->max_args) {
		usage_of(l->st, c, sub);
		return;
	}
	if (takes_strip_set(c) && a->argc > 1 && !l->strip1_set
		&& studio_strips_is_set(l->st, a->argv[1]))
		run_many(l, row, sub);
	else
		row->exec(l);
}

void studio_line_exec(struct studio *st, struct studio_sel *sel, const char *text)
{
	struct studio_words w;
	char why[128];
	if (!studio_words_split(text, &w, why, sizeof why)) {
		studio_error(st, "%s", why);
		return;
	}
	if (w.argc == 0)
		return;
	struct studio_line l = { .st = st, .sel = sel, .here = sel->strip, .w = &w,
		.cmd = studio_command_find(studio_commands, studio_n_commands, w.argv[0]) };
	if (!l.cmd) {
		studio_error(st, "unknown command \"%s\"", w.argv[0]);
		return;
	}
	studio_command_run(&l);
}

/* ---- completion ---- */

/* The lower-case alternatives of template word index ("[on|off]", "[DB|off]",
 * "on|off|clip|markers|START"): the words that are typed as they stand. */
static void offer_choices(const char *args, int index, void (*found)(void *, const char *),
	void *arg)
{
	const char *s = args;
	for (int i = 0; i < index && *s; i++) {
		s += strcspn(s, " ");
		s += strspn(s, " ");
	}
	const size_t len = strcspn(s, " ");
	char word[128];
	snprintf(word, sizeof word, "%.*s", (int)(len < sizeof word ? len : sizeof word - 1), s);
	for (char *w = strtok(word, "[]|"); w; w = strtok(NULL, "[]|"))
		if (w[0] >= 'a' && w[0] <= 'z')
			found(arg, w);
}

static void offer_strips(const struct project *p, bool tracks, bool buses, bool master,
	void (*found)(void *, const char *), void *arg)
{
	for (int t = 0; tracks && t < p->n_tracks; t++)
		found(arg, p->tracks[t].strip.name);
	for (int b = 0; buses && b < p->n_buses; b++)
		found(arg, p->buses[b].strip.name);
	if (master)
		found(arg, "master");
}

/* The lanes of the strip the word names: what :auto takes (src/control.h). */
static void offer_lanes(const struct studio *st, const char *strip_word,
	void (*found)(void *, const char *), void *arg)
{
	const int strip = studio_strip_find(st, strip_word);
	if (strip < 0) /* none, several, or the master (no lanes) */
		return;
	const unsigned kind = studio_strip_is_bus(st, strip) ? CONTROL_ON_BUS
		: CONTROL_ON_TRACK;
	control_each_lane(project_strip_get(st->project, strip), kind, found, arg);
}

/* The parameters of the insert the words name (STRIP SLOT). */
static void offer_params(const struct studio *st, const char *strip_word,
	const char *slot_word, void (*found)(void *, const char *), void *arg)
{
	const struct fx_class *type = fx_class_find(slot_word);
	if (type) { /* :fx STRIP TYPE PARAM */
		for (int i = 0; i < type->n_params; i++)
			found(arg, type->params[i].name);
		return;
	}
	const int strip = studio_strip_find(st, strip_word);
	char *end;
	long slot = strtol(slot_word, &end, 10);
	if (strip == STUDIO_STRIP_NONE || strip == STUDIO_STRIP_AMBIGUOUS || *end)
		return;
	const struct project_strip *s = project_strip_get(st->project, strip);
	if (!s || slot < 1 || slot > s->n_inserts)
		return;
	const struct fx_class *cls = s->inserts[slot - 1].cls;
	for (int i = 0; i < cls->n_params; i++)
		found(arg, cls->params[i].name);
}

/* The presets of the LV2 insert the words name (STRIP SLOT). */
static void offer_presets(const struct studio *st, const char *strip_word,
	const char *slot_word, void (*found)(void *, const char *), void *arg)
{
	const int strip = studio_strip_find(st, strip_word);
	char *end;
	long slot = strtol(slot_word, &end, 10);
	if (strip == STUDIO_STRIP_NONE || strip == STUDIO_STRIP_AMBIGUOUS || *end)
		return;
	const struct project_strip *s = project_strip_get(st->project, strip);
	if (!s || slot < 1 || slot > s->n_inserts)
		return;
	char **v;
	const int n = lv2_presets(s->inserts[slot - 1].cls, &v);
	for (int i = 0; i < n; i++) {
		found(arg, v[i]);
		free(v[i]);
	}
	free(v);
}

void studio_command_names(const struct studio_command *rows, size_t n,
	void (*found)(void *arg, const char *candidate), void *arg)
{
	for (size_t i = 0; i < n; i++) {
		const struct studio_command *c = &rows[i];
		found(arg, c->name);
		char alias[64];
		for (const char *s = c->aliases; s && *s; ) {
			const size_t len = strcspn(s, " ");
			snprintf(alias, sizeof alias, "%.*s", (int)len, s);
			found(arg, alias);
			s += len;
			s += strspn(s, " ");
		}
	}
}

/* What the row's word index is (past the template's last word, a last word like
 * TRACK... repeats); -1: nothing told. */
static int kind_at(const struct studio_command *row, int index)
{
	int n_words = 0;
	for (const char *w = row->args; *w; n_words++) {
		w += strcspn(w, " ");
		w += strspn(w, " ");
	}
	if (index >= n_words && n_words > 0 && strstr(row->args, "..."))
		index = n_words - 1;
	return index < STUDIO_LINE_KINDS ? index : -1;
}

/* The row (c, or the sub-verb's row the words before name) and the index among its
 * kinds of word word_index; false when nothing is told there (or it is the sub-verb). */
static bool row_at(const struct studio_command *c, const struct studio_words *before,
	int word_index, const struct studio_command **row, int *index)
{
	*row = c;
	*index = word_index - 1; /* among the row's words */
	if (c->subs && word_index == c->sub_at)
		return false;
	if (c->subs && word_index > c->sub_at) {
		if (before->argc <= c->sub_at || !(*row = find_sub(c, before->argv[c->sub_at])))
			return false;
		*index = word_index - c->sub_at - 1;
	}
	return (*index = kind_at(*row, *index)) >= 0;
}

bool studio_command_path_candidates(const struct studio *st,
	const struct studio_command *c, const struct studio_words *before, int word_index,
	const char *typed, void (*found)(void *arg, const char *candidate), void *arg)
{
	const struct studio_command *row;
	int index;
	if (!row_at(c, before, word_index, &row, &index))
		return false;
	const enum studio_arg kind = row->kinds[index];
	if (kind != STUDIO_ARG_PATH && kind != STUDIO_ARG_RENDER)
		return false;
	if (!found)
		return true;
	/* :render puts a relative name in the project's renders/ (a quick audition's
	 * where the studio stands): completion looks where the file will go */
	char *base = kind == STUDIO_ARG_RENDER && !st->throwaway
		? xasprintf("%s/renders", st->project->dir) : NULL;
	typed_path_complete(typed, base, found, arg);
	free(base);
	return true;
}

void studio_command_candidates(const struct studio *st, const struct studio_command *c,
	const struct studio_words *before, int word_index,
	void (*found)(void *arg, const char *candidate), void *arg)
{
	if (c->subs && word_index == c->sub_at) {
		for (const struct studio_command *s = c->subs; s->name; s++)
			found(arg, s->name);
		return;
	}
	const struct studio_command *row;
	int index;
	if (!row_at(c, before, word_index, &row, &index))
		return;
	const struct project *p = st->project;
	switch (row->kinds[index]) {
	case STUDIO_ARG_ANY: break;
	case STUDIO_ARG_TRACK: offer_strips(p, true, false, true, found, arg); break;
	case STUDIO_ARG_STRIP: offer_strips(p, true, true, true, found, arg); break;
	case STUDIO_ARG_BUS: offer_strips(p, false, true, false, found, arg); break;
	case STUDIO_ARG_OUTPUT: offer_strips(p, false, true, true, found, arg); break;
	case STUDIO_ARG_GROUP:
		for (int g = 0; g < p->n_groups; g++)
			found(arg, p->groups[g].name);
		break;
	case STUDIO_ARG_FX_TYPE:
		for (int i = 0; i < fx_n_classes; i++)
			found(arg, fx_classes[i]->name);
		found(arg, "lv2");
		break;
	case STUDIO_ARG_PLUGIN: {
		/* :insert STRIP add lv2 URI: only after lv2 (another type's word here is a slot) */
		if (before->argc < 4 || strcmp(before->argv[3], "lv2"))
			break;
		char **v;
		const int n = lv2_complete("", &v);
		for (int i = 0; i < n; i++) {
			found(arg, v[i]);
			free(v[i]);
		}
		free(v);
		break;
	}
	case STUDIO_ARG_PARAM:
		if (before->argc >= 3)
			offer_params(st, before->argv[1], before->argv[2], found, arg);
		break;
	case STUDIO_ARG_PRESET:
		if (before->argc >= 3)
			offer_presets(st, before->argv[1], before->argv[2], found, arg);
		break;
	case STUDIO_ARG_JACK_PORT: {
		char **v;
		const int n = driver_jack_port_names(st->driver, &v);
		for (int i = 0; i < n; i++) {
			found(arg, v[i]);
			free(v[i]);
		}
		free(v);
		break;
	}
	case STUDIO_ARG_LANE:
		if (before->argc >= 2)
			offer_lanes(st, before->argv[1], found, arg);
		break;
	case STUDIO_ARG_CHOICE: offer_choices(row->args, index, found, arg); break;
	case STUDIO_ARG_PATH:
	case STUDIO_ARG_RENDER: break; /* from the typed word: studio_command_path_candidates */
	}
}
