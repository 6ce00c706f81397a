#include "tests/test_util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio/engine.h"
#include "audio/graph.h"
#include "audio/media.h"
#include "audio/render.h"
#include "src/graph_build.h"
#include "src/base/xalloc.h"

char *tu_tempdir(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = xasprintf("%s/ttymix-test-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpl)) {
		perror("mkdtemp");
		exit(1);
	}
	return tmpl;
}

static void rm_files(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char *path = xasprintf("%s/%s", dir, de->d_name);
		if (unlink(path) != 0) {
			rm_files(path);
			rmdir(path);
		}
		free(path);
	}
	closedir(d);
}

void tu_rmtree(const char *dir)
{
	rm_files(dir);
	rmdir(dir);
}

char *tu_slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = xcalloc(1, 4096);
	size_t n = fread(buf, 1, 4095, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

double tu_gen_dc(int64_t i, int ch, void *arg)
{
	(void)i;
	(void)ch;
	return *(double *)arg;
}

void tu_write_wav(const char *path, int rate, int channels, int64_t frames,
	double (*gen)(int64_t i, int ch, void *arg), void *arg)
{
	struct media_writer *w;
	struct err_msg msg;
	if (media_writer_open(&w, path, MEDIA_WAV, MEDIA_FLOAT32, rate, channels, &msg)) {
		fprintf(stderr, "%s\n", msg.text);
		exit(1);
	}
	float buf[1024 * 2];
	for (int64_t i = 0; i < frames;) {
		int n = frames - i < 1024 ? (int)(frames - i) : 1024;
		for (int k = 0; k < n; k++)
			for (int c = 0; c < channels; c++)
				buf[k * channels + c] = (float)gen(i + k, c, arg);
		media_writer_write(w, buf, n, &msg);
		i += n;
	}
	if (media_writer_close(w, &msg)) {
		fprintf(stderr, "%s\n", msg.text);
		exit(1);
	}
}

struct collect {
	float *buf;
	int64_t frames, cap;
};

static enum err collect_sink(void *arg, const float *frames, int n, struct err_msg *msg)
{
	(void)msg;
	struct collect *c = arg;
	if (c->frames + n > c->cap) {
		c->cap = (c->frames + n) * 2;
		c->buf = xrealloc(c->buf, sizeof(float) * 2 * (size_t)c->cap);
	}
	memcpy(c->buf + c->frames * 2, frames, sizeof(float) * 2 * (size_t)n);
	c->frames += n;
	return ERR_OK;
}

struct project *tu_load_text(const char *dir, const char *text, char *why, size_t why_size)
{
	char *path = xasprintf("%s/project.json", dir);
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) == EOF || fclose(f) != 0) {
		fprintf(stderr, "cannot write %s\n", path);
		exit(1);
	}
	free(path);
	struct diag d;
	diag_init(&d);
	struct project *p = NULL;
	enum err e = project_load(dir, &p, &d);
	if (why)
		snprintf(why, why_size, "%s", diag_first_error(&d));
	else
		for (size_t i = 0; i < d.count; i++)
			fprintf(stderr, "load: %s\n", d.items[i].text);
	diag_deinit(&d);
	return e == ERR_OK ? p : NULL;
}

struct graph *tu_graph_text(const char *dir, const char *text, char *why,
	size_t why_size)
{
	struct project *p = tu_load_text(dir, text, why, why_size);
	if (!p)
		return NULL;
	struct diag d;
	diag_init(&d);
	struct graph *g = NULL;
	enum err e = graph_build(p, false, &g, &d);
	if (e != ERR_OK || d.count) {
		snprintf(why, why_size, "%s", d.count ? diag_first_error(&d) : err_str(e));
		if (e == ERR_OK)
			graph_destroy(g);
		g = NULL;
	}
	diag_deinit(&d);
	project_free(p);
	return g;
}

int tu_engine_step(struct engine *e, float *left, int n)
{
	float buf[4096 * 2];
	if (n > 4096)
		n = 4096;
	engine_disk_service(e);
	const int played = engine_process_rt(e, buf, n);
	struct event ev;
	while (engine_poll_event(e, &ev))
		;
	engine_collect_garbage(e);
	for (int i = 0; i < played; i++)
		left[i] = buf[i * 2];
	return played;
}

float *tu_render(const struct project *p, double start, double end, int block,
	int64_t *frames)
{
	struct diag d;
	diag_init(&d);
	struct graph *g;
	graph_build(p, true, &g, &d);
	for (size_t i = 0; i < d.count; i++)
		fprintf(stderr, "render: %s\n", d.items[i].text);
	diag_deinit(&d);
	int64_t s = graph_frames(start, p->sample_rate);
	int64_t e = end > 0 ? graph_frames(end, p->sample_rate) : g->end_frame;
	struct collect c = { 0 };
	struct err_msg msg;
	if (render_run(g, s, e, block, collect_sink, NULL, &c, &msg) != ERR_OK) {
		fprintf(stderr, "render: %s\n", msg.text);
		exit(1);
	}
	*frames = c.frames;
	return c.buf;
}
