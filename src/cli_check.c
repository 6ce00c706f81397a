/* ttymix check: load a project and report every problem, one line each. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/media.h"
#include "src/album.h"
#include "src/cli.h"
#include "src/lv2_project.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"

/* One clip's file: clips of the same file share one verification (20,000 clips
 * of three files decode three files, not 20,000). */
struct clip_ref {
	char *path;
	int track, clip;
	int file;             /* index of its file in the verified list */
};

struct checked_file {
	enum err e;
	struct media_info info;
	struct err_msg msg;
	int uses;             /* clips that play it */
	bool said;            /* its problem has been reported */
};

static int ref_by_path(const void *a, const void *b)
{
	const struct clip_ref *const *x = a, *const *y = b;
	return strcmp((*x)->path, (*y)->path);
}

/* Verify every distinct file the clips play (media_verify: unreadable, ends before its
 * header says, bad samples), then check each clip against its file, in project order.
 * A file's problem is one line, at the first clip that plays it. Returns the
 * project's length in seconds. */
static double check_clips(const struct project *p, struct diag *d, int *clips_out)
{
	int n = 0;
	for (int t = 0; t < p->n_tracks; t++)
		n += p->tracks[t].n_clips;
	*clips_out = n;
	if (n == 0)
		return 0;
	struct clip_ref *refs = xcalloc((size_t)n, sizeof *refs);
	struct clip_ref **sorted = xcalloc((size_t)n, sizeof *sorted);
	int i = 0;
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++, i++) {
			refs[i] = (struct clip_ref){ project_clip_path(p, &p->tracks[t].clips[k]), t, k,
				0 };
			sorted[i] = &refs[i];
		}
	qsort(sorted, (size_t)n, sizeof *sorted, ref_by_path);
	struct checked_file *files = xcalloc((size_t)n, sizeof *files);
	int n_files = 0;
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(sorted[i]->path, sorted[i - 1]->path)) {
			struct checked_file *f = &files[n_files++];
			f->e = media_verify(sorted[i]->path, &f->info, &f->msg);
		}
		sorted[i]->file = n_files - 1;
		files[n_files - 1].uses++;
	}
	double length = 0;
	for (i = 0; i < n; i++) {
		const struct clip_ref *r = &refs[i];
		const struct project_track *tr = &p->tracks[r->track];
		const struct project_clip *c = &tr->clips[r->clip];
		struct checked_file *f = &files[r->file];
		if (f->e != ERR_OK) {
			if (!f->said)
				diag_add(d, DIAG_ERROR, "%s: tracks[%d].clips[%d] (track \"%s\"): %s%s",
					p->path, r->track, r->clip, tr->strip.name, f->msg.text,
					f->uses > 1 ? " (and every other clip of that file)" : "");
			f->said = true;
			continue;
		}
		double file_sec = (double)f->info.frames / f->info.sample_rate;
		double len = c->length > 0 ? c->length : file_sec - c->offset;
		if (c->offset >= file_sec)
			diag_add(d, DIAG_ERROR,
				"%s: tracks[%d].clips[%d].offset: %g s is past the end of %s "
				"(%g s long)", p->path, r->track, r->clip, c->offset, r->path, file_sec);
		else if (c->length > 0 && c->offset + c->length > file_sec + 1e-6)
			diag_add(d, DIAG_WARNING,
				"%s: tracks[%d].clips[%d]: runs %g s past the end of %s "
				"(plays silence there)", p->path, r->track, r->clip,
				c->offset + c->length - file_sec, r->path);
		if (c->start + len > length)
			length = c->start + len;
	}
	for (i = 0; i < n; i++)
		free(refs[i].path);
	free(refs);
	free(sorted);
	free(files);
	return length;
}

enum err cli_check_project(const char *path, struct project **out, struct diag *d,
	int *clips, double *length_sec)
{
	*out = NULL;
	*clips = 0;
	*length_sec = 0;
	enum err e = project_load(path, out, d);
	if (e != ERR_OK)
		return e;
	*length_sec = check_clips(*out, d, clips);
	lv2_project_missing(*out, d, DIAG_ERROR);
	album_check_sources(*out, d);
	return d->errors ? ERR_FORMAT : ERR_OK;
}

static const struct cli_spec check_spec = { .command = "check", .min_operands = 1,
	.max_operands = 1, .usage = "check takes one project" };

int cli_check(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	if (cli_parse(argc, argv, &check_spec) < 0)
		return EXIT_USAGE;
	struct diag d;
	diag_init(&d);
	struct project *p = NULL;
	int clips = 0;
	double length = 0;
	cli_check_project(argv[0], &p, &d, &clips, &length);
	for (size_t i = 0; i < d.count; i++)
		fprintf(stderr, "%s%s\n", d.items[i].level == DIAG_WARNING ? "warning: " : "",
			d.items[i].text);
	if (d.errors > d.count)
		fprintf(stderr, "(%zu more problems not shown)\n", d.errors - d.count);
	int rc = d.errors ? 1 : 0;
	if (!rc)
		text_fprintf(stdout, "%s: ok: %d tracks, %d clips, %.1f s\n", p->path, p->n_tracks,
			clips, length);
	diag_deinit(&d);
	project_free(p);
	return rc;
}
