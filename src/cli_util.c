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

#include "audio/loudness.h"
#include "audio/media.h"
#include "src/graph_build.h"
#include "src/pitch.h"
#include "src/base/fnv.h"
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

/* "ttymix: <line><tail>" on stderr. The line quotes names and paths: shown, never
 * run. */
static void say(const char *tail, const char *fmt, va_list ap)
{
	char *line = xvasprintf(fmt, ap);
	fputs("ttymix: ", stderr);
	text_fputs(line, stderr, false);
	fputs(tail, stderr);
	free(line);
}

int cli_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say("\n", fmt, ap);
	va_end(ap);
	return 1;
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(" (see ttymix --help)\n", fmt, ap);
	va_end(ap);
	return EXIT_USAGE;
}

/* Whether strtod or strtol read all of s, a number in their range. */
static bool read_whole(const char *s, const char *end)
{
	return end != s && !*end && errno != ERANGE;
}

bool cli_parse_double(const char *s, double min, double max, double *out)
{
	char *end = NULL;
	errno = 0;
	double v = s ? strtod(s, &end) : NAN;
	if (!s || !read_whole(s, end) || !isfinite(v) || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool cli_parse_int(const char *s, long min, long max, long *out)
{
	char *end = NULL;
	errno = 0;
	long v = s ? strtol(s, &end, 10) : 0;
	if (!s || !read_whole(s, end) || v < min || v > max)
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

/* ---- options ---- */

static const struct cli_opt *find_opt(const struct cli_spec *spec, const char *a)
{
	for (size_t k = 0; k < spec->n_opts; k++) {
		const struct cli_opt *o = &spec->opts[k];
		if (!strcmp(a, o->name) || (o->short_name && !strcmp(a, o->short_name)))
			return o;
	}
	return NULL;
}

/* v into o's place; a usage message when it is not a value o takes. */
static int take_value(const struct cli_opt *o, const char *v)
{
	long n;
	bool ok = true;
	switch (o->kind) {
	case CLI_OPT_FLAG:
		*(bool *)o->to = true;
		break;
	case CLI_OPT_STRING:
		*(const char **)o->to = v;
		break;
	case CLI_OPT_INT:
		if ((ok = cli_parse_int(v, (long)o->min, (long)o->max, &n)))
			*(int *)o->to = (int)n;
		break;
	case CLI_OPT_DOUBLE:
		ok = cli_parse_double(v, o->min, o->max, o->to);
		break;
	case CLI_OPT_PARSE:
		ok = o->parse(v, o->to);
		break;
	}
	if (!ok) {
		if (o->unit)
			return cli_usage("%s takes %s%g to %g%s, not \"%s\"", o->name, o->takes, o->min,
				o->max, o->unit, v);
		return cli_usage("%s takes %s, not \"%s\"", o->name, o->takes, v);
	}
	if (o->given)
		*o->given = true;
	return 0;
}

int cli_parse(int argc, char **argv, const struct cli_spec *spec)
{
	int n = 0;
	bool options = true;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (options && spec->dashdash && !strcmp(a, "--")) {
			options = false;
			continue;
		}
		if (!options || a[0] != '-' || !a[1]) {
			if (spec->max_operands && n == spec->max_operands) {
				if (spec->usage)
					cli_spec_usage(spec);
				else
					cli_usage("%s (got \"%s\" too)", spec->too_many, a);
				return -1;
			}
			argv[n++] = argv[i];
			continue;
		}
		const struct cli_opt *o = find_opt(spec, a);
		if (!o) {
			if (spec->usage)
				cli_spec_usage(spec);
			else
				cli_usage("%s: unknown option %s", spec->command, a);
			return -1;
		}
		const char *v = NULL;
		if (o->kind != CLI_OPT_FLAG && !(v = cli_option_value(argc, argv, &i)))
			return -1;
		if (take_value(o, v))
			return -1;
	}
	const char *too_few = spec->usage ? spec->usage : spec->missing;
	if ((!n && spec->missing) || (n < spec->min_operands && too_few)) {
		cli_usage("%s", too_few);
		return -1;
	}
	return n;
}

int cli_spec_usage(const struct cli_spec *spec)
{
	return cli_usage("%s", spec->usage);
}

bool cli_value_container(const char *value, void *to)
{
	return media_container_parse(value, to);
}

bool cli_value_sample(const char *value, void *to)
{
	return media_sample_parse(value, to);
}

bool cli_value_dither(const char *value, void *to)
{
	static const char *const names[] = { [DITHER_NONE] = "none", [DITHER_TPDF] = "tpdf",
		[DITHER_SHAPED] = "shaped" };
	for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
		if (!strcmp(value, names[k])) {
			*(enum dither_kind *)to = (enum dither_kind)k;
			return true;
		}
	return false;
}

int cli_file_format_check(const struct cli_file_format *f)
{
	if (!media_container_writable(f->container))
		return cli_fail("this libsndfile cannot write %s (MP3 needs a libsndfile built with "
			"LAME); use wav, flac or ogg", media_container_ext(f->container));
	if (f->container == MEDIA_FLAC && f->sample == MEDIA_FLOAT32)
		return cli_usage("FLAC stores 16 or 24-bit; use --bits 16 or 24");
	return 0;
}

void cli_print_json_loudness(const struct loudness_result *r, bool maxima, bool compact,
	bool lead)
{
	const struct {
		const char *key;
		double value;
	} fields[] = {
		{ "integrated_lufs", r->integrated_lufs },
		{ "lra_lu", r->lra_lu },
		{ "true_peak_dbtp", r->true_peak_dbtp },
		{ "sample_peak_dbfs", r->sample_peak_dbfs },
		{ "momentary_max_lufs", r->momentary_max_lufs },
		{ "shortterm_max_lufs", r->shortterm_max_lufs },
	};
	const size_t n = maxima ? 6 : 4;
	for (size_t i = 0; i < n; i++) {
		if (i || lead)
			fputs(compact ? "," : ", ", stdout);
		printf(compact ? "\"%s\":" : "\"%s\": ", fields[i].key);
		cli_print_json_number(fields[i].value);
	}
}

bool cli_is_project_path(const char *path)
{
	struct stat st;
	const bool found = stat(path, &st) == 0;
	const bool missing = !found && errno == ENOENT;
	if (found && S_ISDIR(st.st_mode))
		return true;
	const char *dot = strrchr(path, '.');
	if (dot && !strcmp(dot, ".json"))
		return true;
	if (!missing)
		return false;
	/* the last name, a trailing slash ignored: "song/" is a folder by its spelling */
	size_t len = strlen(path);
	if (len > 0 && path[len - 1] == '/')
		return true;
	const char *slash = strrchr(path, '/');
	return !strchr(slash ? slash + 1 : path, '.');
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

static void say_pitching(void *arg, const char *what)
{
	(void)arg;
	text_fprintf(stderr, "ttymix: pitching %s\n", what);
}

int cli_prepare_pitch(const struct project *p)
{
	struct err_msg msg;
	if (pitch_prepare_all(p, say_pitching, NULL, NULL, &msg) != ERR_OK)
		return cli_fail("%s", msg.text);
	return 0;
}

/* Whether path is in the set (open addressing, cap a power of two); adds it when not,
 * the set then owning it. */
static bool seen_before(char **set, size_t cap, char *path)
{
	size_t i = (size_t)fnv1a(FNV1A_INIT, path, strlen(path)) & (cap - 1);
	for (; set[i]; i = (i + 1) & (cap - 1))
		if (!strcmp(set[i], path))
			return true;
	set[i] = path;
	return false;
}

#define CHECK_CLIPS_NAMED 10 /* files named one a line; the rest are counted */

int cli_check_clips(const struct project *p, bool allow_missing, const char *verb)
{
	if (allow_missing)
		return 0;
	size_t n = 0, cap = 16;
	for (int t = 0; t < p->n_tracks; t++)
		n += (size_t)p->tracks[t].n_clips;
	while (cap < 2 * n)
		cap *= 2;
	/* each file once: 20,000 clips may read three files */
	char **set = xcalloc(cap, sizeof *set);
	int bad = 0;
	for (int t = 0; t < p->n_tracks; t++)
		for (int k = 0; k < p->tracks[t].n_clips; k++) {
			double time_scale;
			char *path = pitch_clip_source(p, &p->tracks[t].clips[k], &time_scale);
			if (seen_before(set, cap, path)) {
				free(path);
				continue;
			}
			struct media_info info;
			struct err_msg msg;
			if (media_probe(path, &info, &msg) == ERR_OK)
				continue;
			/* a silent hole in a delivered file is worse than no file: refuse, naming
			 * it, unless asked to go on without it */
			if (bad++ < CHECK_CLIPS_NAMED)
				text_fprintf(stderr, "ttymix: %s (track \"%s\", clip %d; --allow-missing "
					"%s without it)\n", msg.text, p->tracks[t].strip.name, k + 1, verb);
		}
	if (bad > CHECK_CLIPS_NAMED)
		fprintf(stderr, "ttymix: and %d more files that cannot be read\n",
			bad - CHECK_CLIPS_NAMED);
	for (size_t i = 0; i < cap; i++)
		free(set[i]);
	free(set);
	return bad > 0;
}

int cli_build_graph(const struct project *p, bool offline, struct graph **out)
{
	*out = NULL;
	if (cli_prepare_pitch(p))
		return 1;
	struct diag d;
	diag_init(&d);
	int rc = 0;
	if (graph_build(p, offline, out, &d) != ERR_OK)
		rc = cli_fail("%s", diag_first_error(&d));
	for (size_t i = 0; !rc && i < d.count; i++)
		fprintf(stderr, "ttymix: warning: %s\n", d.items[i].text);
	diag_deinit(&d);
	return rc;
}
