/* The monitor section (see monitor.h). The only file that calls libbs2b, through
 * audio/bs2b_dl.h's table (loaded by monitor_create).
 *
 * Two "slots" each hold a complete listening path (mode, speaker filters, crossfeed).
 * The current slot plays; when the settings change, the other slot is cleared, takes
 * the new settings and becomes current, and the output fades linearly from the old
 * slot to the new one over MONITOR_FADE_MS. Each slot owns its filter state, so the
 * two never share a filter while they overlap. The bs2b handles (one per preset per
 * slot) are opened in monitor_create: bs2b_cross_feed_f only runs its filters on the
 * caller's buffer and bs2b_clear only zeroes them, so the audio thread never opens,
 * closes or reconfigures one. */
#include "audio/monitor.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "audio/bs2b_dl.h"

#include "src/base/xalloc.h"

/* config word: mode | crossfeed << 4 | speaker << 8 | source << 12 | dim << 13 */
#define CFG_MODE(c) ((enum monitor_mode)((c) & 0xf))
#define CFG_XFEED(c) ((enum monitor_crossfeed)(((c) >> 4) & 0xf))
#define CFG_SPEAKER(c) ((enum monitor_speaker)(((c) >> 8) & 0xf))
#define CFG_SOURCE(c) ((enum monitor_source)(((c) >> 12) & 1))
#define CFG_DIM(c) (((c) >> 13) & 1)
#define CFG_PATH_MASK 0x1fffu /* what a slot plays; dim is a gain outside the slots */

static const struct monitor_speaker_curve speaker_curves[MONITOR_SPEAKERS] = {
	[MONITOR_SPEAKER_LAPTOP] = { "laptop", 180.0, 1.1, 12000.0, 0.707, 2500.0, 1.4, 4.0,
		false },
	[MONITOR_SPEAKER_PHONE] = { "phone", 400.0, 1.3, 8000.0, 0.707, 3000.0, 2.0, 6.0,
		true },
	[MONITOR_SPEAKER_EARBUDS] = { "earbuds", 80.0, 0.6, 14000.0, 0.707, 4500.0, 1.2, 5.0,
		false },
};

static const uint32_t xfeed_levels[MONITOR_XFEEDS] = {
	[MONITOR_XFEED_DEFAULT] = BS2B_DEFAULT_CLEVEL,
	[MONITOR_XFEED_CMOY] = BS2B_CMOY_CLEVEL,
	[MONITOR_XFEED_JMEIER] = BS2B_JMEIER_CLEVEL,
};

struct biquad_coef {
	double b0, b1, b2, a1, a2; /* normalised: a0 = 1 */
};

struct biquad_state {
	double z1, z2; /* transposed direct form II */
};

struct slot {
	uint32_t cfg;
	struct biquad_state sp[3][2]; /* speaker filters: hpf, lpf, peak; per channel */
	t_bs2bdp bs2b[MONITOR_XFEEDS]; /* [0] unused */
};

/* a linear gain ramp that lands exactly on its target */
struct ramp {
	float cur, target, step;
	int left;
};

struct monitor_ref {
	float *frames;
	int64_t n_frames;
};

#define RETIRED_MAX 8

struct monitor {
	int sample_rate;
	int fade_frames;
	struct biquad_coef coef[MONITOR_SPEAKERS][3];

	/* control thread -> audio thread */
	_Atomic uint32_t config;
	_Atomic int32_t trim_mdb;      /* milli-dB */
	_Atomic int32_t ref_gain_mdb;
	_Atomic(struct monitor_ref *) ref;
	/* audio thread -> control thread: callbacks finished */
	_Atomic uint64_t callbacks;

	/* control thread only: references replaced, and the callback count then */
	struct monitor_ref *retired[RETIRED_MAX];
	uint64_t retired_at[RETIRED_MAX];
	int n_retired;

	/* audio thread only */
	struct slot slots[2];
	int cur;                 /* the slot playing */
	int fade_left;           /* frames of fade from slots[1 - cur] still to go */
	struct ramp mix_gain, ref_gain, out_gain;
	float in_buf[MONITOR_CHUNK * 2], ref_buf[MONITOR_CHUNK * 2];
	float a_buf[MONITOR_CHUNK * 2], b_buf[MONITOR_CHUNK * 2];
};

/* ---- names ---- */

static const char *const mode_names[MONITOR_MODES] = {
	"stereo", "mono", "left", "right", "side", "swap",
};
static const char *const xfeed_names[MONITOR_XFEEDS] = {
	"off", "bs2b", "chumoy", "jmeier",
};

