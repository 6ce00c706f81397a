/* libFuzzer target: the project loader. The input is a project.json; one that loads
 * is written back with project_to_json and must load again (a saved project can
 * always be reopened), with the same tracks, clips and markers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/diag.h"
#include "src/project.h"
#include "tests/fuzz/fuzz_util.h"

static void must(int ok, const char *what, const struct diag *d)
{
	if (ok)
		return;
	fprintf(stderr, "project_fuzzer: %s (%s)\n", what, d ? diag_first_error(d) : "");
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/%s", fuzz_tmpdir(), PROJECT_FILE);
	fuzz_write_file(path, data, size);

	struct diag d;
	diag_init(&d);
	struct project *p = NULL;
	enum err e = project_load(path, &p, &d);
	must((e == ERR_OK) == (p != NULL), "project_load: status and result disagree", &d);
	must(e == ERR_OK || d.errors > 0, "project_load failed without an error line", &d);
	diag_deinit(&d);
	if (!p)
		return 0;

	char *text = project_to_json(p);
	fuzz_write_file(path, (const uint8_t *)text, strlen(text));
	free(text);
	diag_init(&d);
	struct project *q = NULL;
	e = project_load(path, &q, &d);
	must(e == ERR_OK && q, "a project written by project_to_json does not load again", &d);
	must(q->n_tracks == p->n_tracks && q->n_markers == p->n_markers &&
		q->sample_rate == p->sample_rate, "the round trip changed the project", NULL);
	for (int i = 0; i < p->n_tracks; i++) {
		must(q->tracks[i].n_clips == p->tracks[i].n_clips &&
			!strcmp(q->tracks[i].strip.name, p->tracks[i].strip.name),
			"the round trip changed a track", NULL);
	}
	diag_deinit(&d);
	project_free(q);
	project_free(p);
	return 0;
}
