/* Teaching in the studio (ui/teach.h): the panel, the info and flow panels, the
 * level-matched A/B, :lesson and :check. The measuring (flow, check) renders with the
 * offline renderer on this thread, as :check's answer is wanted before anything else;
 * it takes about a second and says so first. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audio/graph.h"
#include "src/explain.h"
#include "src/glossary.h"
#include "src/flow.h"
#include "src/lesson.h"
#include "src/paths.h"
#include "src/base/worker.h"
#include "src/base/xalloc.h"
#include "ui/cmdline.h"
#include "ui/commands.h"
#include "ui/draw.h"
#include "src/studio/edit.h"
#include "ui/keys.h"
#include "ui/projects.h"
#include "src/studio/saving.h"
#include "ui/teach.h"
#include "ui/theme.h"

/* ---- the panel ---- */

void ui_teach_panel(struct ui_app *app, const char *title, const char *text)
{
	free(app->panel.text);
	app->panel.text = xstrdup(text);
	snprintf(app->panel.title, sizeof app->panel.title, "%s", title);
	app->panel.top = 0;
	app->need_draw = true;
}

static void panel_close(struct ui_app *app)
{
	free(app->panel.text);
	app->panel.text = NULL;
	app->need_draw = true;
}

/* Lay text out in lines of at most width columns, breaking at spaces; lines that
 * start with spaces keep their indent (tables). Calls line() for each; returns the
 * count. */
static int wrap(const char *text, int width, void (*line)(void *, int, const char *, int),
	void *arg)
{
	int n = 0;
	const char *s = text;
	while (*s) {
		const char *end = strchr(s, '\n');
		int len = end ? (int)(end - s) : (int)strlen(s);
		int indent = 0;
		while (indent < len && s[indent] == ' ')
			indent++;
		int at = 0;
		do {
			int room = at ? width - indent - 2 : width;
			int take = len - at;
			if (take > room) {
				take = room;
				while (take > 0 && s[at + take] != ' ')
					take--;
				if (take == 0)
					take = room;
			}
			if (line) {
				char buf[512];
				int pad = at ? indent + 2 : 0;
				snprintf(buf, sizeof buf, "%*s%.*s", pad, "", take, s + at);
				line(arg, n, buf, (int)strlen(buf));
			}
			n++;
			at += take;
			while (at < len && s[at] == ' ')
				at++;
		} while (at < len);
		s += len + (end ? 1 : 0);
	}
	return n;
}

struct draw_ctx {
	int top, first, rows, x, width;
};

static void draw_line(void *arg, int n, const char *text, int len)
{
	(void)len;
	struct draw_ctx *c = arg;
	int y = n - c->first;
	if (y < 0 || y >= c->rows)
		return;
	int attr = ui_theme_attr(UI_ROLE_NORMAL);
	if (!strncmp(text, "FAIL", 4) || !strncmp(text, "> ", 2) || strstr(text, "CLIPS"))
		attr = ui_theme_attr(UI_ROLE_ERROR);
	else if (!strncmp(text, "PASS", 4))
		attr = ui_theme_attr(UI_ROLE_STRONG);
	ui_text(c->top + y, c->x, c->width, attr, true, text);
}

void ui_teach_panel_draw(struct ui_app *app)
{
	if (!app->panel.text)
		return;
	/* the panel covers the page but the status lines: all of it at 80x24 */
	const int top = 1, x = 1, width = COLS - 2;
	const int rows = LINES - UI_STATUS_LINES - top - 1;
	const int n = wrap(app->panel.text, width - 2, NULL, NULL);
	if (app->panel.top > n - rows)
		app->panel.top = n - rows > 0 ? n - rows : 0;
	for (int y = top - 1; y < top + rows + 1; y++)
		ui_text(y, 0, COLS, ui_theme_attr(UI_ROLE_NORMAL), true, "");
	ui_textf(top - 1, 0, COLS, ui_theme_attr(UI_ROLE_TITLE), true, " %s", app->panel.title);
	struct draw_ctx c = { top, app->panel.top, rows, x + 1, width - 2 };
	wrap(app->panel.text, width - 2, draw_line, &c);
	ui_textf(top + rows, 0, COLS, ui_theme_attr(UI_ROLE_LABEL), true,
		" %s any other key closes", n > rows ? "Up/Down scroll," : "");
}

