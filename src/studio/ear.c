/* Ear training on the studio's session (src/studio/ear.h). */
#include "src/studio/ear.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "src/base/clock.h"
#include "src/base/xalloc.h"
#include "src/ear_audio.h"
#include "src/graph_build.h"
#include "src/project.h"
#include "src/studio/edit.h"
#include "src/studio/studio.h"

static volatile sig_atomic_t stop_asked;

void studio_ear_interrupt(void)
{
	stop_asked = 1;
}

/* One quiz's state. */
struct quiz {
	struct studio *st;
	const struct studio_ear_opts *o;
	char *dir;                       /* our temporary folder */
	struct ear_source pink[2];       /* steady, bursts (made when first needed) */
	struct ear_source own;           /* the project's excerpt */
	struct project *proj;            /* the question's project, played */
	char *question_path;             /* the file it plays now */
	struct ear_rng rng;
	struct ear_scores scores;
	char *scores_path;
	bool tty;
	struct termios saved_tio;
	int64_t b_from;                  /* where B starts in the question's file */
};

/* ---- the terminal: one key at a time ---- */

static void keys_raw(struct quiz *z)
{
	z->tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &z->saved_tio) == 0;
	if (!z->tty)
		return;
	struct termios t = z->saved_tio;
	/* a key answers at once, unechoed; Ctrl-C comes as a key (it stops the quiz) */
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &t);
}

static void keys_restore(struct quiz *z)
{
	if (z->tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &z->saved_tio);
}

/* The next key, polling the transport meanwhile (and saying when B starts); 'q' at
 * the end of input or when asked to stop. Line ends are skipped, so piped lines of
 * answers work as keys. */
static int next_key(struct quiz *z, bool *b_said)
{
	for (;;) {
		if (stop_asked)
			return 'q';
		studio_transport_poll(z->st, clock_now_sec());
		studio_jack_poll(z->st);
		if (!*b_said && z->st->play_wanted && z->st->snap.playhead >= z->b_from) {
			printf(" B");
			fflush(stdout);
			*b_said = true;
		}
		struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
		/* while A and B play, 50 looks a second (B's mark, the end); once they have
		 * stopped, the engine rests and the quiz waits for the key alone, so a
		 * student thinking costs the shared server nothing */
		const int r = poll(&p, 1, z->st->play_wanted ? 20 : 250);
		if (r < 0 && errno != EINTR)
			return 'q';
		if (r <= 0)
			continue;
		unsigned char c;
		const ssize_t n = read(STDIN_FILENO, &c, 1);
		if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
			return 'q';
		if (n == 1 && c != '\n' && c != '\r' && c != ' ')
			return c == 3 || c == 4 ? 'q' : c;
		if (n == 1 && c == ' ')
			return 'r';
	}
}

/* ---- the sound ---- */

static const struct ear_source *source_for(struct quiz *z, enum ear_exercise ex,
	struct err_msg *msg)
{
	if (z->o->source)
		return &z->own;
	/* the noise afresh for every question, from the quiz's generator: a seed hears
	 * the same noise again */
	const bool bursts = ex == EAR_COMPRESSOR;
	struct ear_source *s = &z->pink[bursts];
	ear_source_free(s);
	if (ear_source_pink(s, z->dir, z->proj->sample_rate, ear_rng_next(&z->rng), bursts,
		    msg) != ERR_OK)
		return NULL;
	return s;
}

/* Make q's file and put it on the question's track; play it from the start. */
static enum err load_question(struct quiz *z, const struct ear_question *q, int number,
	struct err_msg *msg)
{
	const struct ear_source *s = source_for(z, q->ex, msg);
	if (!s)
		return ERR_IO;
	struct ear_take t;
	enum err e = ear_take_make(q, s, &t, msg);
	if (e != ERR_OK)
		return e;
	char *path = xasprintf("%s/question-%d.wav", z->dir, number);
	e = ear_take_write(&t, path, msg);
	z->b_from = t.frames + (int64_t)lround(EAR_GAP_SEC * t.rate);
	ear_take_free(&t);
	if (e != ERR_OK) {
		free(path);
		return e;
	}
	struct project_clip *c = &z->proj->tracks[0].clips[0];
	free(c->file);
	c->file = xstrdup(path);
	if (z->question_path)
		unlink(z->question_path); /* the disk thread may still hold it open: fine */
	free(z->question_path);
	z->question_path = path;
	if (!studio_graph_rebuild(z->st))
		return err_set(msg, ERR_IO, "%s", z->st->said_text);
	return ERR_OK;
}

static void play_question(struct quiz *z)
{
	studio_transport_stop(z->st);
	studio_transport_locate(z->st, 0);
	studio_transport_play(z->st);
	printf("  A");
	fflush(stdout);
}

/* ---- asking ---- */

static void say_question(struct quiz *z, const struct ear_question *q, int number)
{
	printf("\nQuestion %d: %s, level %d of %d", number, ear_exercise_name(q->ex), q->level,
		ear_levels(q->ex));
	if (q->ex == EAR_BAND_BOOST || q->ex == EAR_BAND_CUT)
		printf(" (%d bands, %g dB)", q->n_choices, fabs(q->gain_db));
	else if (q->ex == EAR_LOUDER)
		printf(" (%g dB apart)", q->gain_db);
	printf("\n%s\n", ear_exercise_prompt(q->ex));
	for (int i = 0; i < q->n_choices; i++)
		printf("  %c) %s", ear_choice_key(i), q->label[i]);
	printf("\n  r: A and B again   q: stop\n");
	if (z->o->practice)
		printf("  practice: the answer is %c (%s)\n", ear_choice_key(q->answer),
			q->label[q->answer]);
	fflush(stdout);
}

