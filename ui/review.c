#include "ui/review.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/project.h"
#include "src/review.h"
#include "src/review_curve.h"
#include "src/typed_path.h"
#include "src/base/text.h"
#include "src/base/worker.h"
#include "src/studio/edit.h"
#include "src/studio/monitor.h"
#include "src/studio/words.h"
#include "src/base/xalloc.h"
#include "ui/app.h"
#include "ui/commands.h"
#include "ui/draw.h"
#include "ui/keys.h"
#include "ui/status.h"
#include "ui/theme.h"

/* A review under way: a copy of the project measured on a worker thread (the
 * render thread pool under it), so that the keys stay live meanwhile. */
struct review_job {
	struct worker *worker;
	struct project *copy;  /* the worker's until it finishes */
	char *reference;       /* the tonal target :reference loaded (a copy), or NULL */
	char *curve;           /* or the curve file :review target set (a copy), or NULL */
	struct review result;  /* written by the worker; read once it has finished */
	int shown_percent;     /* the progress the status line says */
};

/* The panel's state (app->review, owned). */
struct ui_review {
	struct review r;
	/* per finding: the undo record its fix made (0: not applied); applied while that
	 * record is (an undo takes the mark away, a redo gives it back) */
	uint64_t *applied;
	bool open;
	int sel, top;      /* the chosen finding, the first drawn */
	struct review_job *job; /* NULL: none under way */
	char target[160];  /* what the tonal balance was judged against */
	char *curve;       /* :review target FILE (owned), or NULL: the reference or default */
};

/* Rows a finding takes: its heading, what, and its fix (when it has one). */
static int finding_rows(const struct review_finding *f)
{
	return f->n_fix ? 3 : 2;
}

static void job_free(struct review_job *j)
{
	if (!j)
		return;
	worker_stop(j->worker); /* cancels a review under way: it ends within a block */
	review_free(&j->result);
	project_free(j->copy);
	free(j->reference);
	free(j->curve);
	free(j);
}

static enum err job_run(void *ctx, struct worker *w, struct err_msg *msg)
{
	struct review_job *j = ctx;
	struct review_curve curve;
	/* read here, off the UI thread, as the reference is */
	if (j->curve) {
		enum err e = review_curve_load(j->curve, &curve, msg);
		if (e != ERR_OK)
			return e;
	}
	const struct review_opts o = { .reference = j->curve ? NULL : j->reference,
		.curve = j->curve ? &curve : NULL,
		.cancel = worker_cancel_flag(w), .progress = worker_progress_slot(w) };
	return review_run(j->copy, &o, &j->result, msg);
}

void ui_review_free(struct ui_app *app)
{
	if (!app->review)
		return;
	job_free(app->review->job);
	review_free(&app->review->r);
	free(app->review->applied);
	free(app->review->curve);
	free(app->review);
	app->review = NULL;
}

void ui_review_forget(struct ui_app *app)
{
	if (!app->review)
		return;
	char *curve = app->review->curve;
	app->review->curve = NULL;
	ui_review_free(app);
	/* the target the user chose is theirs, not the project's */
	if (curve) {
		app->review = xcalloc(1, sizeof *app->review);
		app->review->curve = curve;
	}
}

static void open_review(struct ui_app *app)
{
	if (app->review && app->review->job) {
		ui_error(app, "review: still listening to the mix");
		return;
	}
	if (!app->review)
		app->review = xcalloc(1, sizeof *app->review);
	struct review_job *j = xcalloc(1, sizeof *j);
	j->copy = project_copy(app->st->project);
	j->shown_percent = -1;
	/* the reference track :reference loaded is the tonal target, as review --reference
	 * FILE's; its file is read again on the worker, the monitor's copy being the audio
	 * thread's */
	const char *ref = studio_monitor_reference_path(app->st);
	if (ref)
		j->reference = xstrdup(ref);
	/* a curve chosen with :review target comes before the reference track */
	if (app->review->curve)
		j->curve = xstrdup(app->review->curve);
	if (!(j->worker = worker_run_once(job_run, j))) {
		job_free(j);
		ui_error(app, "review: no thread to render on");
		return;
	}
	app->review->job = j;
	if (j->curve || ref) {
		const char *path = j->curve ? j->curve : ref;
		const char *base = strrchr(path, '/');
		char name[128];
		text_clean(name, sizeof name, base ? base + 1 : path);
		snprintf(app->review->target, sizeof app->review->target, "the %s %s",
			j->curve ? "curve in" : "reference", name);
	} else {
		snprintf(app->review->target, sizeof app->review->target, "the target curve");
	}
	ui_message(app, "review: listening to the mix (rendering with the engine; tonal "
		"balance against %s)...", app->review->target);
}