bool ui_teach_panel_key(struct ui_app *app, int key)
{
	if (!app->panel.text)
		return false;
	key = ui_keys_normalise(key);
	if (key == KEY_UP || key == 'k') {
		if (app->panel.top > 0)
			app->panel.top--;
	} else if (key == KEY_DOWN || key == 'j') {
		app->panel.top++; /* the draw keeps it inside the text */
	} else if (key == KEY_PPAGE) {
		app->panel.top = app->panel.top > LINES / 2 ? app->panel.top - LINES / 2 : 0;
	} else if (key == KEY_NPAGE) {
		app->panel.top += LINES / 2;
	} else if (key == KEY_RESIZE) {
		return false;
	} else {
		panel_close(app);
		/* ':' and Space still do their work: closing is only a side effect */
		return key != ':' && key != ' ';
	}
	app->need_draw = true;
	return true;
}

/* ---- info ---- */

/* text (freed) and the project's own pan law after it: the pan entry speaks of the
 * default law, and this project may use another. */
static char *with_pan_law(const struct ui_app *app, char *text)
{
	char *words = glossary_pan_law_words(app->st->project->pan_law_db);
	char *out = xasprintf("%sThis project's pan law: %s; ttymix help pan-law explains it.\n", text,
		words);
	free(words);
	free(text);
	return out;
}

void ui_teach_info(struct ui_app *app, const char *cls, const char *param)
{
	char *text = NULL;
	if (param) {
		text = explain_format(cls, param);
	} else {
		text = explain_format(cls, NULL);
		if (!text) {
			/* an insert as a whole: its class's summary and every parameter's line */
			const struct fx_class *fc = fx_class_find(cls);
			if (fc) {
				size_t cap = 256 + (size_t)fc->n_params * 160, len = 0;
				text = xmalloc(cap);
				len += (size_t)snprintf(text + len, cap - len, "%s: %s\n\n", fc->name,
					fc->help);
				for (int k = 0; k < fc->n_params; k++)
					len += (size_t)snprintf(text + len, cap - len, "  %-18s %s\n",
						fc->params[k].name, fc->params[k].help);
				snprintf(text + len, cap - len, "\nPut the cursor on a parameter and press "
					"i for what it does, where to start and what to listen for.\n");
			}
		}
	}
	if (!text) {
		ui_error(app, "no explanation for %s%s%s", cls, param ? "." : "", param ? param : "");
		return;
	}
	if (!param && !strcmp(cls, "pan"))
		text = with_pan_law(app, text);
	char title[96];
	snprintf(title, sizeof title, "i: %s%s%s   (ttymix help shows the same)", cls,
		param ? "." : "", param ? param : "");
	ui_teach_panel(app, title, text);
	free(text);
}

void ui_teach_mixer_info(struct ui_app *app)
{
	char *fader = explain_format("fader", NULL);
	char *pan = with_pan_law(app, explain_format("pan", NULL));
	char *send = explain_format("send", NULL);
	char *all = xasprintf("%s\n%s\n%s\nOn a strip's detail view (Enter), i explains the "
		"parameter under the cursor.\n", fader, pan, send);
	ui_teach_panel(app, "i: fader, pan and sends", all);
	free(all);
	free(fader);
	free(pan);
	free(send);
}

/* ---- level-matched A/B ---- */

static struct fx_insert *graph_insert(struct ui_app *app, int strip, int slot)
{
	struct graph *g = app->st->graph;
	if (!g)
		return NULL;
	struct fx_chain *chain = NULL;
	if (strip == STRIP_MASTER) {
		chain = &g->master_inserts;
	} else {
		struct graph_mix *m = graph_strip_mix(g, strip);
		chain = m ? &m->inserts : NULL;
	}
	return chain && slot >= 0 && slot < chain->n ? chain->slot[slot] : NULL;
}

void ui_teach_ab(struct ui_app *app, int strip, int slot, const char *type)
{
	bool on = !(app->st->ab_on && app->st->ab_strip == strip && app->st->ab_slot == slot);
	if (app->st->ab_on && !on) {
		/* back in */
	} else if (app->st->ab_on) {
		/* another insert: the last one comes back in first */
		struct cmd off = { .type = CMD_FX_AB, .strip = app->st->ab_strip,
			.slot = app->st->ab_slot, .on = false };
		studio_send_cmd(app->st, &off);
	}
	struct cmd c = { .type = CMD_FX_AB, .strip = strip, .slot = slot, .on = on };
	if (!studio_send_cmd(app->st, &c))
		return;
	app->st->ab_on = on;
	app->st->ab_strip = strip;
	app->st->ab_slot = slot;
	if (on) {
		float db = fx_insert_match_db(graph_insert(app, strip, slot));
		ui_message(app, "A/B: %s %s OUT, level matched (it changes the level by %+.1f dB; "
			"a: back in)", studio_strip_name(app->st, strip), type, db);
	} else {
		ui_message(app, "A/B: %s %s IN", studio_strip_name(app->st, strip), type);
	}
}

