/* Recording in the studio (src/studio/record.h). UI thread only. */
#include "src/studio/record.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "audio/capture.h"
#include "audio/driver_jack.h"
#include "audio/graph.h"
#include "audio/media.h"
#include "src/base/clock.h"
#include "src/base/xalloc.h"
#include "src/studio/commands.h"
#include "src/studio/edit.h"
#include "src/studio/studio.h"

/* A track that was armed or given an input, by name. */
struct rec_track {
	char name[PROJECT_MAX_NAME + 1];
	bool armed;
	int input, channels;
};

struct studio_rec {
	struct rec_track *tracks;
	int n_tracks;
	enum studio_monitoring monitoring;
	/* the capture the JACK output feeds: one slot per armed track (slot_track), made
	 * again when arming or inputs change (stale) or the output changes */
	struct capture *cap;
	struct driver *cap_driver;
	struct driver *seen_driver;   /* the output the poll last made a capture for */
	char slot_track[CAPTURE_MAX_SLOTS][PROJECT_MAX_NAME + 1];
	bool stale;
	/* the callback did not let go of the old capture: the poll tries again no sooner
	 * than this (each try blocks up to 200 ms), and says so once */
	double retry_at;
	bool stuck_said;
	/* the take under way */
	bool recording;
	char *paths[CAPTURE_MAX_SLOTS];
	char *rels[CAPTURE_MAX_SLOTS];
	int take_no[CAPTURE_MAX_SLOTS];
	int64_t compensation;   /* frames, as it was when the take began */
	uint64_t overflows_said;
	float peak[CAPTURE_MAX_SLOTS];
	/* :punch: takes write only [punch_in, punch_out) of the song (seconds) */
	bool punch;
	double punch_in, punch_out;
	int64_t punch_end;      /* the take under way ends once the playhead is here */
};

static struct rec_track *find(struct studio_rec *r, const char *name, bool make);

/* The session's arming starts as the project saved it (record_armed, record_input). */
static struct studio_rec *rec_of(struct studio *st)
{
	if (st->rec)
		return st->rec;
	struct studio_rec *r = st->rec = xcalloc(1, sizeof *st->rec);
	for (int i = 0; i < st->project->n_tracks; i++) {
		const struct project_track *t = &st->project->tracks[i];
		if (!t->record_armed && !t->record_input && t->record_channels != 2)
			continue;
		struct rec_track *rt = find(r, t->strip.name, true);
		rt->armed = t->record_armed;
		rt->input = t->record_input;
		rt->channels = t->record_channels == 2 ? 2 : 1;
	}
	r->stale = true;
	return r;
}

/* The project holds what the session has, so that a save keeps it: written through
 * on every change and again on every poll (an undo puts back an older project). */
static void keep_in_project(struct studio *st)
{
	const struct studio_rec *r = st->rec;
	for (int i = 0; r && i < st->project->n_tracks; i++) {
		struct project_track *t = &st->project->tracks[i];
		struct rec_track *rt = find(st->rec, t->strip.name, false);
		t->record_armed = rt && rt->armed;
		t->record_input = rt ? rt->input : 0;
		t->record_channels = rt ? rt->channels : 1;
	}
}

static struct rec_track *find(struct studio_rec *r, const char *name, bool make)
{
	for (int i = 0; i < r->n_tracks; i++)
		if (!strcmp(r->tracks[i].name, name))
			return &r->tracks[i];
	if (!make)
		return NULL;
	r->tracks = xrealloc(r->tracks, (size_t)(r->n_tracks + 1) * sizeof *r->tracks);
	struct rec_track *t = &r->tracks[r->n_tracks++];
	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "%s", name);
	t->channels = 1;
	return t;
}

/* The output reads inputs: the native JACK client's, or a duplex PortAudio stream's. */
static bool jack_out(struct studio *st)
{
	return driver_jack_live(st->driver) || driver_pa_inputs(st->driver) > 0;
}

/* The capture the output's callback feeds (each call is a no-op for the other kind). */
static bool set_capture(struct driver *d, struct capture *c)
{
	return driver_jack_set_capture(d, c) && driver_pa_set_capture(d, c);
}

/* The round trip's capture and playback latencies the output reports. */
static bool output_latency(struct driver *d, int64_t *in, int64_t *out)
{
	return driver_jack_latency(d, in, out) || driver_pa_latency(d, in, out);
}

