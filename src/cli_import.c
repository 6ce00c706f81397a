/* ttymix import PROJECT FILE... [--track NAME] [--at TIME]: audio files into a project
 * that exists, as the studio's :import does (src/import.h), without opening it. The
 * project's lock is taken first, so a studio editing the project is never written
 * under: a person then imports from that studio. */
#include <stdio.h>
#include <stdlib.h>

#include "src/cli.h"
#include "src/import.h"
#include "src/project_lock.h"
#include "src/tempo.h"
#include "src/base/diag.h"
#include "src/base/text.h"

/* The loaded project p changed by the import of files, then written; the copies are
 * removed again when it cannot be written. 0, or 1 after one line. */
static int import_into(struct project *p, char **files, int n, const char *track,
	const char *at_word)
{
	struct err_msg msg;
	double at = 0.0;
	if (at_word) {
		const struct tempo_map m = tempo_map_of(p);
		if (!tempo_parse_when(&m, at_word, &at, &msg))
			return cli_fail("--at %s: %s", at_word, msg.text[0] ? msg.text
				: "not a time (seconds, m:ss, or a bar: b21, 21.3.0)");
	}
	struct import_copy *c;
	int first;
	if (import_files(p, files, n, track, at, &c, &first, &msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	/* the project passed `check` as loaded, and every file added was read whole */
	if (project_save(p, &msg) != ERR_OK) {
		import_done(c, n, true);
		return cli_fail("%s", msg.text);
	}
	if (msg.text[0]) /* saved, with a warning: no backup could be kept */
		text_fprintf(stderr, "ttymix: %s\n", msg.text);
	for (int i = 0; i < n; i++) {
		const struct project_track *t = &p->tracks[track ? first : first + i];
		if (c[i].rate != c[i].file_rate)
			text_fprintf(stdout, "%s: %d Hz, resampled to %d Hz\n", files[i],
				c[i].file_rate, c[i].rate);
		text_fprintf(stdout, "%s: imported as %s on track \"%s\" at %.3f s\n", files[i],
			c[i].rel, t->strip.name, at);
	}
	import_done(c, n, false);
	return 0;
}

int cli_import(int argc, char **argv, const struct cli_globals *g)
{
	(void)g;
	const char *track = NULL, *at = NULL;
	const struct cli_opt opts[] = {
		{ .name = "--track", .kind = CLI_OPT_STRING, .to = &track,
		  .takes = "a track's name or number" },
		{ .name = "--at", .kind = CLI_OPT_STRING, .to = &at,
		  .takes = "a time: seconds, m:ss, or a bar (b21)" },
	};
	const struct cli_spec spec = { .command = "import", CLI_OPTS(opts), .min_operands = 2,
		.usage = "usage: ttymix import PROJECT FILE... [--track NAME] [--at TIME]" };
	const int n = cli_parse(argc, argv, &spec);
	if (n < 0)
		return EXIT_USAGE;
	struct diag d;
	diag_init(&d);
	struct project *p;
	int clips;
	double length;
	enum err e = cli_check_project(argv[0], &p, &d, &clips, &length);
	if (e != ERR_OK) {
		int rc = cli_fail("%s", d.errors ? diag_first_error(&d) : err_str(e));
		diag_deinit(&d);
		project_free(p);
		return rc;
	}
	diag_deinit(&d);
	struct project_lock lock;
	project_lock_init(&lock);
	struct err_msg note;
	int rc;
	switch (project_lock_take(&lock, p->dir, &note)) {
	case PROJECT_LOCK_BUSY:
		rc = cli_fail("%s: open in %s; import there (:import FILE)", p->dir, lock.holder);
		break;
	case PROJECT_LOCK_NONE:
		rc = cli_fail("%s", note.text);
		break;
	default:
		rc = import_into(p, argv + 1, n - 1, track, at);
		break;
	}
	project_lock_release(&lock);
	project_free(p);
	return rc;
}