static void say_answer(const struct ear_question *q, int choice, bool right, int moved,
	const struct ear_score *s)
{
	char what[96];
	ear_describe(q, what, sizeof what);
	if (right)
		printf("\nright: %s\n", what);
	else
		printf("\nwrong (you said %s): %s\n", q->label[choice], what);
	if (moved)
		printf("level %s: %d of %d\n", moved > 0 ? "up" : "down", s->level,
			ear_levels(q->ex));
	fflush(stdout);
}

/* One question: ask, play, take keys until an answer or q. 1 answered, 0 stopped. */
static int ask(struct quiz *z, int number, struct studio_ear_result *res,
	struct err_msg *msg, enum err *e)
{
	const enum ear_exercise ex = z->o->one ? z->o->ex
		: (enum ear_exercise)ear_rng_below(&z->rng, EAR_EXERCISES);
	struct ear_score *s = &z->scores.ex[ex];
	struct ear_question q;
	ear_question_make(&q, ex, s->level, &z->rng);
	if ((*e = load_question(z, &q, number, msg)) != ERR_OK)
		return 0;
	say_question(z, &q, number);
	play_question(z);
	bool b_said = false;
	for (;;) {
		const int key = next_key(z, &b_said);
		if (key == 'q' || key == 'Q')
			return 0;
		if (key == 'r' || key == 'R') {
			b_said = false;
			play_question(z);
			continue;
		}
		const int choice = ear_key_choice(&q, key);
		if (choice < 0)
			continue;
		studio_transport_stop(z->st);
		int moved;
		const bool right = ear_answer(s, &q, choice, z->o->seeded, &moved);
		say_answer(&q, choice, right, moved, s);
		res->asked++;
		res->right += right;
		if (!z->o->practice) {
			if ((*e = ear_scores_save(z->scores_path, &z->scores, msg)) != ERR_OK)
				return 0;
			res->saved = true;
		}
		return 1;
	}
}

/* ---- the session lent to the quiz ---- */

static enum err quiz_open(struct quiz *z, struct err_msg *msg)
{
	char tmpl[] = "/tmp/ttymix-ear.XXXXXX";
	const char *tmp = getenv("TMPDIR");
	char *pattern = tmp && *tmp ? xasprintf("%s/ttymix-ear.XXXXXX", tmp) : xstrdup(tmpl);
	if (!mkdtemp(pattern)) {
		const enum err e = err_set(msg, ERR_IO, "%s: %s", pattern, strerror(errno));
		free(pattern);
		return e;
	}
	z->dir = pattern;
	const int rate = z->o->source ? z->o->source->sample_rate
		: z->st->project->sample_rate;
	if (z->o->source) {
		enum err e = ear_source_project(&z->own, z->dir, z->o->source, z->o->track,
			z->o->at, msg);
		if (e != ERR_OK)
			return e;
	}
	z->proj = project_new(z->dir, "ear", rate);
	struct project_track *t = project_add_track(z->proj, "ear");
	project_add_clip(t, z->o->source ? z->own.path : "", 0.0);
	if (z->o->practice) { /* the levels start where the user's are; nothing is written */
		z->scores_path = z->o->scores_path ? xstrdup(z->o->scores_path)
			: ear_scores_path(msg);
		if (!z->scores_path || ear_scores_load(z->scores_path, &z->scores, msg))
			for (int i = 0; i < EAR_EXERCISES; i++)
				ear_score_init(&z->scores.ex[i]);
		return ERR_OK;
	}
	z->scores_path = z->o->scores_path ? xstrdup(z->o->scores_path) : ear_scores_path(msg);
	if (!z->scores_path)
		return ERR_IO;
	return ear_scores_load(z->scores_path, &z->scores, msg);
}

static void quiz_close(struct quiz *z)
{
	for (int i = 0; i < 2; i++) {
		if (z->pink[i].path) {
			unlink(z->pink[i].path);
			unlink(z->pink[i].mono_path);
		}
		ear_source_free(&z->pink[i]);
	}
	if (z->own.path) {
		unlink(z->own.path);
		unlink(z->own.mono_path);
	}
	ear_source_free(&z->own);
	if (z->question_path)
		unlink(z->question_path);
	free(z->question_path);
	if (z->dir)
		rmdir(z->dir);
	free(z->dir);
	free(z->scores_path);
	project_free(z->proj);
}

enum err studio_ear_run(struct studio *st, const struct studio_ear_opts *o,
	struct studio_ear_result *res, struct err_msg *msg)
{
	*res = (struct studio_ear_result){ 0 };
	stop_asked = 0;
	struct quiz z = { .st = st, .o = o };
	ear_rng_seed(&z.rng, o->seeded ? o->seed
		: (uint64_t)time(NULL) * 2654435761u ^ (uint64_t)getpid());
	enum err e = quiz_open(&z, msg);
	if (e != ERR_OK) {
		quiz_close(&z);
		return e;
	}
	/* lend the session the quiz's project: the user's comes back as it was */
	const int64_t playhead = st->snap.playhead;
	studio_transport_stop(st);
	struct project *own = st->project;
	st->project = z.proj;
	studio_edit_send_loop(st); /* no loop in the quiz */
	keys_raw(&z);
	for (int n = 1; (!o->count || n <= o->count) && e == ERR_OK; n++)
		if (!ask(&z, n, res, msg, &e))
			break;
	keys_restore(&z);
	studio_transport_stop(st);
	st->project = own;
	studio_graph_rebuild(st);
	studio_edit_send_loop(st);
	studio_transport_locate(st, playhead);
	quiz_close(&z);
	return e;
}