const char *monitor_mode_name(enum monitor_mode mode)
{
	return (unsigned)mode < MONITOR_MODES ? mode_names[mode] : "?";
}

const char *monitor_crossfeed_name(enum monitor_crossfeed x)
{
	return (unsigned)x < MONITOR_XFEEDS ? xfeed_names[x] : "?";
}

const char *monitor_speaker_name(enum monitor_speaker s)
{
	if (s == MONITOR_SPEAKER_OFF)
		return "off";
	return (unsigned)s < MONITOR_SPEAKERS ? speaker_curves[s].name : "?";
}

bool monitor_mode_parse(const char *name, enum monitor_mode *out)
{
	for (int i = 0; i < MONITOR_MODES; i++)
		if (strcmp(name, mode_names[i]) == 0) {
			*out = (enum monitor_mode)i;
			return true;
		}
	return false;
}

const struct monitor_speaker_curve *monitor_speaker_curve(enum monitor_speaker s)
{
	if (s <= MONITOR_SPEAKER_OFF || s >= MONITOR_SPEAKERS)
		return NULL;
	return &speaker_curves[s];
}

/* ---- filter design (RBJ Audio EQ Cookbook; docs/dsp.md "Monitor section") ---- */

static struct biquad_coef normalise(double b0, double b1, double b2, double a0, double a1,
	double a2)
{
	return (struct biquad_coef){ b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0 };
}

static struct biquad_coef design_hpf(double hz, double q, double rate)
{
	const double w = 2.0 * M_PI * hz / rate, c = cos(w), alpha = sin(w) / (2.0 * q);
	return normalise((1.0 + c) / 2.0, -(1.0 + c), (1.0 + c) / 2.0, 1.0 + alpha, -2.0 * c,
		1.0 - alpha);
}

static struct biquad_coef design_lpf(double hz, double q, double rate)
{
	const double w = 2.0 * M_PI * hz / rate, c = cos(w), alpha = sin(w) / (2.0 * q);
	return normalise((1.0 - c) / 2.0, 1.0 - c, (1.0 - c) / 2.0, 1.0 + alpha, -2.0 * c,
		1.0 - alpha);
}

static struct biquad_coef design_peak(double hz, double q, double db, double rate)
{
	const double a = pow(10.0, db / 40.0);
	const double w = 2.0 * M_PI * hz / rate, c = cos(w), alpha = sin(w) / (2.0 * q);
	return normalise(1.0 + alpha * a, -2.0 * c, 1.0 - alpha * a, 1.0 + alpha / a, -2.0 * c,
		1.0 - alpha / a);
}

/* ---- control thread ---- */

static void slot_clear(struct slot *s)
{
	memset(s->sp, 0, sizeof s->sp);
	for (int x = 1; x < MONITOR_XFEEDS; x++)
		bs2b_fn.clear(s->bs2b[x]);
}

enum err monitor_create(struct monitor **out, int sample_rate, struct err_msg *msg)
{
	*out = NULL;
	if (sample_rate < BS2B_MINSRATE || sample_rate > BS2B_MAXSRATE)
		return err_set(msg, ERR_RANGE, "monitor: %d Hz is outside %d..%d Hz", sample_rate,
			BS2B_MINSRATE, BS2B_MAXSRATE);
	enum err e = bs2b_dl_load(msg);
	if (e != ERR_OK)
		return e;
	struct monitor *m = xcalloc(1, sizeof *m);
	m->sample_rate = sample_rate;
	m->fade_frames = (int)lround(MONITOR_FADE_MS * 1e-3 * sample_rate);
	if (m->fade_frames < 1)
		m->fade_frames = 1;
	for (int s = 1; s < MONITOR_SPEAKERS; s++) {
		const struct monitor_speaker_curve *c = &speaker_curves[s];
		/* a low-pass above 0.45 of the rate would fold: keep it under Nyquist */
		const double lpf = fmin(c->lpf_hz, 0.45 * sample_rate);
		m->coef[s][0] = design_hpf(c->hpf_hz, c->hpf_q, sample_rate);
		m->coef[s][1] = design_lpf(lpf, c->lpf_q, sample_rate);
		m->coef[s][2] = design_peak(fmin(c->peak_hz, 0.4 * sample_rate), c->peak_q,
			c->peak_db, sample_rate);
	}
	for (int i = 0; i < 2; i++)
		for (int x = 1; x < MONITOR_XFEEDS; x++) {
			t_bs2bdp b = bs2b_fn.open();
			if (!b) {
				monitor_destroy(m);
				return err_set(msg, ERR_NOMEM, "monitor: cannot open bs2b crossfeed");
			}
			bs2b_fn.set_srate(b, (uint32_t)sample_rate);
			bs2b_fn.set_level(b, xfeed_levels[x]);
			m->slots[i].bs2b[x] = b;
		}
	m->mix_gain = m->ref_gain = m->out_gain = (struct ramp){ 1.0f, 1.0f, 0.0f, 0 };
	*out = m;
	return ERR_OK;
}

