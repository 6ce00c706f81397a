/* ttymix loudness: EBU R128 figures for each file, as text or one JSON object a line. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "audio/loudness.h"
#include "src/cli.h"
#include "src/base/text.h"

static void print_json(const char *path, const struct loudness_result *r)
{
	fputs("{\"file\": ", stdout);
	cli_print_json_string(path);
	cli_print_json_loudness(r, true, false, true);
	fputs("}\n", stdout);
}

/* One figure for the text line; "-inf" for silence, "n/a" for an undefined range. */
static const char *format_db(char *buf, size_t size, double v, const char *undefined)
{
	if (isfinite(v))
		snprintf(buf, size, "%.1f", v);
	else
		snprintf(buf, size, "%s", undefined);
	return buf;
}

static void print_text(const char *path, const struct loudness_result *r)
{
	char i[32], lra[32], tp[32], sp[32], m[32], s[32];
	text_fprintf(stdout, "%s: I %s LUFS  LRA %s LU  TP %s dBTP  peak %s dBFS  M max %s  S max %s\n",
		path,
		format_db(i, sizeof i, r->integrated_lufs, "-inf"),
		format_db(lra, sizeof lra, r->lra_lu, "n/a"),
		format_db(tp, sizeof tp, r->true_peak_dbtp, "-inf"),
		format_db(sp, sizeof sp, r->sample_peak_dbfs, "-inf"),
		format_db(m, sizeof m, r->momentary_max_lufs, "-inf"),
		format_db(s, sizeof s, r->shortterm_max_lufs, "-inf"));
}

int cli_loudness(int argc, char **argv, const struct cli_globals *g)
{
	(void)g; /* measuring needs no device and keeps each file's own rate */
	bool json = false;
	const struct cli_opt opts[] = {
		{ .name = "--json", .kind = CLI_OPT_FLAG, .to = &json },
	};
	const struct cli_spec spec = { .command = "loudness", CLI_OPTS(opts), .dashdash = true };
	/* options first, so that a bad one stops us before any output */
	int files = cli_parse(argc, argv, &spec);
	if (files < 0)
		return EXIT_USAGE;
	if (files == 0)
		return cli_usage("loudness needs at least one audio file");

	int status = 0;
	for (int i = 0; i < files; i++) {
		const char *a = argv[i];
		struct loudness_result r;
		struct err_msg msg;
		if (loudness_measure_file(a, &r, &msg) != ERR_OK) {
			fflush(stdout); /* keep stdout and stderr in order on a shared terminal */
			status = cli_fail("%s", msg.text);
			continue;
		}
		if (json)
			print_json(a, &r);
		else
			print_text(a, &r);
		fflush(stdout);
	}
	return status;
}