/* Let go of the capture (the output no longer reads it once this returns true). */
static bool drop_capture(struct studio *st)
{
	struct studio_rec *r = st->rec;
	if (!r->cap)
		return true;
	/* an output that changed since was closed (or abandoned, dead): it reads nothing */
	if (r->cap_driver == st->driver && !set_capture(st->driver, NULL))
		return false;
	capture_destroy(r->cap);
	r->cap = NULL;
	r->cap_driver = NULL;
	return true;
}

/* The capture for the armed tracks that exist, fed by the output; none when nothing
 * is armed or the output reads no inputs. */
static enum err make_capture(struct studio *st, struct err_msg *msg)
{
	struct studio_rec *r = st->rec;
	if (!drop_capture(st))
		return err_set(msg, ERR_DEVICE, "recording: the audio callback did not answer");
	r->stale = false;
	if (!jack_out(st))
		return ERR_OK;
	struct capture_slot_cfg cfg[CAPTURE_MAX_SLOTS];
	int n = 0;
	for (int i = 0; i < r->n_tracks; i++) {
		const struct rec_track *t = &r->tracks[i];
		if (!t->armed || project_find_track(st->project, t->name) < 0)
			continue;
		if (n == CAPTURE_MAX_SLOTS)
			return err_set(msg, ERR_USAGE, "recording: at most %d tracks may be armed",
				CAPTURE_MAX_SLOTS);
		cfg[n] = (struct capture_slot_cfg){ t->input, t->channels };
		snprintf(r->slot_track[n], sizeof r->slot_track[n], "%s", t->name);
		n++;
	}
	if (!n)
		return ERR_OK;
	struct capture *c = capture_create(engine_sample_rate(st->engine), cfg, n, msg);
	if (!c)
		return ERR_USAGE;
	r->cap = c;
	r->cap_driver = st->driver;
	set_capture(st->driver, c);
	return ERR_OK;
}

bool studio_recording(const struct studio *st)
{
	return st->recording;
}

static int slot_of(const struct studio_rec *r, const char *name)
{
	for (int s = 0; r->cap && s < capture_slots(r->cap); s++)
		if (!strcmp(r->slot_track[s], name))
			return s;
	return -1;
}

bool studio_record_armed(struct studio *st, int t, float *peak)
{
	if (peak)
		*peak = 0;
	if (!st->rec || t < 0 || t >= st->project->n_tracks)
		return false;
	const struct rec_track *rt = find(st->rec, st->project->tracks[t].strip.name, false);
	if (!rt || !rt->armed)
		return false;
	const int s = slot_of(st->rec, rt->name);
	if (peak && s >= 0)
		*peak = st->rec->peak[s];
	return true;
}

enum err studio_record_arm(struct studio *st, int t, bool on, struct err_msg *msg)
{
	struct studio_rec *r = rec_of(st);
	if (r->recording)
		return err_set(msg, ERR_USAGE, "recording: stop first (arming changes at rest)");
	find(r, st->project->tracks[t].strip.name, true)->armed = on;
	r->stale = true;
	keep_in_project(st);
	return ERR_OK;
}

enum err studio_record_input(struct studio *st, int t, int first, int channels,
	struct err_msg *msg)
{
	struct studio_rec *r = rec_of(st);
	if (r->recording)
		return err_set(msg, ERR_USAGE, "recording: stop first (inputs change at rest)");
	if (first < 0 || channels < 1 || channels > 2 || first + channels > CAPTURE_MAX_INPUTS)
		return err_set(msg, ERR_USAGE, "inputs are 1, 2 or 1-2");
	struct rec_track *rt = find(r, st->project->tracks[t].strip.name, true);
	rt->input = first;
	rt->channels = channels;
	r->stale = true;
	keep_in_project(st);
	return ERR_OK;
}

int64_t studio_record_compensation(struct studio *st)
{
	int64_t in = 0, out = 0;
	output_latency(st->driver, &in, &out);
	/* plug-in delay compensation holds the output back by the graph's latency too */
	const int64_t pdc = st->graph ? graph_latency(st->graph) : 0;
	return in + out + pdc + st->project->record_latency;
}

