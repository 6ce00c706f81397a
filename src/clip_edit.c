#include "src/clip_edit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audio/media.h"
#include "src/project_limits.h"
#include "src/base/xalloc.h"

int64_t clip_edit_frames_of(const struct project *p, double sec)
{
	return llround(sec * p->sample_rate);
}

double clip_edit_sec_of(const struct project *p, int64_t frames)
{
	return (double)frames / p->sample_rate;
}

enum err clip_edit_frames(const struct project *p, const struct project_clip *c,
	struct clip_frames *out, struct err_msg *msg)
{
	out->start = clip_edit_frames_of(p, c->start);
	out->offset = clip_edit_frames_of(p, c->offset);
	if (c->length > 0) {
		out->length = clip_edit_frames_of(p, c->length);
		return ERR_OK;
	}
	char *path = project_clip_path(p, c);
	struct media_reader *r = NULL;
	enum err e = media_reader_open(&r, path, p->sample_rate, msg);
	free(path);
	if (e != ERR_OK)
		return e;
	out->length = media_reader_frames(r) - out->offset;
	media_reader_close(r);
	if (out->length <= 0)
		return err_set(msg, ERR_RANGE, "%s: the clip starts past the end of its file",
			c->file);
	return ERR_OK;
}

static enum err check(const struct project *p, int t, int k, struct err_msg *msg)
{
	if (t < 0 || t >= p->n_tracks)
		return err_set(msg, ERR_RANGE, "no track %d", t + 1);
	if (k < 0 || k >= p->tracks[t].n_clips)
		return err_set(msg, ERR_RANGE, "no clip %d on track \"%s\"", k + 1,
			p->tracks[t].strip.name);
	return ERR_OK;
}

/* Clip k of track t and its extent in frames, for an edit of it. */
static enum err clip_at(struct project *p, int t, int k, struct project_clip **c,
	struct clip_frames *f, struct err_msg *msg)
{
	enum err e = check(p, t, k, msg);
	if (e != ERR_OK)
		return e;
	*c = &p->tracks[t].clips[k];
	return clip_edit_frames(p, *c, f, msg);
}

/* Fades no longer than the clip (graph_build would clamp them; the file must not
 * say more than is heard). */
static void clamp_fades(const struct project *p, struct project_clip *c, int64_t length)
{
	int64_t in = clip_edit_frames_of(p, c->fade_in), out = clip_edit_frames_of(p,
		c->fade_out);
	if (in > length)
		c->fade_in = clip_edit_sec_of(p, in = length);
	if (out > length - in)
		c->fade_out = clip_edit_sec_of(p, length - in);
}

enum err clip_edit_split(struct project *p, int t, int k, int64_t at, struct err_msg *msg)
{
	struct clip_frames f;
	struct project_clip *c;
	enum err e = clip_at(p, t, k, &c, &f, msg);
	if (e != ERR_OK)
		return e;
	if (at <= f.start || at >= f.start + f.length)
		return err_set(msg, ERR_RANGE, "the playhead is not inside the clip");
	const int64_t head = at - f.start;
	struct project_track *tr = &p->tracks[t];
	if ((e = project_limit_room(PROJECT_LIMIT_CLIPS, tr->n_clips, 1, msg)) != ERR_OK)
		return e;
	const struct project_clip orig = tr->clips[k]; /* the array moves as it grows */
	struct project_clip *second = project_insert_clip(tr, k + 1, &orig);
	second->start = clip_edit_sec_of(p, at);
	second->offset = clip_edit_sec_of(p, f.offset + head);
	/* a clip that played to the file's end still does: no need to know where that is */
	if (second->length > 0)
		second->length = clip_edit_sec_of(p, f.length - head);
	second->fade_in = 0;
	second->fade_in_shape = PROJECT_FADE_LINEAR;
	second->selected = false;
	struct project_clip *first = &tr->clips[k];
	first->length = clip_edit_sec_of(p, head);
	first->fade_out = 0;
	first->fade_out_shape = PROJECT_FADE_LINEAR;
	clamp_fades(p, first, head);
	clamp_fades(p, &tr->clips[k + 1], f.length - head);
	return ERR_OK;
}

enum err clip_edit_move(struct project *p, int t, int k, int64_t to, struct err_msg *msg)
{
	enum err e = check(p, t, k, msg);
	if (e != ERR_OK)
		return e;
	if (to < 0)
		to = 0;
	if (to > clip_edit_frames_of(p, PROJECT_MAX_SECONDS))
		return err_set(msg, ERR_RANGE, "a clip cannot start after %g s", PROJECT_MAX_SECONDS);
	p->tracks[t].clips[k].start = clip_edit_sec_of(p, to);
	return ERR_OK;
}

enum err clip_edit_trim_start(struct project *p, int t, int k, int64_t at,
	struct err_msg *msg)
{
	struct clip_frames f;
	struct project_clip *c;
	enum err e = clip_at(p, t, k, &c, &f, msg);
	if (e != ERR_OK)
		return e;
	const int64_t delta = at - f.start;
	if (at >= f.start + f.length)
		return err_set(msg, ERR_RANGE, "the new start is not before the clip's end");
	if (f.offset + delta < 0)
		return err_set(msg, ERR_RANGE, "the file starts %.3f s before that",
			clip_edit_sec_of(p, -(f.offset + delta)));
	if (at < 0)
		return err_set(msg, ERR_RANGE, "the song starts at 0");
	c->start = clip_edit_sec_of(p, at);
	c->offset = clip_edit_sec_of(p, f.offset + delta);
	if (c->length > 0)
		c->length = clip_edit_sec_of(p, f.length - delta);
	clamp_fades(p, c, f.length - delta);
	return ERR_OK;
}

