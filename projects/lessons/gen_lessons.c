/* gen_lessons: the lesson projects, made at build time from the demo song.
 *
 *   gen_lessons SRCDIR DEMODIR OUTDIR
 *
 * For every SRCDIR/NN-name.lesson.json it writes OUTDIR/NN-name/lesson.json (a copy)
 * and OUTDIR/NN-name/project.json: the demo project (read from DEMODIR, which gen_demo
 * wrote) with its clips pointing at the demo's audio ("../../demo/audio/...", so the
 * lessons share one copy of the stems in the build tree and when installed), changed
 * where a lesson needs other material. Nothing large is kept in git: the lesson files
 * are text and the audio is synthesised by gen_demo.
 *
 * Build tool, single thread; not part of libttymix. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio/fx/fx.h"
#include "src/base/err.h"
#include "src/paths.h"
#include "src/project.h"
#include "src/base/xalloc.h"

/* Clips relative to the lesson's folder: the demo sits two levels up. */
static void point_at_demo(struct project *p)
{
	for (int t = 0; t < p->n_tracks; t++)
		for (int c = 0; c < p->tracks[t].n_clips; c++) {
			struct project_clip *clip = &p->tracks[t].clips[c];
			char *f = xasprintf("../../demo/%s", clip->file);
			free(clip->file);
			clip->file = f;
		}
}

/* The panning lesson: the pad as two mono layers (gen_demo's pad_low and pad_high)
 * playing into a "Chords" bus, both centred, so the chord bus starts in mono. */
static void two_pad_layers(struct project *p)
{
	int t = project_find_track(p, "Pad");
	if (t < 0)
		return;
	struct project_bus *chords = project_add_bus(p, "Chords");
	chords->strip.color = xstrdup("magenta");
	struct project_track *low = &p->tracks[t];
	free(low->strip.name);
	low->strip.name = xstrdup("Pad low");
	free(low->clips[0].file);
	low->clips[0].file = xstrdup("../../demo/audio/pad_low.flac");
	free(low->strip.output);
	low->strip.output = xstrdup("Chords");
	struct project_track *high = project_add_track(p, "Pad high");
	high->strip.color = xstrdup("magenta");
	high->strip.output = xstrdup("Chords");
	project_add_clip(high, "../../demo/audio/pad_high.flac", 0.0);
	for (int b = 0; b < p->n_buses; b++)
		if (strcmp(p->buses[b].strip.name, "Chords"))
			project_add_send(&high->strip.sends, &high->strip.n_sends, p->buses[b].strip.name);
}

/* The compression lesson: a bass player whose notes jump in level (gen_demo's
 * bass_uneven), the thing a compressor is for. */
static void uneven_bass(struct project *p)
{
	int t = project_find_track(p, "Bass");
	if (t < 0 || p->tracks[t].n_clips < 1)
		return;
	free(p->tracks[t].clips[0].file);
	p->tracks[t].clips[0].file = xstrdup("../../demo/audio/bass_uneven.flac");
}

/* Lessons 7, 8, 10 and 13 play one track from another stem of gen_demo's (the lead
 * with a whistle, the snare microphone with spill, the pad too wide, the lead with
 * harsh sibilants). */
static void swap_stem(struct project *p, const char *track, const char *file)
{
	int t = project_find_track(p, track);
	if (t < 0 || p->tracks[t].n_clips < 1)
		return;
	free(p->tracks[t].clips[0].file);
	p->tracks[t].clips[0].file = xasprintf("../../demo/audio/%s", file);
}

/* The delay lesson: a delay on the lead at 300 ms, out of time with the song's 120
 * bpm, for the student to set to a dotted eighth. */
static void lead_delay_off_beat(struct project *p)
{
	int t = project_find_track(p, "Lead");
	const struct fx_class *c = fx_class_find("delay");
	if (t < 0 || !c)
		return;
	struct project_strip *st = &p->tracks[t].strip;
	struct project_insert *ins = project_add_insert(st->inserts, &st->n_inserts, c);
	if (!ins)
		return;
	ins->params[fx_param_find(c, "time_ms")] = 300;
	ins->params[fx_param_find(c, "feedback")] = 0.25;
	ins->params[fx_param_find(c, "mix")] = 0.3;
}

/* The album lesson: three short songs of gen_demo's (album_1 to album_3, several LU
 * apart, the first one hot) in a running order whose gaps are wrong: none before the
 * second, nine seconds before the third. No target: evening them out is the lesson. */
