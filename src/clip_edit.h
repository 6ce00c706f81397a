/* Clip edits on the project model: split, trim, move, join, duplicate, delete, copy,
 * fades and gain. Every position is a whole frame at the project's sample rate, and
 * every edit keeps the frames graph_build will compute (llround(seconds x rate)), so
 * an edit renders sample-exactly: a split renders the same samples as the clip it
 * came from, a join restores it. The model only; undo and the engine are the
 * caller's (src/studio/clipedit.c wraps each edit in studio_edit_begin/commit). Errors come back
 * as an enum and one line in msg, never printed here. Control (UI) thread only. */
#ifndef TTYMIX_CLIP_EDIT_H
#define TTYMIX_CLIP_EDIT_H

#include <stdint.h>

#include "src/base/err.h"
#include "src/project.h"

/* A clip in frames. length: from the clip, or from its file when the clip plays to
 * the file's end (the file is opened to learn it). */
struct clip_frames {
	int64_t start, offset, length;
};

int64_t clip_edit_frames_of(const struct project *p, double sec);
double clip_edit_sec_of(const struct project *p, int64_t frames);
enum err clip_edit_frames(const struct project *p, const struct project_clip *c,
	struct clip_frames *out, struct err_msg *msg);

/* Split clip k of track t at timeline frame `at` (strictly inside it): clip k keeps
 * [start, at) and a new clip k+1 plays [at, end) from the matching place in the file.
 * The fade-in stays with the first piece and the fade-out with the second. */
enum err clip_edit_split(struct project *p, int t, int k, int64_t at, struct err_msg *msg);
/* Move clip k's start to frame `to` (>= 0). */
enum err clip_edit_move(struct project *p, int t, int k, int64_t to, struct err_msg *msg);
/* Move the clip's start edge to `at` (the audio stays where it is in time: offset
 * and length change with it) / its end edge to `at`. */
enum err clip_edit_trim_start(struct project *p, int t, int k, int64_t at,
	struct err_msg *msg);
enum err clip_edit_trim_end(struct project *p, int t, int k, int64_t at,
	struct err_msg *msg);
/* Join clip k with the clip of the same file that continues it exactly (it starts
 * where k ends, in the file and on the timeline, at the same clip gain): the splice
 * that undoes a split. *joined gets the index of the clip that remains. */
enum err clip_edit_join(struct project *p, int t, int k, int *joined, struct err_msg *msg);
/* Copy clip k of track t onto track to_t at frame at; *made gets its index there. */
enum err clip_edit_copy(struct project *p, int t, int k, int to_t, int64_t at, int *made,
	struct err_msg *msg);
/* A copy of clip k right after it ends; *made gets its index. */
enum err clip_edit_duplicate(struct project *p, int t, int k, int *made,
	struct err_msg *msg);
/* Fades: length in seconds (0 removes it), clamped to the clip. */
enum err clip_edit_fade(struct project *p, int t, int k, bool fade_out, double sec,
	struct err_msg *msg);

#endif