void monitor_destroy(struct monitor *m)
{
	if (!m)
		return;
	for (int i = 0; i < 2; i++)
		for (int x = 1; x < MONITOR_XFEEDS; x++)
			if (m->slots[i].bs2b[x])
				bs2b_fn.close(m->slots[i].bs2b[x]);
	for (int i = 0; i < m->n_retired; i++) {
		free(m->retired[i]->frames);
		free(m->retired[i]);
	}
	struct monitor_ref *r = atomic_load(&m->ref);
	if (r) {
		free(r->frames);
		free(r);
	}
	free(m);
}

static void set_field(struct monitor *m, int shift, uint32_t mask, uint32_t value)
{
	uint32_t c = atomic_load_explicit(&m->config, memory_order_relaxed);
	c = (c & ~(mask << shift)) | ((value & mask) << shift);
	atomic_store_explicit(&m->config, c, memory_order_relaxed);
}

static uint32_t config_now(const struct monitor *m)
{
	return atomic_load_explicit(&m->config, memory_order_relaxed);
}

void monitor_set_mode(struct monitor *m, enum monitor_mode mode)
{
	if ((unsigned)mode < MONITOR_MODES)
		set_field(m, 0, 0xf, (uint32_t)mode);
}

void monitor_set_crossfeed(struct monitor *m, enum monitor_crossfeed x)
{
	if ((unsigned)x < MONITOR_XFEEDS)
		set_field(m, 4, 0xf, (uint32_t)x);
}

void monitor_set_speaker(struct monitor *m, enum monitor_speaker s)
{
	if ((unsigned)s < MONITOR_SPEAKERS)
		set_field(m, 8, 0xf, (uint32_t)s);
}

void monitor_set_source(struct monitor *m, enum monitor_source s)
{
	set_field(m, 12, 1, s == MONITOR_SOURCE_REFERENCE);
}

void monitor_set_dim(struct monitor *m, bool on)
{
	set_field(m, 13, 1, on);
}

static int32_t to_mdb(double db)
{
	if (!(db > -120.0))
		db = -120.0; /* also NaN */
	if (db > 40.0)
		db = 40.0;
	return (int32_t)lround(db * 1000.0);
}

void monitor_set_trim_db(struct monitor *m, double db)
{
	atomic_store_explicit(&m->trim_mdb, to_mdb(db), memory_order_relaxed);
}

void monitor_set_reference_gain_db(struct monitor *m, double db)
{
	atomic_store_explicit(&m->ref_gain_mdb, to_mdb(db), memory_order_relaxed);
}

enum monitor_mode monitor_mode(const struct monitor *m)
{
	return CFG_MODE(config_now(m));
}

bool monitor_dim(const struct monitor *m)
{
	return CFG_DIM(config_now(m));
}

enum monitor_crossfeed monitor_crossfeed(const struct monitor *m)
{
	return CFG_XFEED(config_now(m));
}

enum monitor_speaker monitor_speaker(const struct monitor *m)
{
	return CFG_SPEAKER(config_now(m));
}

enum monitor_source monitor_source(const struct monitor *m)
{
	return CFG_SOURCE(config_now(m));
}

double monitor_trim_db(const struct monitor *m)
{
	return atomic_load_explicit(&m->trim_mdb, memory_order_relaxed) / 1000.0;
}

bool monitor_engaged(const struct monitor *m)
{
	return config_now(m) != 0;
}

enum err monitor_set_reference(struct monitor *m, float *frames, int64_t n_frames)
{
	monitor_collect(m);
	if (m->n_retired == RETIRED_MAX)
		return ERR_FULL; /* no callback has run since: the old ones may be in use */
	struct monitor_ref *r = NULL;
	if (frames && n_frames > 0) {
		r = xcalloc(1, sizeof *r);
		r->frames = frames;
		r->n_frames = n_frames;
	} else {
		free(frames);
	}
	struct monitor_ref *old = atomic_exchange_explicit(&m->ref, r, memory_order_acq_rel);
	if (old) {
		m->retired[m->n_retired] = old;
		/* read after the exchange: a callback that may hold old ends after this */
		m->retired_at[m->n_retired] = atomic_load(&m->callbacks);
		m->n_retired++;
	}
	return ERR_OK;
}