/* A file name part from a track name: what a path cannot hold becomes '_'. */
static void file_part(const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s", name);
	for (char *c = out; *c; c++)
		if (*c == '/' || *c == '\\' || (unsigned char)*c < 0x20 || *c == ' ')
			*c = '_';
}

/* Whether this take already chose path p for another slot (the files are made only
 * once every slot has its path, and two names may map to one: "Gtr L", "Gtr_L"). */
static bool chosen(const struct studio_rec *r, const char *p)
{
	for (int s = 0; s < CAPTURE_MAX_SLOTS; s++)
		if (r->paths[s] && !strcmp(r->paths[s], p))
			return true;
	return false;
}

/* audio/<track>-take<N>.wav with the first N no file has (nor this take chose). */
static void take_path(struct studio *st, const char *track, char **path, char **rel, int *no)
{
	char part[PROJECT_MAX_NAME + 1];
	file_part(track, part, sizeof part);
	for (int n = 1;; n++) {
		char r[PROJECT_MAX_NAME + 48];
		snprintf(r, sizeof r, "audio/%s-take%d.wav", part, n);
		char *p = xasprintf("%s/%s", st->project->dir, r);
		if (access(p, F_OK) != 0 && !chosen(st->rec, p)) {
			*path = p;
			*rel = xstrdup(r);
			*no = n;
			return;
		}
		free(p);
	}
}

static void free_paths(struct studio_rec *r)
{
	for (int s = 0; s < CAPTURE_MAX_SLOTS; s++) {
		free(r->paths[s]);
		free(r->rels[s]);
		r->paths[s] = r->rels[s] = NULL;
	}
}

static int64_t playhead(const struct studio *st)
{
	return st->locate_pending ? st->locate_target : st->snap.playhead;
}

enum err studio_record_start(struct studio *st, struct err_msg *msg)
{
	struct studio_rec *r = rec_of(st);
	if (r->recording)
		return err_set(msg, ERR_USAGE, "already recording");
	if (!jack_out(st))
		return err_set(msg, ERR_DEVICE, "recording needs inputs: :device jack (or ttymix "
			"--output jack), or a PortAudio device that has some");
	if (st->read_only)
		return err_set(msg, ERR_USAGE, "read-only: another studio holds this project");
	enum err e = r->stale || !r->cap || r->cap_driver != st->driver
		? make_capture(st, msg) : ERR_OK;
	if (e != ERR_OK)
		return e;
	if (!r->cap)
		return err_set(msg, ERR_USAGE, "no track is armed (:arm TRACK, or r on the mixer)");
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/audio", st->project->dir);
	if (mkdir(dir, 0777) != 0 && errno != EEXIST)
		return err_set(msg, ERR_IO, "%s: %s", dir, strerror(errno));
	if (st->play_wanted)
		studio_transport_stop(st); /* a take starts from a standing playhead */
	const int n = capture_slots(r->cap);
	for (int s = 0; s < n; s++)
		take_path(st, r->slot_track[s], &r->paths[s], &r->rels[s], &r->take_no[s]);
	r->compensation = studio_record_compensation(st);
	const double rate = st->project->sample_rate;
	/* the song frame where the file's sample 0 was heard (:take places it there) */
	int64_t heard = playhead(st) - r->compensation;
	if (r->punch) {
		const int64_t in = (int64_t)llround(r->punch_in * rate);
		const int64_t out = (int64_t)llround(r->punch_out * rate);
		if (playhead(st) > in) {
			free_paths(r);
			return err_set(msg, ERR_USAGE, "the playhead is past the punch-in (%.3f s): "
				":locate before it", r->punch_in);
		}
		/* the samples heard at [in, out): captured a round trip later */
		capture_set_punch(r->cap, in + r->compensation, out + r->compensation);
		heard = in;
		r->punch_end = out + r->compensation + (int64_t)(rate / 10);
	} else {
		capture_set_punch(r->cap, -1, -1);
	}
	/* loop recording: each pass of a looping transport becomes a take */
	const struct project *pr = st->project;
	if (!r->punch && pr->loop_enabled && pr->loop_end > pr->loop_start)
		capture_set_loop(r->cap, (int64_t)llround(pr->loop_start * rate),
			(int64_t)llround(pr->loop_end * rate));
	else
		capture_set_loop(r->cap, -1, -1);
	char comment[96];
	snprintf(comment, sizeof comment, "ttymix take start_frame=%lld", (long long)heard);
	if ((e = capture_record_start(r->cap, r->paths, comment, msg)) != ERR_OK) {
		free_paths(r);
		return e;
	}
	r->recording = st->recording = true;
	r->overflows_said = 0;
	studio_transport_play(st);
	return ERR_OK;
}