enum err clip_edit_trim_end(struct project *p, int t, int k, int64_t at,
	struct err_msg *msg)
{
	struct clip_frames f;
	struct project_clip *c;
	enum err e = clip_at(p, t, k, &c, &f, msg);
	if (e != ERR_OK)
		return e;
	if (at <= f.start)
		return err_set(msg, ERR_RANGE, "the new end is not after the clip's start");
	if (at > f.start + f.length && c->length < 0)
		return err_set(msg, ERR_RANGE, "the file ends at %.3f s",
			clip_edit_sec_of(p, f.start + f.length));
	if (at > f.start + f.length) {
		/* lengthening: only as far as the file goes */
		struct project_clip probe = *c;
		probe.length = -1;
		struct clip_frames whole;
		e = clip_edit_frames(p, &probe, &whole, msg);
		if (e != ERR_OK)
			return e;
		if (at > f.start + whole.length)
			return err_set(msg, ERR_RANGE, "the file ends at %.3f s",
				clip_edit_sec_of(p, f.start + whole.length));
	}
	c->length = clip_edit_sec_of(p, at - f.start);
	clamp_fades(p, c, at - f.start);
	return ERR_OK;
}

enum err clip_edit_join(struct project *p, int t, int k, int *joined, struct err_msg *msg)
{
	enum err e = check(p, t, k, msg);
	if (e != ERR_OK)
		return e;
	struct project_track *tr = &p->tracks[t];
	struct clip_frames a, b;
	/* the clip may be either piece: try it as the first, then as the second */
	for (int pass = 0; pass < 2; pass++) {
		for (int j = 0; j < tr->n_clips; j++) {
			const int first = pass == 0 ? k : j, second = pass == 0 ? j : k;
			if (first == second)
				continue;
			struct project_clip *x = &tr->clips[first], *y = &tr->clips[second];
			if (strcmp(x->file, y->file) != 0 || x->length <= 0 || x->gain_db != y->gain_db)
				continue;
			if (clip_edit_frames(p, x, &a, msg) != ERR_OK)
				continue;
			b.start = clip_edit_frames_of(p, y->start);
			b.offset = clip_edit_frames_of(p, y->offset);
			if (b.start != a.start + a.length || b.offset != a.offset + a.length)
				continue;
			if (y->length > 0) {
				b.length = clip_edit_frames_of(p, y->length);
				x->length = clip_edit_sec_of(p, a.length + b.length);
			} else {
				x->length = -1;
			}
			x->fade_out = y->fade_out;
			x->fade_out_shape = y->fade_out_shape;
			x->selected = x->selected || y->selected;
			project_remove_clip(tr, second);
			*joined = first < second ? first : first - 1;
			return ERR_OK;
		}
	}
	return err_set(msg, ERR_RANGE, "no clip continues this one exactly (same file, same "
		"gain, next in the file and on the timeline)");
}

enum err clip_edit_copy(struct project *p, int t, int k, int to_t, int64_t at, int *made,
	struct err_msg *msg)
{
	enum err e = check(p, t, k, msg);
	if (e == ERR_OK && (to_t < 0 || to_t >= p->n_tracks))
		e = err_set(msg, ERR_RANGE, "no track %d", to_t + 1);
	if (e == ERR_OK)
		e = project_limit_room(PROJECT_LIMIT_CLIPS, p->tracks[to_t].n_clips, 1, msg);
	if (e != ERR_OK)
		return e;
	if (at < 0)
		at = 0;
	/* a shallow copy: the array may move as it grows, the strings it points to not */
	const struct project_clip src = p->tracks[t].clips[k];
	const double start = clip_edit_sec_of(p, at);
	struct project_track *dst = &p->tracks[to_t];
	int i = 0;
	while (i < dst->n_clips && dst->clips[i].start <= start)
		i++;
	struct project_clip *c = project_insert_clip(dst, i, &src);
	c->start = start;
	c->selected = false;
	*made = i;
	return ERR_OK;
}

enum err clip_edit_duplicate(struct project *p, int t, int k, int *made,
	struct err_msg *msg)
{
	enum err e = check(p, t, k, msg);
	struct clip_frames f;
	if (e == ERR_OK)
		e = clip_edit_frames(p, &p->tracks[t].clips[k], &f, msg);
	if (e != ERR_OK)
		return e;
	return clip_edit_copy(p, t, k, t, f.start + f.length, made, msg);
}

enum err clip_edit_fade(struct project *p, int t, int k, bool fade_out, double sec,
	struct err_msg *msg)
{
	struct clip_frames f;
	struct project_clip *c;
	enum err e = clip_at(p, t, k, &c, &f, msg);
	if (e != ERR_OK)
		return e;
	int64_t n = clip_edit_frames_of(p, sec < 0 ? 0 : sec);
	const int64_t other = clip_edit_frames_of(p, fade_out ? c->fade_in : c->fade_out);
	if (n > f.length - other)
		n = f.length - other;
	if (n < 0)
		n = 0;
	if (fade_out)
		c->fade_out = clip_edit_sec_of(p, n);
	else
		c->fade_in = clip_edit_sec_of(p, n);
	return ERR_OK;
}