/* ---- signal flow ---- */

static bool analysis_start(struct ui_app *app, struct lesson *l, int flow_track);

void ui_teach_flow(struct ui_app *app)
{
	int strip = studio_strip_of(app->st, app->sel.strip);
	if (strip < 0 || strip >= app->st->project->n_tracks) {
		ui_message(app, "f shows a track's signal flow: select a track");
		return;
	}
	if (app->check) {
		ui_error(app, "signal flow: a measurement is under way; its result comes on its "
			"own");
		return;
	}
	if (analysis_start(app, NULL, strip))
		ui_message(app, "measuring the signal flow of %s (rendering with the engine)...",
			app->st->project->tracks[strip].strip.name);
}

/* A finished signal flow, of track t of p (the copy it measured). */
static void flow_done(struct ui_app *app, const struct project *p, int t,
	const struct flow *f)
{
	char *text = flow_text(p, t, f);
	char *full = xasprintf("%s\nclip -> inserts -> fader -> pan -> sends -> bus -> master: "
		"each stage rendered by the engine with the track alone.\n", text);
	char title[96];
	snprintf(title, sizeof title, "f: signal flow of %s", p->tracks[t].strip.name);
	ui_teach_panel(app, title, full);
	if (f->first_clip >= 0)
		ui_error(app, "%s clips first at: %s", p->tracks[t].strip.name,
			f->stage[f->first_clip].name);
	else
		ui_message(app, "%s: no stage clips", p->tracks[t].strip.name);
	free(full);
	free(text);
}

/* ---- lessons ---- */

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The user's copy of a lesson (made on first use, beside the user's copy of the demo,
 * whose audio the bundled lessons' clips name; a teacher's lesson brings its own in
 * audio/), so the source is never written. */
static char *user_lesson(const char *src, struct err_msg *msg)
{
	char *demo = NULL;
	if (paths_user_demo(&demo, msg) != ERR_OK)
		return NULL;
	free(demo);
	char *data = paths_user_data(msg);
	if (!data)
		return NULL;
	const char *base = strrchr(src, '/');
	base = base ? base + 1 : src;
	char *dst = xasprintf("%s/lessons/%s", data, base);
	free(data);
	char *pj = xasprintf("%s/%s", dst, PROJECT_FILE);
	enum err e = ERR_OK;
	if (!is_file(pj))
		e = lesson_copy(src, dst, msg);
	free(pj);
	if (e != ERR_OK) {
		free(dst);
		return NULL;
	}
	return dst;
}

static void lesson_brief(struct ui_app *app, const struct lesson *l)
{
	size_t cap = 1024, len = 0;
	for (int i = 0; i < l->n_hints; i++)
		cap += strlen(l->hints[i]) + 8;
	cap += strlen(l->goal);
	char *text = xmalloc(cap);
	len += (size_t)snprintf(text + len, cap - len, "Goal: %s\n\nHints:\n", l->goal);
	for (int i = 0; i < l->n_hints; i++)
		len += (size_t)snprintf(text + len, cap - len, "  %d. %s\n", i + 1, l->hints[i]);
	snprintf(text + len, cap - len, "\nWhen it sounds right, type :check (it renders the "
		"song and measures it). :lesson shows this again.\n");
	char title[96];
	snprintf(title, sizeof title, "Lesson %d: %s", l->number, l->title);
	ui_teach_panel(app, title, text);
	free(text);
}