/* While the worker renders: how far it is, when that changed. */
static void say_progress(struct ui_app *app, struct review_job *j)
{
	const int percent = atomic_load_explicit(worker_progress_slot(j->worker),
		memory_order_relaxed) / 10;
	if (percent != j->shown_percent && percent > 0)
		ui_message(app, "review: listening to the mix... %d%%", percent);
	j->shown_percent = percent;
}

void ui_review_poll(struct ui_app *app)
{
	struct ui_review *v = app->review;
	enum err e;
	struct err_msg msg;
	if (!v || !v->job)
		return;
	if (!worker_finished(v->job->worker, &e, &msg)) {
		say_progress(app, v->job);
		return;
	}
	struct review_job *j = v->job;
	v->job = NULL;
	if (e != ERR_OK) {
		ui_error(app, "review: %s", msg.text);
		job_free(j);
		return;
	}
	review_free(&v->r);
	free(v->applied);
	v->r = j->result;
	memset(&j->result, 0, sizeof j->result);
	job_free(j);
	const struct review *r = &v->r;
	v->applied = xcalloc((size_t)r->n_findings + 1, sizeof *v->applied);
	v->open = true;
	v->sel = v->top = 0;
	app->need_draw = true;
	int problems = 0;
	for (int i = 0; i < r->n_findings; i++)
		problems += r->findings[i].severity == REVIEW_PROBLEM;
	ui_message(app, "review: %d findings, %d problems (%.1f s of audio in %.1f s; tonal "
		"balance against %s)", r->n_findings, problems, r->to_sec - r->from_sec,
		r->took_sec, v->target);
}

/* The finding N (1-based) of the open review, or NULL after an error. */
static const struct review_finding *finding_arg(struct ui_app *app, const char *word,
	int *index)
{
	if (!app->review || !app->review->applied) {
		ui_error(app, "review: no review yet (:review makes one)");
		return NULL;
	}
	char *end;
	long n = word ? strtol(word, &end, 10) : app->review->sel + 1;
	if (word && (*end || n < 1 || n > app->review->r.n_findings)) {
		ui_error(app, "review: no finding %s (1 to %d)", word, app->review->r.n_findings);
		return NULL;
	}
	*index = (int)n - 1;
	return &app->review->r.findings[*index];
}

static void jump(struct ui_app *app, const struct review_finding *f)
{
	char line[STUDIO_LINE_MAX];
	const struct project *p = app->st->project;
	/* the strip, by name, unless the project lost it since the review */
	if (f->strip_index >= 0 && f->strip_index < p->n_tracks + p->n_buses &&
		!strcmp(project_strip_get(p, f->strip_index)->name, f->strip)) {
		snprintf(line, sizeof line, "jump %s", f->word);
		ui_line_run(app, line);
	}
	snprintf(line, sizeof line, "locate %.2f", f->from_sec);
	ui_line_run(app, line);
}

