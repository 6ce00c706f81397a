#include "audio/driver.h"

#include <stdlib.h>

#include "audio/engine.h"
#include "audio/monitor.h"
#include "audio/outtap.h"
#include "audio/rtguard.h"
#include "src/base/xalloc.h"

/* Abandoned drivers (driver_abandon): some memory once per lost device, kept
 * reachable here so that leak checkers do not count it. Control thread only. */
static struct driver *abandoned[16];
static int n_abandoned;

static enum err open_kind(struct driver **out, struct engine *e, const struct driver_ops *ops,
	const struct driver_config *cfg, struct err_msg *msg)
{
	struct driver *d = xcalloc(1, sizeof *d);
	d->ops = ops;
	d->engine = e;
	atomic_init(&d->monitor, cfg->monitor);
	atomic_init(&d->tap, cfg->tap);
	enum err rc = ops->open(d, cfg, msg);
	if (rc != ERR_OK) {
		free(d);
		return rc;
	}
	*out = d;
	return ERR_OK;
}

enum err driver_open(struct driver **out, struct engine *e, const struct driver_config *cfg,
	struct err_msg *fallback_msg, struct err_msg *msg)
{
	*out = NULL;
	if (fallback_msg)
		fallback_msg->text[0] = '\0';
	switch (cfg->kind) {
	case DRIVER_PA:
		return open_kind(out, e, &driver_pa_ops, cfg, msg);
	case DRIVER_NULL:
		return open_kind(out, e, &driver_null_ops, cfg, msg);
	case DRIVER_JACK:
		return open_kind(out, e, &driver_jack_ops, cfg, msg);
	case DRIVER_AUTO:
	default: {
		struct err_msg why;
		if (open_kind(out, e, &driver_pa_ops, cfg, &why) == ERR_OK)
			return ERR_OK;
		if (fallback_msg)
			*fallback_msg = why;
		return open_kind(out, e, &driver_null_ops, cfg, msg);
	}
	}
}

enum err driver_start(struct driver *d, struct err_msg *msg)
{
	return d->ops->start(d, msg);
}

void driver_stop(struct driver *d)
{
	if (d)
		d->ops->stop(d);
}

void driver_close(struct driver *d)
{
	if (!d)
		return;
	d->ops->stop(d);
	if (!d->ops->lost || !d->ops->lost(d))
		d->ops->close(d);
	if (d->ops->lost && d->ops->lost(d)) {
		/* its server died under it: kept, never called again */
		driver_abandon(d);
		return;
	}
	free(d);
}

void driver_abandon(struct driver *d)
{
	if (!d)
		return;
	atomic_store(&d->monitor, NULL); /* the caller may free it once d is abandoned */
	atomic_store(&d->tap, NULL);
	atomic_store_explicit(&d->engine, engine_create(engine_sample_rate(d->engine)),
		memory_order_release);
	if (d->ops->abandon)
		d->ops->abandon(d);
	abandoned[n_abandoned % (int)(sizeof abandoned / sizeof abandoned[0])] = d;
	n_abandoned++;
}

void driver_watch_reset(struct driver_watch *w)
{
	w->callbacks = 0;
	w->since_sec = 0;
}

bool driver_stalled(struct driver *d, struct driver_watch *w, double now_sec)
{
	if (!d || d->ops != &driver_pa_ops) {
		driver_watch_reset(w);
		return false;
	}
	/* acquire: once the count stops, everything the audio thread did in the callbacks
	 * it counted happened before what the caller does next (driver_abandon, freeing) */
	const uint64_t done = atomic_load_explicit(&d->callbacks_done, memory_order_acquire);
	if (w->since_sec == 0 || done != w->callbacks) {
		w->callbacks = done;
		w->since_sec = now_sec;
		return false;
	}
	return now_sec - w->since_sec >= DRIVER_STALL_SEC;
}

void driver_set_monitor(struct driver *d, struct monitor *m)
{
	if (d)
		atomic_store_explicit(&d->monitor, m, memory_order_release);
}

void driver_play_rt(struct driver *d, float *out, int frames)
{
	driver_play_strips_rt(d, out, frames, NULL, 0);
}

void driver_play_strips_rt(struct driver *d, float *out, int frames,
	const struct engine_strip_out *strips, int n_strips)
{
	struct engine *e = atomic_load_explicit(&d->engine, memory_order_acquire);
	engine_strip_outs_rt(e, strips, n_strips);
	const int played = engine_process_rt(e, out, frames);
	engine_strip_outs_rt(e, NULL, 0);
	struct monitor *m = atomic_load_explicit(&d->monitor, memory_order_acquire);
	struct outtap *tap = atomic_load_explicit(&d->tap, memory_order_acquire);
	/* marked like engine_process_rt, for the audio-thread checks (rtguard.h) */
	rtguard_enter_rt();
	if (m)
		monitor_process_rt(m, out, frames, engine_playhead(e) - played, played > 0);
	if (tap)
		outtap_push_rt(tap, out, frames, played > 0, engine_playhead(e));
	rtguard_leave_rt();
	atomic_fetch_add_explicit(&d->callbacks_done, 1, memory_order_release);
}