/* Take clips on track t that overlap [a, b) come off the timeline: the new take is
 * the one heard (their files stay, for :take). */
static void unstack_takes(struct project_track *t, const char *part, double a, double b)
{
	char prefix[PROJECT_MAX_NAME + 16];
	snprintf(prefix, sizeof prefix, "audio/%s-take", part);
	for (int k = t->n_clips - 1; k >= 0; k--) {
		const struct project_clip *c = &t->clips[k];
		const double end = c->length >= 0 ? c->start + c->length : c->start + 1e9;
		if (!strncmp(c->file, prefix, strlen(prefix)) && c->start < b && end > a)
			project_remove_clip(t, k);
	}
}

/* Put take file rel (frames long, recorded from song frame start) on track t. */
static void place_take(struct studio *st, int t, const char *rel, int64_t start,
	int64_t frames)
{
	const double rate = st->project->sample_rate;
	struct project_track *tr = &st->project->tracks[t];
	char part[PROJECT_MAX_NAME + 1];
	file_part(tr->strip.name, part, sizeof part);
	double at = start / rate, offset = 0;
	if (at < 0) { /* compensated to before the song's start: the head is trimmed */
		offset = -at;
		at = 0;
	}
	const double len = frames / rate - offset;
	unstack_takes(tr, part, at, at + len);
	struct project_clip *c = project_add_clip(tr, rel, at);
	c->offset = offset;
	c->length = len;
	project_sort_clips(tr);
}

/* Copy frames [from, to) of take file src into a new 24-bit WAV dst tagged with
 * where it was heard. */
static enum err copy_part(const char *src, const char *dst, int rate, int64_t from,
	int64_t to, int64_t heard, struct err_msg *msg)
{
	struct media_reader *rd;
	enum err e = media_reader_open(&rd, src, rate, msg);
	if (e != ERR_OK)
		return e;
	const int ch = media_reader_info(rd)->channels;
	struct media_writer *w;
	if ((e = media_writer_open(&w, dst, MEDIA_WAV, MEDIA_PCM24, rate, ch, msg)) != ERR_OK) {
		media_reader_close(rd);
		return e;
	}
	char tag[96];
	snprintf(tag, sizeof tag, "ttymix take start_frame=%lld", (long long)heard);
	media_writer_set_tag(w, "comment", tag);
	enum { CHUNK = 4096 };
	float *buf = xmalloc(sizeof *buf * CHUNK * (size_t)ch);
	for (int64_t at = from; at < to && e == ERR_OK;) {
		const int n = to - at < CHUNK ? (int)(to - at) : CHUNK;
		e = media_reader_read(rd, at, buf, n, msg);
		if (e == ERR_OK)
			e = media_writer_write(w, buf, n, msg);
		at += n;
	}
	free(buf);
	struct err_msg cm;
	const enum err ce = media_writer_close(w, &cm);
	if (e == ERR_OK && ce != ERR_OK) {
		e = ce;
		*msg = cm;
	}
	media_reader_close(rd);
	if (e != ERR_OK)
		remove(dst);
	return e;
}

/* Loop recording: slot s's file holds every pass; each pass after the first becomes
 * a take file of its own (the next free numbers), placed at the loop's start (the
 * last one heard: an earlier take under it comes off the timeline), and the first
 * file keeps the first pass. Returns the passes made; on an error the file stays
 * whole, one take. */