static void apply(struct ui_app *app, int index, const struct review_finding *f)
{
	if (!f->n_fix) {
		ui_error(app, "review: finding %d has no command that fixes it; %s", index + 1,
			f->why);
		return;
	}
	if (studio_undo_applied(&app->st->undo, app->review->applied[index])) {
		ui_error(app, "review: finding %d is applied already (u undoes it)", index + 1);
		return;
	}
	char name[STUDIO_UNDO_NAME];
	snprintf(name, sizeof name, "review: %s %.24s", review_kind_name(f->kind), f->strip);
	studio_edit_many_begin(app->st, name);
	/* all or nothing, as a command on many strips: the first line refused (an eq band
	 * taken since, a track renamed) undoes the lines before it */
	struct studio *st = app->st;
	int failed = -1;
	char why[sizeof st->said_text] = "";
	for (int i = 0; i < f->n_fix && failed < 0; i++) {
		const unsigned errors = st->said_errors;
		ui_line_run(app, f->fix[i]);
		if (st->said_errors != errors) {
			failed = i;
			snprintf(why, sizeof why, "%s", st->said_text);
		}
	}
	if (failed >= 0) {
		studio_edit_many_end(st, false);
		ui_error(app, "review: finding %d not applied: %s refused: %s", index + 1,
			f->fix[failed], why);
		return;
	}
	if (studio_edit_many_end(st, true)) {
		app->review->applied[index] = studio_undo_newest(&st->undo);
		ui_message(app, "review: applied %d: %s%s (u undoes it; :review again to "
			"measure)", index + 1, f->fix[0], f->n_fix > 1 ? " ..." : "");
	} else {
		ui_error(app, "review: finding %d changed nothing", index + 1);
	}
}

/* :review target CURVE|off: the tonal target of the reviews to come, a curve file
 * (ttymix curve makes one); checked now, so a wrong path is said at once */
static void set_target(struct ui_app *app, const char *word)
{
	if (!word) {
		ui_message(app, "review: tonal balance against %s",
			app->review && app->review->curve ? app->review->curve :
			studio_monitor_reference_path(app->st) ? "the reference track" :
			"the default curve");
		return;
	}
	if (!app->review)
		app->review = xcalloc(1, sizeof *app->review);
	if (!strcmp(word, "off")) {
		free(app->review->curve);
		app->review->curve = NULL;
		ui_message(app, "review: tonal balance against %s, from the next :review",
			studio_monitor_reference_path(app->st) ? "the reference track" :
			"the default curve");
		return;
	}
	char *path = typed_path_expand(word);
	struct review_curve c;
	struct err_msg msg;
	if (review_curve_load(path, &c, &msg) != ERR_OK) {
		ui_error(app, "review: %s", msg.text);
		free(path);
		return;
	}
	free(app->review->curve);
	app->review->curve = path;
	ui_message(app, "review: tonal balance against the curve %s, from the next :review "
		"(%s)", c.name, c.source);
}

void ui_line_review(struct studio_line *l)
{
	struct ui_app *app = l->owner;
	const struct studio_words *a = l->w;
	if (a->argc == 1) {
		open_review(app);
		return;
	}
	const char *verb = a->argv[1];
	if (!strcmp(verb, "target")) {
		set_target(app, a->argc > 2 ? a->argv[2] : NULL);
		return;
	}
	if (!strcmp(verb, "close")) {
		if (app->review)
			app->review->open = false;
		app->need_draw = true;
		return;
	}
	int index;
	const struct review_finding *f;
	if (strcmp(verb, "jump") && strcmp(verb, "apply")) {
		ui_error(app, "review: jump N, apply N, close or target CURVE|off, not \"%s\"",
			verb);
		return;
	}
	if (!(f = finding_arg(app, a->argc > 2 ? a->argv[2] : NULL, &index)))
		return;
	app->review->sel = index;
	if (!strcmp(verb, "jump"))
		jump(app, f);
	else
		apply(app, index, f);
	app->need_draw = true;
}

