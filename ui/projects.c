/* :e and :new (see projects.h). */
#include "ui/projects.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/lesson.h"
#include "src/project_make.h"
#include "src/typed_path.h"
#include "src/base/xalloc.h"
#include "src/studio/nsm.h"
#include "src/studio/record.h"
#include "src/studio/saving.h"
#include "ui/app.h"
#include "ui/arranger.h"
#include "ui/autosave.h"
#include "ui/commands.h"
#include "ui/mastering.h"
#include "ui/review.h"
#include "audio/strip_spectrum.h"

bool ui_project_replace(struct ui_app *app, struct project *p)
{
	struct studio *st = app->st;
	/* the page's analysis reads the engine, and its figures are the old song's; the
	 * peak worker reads the old project's media */
	ui_mastering_free(app);
	/* the strip detail's spectrum reads the engine's strip tap too (made again, from
	 * the new engine, when the detail next draws) */
	strip_spectrum_destroy(app->mixer.strip.spectrum);
	app->mixer.strip.spectrum = NULL;
	ui_arranger_close(app);
	struct err_msg msg;
	if (studio_replace(st, p, &msg) != ERR_OK) {
		ui_arranger_open(app);
		studio_error(st, "%s", msg.text);
		return false;
	}
	lesson_free(st->lesson);
	st->lesson = NULL;
	free(app->panel.text);
	app->panel.text = NULL;
	ui_review_forget(app); /* its findings name the old project's strips */
	app->sel = (struct studio_sel){ 0 };
	app->mixer.first_strip = 0;
	app->mixer.detail = false;
	app->mixer.strip.row = app->mixer.strip.top = 0;
	app->arr.view_sec = 0;
	app->arr.lanes = (struct ui_lanes_view){ 0 };
	ui_arranger_open(app); /* the view at the first track, the song fitted */
	if (app->page == UI_PAGE_HELP || app->page == UI_PAGE_MESSAGES)
		app->page = app->return_page;
	app->need_draw = true;
	return true;
}

/* "opened PATH (N tracks, M:SS)", and what the lock had to say. An autosave a
 * crashed studio left is offered when the studio starts on the project, before its
 * session is built; here it is only pointed at (and stays where it is). */
static void say_opened(struct ui_app *app, const char *verb)
{
	struct studio *st = app->st;
	const struct project *p = st->project;
	const long long sec = p->sample_rate > 0
		? (st->end_frame + p->sample_rate / 2) / p->sample_rate : 0;
	struct ui_autosave_offer *left = ui_autosave_find(app);
	ui_autosave_offer_free(left);
	char what[ERR_MSG_MAX + 128];
	snprintf(what, sizeof what, "%s %.300s (%d track%s, %lld:%02lld)%s", verb, p->dir,
		p->n_tracks, p->n_tracks == 1 ? "" : "s", sec / 60, sec % 60, left
		? "; it has an autosave newer than its project.json: ttymix offers to restore "
		"it when it starts on the project"
		: "");
	if (st->read_only)
		studio_error(st, "%s read-only: it is open in %s; :w DIR saves a copy", what,
			st->lock.holder);
	else if (st->lock_note[0])
		studio_message(st, "%s; %s", what, st->lock_note);
	else
		studio_message(st, "%s", what);
}

/* A line that runs again once the question is answered: the verb and the word,
 * quoted when it must be. */
static void ask(struct ui_app *app, const char *verb, const char *word, const char *doing)
{
	char quoted[STUDIO_LINE_MAX];
	if (!word[strcspn(word, " \t\"'")])
		snprintf(quoted, sizeof quoted, "%s", word);
	else if (!strchr(word, '"'))
		snprintf(quoted, sizeof quoted, "\"%s\"", word);
	else
		snprintf(quoted, sizeof quoted, "'%s'", word);
	const int n = snprintf(app->status.ask_then, sizeof app->status.ask_then, "%s %s",
		verb, quoted);
	if (n < 0 || (size_t)n >= sizeof app->status.ask_then) { /* no room to run it again */
		app->status.ask_then[0] = '\0';
		studio_error(app->st, "unsaved changes: save them (Ctrl-S) first");
		return;
	}
	app->status.asking_quit = true;
	studio_message(app->st, "unsaved changes: %s without saving? (y: drop them, s: save "
		"first, n: stay)", doing);
}

/* Whether the open project's changes are in the way (then the question is up). */
static bool changes_in_way(struct ui_app *app, bool discard, const char *verb,
	const char *word, const char *doing)
{
	/* a take under way ends in this project and is placed: unsaved, so asked about */
	studio_record_finish(app->st, NULL);
	if (discard || app->status.ask_answered || app->st->throwaway
		|| !studio_dirty(app->st)) {
		app->status.ask_answered = false;
		return false;
	}
	ask(app, verb, word, doing);
	return true;
}

static struct project *load(struct ui_app *app, const char *path)
{
	struct project *p = NULL;
	struct diag d;
	diag_init(&d);
	if (project_load(path, &p, &d) != ERR_OK) {
		studio_error(app->st, "%s", diag_first_error(&d));
		p = NULL;
	}
	diag_deinit(&d);
	return p;
}

static void edit(struct studio_line *l, bool discard)
{
	struct ui_app *app = l->owner;
	if (studio_nsm_refuses(app->st, ":e"))
		return;
	char *path = typed_path_expand(l->w->argv[1]);
	/* a path that is no project is said before any question, and changes nothing */
	struct project *p = load(app, path);
	if (p && changes_in_way(app, discard, "e", l->w->argv[1], "open another project")) {
		project_free(p);
		p = NULL;
	}
	if (p && ui_project_replace(app, p))
		say_opened(app, "opened");
	free(path);
}

void ui_line_edit(struct studio_line *l) { edit(l, false); }
void ui_line_edit_discard(struct studio_line *l) { edit(l, true); }

void ui_line_new(struct studio_line *l)
{
	struct ui_app *app = l->owner;
	if (studio_nsm_refuses(app->st, ":new"))
		return;
	const char *word = l->w->argv[1];
	char *dir = typed_path_expand(word);
	char *abs = NULL;
	struct err_msg msg;
	/* a folder that cannot take it is said before any question */
	if (project_make_can(dir, &msg) != ERR_OK) {
		studio_error(app->st, "no new project: %s", msg.text);
	} else if (changes_in_way(app, false, "new", word, "make a new project")) {
		/* asked; the answer runs this line again */
	} else if (project_make_empty(dir, &abs, &msg) != ERR_OK) {
		studio_error(app->st, "no new project: %s", msg.text);
	} else {
		struct project *p = load(app, abs);
		if (p && ui_project_replace(app, p))
			say_opened(app, "new project");
	}
	free(abs);
	free(dir);
}

void ui_project_answer(struct ui_app *app, int key)
{
	char line[sizeof app->status.ask_then];
	snprintf(line, sizeof line, "%s", app->status.ask_then);
	app->status.ask_then[0] = '\0';
	app->need_draw = true;
	if (key == 's' || key == 'S') {
		if (!studio_save(app->st))
			return; /* it said why; the project stays */
	} else if (key != 'y' && key != 'Y') {
		studio_message(app->st, "kept %s open", app->st->project->dir);
		return;
	}
	app->status.ask_answered = true; /* the line runs past the question once */
	ui_line_run(app, line);
	app->status.ask_answered = false;
}