static int split_passes(struct studio *st, int s, int t, const struct capture_take *take,
	int64_t start)
{
	struct studio_rec *r = st->rec;
	const int rate = st->project->sample_rate;
	const int64_t loop_in = (int64_t)llround(st->project->loop_start * rate);
	int64_t cut[CAPTURE_MAX_PASSES + 2];
	int n = 0;
	cut[n++] = 0;
	for (int i = 0; i < take->n_wraps; i++) {
		/* a sample heard at the wrap arrives a round trip after it */
		const int64_t at = take->pass_at[i] + r->compensation;
		if (at > cut[n - 1] && at < take->frames[s])
			cut[n++] = at;
	}
	cut[n] = take->frames[s];
	if (n < 2)
		return 1;
	char *part = xasprintf("%s.part", r->paths[s]);
	struct err_msg msg;
	enum err e = ERR_OK;
	int made = 1;
	for (int k = 1; k < n && e == ERR_OK; k++) {
		char *path, *rel;
		int no;
		take_path(st, r->slot_track[s], &path, &rel, &no);
		e = copy_part(r->paths[s], path, rate, cut[k], cut[k + 1], loop_in, &msg);
		if (e == ERR_OK) {
			place_take(st, t, rel, loop_in, cut[k + 1] - cut[k]);
			made++;
		}
		free(path);
		free(rel);
	}
	if (e == ERR_OK)
		e = copy_part(r->paths[s], part, rate, 0, cut[1], start, &msg);
	if (e == ERR_OK && rename(part, r->paths[s]) != 0)
		e = err_set(&msg, ERR_IO, "%s: %s", r->paths[s], strerror(errno));
	if (e != ERR_OK)
		studio_error(st, "loop recording: %s: the passes stay in one take", msg.text);
	remove(part);
	free(part);
	return made;
}

void studio_record_finish(struct studio *st, const char *why)
{
	struct studio_rec *r = st->rec;
	if (!r || !r->recording)
		return;
	struct capture_take take;
	capture_record_stop(r->cap, jack_out(st) && r->cap_driver == st->driver, &take);
	r->recording = st->recording = false;
	const int n = capture_slots(r->cap);
	const int64_t start = take.start_frame - r->compensation;
	studio_edit_begin(st, "record");
	int placed = 0, kept = 0;
	double secs = 0;
	char first[PROJECT_MAX_NAME + 64] = "";
	for (int s = 0; s < n; s++) {
		const int t = project_find_track(st->project, r->slot_track[s]);
		if (take.start_frame < 0 || take.frames[s] <= 0) {
			remove(r->paths[s]); /* nothing came: no empty file stays */
			continue;
		}
		if (t < 0) { /* renamed or deleted meanwhile: what came is kept, unplaced */
			studio_error(st, "recording: track \"%s\" is gone; its take stays in %s",
				r->slot_track[s], r->rels[s]);
			kept++;
			continue;
		}
		int passes = 1;
		if (take.n_wraps > 0 && take.error == ERR_OK) {
			/* the first pass first, so that the later ones replace it */
			place_take(st, t, r->rels[s], start, take.pass_at[0] + r->compensation);
			passes = split_passes(st, s, t, &take, start);
		}
		if (passes == 1)
			place_take(st, t, r->rels[s], start, take.frames[s]);
		if (!placed++)
			snprintf(first, sizeof first, "%s take %d%s", r->slot_track[s], r->take_no[s],
				passes > 1 ? " (a take per loop pass)" : "");
		secs = (double)take.frames[s] / st->project->sample_rate;
	}
	if (placed)
		studio_edit_commit(st);
	else
		studio_edit_cancel(st);
	char over[64] = "";
	if (take.overflows)
		snprintf(over, sizeof over, ", %llu frames lost (overflow)",
			(unsigned long long)take.overflows);
	char more[32] = "";
	if (placed > 1)
		snprintf(more, sizeof more, " and %d more", placed - 1);
	if (why || take.error != ERR_OK)
		studio_error(st, "recording stopped: %s; kept %.1f s (%s%s)%s",
			why ? why : take.msg.text, secs, placed ? first : "nothing", more, over);
	else if (placed)
		studio_message(st, "recorded %s%s: %.1f s, %llu frames lost; first sample "
			"written %.0f ms after the start", first, more, secs,
			(unsigned long long)take.overflows, take.first_sample_sec * 1e3);
	else if (!kept)
		studio_error(st, "recording: no sound came in");
	free_paths(r);
}

/* A PortAudio output is opened duplex while a track is armed, and output only again
 * once none is (the device's inputs are not held for nothing). At rest only. */
