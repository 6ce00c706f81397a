/* The capture path (audio/capture.h): rings filled on the audio thread, emptied into
 * WAV files by a writer thread of its own. */
#include "audio/capture.h"

#include <math.h>
#include <pthread.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "audio/media.h"
#include "src/base/xalloc.h"

/* A ring of samples: head counts samples the producer wrote, tail those the consumer
 * took; both run free and the buffer is a power of two long. */
struct cap_ring {
	alignas(64) _Atomic size_t head;
	alignas(64) _Atomic size_t tail;
	alignas(64) size_t size;
	size_t mask;
	float *buf;
	bool locked;      /* mlock'd (undone before it is freed) */
};

/* Frames a full ring dropped, at ring position at (samples): the writer writes that
 * much silence there, so that the file stays in time with the others. A queue of
 * them per slot: gap_head counts entries the audio thread made, gap_tail those the
 * writer is done with. While at is still the ring's head, the audio thread adds
 * later drops to the newest entry (frames is atomic for that); the writer takes what
 * is there and lets the entry go only once the head moved past it. */
#define CAP_MAX_GAPS 64
struct cap_gap {
	size_t at;
	_Atomic int64_t frames;
};

struct cap_slot {
	int input, channels;
	struct cap_ring ring;
	struct cap_gap gaps[CAP_MAX_GAPS];
	_Atomic size_t gap_head, gap_tail;
	_Atomic uint32_t peak;        /* a float's bits: the highest |x| since taken */
	_Atomic bool monitor;
	struct media_writer *w;       /* the writer thread's while recording */
	int64_t written;              /* frames: the writer thread's, read after join */
};

/* DONE: the punch-out passed; a loop back into the range writes nothing more */
enum { CAP_IDLE, CAP_WAIT_ROLL, CAP_RECORDING, CAP_DONE };

struct capture {
	int rate, n;
	struct cap_slot *slots;
	_Atomic int state;            /* CAP_*: set by the control thread (release), moved
	                                 from WAIT_ROLL to RECORDING by the audio thread */
	_Atomic int64_t start_frame;
	_Atomic uint64_t overflows;
	_Atomic uint64_t cycles;      /* capture_process_rt calls finished */
	int64_t punch_in, punch_out;  /* set before a take starts (capture_set_punch) */
	int64_t loop_in, loop_out;    /* ...and the loop (capture_set_loop) */
	/* the audio thread's: frames pushed in this take, and where it wrapped (the count
	 * published with release, read after the stop) */
	int64_t pushed;
	int64_t wraps[CAPTURE_MAX_PASSES];
	_Atomic int n_wraps;
	/* the writer */
	pthread_t thread;
	bool running;
	_Atomic bool stop;
	_Atomic bool failed;          /* fail_* written before it (release) */
	enum err fail_err;
	struct err_msg fail_msg;
	double started;               /* monotonic seconds at capture_record_start */
	_Atomic int64_t first_ns;     /* when the writer first had samples; 0: not yet */
};