bool monitor_has_reference(const struct monitor *m)
{
	return atomic_load_explicit(&m->ref, memory_order_relaxed) != NULL;
}

void monitor_collect(struct monitor *m)
{
	const uint64_t done = atomic_load_explicit(&m->callbacks, memory_order_acquire);
	int kept = 0;
	for (int i = 0; i < m->n_retired; i++) {
		if (done > m->retired_at[i]) {
			free(m->retired[i]->frames);
			free(m->retired[i]);
		} else {
			m->retired[kept] = m->retired[i];
			m->retired_at[kept] = m->retired_at[i];
			kept++;
		}
	}
	m->n_retired = kept;
}

void monitor_ab_set_bypassed(struct monitor_ab *ab, bool bypassed, double measured_sec)
{
	ab->bypassed = bypassed;
	if (!bypassed)
		ab->settle_sec = measured_sec + MONITOR_AB_SETTLE_SEC;
}

void monitor_ab_update(struct monitor_ab *ab, double post_lufs, double pre_lufs,
	double master_gain_db, double measured_sec)
{
	if (ab->bypassed || measured_sec < ab->settle_sec || !isfinite(post_lufs)
		|| !isfinite(pre_lufs))
		return;
	const double d = post_lufs - pre_lufs - master_gain_db;
	/* ten publications a second: this follows a change within about a second
	 * without letting the trim wobble with every reading */
	ab->delta_db = ab->known ? ab->delta_db + 0.25 * (d - ab->delta_db) : d;
	ab->known = true;
}

double monitor_ab_trim_db(const struct monitor_ab *ab)
{
	return ab->bypassed && ab->known ? ab->delta_db : 0.0;
}

/* ---- audio thread ---- */

static float db_to_gain_rt(int32_t mdb)
{
	return (float)pow(10.0, (double)mdb / 20000.0);
}

static void ramp_to_rt(struct ramp *r, float target, int frames)
{
	if (target == r->target)
		return;
	r->target = target;
	r->step = (target - r->cur) / (float)frames;
	r->left = frames;
}

static inline float ramp_next_rt(struct ramp *r)
{
	if (r->left > 0) {
		r->cur += r->step;
		if (--r->left == 0)
			r->cur = r->target;
	}
	return r->cur;
}

static bool ramp_unity_rt(const struct ramp *r)
{
	return r->left == 0 && r->cur == 1.0f;
}

static void biquad_run_rt(const struct biquad_coef *c, struct biquad_state *s, float *x,
	int n)
{
	/* one channel of interleaved stereo */
	double z1 = s->z1, z2 = s->z2;
	for (int i = 0; i < n; i++) {
		const double in = x[i * 2];
		const double y = c->b0 * in + z1;
		z1 = c->b1 * in - c->a1 * y + z2;
		z2 = c->b2 * in - c->a2 * y;
		x[i * 2] = (float)y;
	}
	s->z1 = z1;
	s->z2 = z2;
}

static void matrix_rt(enum monitor_mode mode, float *x, int n)
{
	for (int i = 0; i < n; i++) {
		const float l = x[i * 2], r = x[i * 2 + 1];
		float a = l, b = r;
		switch (mode) {
		case MONITOR_MONO: a = b = (l + r) * 0.5f; break;
		case MONITOR_LEFT: a = b = l; break;
		case MONITOR_RIGHT: a = b = r; break;
		case MONITOR_SIDE: a = b = (l - r) * 0.5f; break;
		case MONITOR_SWAP: a = r; b = l; break;
		case MONITOR_STEREO:
		case MONITOR_MODES:
		default: break;
		}
		x[i * 2] = a;
		x[i * 2 + 1] = b;
	}
}

/* One slot's path over x (already the slot's source, with its gain). */
static void slot_run_rt(struct monitor *m, struct slot *s, float *x, int n)
{
	const uint32_t c = s->cfg;
	matrix_rt(CFG_MODE(c), x, n);
	const enum monitor_speaker sp = CFG_SPEAKER(c);
	if (sp != MONITOR_SPEAKER_OFF && sp < MONITOR_SPEAKERS) {
		if (speaker_curves[sp].mono)
			matrix_rt(MONITOR_MONO, x, n);
		for (int f = 0; f < 3; f++)
			for (int ch = 0; ch < 2; ch++)
				biquad_run_rt(&m->coef[sp][f], &s->sp[f][ch], x + ch, n);
	}
	const enum monitor_crossfeed xf = CFG_XFEED(c);
	if (xf != MONITOR_XFEED_OFF && xf < MONITOR_XFEEDS)
		bs2b_fn.cross_feed_f(s->bs2b[xf], x, n);
}