static void pa_inputs_follow(struct studio *st)
{
	const struct studio_rec *r = st->rec;
	bool asked;
	const int dev = driver_pa_device(st->driver, &asked);
	if (dev < 0 || r->recording)
		return;
	bool armed = false;
	for (int i = 0; i < r->n_tracks; i++)
		armed |= r->tracks[i].armed && project_find_track(st->project, r->tracks[i].name) >= 0;
	if (armed == asked)
		return;
	char name[16];
	snprintf(name, sizeof name, "%d", dev);
	const struct driver_config cfg = { .kind = DRIVER_PA, .device = name,
		.buffer_frames = st->driver->buffer_frames, .inputs = armed };
	if (!studio_transport_reopen(st, &cfg, st->stream != NULL))
		return; /* said */
	const int n = driver_pa_inputs(st->driver);
	if (!armed)
		studio_message(st, "nothing armed: the output lets its inputs go (%s)",
			st->driver->description);
	else if (n)
		studio_message(st, "armed: the output reads %d input%s for recording (%s)", n,
			n == 1 ? "" : "s", st->driver->description);
	else
		studio_error(st, "armed, but %s has no inputs: recording needs :device jack or a "
			"device with inputs", st->driver->description);
}

void studio_record_poll(struct studio *st)
{
	struct studio_rec *r = rec_of(st);
	keep_in_project(st);
	if (r->recording) {
		struct err_msg why;
		if (st->driver != r->cap_driver || (st->driver && st->driver->failed))
			studio_record_finish(st, "the input was lost");
		else if (capture_failed(r->cap, &why))
			studio_record_finish(st, why.text); /* playback goes on */
		else if (!st->play_wanted)
			studio_record_finish(st, NULL);
		else if (r->punch && (capture_punched_out(r->cap)
		    || (st->snap.playhead >= r->punch_end && !st->locate_pending)))
			studio_record_finish(st, NULL); /* punched out: playback goes on */
		else if (capture_overflows(r->cap) > r->overflows_said) {
			r->overflows_said = capture_overflows(r->cap);
			studio_error(st, "recording: %llu frames lost: the disk is slower than the "
				"inputs", (unsigned long long)r->overflows_said);
		}
	}
	pa_inputs_follow(st);
	/* arming or inputs changed, or another output came: the capture is made again
	 * (also with nothing armed, once per output) */
	if (!r->recording && (r->stale || r->seen_driver != st->driver)
	    && clock_now_sec() >= r->retry_at) {
		struct err_msg msg;
		const enum err e = make_capture(st, &msg);
		if (e == ERR_DEVICE) { /* the old capture is still held: later, said once */
			r->stale = true;
			r->retry_at = clock_now_sec() + 2.0;
			if (!r->stuck_said)
				studio_error(st, "%s (trying again every 2 s)", msg.text);
			r->stuck_said = true;
		} else {
			if (e != ERR_OK)
				studio_error(st, "%s", msg.text);
			r->stuck_said = false;
			r->retry_at = 0;
		}
		r->seen_driver = st->driver;
	}
	if (!r->cap)
		return;
	for (int s = 0; s < capture_slots(r->cap); s++) {
		/* the meter falls 20 dB a second or so between the UI's turns */
		const float p = capture_peak_take(r->cap, s);
		r->peak[s] = p > r->peak[s] * 0.9f ? p : r->peak[s] * 0.9f;
		const bool on = r->monitoring == STUDIO_MON_ON || (r->monitoring == STUDIO_MON_AUTO
			&& (r->recording || !st->play_wanted));
		capture_set_monitor(r->cap, s, on);
	}
}

void studio_record_close(struct studio *st)
{
	struct studio_rec *r = st->rec;
	if (!r)
		return;
	studio_record_finish(st, NULL);
	drop_capture(st);
	free(r->tracks);
	free(r);
	st->rec = NULL;
}

/* ---- the commands ---- */

/* Word i as a track (a name, a number, "."); said when it is none. */
static bool track_word(struct studio_line *l, int i, int *t)
{
	int strip;
	if (!studio_line_strip(l, l->w->argv[i], &strip))
		return false;
	if (strip < 0 || strip >= l->st->project->n_tracks) {
		studio_error(l->st, "%s: %s is not a track (buses and the master record "
			"nothing)", l->w->argv[0], l->w->argv[i]);
		return false;
	}
	*t = strip;
	return true;
}