static void album_to_sequence(struct project *p)
{
	static const struct { const char *file, *title; double gap_s; } songs[] = {
		{ "../../demo/audio/album_1.flac", "Night Drive", 0.5 },
		{ "../../demo/audio/album_2.flac", "Slow Lights", 0.0 },
		{ "../../demo/audio/album_3.flac", "Home", 9.0 },
	};
	const int n = (int)(sizeof songs / sizeof songs[0]);
	struct project_album *a = xcalloc(1, sizeof *a);
	a->title = xstrdup("Three Songs");
	a->artist = xstrdup("The Demo Band");
	a->songs = xcalloc((size_t)n, sizeof *a->songs);
	for (int i = 0; i < n; i++) {
		a->songs[i].source = xstrdup(songs[i].file);
		a->songs[i].title = xstrdup(songs[i].title);
		a->songs[i].gap_before_s = songs[i].gap_s;
	}
	a->n_songs = n;
	project_album_free(p->album);
	p->album = a;
}

static enum err copy_text(const char *from, const char *to, struct err_msg *msg)
{
	return paths_copy_file(from, to, msg);
}

static enum err make_lesson(const char *src, const char *demo, const char *out,
	const char *file, struct err_msg *msg)
{
	/* "01-balance.lesson.json" -> "01-balance" */
	const char *dot = strstr(file, ".lesson.json");
	char *name = strndup(file, (size_t)(dot - file));
	char *dir = xasprintf("%s/%s", out, name);
	enum err e = paths_mkdirs(dir, msg);
	if (e == ERR_OK) {
		char *from = xasprintf("%s/%s", src, file);
		char *to = xasprintf("%s/lesson.json", dir);
		e = copy_text(from, to, msg);
		free(from);
		free(to);
	}
	struct project *p = NULL;
	if (e == ERR_OK) {
		struct diag d;
		diag_init(&d);
		e = project_load(demo, &p, &d);
		if (e != ERR_OK)
			err_set(msg, e, "%s", diag_first_error(&d));
		diag_deinit(&d);
	}
	if (e == ERR_OK) {
		char *abs = realpath(dir, NULL);
		free(p->dir);
		free(p->path);
		p->dir = abs ? abs : xstrdup(dir);
		p->path = xasprintf("%s/%s", p->dir, PROJECT_FILE);
		char *title = xasprintf("Lesson %s", name);
		free(p->name);
		p->name = title;
		point_at_demo(p);
		if (!strncmp(name, "02-", 3))
			two_pad_layers(p);
		if (!strncmp(name, "04-", 3))
			uneven_bass(p);
		if (!strncmp(name, "07-", 3))
			swap_stem(p, "Lead", "lead_whistle.flac");
		if (!strncmp(name, "08-", 3))
			swap_stem(p, "Snare", "snare_spill.flac");
		if (!strncmp(name, "09-", 3))
			lead_delay_off_beat(p);
		if (!strncmp(name, "10-", 3))
			swap_stem(p, "Pad", "pad_wide.flac");
		if (!strncmp(name, "13-", 3))
			swap_stem(p, "Lead", "lead_sibilant.flac");
		if (!strncmp(name, "14-", 3))
			album_to_sequence(p);
		unlink(p->path);
		e = project_save(p, msg);
		/* a build product needs no backup of the previous build */
		char *bak = xasprintf("%s.bak", p->path);
		unlink(bak);
		free(bak);
	}
	project_free(p);
	free(dir);
	free(name);
	return e;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: gen_lessons SRCDIR DEMODIR OUTDIR\n");
		return 2;
	}
	DIR *d = opendir(argv[1]);
	if (!d) {
		fprintf(stderr, "gen_lessons: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	char *files[100];
	int n = 0;
	struct dirent *ent;
	while ((ent = readdir(d)) && n < 100) {
		size_t len = strlen(ent->d_name);
		if (len > 12 && !strcmp(ent->d_name + len - 12, ".lesson.json"))
			files[n++] = xstrdup(ent->d_name);
	}
	closedir(d);
	qsort(files, (size_t)n, sizeof files[0], by_name);
	int rc = 0;
	for (int i = 0; i < n; i++) {
		struct err_msg msg = { { 0 } };
		if (!rc && make_lesson(argv[1], argv[2], argv[3], files[i], &msg) != ERR_OK) {
			fprintf(stderr, "gen_lessons: %s\n", msg.text);
			rc = 1;
		}
		free(files[i]);
	}
	if (!rc && n == 0) {
		fprintf(stderr, "gen_lessons: no *.lesson.json in %s\n", argv[1]);
		rc = 1;
	}
	return rc;
}
