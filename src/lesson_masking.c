/* The masking check of a lesson: the project through the mix review (src/review.h),
 * which renders it with the engine; the share of the track's sounding cells (every
 * 1/3-octave band, 75 ms frames) that the masker covers must fall to max_share, while
 * the masker keeps its loudness in the mix (at least min_lufs), so that muting or
 * pulling it down does not pass for making room for the track. */
#include "src/lesson.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "src/review.h"

static struct lesson_item *item(struct lesson_result *res, const char *unit, double value,
	bool pass)
{
	struct lesson_item *it = &res->item[res->n++];
	memset(it, 0, sizeof *it);
	snprintf(it->unit, sizeof it->unit, "%s", unit);
	it->value = value;
	it->pass = pass;
	if (!pass)
		res->pass = false;
	return it;
}

enum err lesson_check_masking(const struct lesson *l, const struct project *p,
	double from_sec, double to_sec, struct lesson_result *res, struct err_msg *msg)
{
	const int t = project_find_track(p, l->track), m = project_find_track(p, l->masker);
	if (t < 0 || m < 0)
		return err_set(msg, ERR_FORMAT, "%s: no track \"%s\" (the lesson checks it)",
			p->path, t < 0 ? l->track : l->masker);
	struct review r;
	const struct review_opts o = { .from_sec = from_sec, .to_sec = to_sec };
	enum err e = review_run(p, &o, &r, msg);
	if (e != ERR_OK)
		return e;
	double share = 0;
	for (int i = 0; i < r.n_pairs; i++)
		if ((r.pairs[i].a == t && r.pairs[i].b == m) ||
			(r.pairs[i].a == m && r.pairs[i].b == t))
			share = r.pairs[i].overall;
	struct lesson_item *it = item(res, "%", 100 * share, share <= l->max_share);
	snprintf(it->what, sizeof it->what, "%s masked by %s", l->track, l->masker);
	snprintf(it->target, sizeof it->target, "at most %.0f %%", 100 * l->max_share);
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "%s still covers %s in %.0f %% of what it "
			"plays: :review finds where, a applies the cut", l->masker, l->track,
			100 * share);
	const double lufs = r.strip_lufs[m];
	it = item(res, "LUFS", lufs, lufs >= l->min_lufs);
	snprintf(it->what, sizeof it->what, "%s kept in the mix", l->masker);
	snprintf(it->target, sizeof it->target, "at least %.1f LUFS", l->min_lufs);
	if (!it->pass)
		snprintf(it->advice, sizeof it->advice, "%s lost %.1f LU too many: cut it where "
			"it covers %s, not everywhere", l->masker, l->min_lufs - lufs, l->track);
	review_free(&r);
	return ERR_OK;
}