/* :arm TRACK [on|off] (toggles without a word) */
void studio_line_arm(struct studio_line *l)
{
	struct studio *st = l->st;
	int t;
	if (!track_word(l, 1, &t))
		return;
	bool on = !studio_record_armed(st, t, NULL);
	if (l->w->argc > 2) {
		if (strcmp(l->w->argv[2], "on") && strcmp(l->w->argv[2], "off")) {
			studio_line_usage(l);
			return;
		}
		on = !strcmp(l->w->argv[2], "on");
	}
	struct err_msg msg;
	if (studio_record_arm(st, t, on, &msg) != ERR_OK) {
		studio_error(st, "%s", msg.text);
		return;
	}
	const struct rec_track *rt = find(st->rec, st->project->tracks[t].strip.name, false);
	st->changed = true;
	if (!on)
		studio_message(st, "\"%s\" disarmed", rt->name);
	else if (rt->channels == 2)
		studio_message(st, "\"%s\" armed: inputs %d-%d%s", rt->name, rt->input + 1,
			rt->input + 2, jack_out(st) ? "" : " (recording needs inputs: :device jack)");
	else
		studio_message(st, "\"%s\" armed: input %d%s", rt->name, rt->input + 1,
			jack_out(st) ? "" : " (recording needs inputs: :device jack)");
}

/* :input TRACK 1|2|1-2 */
void studio_line_input(struct studio_line *l)
{
	struct studio *st = l->st;
	int t;
	if (!track_word(l, 1, &t))
		return;
	const char *w = l->w->argv[2];
	int first, channels;
	if (!strcmp(w, "1") || !strcmp(w, "2")) {
		first = w[0] - '1';
		channels = 1;
	} else if (!strcmp(w, "1-2")) {
		first = 0;
		channels = 2;
	} else {
		studio_error(st, "input: %s: inputs are 1, 2 (mono) or 1-2 (stereo)", w);
		return;
	}
	struct err_msg msg;
	if (studio_record_input(st, t, first, channels, &msg) != ERR_OK) {
		studio_error(st, "%s", msg.text);
		return;
	}
	studio_message(st, "\"%s\" records input %s (%s)", st->project->tracks[t].strip.name,
		w, channels == 2 ? "stereo" : "mono");
}

/* :record (R): start on every armed track, or end the take under way */
void studio_line_record(struct studio_line *l)
{
	struct studio *st = l->st;
	if (studio_recording(st)) {
		studio_transport_stop(st);
		studio_record_finish(st, NULL);
		return;
	}
	struct err_msg msg;
	if (studio_record_start(st, &msg) != ERR_OK) {
		studio_error(st, "record: %s", msg.text);
		return;
	}
	const struct studio_rec *r = st->rec;
	const int n = capture_slots(r->cap);
	char more[32] = "";
	if (n > 1)
		snprintf(more, sizeof more, " and %d more", n - 1);
	studio_message(st, "recording %s%s (take %d) from %.3f s; R or space stops",
		r->slot_track[0], more, r->take_no[0],
		(double)playhead(st) / st->project->sample_rate);
}

/* :take TRACK N: take N of TRACK goes where it was recorded, in place of the take
 * clips it overlaps. */
void studio_line_take(struct studio_line *l)
{
	struct studio *st = l->st;
	int t;
	if (!track_word(l, 1, &t))
		return;
	double num;
	if (!studio_line_number(l->w->argv[2], &num) || num < 1 || num != floor(num)) {
		studio_error(st, "take: %s: a take's number (1, 2, ...)", l->w->argv[2]);
		return;
	}
	struct project_track *tr = &st->project->tracks[t];
	char part[PROJECT_MAX_NAME + 1];
	file_part(tr->strip.name, part, sizeof part);
	char *rel = xasprintf("audio/%s-take%d.wav", part, (int)num);
	char *path = xasprintf("%s/%s", st->project->dir, rel);
	struct media_info info;
	struct err_msg msg;
	char comment[128] = "";
	long long start;
	if (media_probe(path, &info, &msg) != ERR_OK) {
		studio_error(st, "take: no take %d of \"%s\" (%s)", (int)num, tr->strip.name, msg.text);
	} else if (!media_read_tag(path, "comment", comment, sizeof comment)
		|| sscanf(comment, "ttymix take start_frame=%lld", &start) != 1) {
		studio_error(st, "take: %s does not say where it was recorded", rel);
	} else {
		studio_edit_begin(st, "take");
		place_take(st, t, rel, start, info.frames);
		studio_edit_commit(st);
		studio_message(st, "\"%s\": take %d at %.3f s", tr->strip.name, (int)num,
			(double)(start > 0 ? start : 0) / st->project->sample_rate);
	}
	free(rel);
	free(path);
}

