/* Shared by `ttymix master`'s files: cli_master.c (the options, the loudness target),
 * cli_master_match.c (--match REF) and cli_master_report.c (a render pass and the
 * report), each calling only the ones after it. The command line's thread only. */
#ifndef TTYMIX_CLI_MASTER_H
#define TTYMIX_CLI_MASTER_H

#include <stdbool.h>

#include "audio/loudness.h"
#include "audio/media.h"
#include "src/match_chain.h"
#include "src/project.h"

struct master_opts {
	const char *in, *out;
	const char *target_name;     /* "spotify", ..., or NULL for a number */
	double target_lufs, ceiling_dbtp;
	bool json;
	enum media_container container;
	const char *match_ref;       /* --match REF, or NULL */
	struct match_opts match;     /* --smooth, --cap (and the ceiling) */
};

/* Render p into path once, reading its last master insert (a limiter) for its largest
 * gain reduction; a failure is said of out. 0, or the exit status after a message. */
int cli_master_render_pass(const struct project *p, const char *path, const char *out,
	enum media_container container, float *max_gr_db);
/* The report (text or JSON, as mo says); match: --match's figures, or NULL. */
void cli_master_print_report(const struct master_opts *mo,
	const struct loudness_result *before, const struct loudness_result *after,
	double gain_db, double max_gr_db, int passes, bool reached,
	const struct match_result *match);
/* master --match: the whole command once the options are read (mo's target becomes the
 * reference's loudness). */
int cli_master_match(struct master_opts *mo);
/* --smooth's value ("1/3") into a double of octaves. */
bool cli_master_parse_smooth(const char *value, void *to);
/* The match's lines of the report. */
void cli_master_match_text(const struct match_result *r);
void cli_master_match_json(const struct master_opts *mo, const struct match_result *r);

#endif
