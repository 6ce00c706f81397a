#include "src/graph_build.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audio/dsp/pan.h"
#include "audio/media.h"
#include "src/pitch.h"
#include "src/xalloc.h"

long long graph_frames(double seconds, int sample_rate)
{
	return llround(seconds * sample_rate);
}

static int clip_cmp(const void *a, const void *b)
{
	const struct graph_clip *x = a, *y = b;
	return (x->start > y->start) - (x->start < y->start);
}

/* Create a strip's inserts (allocation happens here, never on the audio thread). */
static void build_inserts(struct fx_chain *chain, const struct project_insert *ins, int n,
	int rate)
{
	for (int i = 0; i < n && chain->n < FX_MAX_INSERTS; i++) {
		struct fx_insert *fx = fx_insert_create(ins[i].cls, rate, ins[i].params,
			ins[i].bypass);
		if (!fx)
			xalloc_die();
		chain->slot[chain->n++] = fx;
	}
}

enum err graph_build(const struct project *p, bool offline_render, struct graph **out,
	struct diag *diag)
{
	const int rate = p->sample_rate;
	struct graph *g = graph_create(rate, p->n_tracks);
	g->pan_law_db = p->pan_law_db;
	g->master_gain_db = (float)p->master_gain_db;
	build_inserts(&g->master_inserts, p->master_inserts, p->n_master_inserts, rate);
	for (int t = 0; t < p->n_tracks; t++) {
		const struct project_track *pt = &p->tracks[t];
		struct graph_clip *clips = pt->n_clips
			? xcalloc((size_t)pt->n_clips, sizeof *clips) : NULL;
		int channels = 1, n = 0;
		for (int k = 0; k < pt->n_clips; k++) {
			const struct project_clip *pc = &pt->clips[k];
			struct graph_clip *c = &clips[n];
			/* a pitched clip plays its cache (src/pitch.h); with varispeed, file
			 * seconds stretch by time_scale on the timeline */
			double time_scale;
			c->path = pitch_clip_source(p, pc, &time_scale);
			c->start = graph_frames(pc->start, rate);
			c->offset = graph_frames(pc->offset * time_scale, rate);
			c->gain = (float)db_to_lin_rt(pc->gain_db);
			c->channels = 1;
			struct err_msg msg;
			if (media_reader_open(&c->reader, c->path, rate, &msg) != ERR_OK) {
				diag_add(diag, DIAG_WARNING, "%s (track \"%s\": clip offline, plays as silence)",
					msg.text, pt->name);
				c->offline = true;
				c->reader = NULL;
			} else {
				c->channels = media_reader_info(c->reader)->channels;
				if (c->channels == 2)
					channels = 2;
			}
			if (pc->length > 0)
				c->length = graph_frames(pc->length * time_scale, rate);
			else if (c->reader)
				c->length = media_reader_frames(c->reader) - c->offset;
			else
				c->length = 0;
			if (c->length <= 0) {
				if (c->reader)
					diag_add(diag, DIAG_WARNING,
						"%s: offset %g s is past the end of the file (track \"%s\")", c->path,
						pc->offset, pt->name);
				media_reader_close(c->reader);
				free(c->path);
				memset(c, 0, sizeof *c);
				continue;
			}
			c->fade_in = graph_frames(pc->fade_in, rate);
			c->fade_out = graph_frames(pc->fade_out, rate);
			if (c->fade_in > c->length)
				c->fade_in = c->length;
			if (c->fade_out > c->length - c->fade_in)
				c->fade_out = c->length - c->fade_in;
			if (c->start + c->length > g->end_frame)
				g->end_frame = c->start + c->length;
			n++;
		}
		if (n > 1)
			qsort(clips, (size_t)n, sizeof *clips, clip_cmp);
		graph_track_setup(g, t, channels, clips, n,
			offline_render ? GRAPH_CHUNKS_OFFLINE : GRAPH_CHUNKS_PLAYBACK);
		struct graph_track *tr = &g->tracks[t];
		tr->gain_db = (float)pt->gain_db;
		tr->pan = (float)pt->pan;
		tr->mute = pt->mute;
		tr->solo = pt->solo;
		build_inserts(&tr->inserts, pt->inserts, pt->n_inserts, rate);
	}
	*out = g;
	return ERR_OK;
}