static double mono_sec(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t pow2_at_least(size_t n)
{
	size_t p = 1;
	while (p < n)
		p <<= 1;
	return p;
}

struct capture *capture_create(int rate, const struct capture_slot_cfg *cfg, int n,
	struct err_msg *msg)
{
	if (n < 1 || n > CAPTURE_MAX_SLOTS || rate <= 0) {
		err_set(msg, ERR_USAGE, "recording: %d tracks armed (1 to %d may be)", n,
			CAPTURE_MAX_SLOTS);
		return NULL;
	}
	for (int s = 0; s < n; s++)
		if (cfg[s].channels < 1 || cfg[s].channels > 2 || cfg[s].input < 0
		    || cfg[s].input + cfg[s].channels > CAPTURE_MAX_INPUTS) {
			err_set(msg, ERR_USAGE, "recording: input %d%s does not exist (1 to %d)",
				cfg[s].input + 1, cfg[s].channels == 2 ? "-2" : "", CAPTURE_MAX_INPUTS);
			return NULL;
		}
	struct capture *c = xcalloc(1, sizeof *c);
	c->rate = rate;
	c->n = n;
	c->slots = xcalloc((size_t)n, sizeof *c->slots);
	for (int s = 0; s < n; s++) {
		struct cap_slot *sl = &c->slots[s];
		sl->input = cfg[s].input;
		sl->channels = cfg[s].channels;
		sl->ring.size = pow2_at_least((size_t)(CAPTURE_RING_SEC * rate) * (size_t)sl->channels);
		sl->ring.mask = sl->ring.size - 1;
		sl->ring.buf = xmalloc(sl->ring.size * sizeof *sl->ring.buf);
		/* every page written now, and locked where the limits let us, so that the
		 * audio thread's first take faults no page in (calloc's pages are mapped
		 * on first touch) */
		memset(sl->ring.buf, 0, sl->ring.size * sizeof *sl->ring.buf);
		sl->ring.locked = mlock(sl->ring.buf, sl->ring.size * sizeof *sl->ring.buf) == 0;
		atomic_init(&sl->ring.head, 0);
		atomic_init(&sl->ring.tail, 0);
		atomic_init(&sl->gap_head, 0);
		atomic_init(&sl->gap_tail, 0);
		for (int g = 0; g < CAP_MAX_GAPS; g++)
			atomic_init(&sl->gaps[g].frames, 0);
		atomic_init(&sl->peak, 0);
		atomic_init(&sl->monitor, false);
	}
	c->punch_in = c->punch_out = -1;
	c->loop_in = c->loop_out = -1;
	atomic_init(&c->n_wraps, 0);
	atomic_init(&c->state, CAP_IDLE);
	atomic_init(&c->start_frame, -1);
	atomic_init(&c->overflows, 0);
	atomic_init(&c->cycles, 0);
	atomic_init(&c->stop, false);
	atomic_init(&c->failed, false);
	atomic_init(&c->first_ns, 0);
	return c;
}

void capture_destroy(struct capture *c)
{
	if (!c)
		return;
	if (c->running) {
		struct capture_take t;
		capture_record_stop(c, false, &t);
	}
	for (int s = 0; s < c->n; s++) {
		struct cap_ring *r = &c->slots[s].ring;
		if (r->locked)
			munlock(r->buf, r->size * sizeof *r->buf);
		free(r->buf);
	}
	free(c->slots);
	free(c);
}

int capture_slots(const struct capture *c)
{
	return c->n;
}

void capture_set_monitor(struct capture *c, int s, bool on)
{
	if (s >= 0 && s < c->n)
		atomic_store_explicit(&c->slots[s].monitor, on, memory_order_relaxed);
}

/* ---- the audio thread ---- */

static void note_peak_rt(struct cap_slot *sl, const float *const *ins, int n_ins, int frames)
{
	float peak = 0;
	for (int ch = 0; ch < sl->channels; ch++) {
		const int i = sl->input + ch;
		const float *in = i < n_ins ? ins[i] : NULL;
		for (int k = 0; in && k < frames; k++) {
			const float a = fabsf(in[k]);
			if (a > peak)
				peak = a;
		}
	}
	uint32_t bits;
	memcpy(&bits, &peak, sizeof bits);
	/* positive floats order as their bits do */
	uint32_t was = atomic_load_explicit(&sl->peak, memory_order_relaxed);
	while (bits > was && !atomic_compare_exchange_weak_explicit(&sl->peak, &was, bits,
		memory_order_relaxed, memory_order_relaxed))
		;
}

/* Copy frames [from, from + frames) of this period of slot sl's inputs into its ring,
 * interleaved; false (nothing copied) when the ring has no room for all of it. */
static bool push_rt(struct cap_slot *sl, const float *const *ins, int n_ins, int from,
	int frames)
{
	struct cap_ring *r = &sl->ring;
	const size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
	const size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
	const size_t want = (size_t)frames * (size_t)sl->channels;
	if (r->size - (head - tail) < want)
		return false;
	for (int ch = 0; ch < sl->channels; ch++) {
		const int i = sl->input + ch;
		const float *in = i < n_ins ? ins[i] : NULL;
		size_t at = head + (size_t)ch;
		for (int k = 0; k < frames; k++, at += (size_t)sl->channels)
			r->buf[at & r->mask] = in ? in[from + k] : 0.0f;
	}
	atomic_store_explicit(&r->head, head + want, memory_order_release);
	return true;
}

/* A full ring dropped frames at its head: the writer pads them (struct cap_gap). With
 * the gap queue full they are only counted. */
static void note_gap_rt(struct cap_slot *sl, int64_t frames)
{
	const size_t at = atomic_load_explicit(&sl->ring.head, memory_order_relaxed);
	const size_t gh = atomic_load_explicit(&sl->gap_head, memory_order_relaxed);
	const size_t gt = atomic_load_explicit(&sl->gap_tail, memory_order_acquire);
	struct cap_gap *last = &sl->gaps[(gh - 1) % CAP_MAX_GAPS];
	if (gh > gt && last->at == at) { /* no frame came since: the same gap grows */
		atomic_fetch_add_explicit(&last->frames, frames, memory_order_release);
		return;
	}
	if (gh - gt >= CAP_MAX_GAPS)
		return;
	struct cap_gap *g = &sl->gaps[gh % CAP_MAX_GAPS];
	g->at = at;
	atomic_store_explicit(&g->frames, frames, memory_order_relaxed);
	atomic_store_explicit(&sl->gap_head, gh + 1, memory_order_release);
}

void capture_process_rt(struct capture *c, const float *const *ins, int n_ins, int frames,
	int64_t song_frame, bool rolling)
{
	for (int s = 0; s < c->n; s++)
		note_peak_rt(&c->slots[s], ins, n_ins, frames);
	int state = atomic_load_explicit(&c->state, memory_order_acquire);
	if (state == CAP_IDLE || state == CAP_DONE) {
		atomic_fetch_add_explicit(&c->cycles, 1, memory_order_release);
		return;
	}
	/* the part of this period to keep: all of it, or what lies in the punch range
	 * (set before the state left IDLE, so read after its acquire). Once the punch
	 * took its first frames, the range's length is counted, not its song frames: a
	 * loop whose end the range reaches (:punch loop, the round trip added) wraps the
	 * song before punch_out ever comes, while the time heard runs on */
	int64_t a = song_frame, b = song_frame + frames;
	if (c->punch_in >= 0 && state == CAP_WAIT_ROLL) {
		a = a > c->punch_in ? a : c->punch_in;
		b = b < c->punch_out ? b : c->punch_out;
	} else if (c->punch_in >= 0) {
		const int64_t left = c->punch_out - c->punch_in - c->pushed;
		b = b - a < left ? b : a + left;
	}
	if (state == CAP_WAIT_ROLL && rolling && a < b
	    && !atomic_load_explicit(&c->failed, memory_order_relaxed)) {
		/* a swap, not a store: a stop that came meanwhile (IDLE) stays */
		atomic_store_explicit(&c->start_frame, a, memory_order_relaxed);
		if (atomic_compare_exchange_strong_explicit(&c->state, &state, CAP_RECORDING,
			memory_order_acq_rel, memory_order_acquire))
			state = CAP_RECORDING;
	}
	/* the loop wraps inside this period: the next pass begins at that frame */
	const int wrapped = atomic_load_explicit(&c->n_wraps, memory_order_relaxed);
	if (state == CAP_RECORDING && c->loop_in >= 0 && c->punch_in < 0 && !rolling
	    && song_frame < c->loop_out && song_frame + frames >= c->loop_out
	    && wrapped < CAPTURE_MAX_PASSES) {
		c->wraps[wrapped] = c->pushed + (c->loop_out - song_frame);
		atomic_store_explicit(&c->n_wraps, wrapped + 1, memory_order_release);
	}
	if (state == CAP_RECORDING && a < b
	    && !atomic_load_explicit(&c->failed, memory_order_relaxed))
		for (int s = 0; s < c->n; s++)
			if (!push_rt(&c->slots[s], ins, n_ins, (int)(a - song_frame), (int)(b - a))) {
				atomic_fetch_add_explicit(&c->overflows, (uint64_t)(b - a),
					memory_order_relaxed);
				note_gap_rt(&c->slots[s], b - a);
			}
	if (state == CAP_RECORDING && a < b)
		c->pushed += b - a;
	if (state == CAP_RECORDING && c->punch_in >= 0
	    && c->pushed >= c->punch_out - c->punch_in)
		atomic_compare_exchange_strong_explicit(&c->state, &state, CAP_DONE,
			memory_order_relaxed, memory_order_relaxed);
	atomic_fetch_add_explicit(&c->cycles, 1, memory_order_release);
}

void capture_set_loop(struct capture *c, int64_t in, int64_t out)
{
	c->loop_in = in;
	c->loop_out = out;
}

void capture_set_punch(struct capture *c, int64_t in, int64_t out)
{
	c->punch_in = in;
	c->punch_out = out;
}

void capture_monitor_rt(struct capture *c, const float *const *ins, int n_ins,
	float *l, float *r, int frames)
{
	static const float mid = 0.70710678f; /* -3 dB: equal power in the middle */
	for (int s = 0; s < c->n; s++) {
		const struct cap_slot *sl = &c->slots[s];
		if (!atomic_load_explicit(&sl->monitor, memory_order_relaxed))
			continue;
		const float *a = sl->input < n_ins ? ins[sl->input] : NULL;
		const float *b = sl->channels == 2 && sl->input + 1 < n_ins ? ins[sl->input + 1]
			: NULL;
		for (int k = 0; a && k < frames; k++) {
			if (sl->channels == 2) {
				l[k] += a[k];
				r[k] += b ? b[k] : 0.0f;
			} else {
				l[k] += mid * a[k];
				r[k] += mid * a[k];
			}
		}
	}
}

/* ---- the writer thread ---- */

static void fail(struct capture *c, enum err e, const struct err_msg *msg)
{
	if (atomic_load_explicit(&c->failed, memory_order_relaxed))
		return;
	c->fail_err = e;
	c->fail_msg = *msg;
	atomic_store_explicit(&c->failed, true, memory_order_release);
}

static int64_t write_frames(struct capture *c, struct cap_slot *sl, const float *buf,
	int frames);

/* The silence of a gap the ring's tail has reached, if one has (up to a chunk);
 * returns the frames written. The entry goes once the head moved past it (then the
 * audio thread adds no more to it). */
static int64_t pad_gap(struct capture *c, struct cap_slot *sl, float *buf, size_t cap,
	size_t tail, size_t head)
{
	const size_t gt = atomic_load_explicit(&sl->gap_tail, memory_order_relaxed);
	if (atomic_load_explicit(&sl->gap_head, memory_order_acquire) == gt)
		return 0;
	struct cap_gap *g = &sl->gaps[gt % CAP_MAX_GAPS];
	if (g->at != tail)
		return 0;
	const int64_t chunk = (int64_t)(cap / (size_t)sl->channels);
	int64_t want = atomic_load_explicit(&g->frames, memory_order_acquire);
	if (want > chunk)
		want = chunk;
	atomic_fetch_sub_explicit(&g->frames, want, memory_order_relaxed);
	if (!want && head != tail)
		atomic_store_explicit(&sl->gap_tail, gt + 1, memory_order_release);
	if (!want)
		return 0;
	memset(buf, 0, (size_t)want * (size_t)sl->channels * sizeof *buf);
	return write_frames(c, sl, buf, (int)want);
}

/* Write what slot sl's ring holds (up to a chunk), and the silence of its gaps;
 * returns the frames written. */
static int64_t drain_slot(struct capture *c, struct cap_slot *sl, float *buf, size_t cap)
{
	struct cap_ring *r = &sl->ring;
	const size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
	const size_t head = atomic_load_explicit(&r->head, memory_order_acquire);
	const int64_t padded = pad_gap(c, sl, buf, cap, tail, head);
	if (padded)
		return padded;
	size_t n = head - tail;
	if (n > cap)
		n = cap - cap % (size_t)sl->channels;
	/* up to the next gap, if it lies within */
	const size_t gt = atomic_load_explicit(&sl->gap_tail, memory_order_relaxed);
	if (atomic_load_explicit(&sl->gap_head, memory_order_acquire) != gt) {
		const size_t at = sl->gaps[gt % CAP_MAX_GAPS].at;
		if (at > tail && at - tail < n)
			n = at - tail;
	}
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		buf[i] = r->buf[(tail + i) & r->mask];
	atomic_store_explicit(&r->tail, tail + n, memory_order_release);
	return write_frames(c, sl, buf, (int)(n / (size_t)sl->channels));
}

/* frames of buf into slot sl's file (or dropped, after an error); returns frames */
static int64_t write_frames(struct capture *c, struct cap_slot *sl, const float *buf,
	int frames)
{
	if (!sl->w || atomic_load_explicit(&c->failed, memory_order_acquire))
		return frames; /* taken and dropped: nothing is written after an error */
	struct err_msg msg;
	const enum err e = media_writer_write(sl->w, buf, frames, &msg);
	if (e != ERR_OK) {
		fail(c, e, &msg);
		return frames;
	}
	sl->written += frames;
	if (!atomic_load_explicit(&c->first_ns, memory_order_relaxed))
		atomic_store_explicit(&c->first_ns, (int64_t)((mono_sec() - c->started) * 1e9) + 1,
			memory_order_relaxed);
	return frames;
}

static void sync_headers(struct capture *c)
{
	for (int s = 0; s < c->n; s++) {
		struct err_msg msg;
		const enum err e = c->slots[s].w && !atomic_load(&c->failed)
			? media_writer_sync(c->slots[s].w, &msg) : ERR_OK;
		if (e != ERR_OK)
			fail(c, e, &msg);
	}
}

static void *writer_main(void *arg)
{
	struct capture *c = arg;
	enum { CHUNK = 8192 };
	float *buf = xmalloc(CHUNK * sizeof *buf);
	double synced = mono_sec();
	for (;;) {
		/* the stop flag is read before the rings: once it is seen, the last block
		 * the audio thread published is already there to drain */
		const bool stop = atomic_load_explicit(&c->stop, memory_order_acquire);
		int64_t moved = 0;
		for (int s = 0; s < c->n; s++)
			moved += drain_slot(c, &c->slots[s], buf, CHUNK);
		if (mono_sec() - synced >= CAPTURE_HEADER_SEC) {
			sync_headers(c);
			synced = mono_sec();
		}
		if (moved)
			continue;
		if (stop)
			break;
		nanosleep(&(struct timespec){ .tv_nsec = 5000000 }, NULL);
	}
	free(buf);
	return NULL;
}

/* ---- the control thread ---- */

static void close_writers(struct capture *c, struct err_msg *msg, enum err *first)
{
	for (int s = 0; s < c->n; s++) {
		struct err_msg m;
		const enum err e = media_writer_close(c->slots[s].w, &m);
		c->slots[s].w = NULL;
		if (e != ERR_OK && *first == ERR_OK) {
			*first = e;
			*msg = m;
		}
	}
}

enum err capture_record_start(struct capture *c, char *const *paths, const char *comment,
	struct err_msg *msg)
{
	if (c->running)
		return err_set(msg, ERR_USAGE, "already recording");
	for (int s = 0; s < c->n; s++) {
		struct cap_slot *sl = &c->slots[s];
		sl->written = 0;
		atomic_store(&sl->ring.head, 0);
		atomic_store(&sl->ring.tail, 0);
		atomic_store(&sl->gap_head, 0);
		atomic_store(&sl->gap_tail, 0);
		enum err e = paths[s] ? media_writer_open(&sl->w, paths[s], MEDIA_WAV, MEDIA_PCM24,
			c->rate, sl->channels, msg) : ERR_OK;
		if (e == ERR_OK && sl->w && comment)
			media_writer_set_tag(sl->w, "comment", comment);
		if (e == ERR_OK && sl->w)
			e = media_writer_sync(sl->w, msg);
		if (e != ERR_OK) {
			struct err_msg ignore;
			enum err none = ERR_OK;
			close_writers(c, &ignore, &none);
			for (int k = 0; k <= s; k++)
				if (paths[k])
					remove(paths[k]);
			return e;
		}
	}
	atomic_store(&c->start_frame, -1);
	atomic_store(&c->overflows, 0);
	atomic_store(&c->n_wraps, 0);
	c->pushed = 0;
	atomic_store(&c->stop, false);
	atomic_store(&c->failed, false);
	atomic_store(&c->first_ns, 0);
	c->fail_err = ERR_OK;
	c->started = mono_sec();
	if (pthread_create(&c->thread, NULL, writer_main, c) != 0) {
		struct err_msg ignore;
		enum err none = ERR_OK;
		close_writers(c, &ignore, &none);
		for (int s = 0; s < c->n; s++)
			if (paths[s])
				remove(paths[s]);
		return err_set(msg, ERR_NOMEM, "recording: cannot start the writer thread");
	}
	c->running = true;
	atomic_store_explicit(&c->state, CAP_WAIT_ROLL, memory_order_release);
	return ERR_OK;
}

void capture_record_stop(struct capture *c, bool wait_cycles, struct capture_take *out)
{
	memset(out, 0, sizeof *out);
	out->start_frame = -1;
	if (!c->running)
		return;
	atomic_store_explicit(&c->state, CAP_IDLE, memory_order_release);
	/* a block being copied as the state turned lands before the writer stops */
	const uint64_t was = atomic_load_explicit(&c->cycles, memory_order_acquire);
	for (int i = 0; wait_cycles && i < 200; i++) {
		if (atomic_load_explicit(&c->cycles, memory_order_acquire) >= was + 2)
			break;
		nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, NULL);
	}
	atomic_store_explicit(&c->stop, true, memory_order_release);
	pthread_join(c->thread, NULL);
	c->running = false;
	out->error = atomic_load_explicit(&c->failed, memory_order_acquire) ? c->fail_err
		: ERR_OK;
	if (out->error != ERR_OK)
		out->msg = c->fail_msg;
	close_writers(c, &out->msg, &out->error);
	out->start_frame = atomic_load(&c->start_frame);
	out->overflows = atomic_load(&c->overflows);
	const int64_t ns = atomic_load(&c->first_ns);
	out->first_sample_sec = ns ? (double)(ns - 1) / 1e9 : -1;
	for (int s = 0; s < c->n; s++)
		out->frames[s] = c->slots[s].written;
	out->n_wraps = atomic_load_explicit(&c->n_wraps, memory_order_acquire);
	for (int i = 0; i < out->n_wraps; i++)
		out->pass_at[i] = c->wraps[i];
}

bool capture_recording(const struct capture *c)
{
	return c->running;
}

bool capture_punched_out(const struct capture *c)
{
	return c->running && atomic_load_explicit(&c->state, memory_order_relaxed) == CAP_DONE;
}

bool capture_failed(struct capture *c, struct err_msg *why)
{
	if (!atomic_load_explicit(&c->failed, memory_order_acquire))
		return false;
	*why = c->fail_msg;
	return true;
}

uint64_t capture_overflows(const struct capture *c)
{
	return atomic_load_explicit(&c->overflows, memory_order_relaxed);
}

float capture_peak_take(struct capture *c, int s)
{
	if (s < 0 || s >= c->n)
		return 0;
	const uint32_t bits = atomic_exchange_explicit(&c->slots[s].peak, 0,
		memory_order_relaxed);
	float peak;
	memcpy(&peak, &bits, sizeof peak);
	return peak;
}
