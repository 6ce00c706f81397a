/* ttymix check: load a project and report every problem, one line each. */
#include <stdio.h>
#include <stdlib.h>

#include "audio/media.h"
#include "src/album.h"
#include "src/cli.h"
#include "src/text.h"

int cli_check(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	if (argc != 1 || argv[0][0] == '-')
		return cli_usage("check takes one project");
	struct diag d;
	diag_init(&d);
	struct project *p = NULL;
	enum err e = project_load(argv[0], &p, &d);
	int clips = 0;
	double length = 0;
	if (e == ERR_OK) {
		for (int t = 0; t < p->n_tracks; t++) {
			const struct project_track *tr = &p->tracks[t];
			for (int k = 0; k < tr->n_clips; k++) {
				const struct project_clip *c = &tr->clips[k];
				char *path = project_clip_path(p, c);
				struct media_info info;
				struct err_msg msg;
				clips++;
				if (media_verify(path, &info, &msg) != ERR_OK) {
					diag_add(&d, DIAG_ERROR, "%s: tracks[%d].clips[%d] (track \"%s\"): %s",
						p->path, t, k, tr->name, msg.text);
				} else {
					double file_sec = (double)info.frames / info.sample_rate;
					double len = c->length > 0 ? c->length : file_sec - c->offset;
					if (c->offset >= file_sec)
						diag_add(&d, DIAG_ERROR,
							"%s: tracks[%d].clips[%d].offset: %g s is past the end of %s "
							"(%g s long)", p->path, t, k, c->offset, path, file_sec);
					else if (c->length > 0 && c->offset + c->length > file_sec + 1e-6)
						diag_add(&d, DIAG_WARNING,
							"%s: tracks[%d].clips[%d]: runs %g s past the end of %s "
							"(plays silence there)", p->path, t, k,
							c->offset + c->length - file_sec, path);
					if (c->start + len > length)
						length = c->start + len;
				}
				free(path);
			}
		}
		album_check_sources(p, &d);
	}
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