/* :latency [FRAMES|Nms]: the measured offset added to the driver's latencies */
void studio_line_latency(struct studio_line *l)
{
	struct studio *st = l->st;
	const double rate = st->project->sample_rate;
	if (l->w->argc > 1) {
		const char *w = l->w->argv[1];
		const size_t n = strlen(w);
		char *num = xstrdup(w);
		const bool ms = n > 2 && !strcmp(w + n - 2, "ms");
		if (ms)
			num[n - 2] = '\0';
		double v;
		const bool ok = studio_line_number(num, &v);
		free(num);
		const double frames = ms ? round(v * rate / 1000.0) : v;
		if (!ok || frames != floor(frames) || fabs(frames) > PROJECT_MAX_RECORD_LATENCY) {
			studio_error(st, "latency: %s: frames (480) or milliseconds (10ms), within "
				"%d frames", w, PROJECT_MAX_RECORD_LATENCY);
			return;
		}
		studio_edit_begin(st, "latency");
		st->project->record_latency = (int)frames;
		studio_edit_commit(st);
	}
	int64_t in = 0, out = 0;
	const bool jack = output_latency(st->driver, &in, &out);
	const int own = st->project->record_latency;
	if (!jack)
		studio_message(st, "recording latency: offset %d frames (%.2f ms); the "
			"driver's is read when the output has inputs", own, own * 1000.0 / rate);
	else
		studio_message(st, "recording latency: capture %lld + playback %lld + offset %d = "
			"%lld frames (%.2f ms)", (long long)in, (long long)out, own,
			(long long)(in + out + own), (in + out + own) * 1000.0 / rate);
}

/* :monitoring [off|auto|on]: hear the armed tracks' inputs */
void studio_line_monitoring(struct studio_line *l)
{
	struct studio *st = l->st;
	struct studio_rec *r = rec_of(st);
	static const char *const names[] = { "off", "auto", "on" };
	if (l->w->argc > 1) {
		int m = -1;
		for (int i = 0; i < 3; i++)
			if (!strcmp(l->w->argv[1], names[i]))
				m = i;
		if (m < 0) {
			studio_line_usage(l);
			return;
		}
		r->monitoring = (enum studio_monitoring)m;
	}
	studio_message(st, "input monitoring %s%s", names[r->monitoring],
		r->monitoring == STUDIO_MON_AUTO ? " (heard while stopped, or recording)" : "");
}

/* A punch word: a marker's name, else a time (seconds, m:ss, b21). */
static bool punch_word(struct studio *st, const char *w, double *sec)
{
	for (int i = 0; i < st->project->n_markers; i++)
		if (!strcmp(st->project->markers[i].name, w)) {
			*sec = st->project->markers[i].time;
			return true;
		}
	struct err_msg msg;
	if (studio_line_when(st, w, sec, &msg))
		return true;
	studio_error(st, "punch: %s: no marker of that name, nor a time%s%s", w,
		msg.text[0] ? ": " : "", msg.text);
	return false;
}

/* :punch off|loop|A B: takes write only between the loop points, or two markers */
void studio_line_punch(struct studio_line *l)
{
	struct studio *st = l->st;
	struct studio_rec *r = rec_of(st);
	const struct project *p = st->project;
	double a, b;
	if (r->recording) {
		studio_error(st, "punch: stop the take first");
		return;
	}
	if (l->w->argc == 2 && !strcmp(l->w->argv[1], "off")) {
		r->punch = false;
		studio_message(st, "punch off: takes record from the playhead until stopped");
		return;
	}
	if (l->w->argc == 2 && !strcmp(l->w->argv[1], "loop")) {
		a = p->loop_start;
		b = p->loop_end;
	} else if (l->w->argc == 3) {
		if (!punch_word(st, l->w->argv[1], &a) || !punch_word(st, l->w->argv[2], &b))
			return;
	} else {
		studio_line_usage(l);
		return;
	}
	if (!(b > a)) {
		studio_error(st, "punch: the range %.3f to %.3f s is empty", a, b);
		return;
	}
	r->punch = true;
	r->punch_in = a;
	r->punch_out = b;
	studio_message(st, "punch in at %.3f s, out at %.3f s: nothing outside is written", a, b);
}