static void draw_finding(const struct ui_review *v, const struct studio_undo *undo, int i,
	int y, int rows_end)
{
	const struct review_finding *f = &v->r.findings[i];
	const bool chosen = i == v->sel;
	const int head = chosen ? ui_theme_attr(UI_ROLE_SELECTED) :
		f->severity == REVIEW_PROBLEM ? ui_theme_attr(UI_ROLE_ERROR) :
		ui_theme_attr(UI_ROLE_STRONG);
	char where[256];
	review_where(f, where, sizeof where);
	if (y < rows_end)
		ui_textf(y, 1, COLS - 2, head, true, "%2d %-7s %-8s %s%s", i + 1,
			review_severity_name(f->severity), review_kind_name(f->kind), where,
			studio_undo_applied(undo, v->applied[i]) ? "  [applied]" : "");
	if (y + 1 < rows_end)
		ui_text_cut(y + 1, 4, COLS - 5, ui_theme_attr(UI_ROLE_NORMAL), true, f->what);
	if (f->n_fix && y + 2 < rows_end) {
		char fix[REVIEW_FIX_MAX * 100];
		int n = 0;
		for (int k = 0; k < f->n_fix && n < (int)sizeof fix; k++)
			n += snprintf(fix + n, sizeof fix - (size_t)n, "%s:%s", k ? "; " : "fix ",
				f->fix[k]);
		ui_text_cut(y + 2, 4, COLS - 5, ui_theme_attr(UI_ROLE_LABEL), true, fix);
	}
}

void ui_review_draw(struct ui_app *app)
{
	struct ui_review *v = app->review;
	if (!v || !v->open || !v->applied)
		return;
	const int top = 1, rows_end = LINES - UI_STATUS_LINES - 1;
	for (int y = 0; y <= rows_end; y++)
		ui_text(y, 0, COLS, ui_theme_attr(UI_ROLE_NORMAL), true, "");
	ui_textf(0, 0, COLS, ui_theme_attr(UI_ROLE_TITLE), true, " Review: %d findings, "
		"%.1f LUFS, %+.1f dBTP, PLR %.1f dB, mono -%.1f LU", v->r.n_findings,
		v->r.integrated_lufs, v->r.true_peak_dbtp, v->r.plr_db, v->r.mono_loss_db);
	/* keep the chosen finding on the screen */
	if (v->sel < v->top)
		v->top = v->sel;
	for (;;) {
		int y = top;
		for (int i = v->top; i <= v->sel; i++)
			y += finding_rows(&v->r.findings[i]);
		if (y <= rows_end || v->top >= v->sel)
			break;
		v->top++;
	}
	int y = top;
	for (int i = v->top; i < v->r.n_findings && y < rows_end; i++) {
		draw_finding(v, &app->st->undo, i, y, rows_end);
		y += finding_rows(&v->r.findings[i]);
	}
	if (!v->r.n_findings)
		ui_text(top, 1, COLS - 2, ui_theme_attr(UI_ROLE_NORMAL), true,
			"No findings: nothing in this mix that the review knows to flag.");
	ui_text(rows_end, 0, COLS, ui_theme_attr(UI_ROLE_LABEL), true,
		" Up/Down choose, Enter go there, a apply the fix, Esc close; other keys act "
		"on the page");
}

bool ui_review_key(struct ui_app *app, int key)
{
	struct ui_review *v = app->review;
	if (!v || !v->open || !v->applied)
		return false;
	key = ui_keys_normalise(key);
	char line[64];
	if (key == KEY_UP || key == 'k') {
		if (v->sel > 0)
			v->sel--;
	} else if (key == KEY_DOWN || key == 'j') {
		if (v->sel + 1 < v->r.n_findings)
			v->sel++;
	} else if ((key == '\n' || key == '\r' || key == KEY_ENTER) && v->r.n_findings) {
		snprintf(line, sizeof line, "review jump %d", v->sel + 1);
		v->open = false;
		ui_line_run(app, line);
	} else if (key == 'a' && v->r.n_findings) {
		snprintf(line, sizeof line, "review apply %d", v->sel + 1);
		ui_line_run(app, line);
	} else if (key == 27 || key == 'q') {
		ui_line_run(app, "review close");
	} else if (key == KEY_RESIZE) {
		return false;
	} else {
		v->open = false;
		app->need_draw = true;
		return false;
	}
	app->need_draw = true;
	return true;
}