static void fill_ref_rt(struct monitor *m, const struct monitor_ref *ref, int64_t pos,
	bool playing, int n)
{
	for (int i = 0; i < n; i++) {
		const float g = ramp_next_rt(&m->ref_gain);
		float l = 0.0f, r = 0.0f;
		if (ref && playing && pos >= 0) {
			const int64_t k = (pos + i) % ref->n_frames;
			l = ref->frames[k * 2] * g;
			r = ref->frames[k * 2 + 1] * g;
		}
		m->ref_buf[i * 2] = l;
		m->ref_buf[i * 2 + 1] = r;
	}
}

void monitor_process_rt(struct monitor *m, float *frames, int n, int64_t start_frame,
	bool playing)
{
	const uint32_t want = atomic_load_explicit(&m->config, memory_order_relaxed);
	const struct monitor_ref *ref = atomic_load_explicit(&m->ref, memory_order_acquire);
	ramp_to_rt(&m->mix_gain,
		db_to_gain_rt(atomic_load_explicit(&m->trim_mdb, memory_order_relaxed)),
		m->fade_frames);
	ramp_to_rt(&m->ref_gain,
		db_to_gain_rt(atomic_load_explicit(&m->ref_gain_mdb, memory_order_relaxed)),
		m->fade_frames);
	ramp_to_rt(&m->out_gain, CFG_DIM(want) ? (float)pow(10.0, MONITOR_DIM_DB / 20.0)
		: 1.0f, m->fade_frames);

	const uint32_t path = want & CFG_PATH_MASK;
	if (path == 0 && m->slots[m->cur].cfg == 0 && m->fade_left == 0
		&& ramp_unity_rt(&m->mix_gain) && ramp_unity_rt(&m->out_gain)) {
		/* plain stereo of the mix: leave the samples as they are */
		atomic_fetch_add_explicit(&m->callbacks, 1, memory_order_release);
		return;
	}
	int64_t pos = start_frame;
	while (n > 0) {
		const int k = n < MONITOR_CHUNK ? n : MONITOR_CHUNK;
		if (m->fade_left == 0 && path != m->slots[m->cur].cfg) {
			const int next = 1 - m->cur;
			slot_clear(&m->slots[next]);
			m->slots[next].cfg = path;
			m->cur = next;
			m->fade_left = m->fade_frames;
		}
		struct slot *now = &m->slots[m->cur], *before = &m->slots[1 - m->cur];
		const bool fading = m->fade_left > 0;
		for (int i = 0; i < k; i++) {
			const float g = ramp_next_rt(&m->mix_gain);
			m->in_buf[i * 2] = frames[i * 2] * g;
			m->in_buf[i * 2 + 1] = frames[i * 2 + 1] * g;
		}
		fill_ref_rt(m, ref, pos, playing, k);
		memcpy(m->a_buf, CFG_SOURCE(now->cfg) ? m->ref_buf : m->in_buf,
			sizeof(float) * 2 * (size_t)k);
		slot_run_rt(m, now, m->a_buf, k);
		if (fading) {
			memcpy(m->b_buf, CFG_SOURCE(before->cfg) ? m->ref_buf : m->in_buf,
				sizeof(float) * 2 * (size_t)k);
			slot_run_rt(m, before, m->b_buf, k);
			const float step = 1.0f / (float)m->fade_frames;
			for (int i = 0; i < k; i++) {
				float w_old = 0.0f;
				if (m->fade_left > 0) {
					w_old = (float)m->fade_left * step;
					m->fade_left--;
				}
				for (int ch = 0; ch < 2; ch++)
					m->a_buf[i * 2 + ch] = m->a_buf[i * 2 + ch] * (1.0f - w_old)
						+ m->b_buf[i * 2 + ch] * w_old;
			}
		}
		for (int i = 0; i < k; i++) {
			const float g = ramp_next_rt(&m->out_gain);
			frames[i * 2] = m->a_buf[i * 2] * g;
			frames[i * 2 + 1] = m->a_buf[i * 2 + 1] * g;
		}
		frames += (size_t)k * 2;
		n -= k;
		pos += k;
	}
	atomic_fetch_add_explicit(&m->callbacks, 1, memory_order_release);
}