void ui_line_lesson(struct studio_line *line)
{
	struct ui_app *app = line->owner;
	const struct studio_words *a = line->w;
	if (a->argc == 1) {
		if (app->st->lesson)
			lesson_brief(app, app->st->lesson);
		else
			ui_message(app, "no lesson open: :lesson N opens one (ttymix lesson list)");
		return;
	}
	double num;
	if (a->argc != 2 || !studio_line_number(a->argv[1], &num) || num < 1 || num > 99 ||
		num != floor(num)) {
		studio_line_usage(line);
		return;
	}
	if (studio_dirty(app->st) && !app->st->throwaway) {
		ui_error(app, "unsaved changes: save them (Ctrl-S) before opening a lesson");
		return;
	}
	char *src = lesson_source(NULL, (int)num, NULL);
	if (!src) {
		ui_error(app, "no lesson %d (ttymix lesson list shows them)", (int)num);
		return;
	}
	struct err_msg msg;
	char *dir = user_lesson(src, &msg);
	if (!dir) {
		free(src);
		ui_error(app, "lesson %d: %s", (int)num, msg.text);
		return;
	}
	struct lesson *l = NULL;
	struct project *p = NULL;
	struct diag d;
	diag_init(&d);
	/* the spec from the lesson's source, as ttymix lesson check grades it: the copy's
	 * lesson.json may be edited, or left from an older ttymix */
	enum err le = lesson_load(src, &l, &msg);
	free(src);
	if (le != ERR_OK) {
		ui_error(app, "%s", msg.text);
	} else if (project_load(dir, &p, &d) != ERR_OK) {
		ui_error(app, "%s", diag_first_error(&d));
		lesson_free(l);
		l = NULL;
	}
	diag_deinit(&d);
	free(dir);
	if (!l)
		return;
	if (!ui_project_replace(app, p)) { /* it closes the lesson that was open */
		lesson_free(l);
		return;
	}
	app->st->lesson = l;
	lesson_brief(app, l);
	ui_message(app, "lesson %d: %s (your copy: %s)", l->number, l->title, p->dir);
}

/* ---- :check and f on a worker ---- */

/* A :check (l set) or a signal flow (f) under way: the lesson and the project as
 * they were when it began (copies the worker reads while the UI goes on editing), and
 * what it found. */
struct ui_check_job {
	struct worker *worker;
	struct lesson *l;           /* owned copy; NULL for a signal flow */
	struct project *p;          /* owned copy */
	char *text;                 /* owned: the project's JSON when the check began */
	struct lesson_result res;   /* the worker's until it has finished */
	int flow_track;             /* the track of a signal flow */
	struct flow flow;           /* the worker's until it has finished */
	int shown;                  /* the percentage on the status line */
};

static void check_done(struct ui_app *app, const struct lesson *l,
	const struct lesson_result *res, bool unchanged);

static void check_job_free(struct ui_check_job *j)
{
	lesson_free(j->l);
	project_free(j->p);
	free(j->text);
	free(j);
}

/* Worker thread: only the job's own copies. */
static enum err check_job_run(void *ctx, struct worker *w, struct err_msg *msg)
{
	struct ui_check_job *j = ctx;
	if (!j->l)
		return flow_measure(j->p, j->flow_track, &j->flow, msg);
	struct lesson_watch watch = { worker_progress_slot(w), worker_cancel_flag(w) };
	return lesson_check_watched(j->l, j->p, &watch, &j->res, msg);
}

/* Start a check of lesson l (its copy is taken from l's folder) or, l NULL, the
 * signal flow of track flow_track, on a worker; false (said) when it cannot. */
static bool analysis_start(struct ui_app *app, struct lesson *l, int flow_track)
{
	struct err_msg msg;
	struct ui_check_job *j = xcalloc(1, sizeof *j);
	j->text = project_to_json(app->st->project);
	j->flow_track = flow_track;
	struct diag d;
	diag_init(&d);
	enum err e = l ? lesson_load(l->dir, &j->l, &msg) : ERR_OK;
	if (e == ERR_OK && project_from_json(j->text, app->st->project->dir,
		app->st->project->path, &j->p, &d) != ERR_OK) {
		e = ERR_FORMAT;
		snprintf(msg.text, sizeof msg.text, "%s", diag_first_error(&d));
	}
	diag_deinit(&d);
	if (e == ERR_OK && !(j->worker = worker_run_once(check_job_run, j))) {
		e = ERR_NOMEM;
		snprintf(msg.text, sizeof msg.text, "no thread to measure on");
	}
	if (e != ERR_OK) {
		ui_error(app, "%s: %s", l ? "check" : "signal flow", msg.text);
		check_job_free(j);
		return false;
	}
	j->shown = -1;
	app->check = j;
	return true;
}

static void check_start(struct ui_app *app)
{
	if (analysis_start(app, app->st->lesson, -1))
		ui_message(app, "checking lesson %d (rendering with the engine)...",
			app->check->l->number);
}

