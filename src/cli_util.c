#include "src/cli.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audio/media.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"

/* s as a JSON string. File names are bytes, JSON is UTF-8: a byte that is not part of
 * valid UTF-8 becomes U+FFFD so that the line always parses. */
void cli_print_json_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	putchar('"');
	while (*p) {
		unsigned char c = *p;
		if (c == '"' || c == '\\') {
			printf("\\%c", c);
			p++;
		} else if (c == '\n') {
			fputs("\\n", stdout), p++;
		} else if (c == '\r') {
			fputs("\\r", stdout), p++;
		} else if (c == '\t') {
			fputs("\\t", stdout), p++;
		} else if (c < 0x20 || c == 0x7f) {
			printf("\\u%04x", c);
			p++;
		} else {
			uint32_t cp;
			int len = text_utf8_length((const char *)p, &cp);
			if (len == 0) {
				fputs("\\ufffd", stdout);
				p++;
			} else if (text_is_control(cp)) {
				/* a C1 control, which a terminal would act on even in UTF-8 */
				printf("\\u%04x", (unsigned)cp);
				p += len;
			} else {
				fwrite(p, 1, (size_t)len, stdout);
				p += len;
			}
		}
	}
	putchar('"');
}

/* A JSON number, or null for an undefined (infinite) value. */
void cli_print_json_number(double v)
{
	if (isfinite(v))
		printf("%.3f", v);
	else
		fputs("null", stdout);
}

int cli_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *line = xvasprintf(fmt, ap);
	va_end(ap);
	/* the one line of a failure quotes names and paths: shown, never run */
	fputs("ttymix: ", stderr);
	text_fputs(line, stderr, false);
	fputc('\n', stderr);
	free(line);
	return 1;
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *line = xvasprintf(fmt, ap);
	va_end(ap);
	fputs("ttymix: ", stderr);
	text_fputs(line, stderr, false);
	fputs(" (see ttymix --help)\n", stderr);
	free(line);
	return EXIT_USAGE;
}

bool cli_parse_double(const char *s, double min, double max, double *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (*end || errno == ERANGE || !isfinite(v) || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool cli_parse_int(const char *s, long min, long max, long *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (*end || errno == ERANGE || v < min || v > max)
		return false;
	*out = v;
	return true;
}

const char *cli_option_value(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		cli_usage("%s needs a value", argv[*i]);
		return NULL;
	}
	(*i)++;
	return argv[*i];
}

bool cli_is_project_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return true;
	const char *dot = strrchr(path, '.');
	return dot && !strcmp(dot, ".json");
}

int cli_load_project(const char *path, struct project **out)
{
	struct diag d;
	diag_init(&d);
	enum err e = project_load(path, out, &d);
	if (e != ERR_OK) {
		fprintf(stderr, "ttymix: %s\n", diag_first_error(&d));
		diag_deinit(&d);
		return 1;
	}
	for (size_t i = 0; i < d.count; i++)
		fprintf(stderr, "ttymix: warning: %s\n", d.items[i].text);
	diag_deinit(&d);
	return 0;
}

int cli_project_from_files(int n, char **files, int rate, struct project **out)
{
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof cwd))
		return cli_fail("cannot read the current folder: %s", strerror(errno));
	int project_rate = rate;
	for (int i = 0; i < n; i++) {
		struct media_info info;
		struct err_msg msg;
		if (media_probe(files[i], &info, &msg) != ERR_OK)
			return cli_fail("%s", msg.text);
		/* the session follows the first file, within what a project may use */
		if (!project_rate && info.sample_rate >= PROJECT_MIN_RATE &&
		    info.sample_rate <= PROJECT_MAX_RATE)
			project_rate = info.sample_rate;
	}
	struct project *p = project_new(cwd, "audition", project_rate ? project_rate : 48000);
	for (int i = 0; i < n; i++) {
		char name[PROJECT_MAX_NAME + 1];
		text_name_from_file(name, sizeof name, files[i]);
		struct project_track *t = project_add_track(p, name);
		char *abs = realpath(files[i], NULL);
		project_add_clip(t, abs ? abs : files[i], 0.0);
		free(abs);
	}
	*out = p;
	return 0;
}