void ui_teach_check_poll(struct ui_app *app)
{
	struct ui_check_job *j = app->check;
	if (!j)
		return;
	enum err e;
	struct err_msg msg;
	if (!worker_finished(j->worker, &e, &msg)) {
		if (!j->l)
			return; /* a signal flow: no figure to show */
		int percent = atomic_load_explicit(worker_progress_slot(j->worker),
			memory_order_relaxed) / 10;
		if (percent != j->shown) {
			j->shown = percent;
			ui_message(app, "checking lesson %d (rendering with the engine)... %d%%",
				j->l->number, percent);
		}
		return;
	}
	worker_stop(j->worker);
	app->check = NULL;
	if (e != ERR_OK) {
		ui_error(app, "%s: %s", j->l ? "check" : "signal flow", msg.text);
	} else if (!j->l) {
		flow_done(app, j->p, j->flow_track, &j->flow);
	} else if (strcmp(app->st->project->dir, j->p->dir)) {
		ui_error(app, "check: lesson %d was checked in %s, which is no longer open",
			j->l->number, j->p->dir);
	} else {
		char *now = project_to_json(app->st->project);
		check_done(app, j->l, &j->res, !strcmp(now, j->text));
		free(now);
	}
	check_job_free(j);
}

void ui_teach_check_stop(struct ui_app *app)
{
	if (!app->check)
		return;
	worker_stop(app->check->worker);
	check_job_free(app->check);
	app->check = NULL;
}

void ui_line_check(struct studio_line *line)
{
	struct ui_app *app = line->owner;
	struct err_msg msg;
	if (app->check) {
		ui_error(app, "check: a measurement is under way; its result comes on its own");
		return;
	}
	if (!app->st->lesson) {
		/* a lesson folder opened directly (ttymix DIR): the spec from the lesson's
		 * source when the lesson path has it, as ttymix lesson check grades */
		struct lesson *l;
		if (lesson_load(app->st->project->dir, &l, &msg) != ERR_OK) {
			ui_error(app, "no lesson here: :lesson N opens one");
			return;
		}
		char *src = lesson_source(NULL, l->number, NULL);
		struct lesson *from_src = NULL;
		if (src && lesson_load(src, &from_src, &msg) == ERR_OK) {
			lesson_free(l);
			l = from_src;
		}
		free(src);
		app->st->lesson = l;
	}
	check_start(app);
}

static void check_done(struct ui_app *app, const struct lesson *l,
	const struct lesson_result *res, bool unchanged)
{
	char *text = lesson_result_text(res);
	char title[96];
	snprintf(title, sizeof title, "Lesson %d, %s: %s", l->number, l->title,
		res->pass ? "PASSED" : "not yet");
	ui_teach_panel(app, title, text);
	free(text);
	int failed = 0;
	const struct lesson_item *first = NULL;
	for (int i = 0; i < res->n; i++)
		if (!res->item[i].pass) {
			failed++;
			if (!first)
				first = &res->item[i];
		}
	/* a pass is about the project as it was when the check began: save it, so that
	 * the folder a teacher grades (ttymix lesson check) holds what passed; an edit
	 * made while the check ran was not checked, and is not saved as passing */
	bool saved = res->pass && unchanged && studio_dirty(app->st) && studio_save(app->st);
	if (res->pass && !unchanged)
		ui_error(app, "check: lesson %d PASSED (%d of %d) as it was when the check began; "
			"you changed it since: :check again", l->number, res->n, res->n);
	else if (res->pass && saved)
		ui_message(app, "check: lesson %d PASSED (%d of %d), and saved", l->number,
			res->n, res->n);
	else if (res->pass && studio_dirty(app->st))
		ui_error(app, "check: lesson %d PASSED (%d of %d), but not saved: save it (Ctrl-S) "
			"so that ttymix lesson check agrees", l->number, res->n, res->n);
	else if (res->pass)
		ui_message(app, "check: lesson %d PASSED (%d of %d)", l->number, res->n, res->n);
	else
		ui_error(app, "check: %d of %d not yet; %s", failed, res->n, first->advice);
}

void ui_teach_free(struct ui_app *app)
{
	ui_teach_check_stop(app);
	free(app->panel.text);
	app->panel.text = NULL;
	lesson_free(app->st->lesson);
	app->st->lesson = NULL;
}
