/* The Non Session Manager client (see nsm.h). */
#include "src/studio/nsm.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "src/cli.h"
#include "src/project_make.h"
#include "src/base/diag.h"
#include "src/base/text.h"
#include "src/base/xalloc.h"
#include "src/studio/record.h"
#include "src/studio/saving.h"
#include "src/studio/lo_dl.h"

/* liblo's lo_send_from (lo_macros.h), through the loaded table */
#define nsm_send(targ, from, ts, path, ...) \
	lo_fn.send_from_internal(targ, from, __FILE__, __LINE__, ts, path, __VA_ARGS__, \
		LO_MARKER_A, LO_MARKER_B)

/* The NSM API's error codes this client sends. */
enum {
	NSM_ERR_GENERAL = -1,
	NSM_ERR_UNSAVED_CHANGES = -7,
	NSM_ERR_NOT_NOW = -8,
	NSM_ERR_BAD_PROJECT = -9,
	NSM_ERR_CREATE_FAILED = -10,
};

enum nsm_kind { NSM_ANNOUNCED, NSM_REFUSED, NSM_OPEN, NSM_SAVE };

/* One request from the OSC thread to the UI thread: written whole into the pipe (it
 * is smaller than PIPE_BUF, so a write is atomic and a read gets all of it). */
struct nsm_req {
	enum nsm_kind kind;
	char text[2048];      /* NSM_OPEN: the path; NSM_REFUSED: the server's message */
	char client_id[256];  /* NSM_OPEN */
};
_Static_assert(sizeof(struct nsm_req) <= PIPE_BUF, "a request is one atomic write");

static struct {
	lo_server_thread thread;
	lo_address server;    /* NSM_URL: where the replies go */
	int pipe[2];          /* [1] the OSC thread writes, [0] the UI thread reads */
	bool active;          /* opened: under a session */
	int told_dirty;       /* -1 nothing told yet, else the last dirty state told */
	char client_id[256];  /* the session's name for this client */
} nsm = { .pipe = { -1, -1 }, .told_dirty = -1 };

bool studio_nsm_wanted(void)
{
	const char *url = getenv("NSM_URL");
	return url && *url;
}

bool studio_nsm_active(void)
{
	return nsm.active;
}

/* ---- the OSC thread: pass each request on, touch nothing else ---- */

static void pass(enum nsm_kind kind, const char *text, const char *id)
{
	struct nsm_req r = { .kind = kind };
	snprintf(r.text, sizeof r.text, "%s", text ? text : "");
	snprintf(r.client_id, sizeof r.client_id, "%s", id ? id : "");
	/* the UI thread reads whatever comes; a full pipe (a server flooding saves) drops */
	(void)!write(nsm.pipe[1], &r, sizeof r);
}

static int on_reply(const char *path, const char *types, lo_arg **argv, int argc,
	lo_message m, void *data)
{
	(void)path, (void)types, (void)m, (void)data;
	if (argc >= 1 && !strcmp((const char *)argv[0], "/nsm/server/announce"))
		pass(NSM_ANNOUNCED, argc >= 2 ? (const char *)argv[1] : "", NULL);
	return 0;
}

static int on_error(const char *path, const char *types, lo_arg **argv, int argc,
	lo_message m, void *data)
{
	(void)path, (void)types, (void)m, (void)data, (void)argc;
	if (!strcmp((const char *)argv[0], "/nsm/server/announce"))
		pass(NSM_REFUSED, (const char *)argv[2], NULL);
	return 0;
}

static int on_open(const char *path, const char *types, lo_arg **argv, int argc,
	lo_message m, void *data)
{
	(void)path, (void)types, (void)m, (void)data, (void)argc;
	/* a path that does not fit is passed empty: the UI thread refuses it */
	const char *where = (const char *)argv[0];
	pass(NSM_OPEN, strlen(where) < sizeof ((struct nsm_req *)0)->text ? where : "",
		(const char *)argv[2]);
	return 0;
}

static int on_save(const char *path, const char *types, lo_arg **argv, int argc,
	lo_message m, void *data)
{
	(void)path, (void)types, (void)argv, (void)argc, (void)m, (void)data;
	pass(NSM_SAVE, NULL, NULL);
	return 0;
}

/* liblo's own failures (a bad packet) stay on its thread: nothing to do there. */
static void on_lo_error(int num, const char *msg, const char *where)
{
	(void)num, (void)msg, (void)where;
}

/* ---- the UI thread ---- */

static void reply(const char *to, const char *message)
{
	nsm_send(nsm.server, lo_fn.server_thread_get_server(nsm.thread), LO_TT_IMMEDIATE,
		"/reply", "ss", to, message);
}

static void reply_error(const char *to, int code, const char *message)
{
	nsm_send(nsm.server, lo_fn.server_thread_get_server(nsm.thread), LO_TT_IMMEDIATE,
		"/error", "sis", to, code, message);
}

/* The OSC server, its thread and the announce; false after a line on stderr. */
static bool start(void)
{
	const char *url = getenv("NSM_URL");
	struct err_msg msg;
	if (lo_dl_load(&msg) != ERR_OK) {
		fprintf(stderr, "ttymix: %s\n", msg.text); /* made clean by err_set */
		return false;
	}
	if (!(nsm.server = lo_fn.address_new_from_url(url))) {
		text_fprintf(stderr, "ttymix: NSM_URL=%s is no OSC address\n", url);
		return false;
	}
	if (pipe(nsm.pipe) != 0) {
		fprintf(stderr, "ttymix: NSM: %s\n", strerror(errno));
		return false;
	}
	for (int i = 0; i < 2; i++)
		fcntl(nsm.pipe[i], F_SETFD, FD_CLOEXEC);
	/* the write end never blocks the OSC thread; the read end never blocks the UI */
	fcntl(nsm.pipe[1], F_SETFL, O_NONBLOCK);
	fcntl(nsm.pipe[0], F_SETFL, O_NONBLOCK);
	nsm.thread = lo_fn.server_thread_new_with_proto(NULL,
		lo_fn.address_get_protocol(nsm.server), on_lo_error);
	if (!nsm.thread) {
		fprintf(stderr, "ttymix: NSM: cannot open an OSC port\n");
		return false;
	}
	lo_fn.server_thread_add_method(nsm.thread, "/reply", NULL, on_reply, NULL);
	lo_fn.server_thread_add_method(nsm.thread, "/error", "sis", on_error, NULL);
	lo_fn.server_thread_add_method(nsm.thread, "/nsm/client/open", "sss", on_open, NULL);
	lo_fn.server_thread_add_method(nsm.thread, "/nsm/client/save", "", on_save, NULL);
	if (lo_fn.server_thread_start(nsm.thread) != 0) {
		fprintf(stderr, "ttymix: NSM: cannot start the OSC thread\n");
		return false;
	}
	nsm_send(nsm.server, lo_fn.server_thread_get_server(nsm.thread), LO_TT_IMMEDIATE,
		"/nsm/server/announce", "sssiii", "ttymix", ":switch:dirty:", "ttymix", 1, 1,
		(int)getpid());
	return true;
}

/* The next request, waiting up to ms (0: only what is there); false when none came. */
static bool next(struct nsm_req *r, int ms)
{
	struct pollfd pfd = { .fd = nsm.pipe[0], .events = POLLIN };
	if (ms > 0 && poll(&pfd, 1, ms) <= 0)
		return false;
	return read(nsm.pipe[0], r, sizeof *r) == (ssize_t)sizeof *r;
}

/* The project in folder path, or a new empty one there when there is nothing, loaded
 * into *p (the caller's); on failure the server is told and msg says why. */
static enum err open_at(const char *path, struct project **p, struct err_msg *msg)
{
	struct stat sb;
	*p = NULL;
	if (!*path) {
		reply_error("/nsm/client/open", NSM_ERR_BAD_PROJECT, "path too long");
		return err_set(msg, ERR_RANGE, "NSM: the session's path is too long");
	}
	if (stat(path, &sb) != 0 || (S_ISDIR(sb.st_mode) && !cli_is_project_path(path))) {
		char *abs = NULL;
		enum err e = project_make_empty(path, &abs, msg);
		free(abs);
		if (e != ERR_OK) {
			reply_error("/nsm/client/open", NSM_ERR_CREATE_FAILED, msg->text);
			return e;
		}
	}
	struct diag d;
	diag_init(&d);
	enum err e = project_load(path, p, &d);
	if (e != ERR_OK) {
		err_set(msg, e, "%s", diag_first_error(&d));
		reply_error("/nsm/client/open", NSM_ERR_BAD_PROJECT, msg->text);
	}
	diag_deinit(&d);
	return e;
}

int studio_nsm_open(struct project **p)
{
	*p = NULL;
	if (!start()) {
		studio_nsm_end();
		return 1;
	}
	struct nsm_req r;
	const time_t until = time(NULL) + STUDIO_NSM_OPEN_WAIT_SEC;
	while (time(NULL) < until) {
		if (!next(&r, 250))
			continue;
		if (r.kind == NSM_REFUSED) {
			studio_nsm_end();
			text_fprintf(stderr, "ttymix: the session manager refused: %s\n", r.text);
			return 1;
		}
		if (r.kind == NSM_SAVE) {
			reply_error("/nsm/client/save", NSM_ERR_NOT_NOW, "no project open yet");
			continue;
		}
		if (r.kind != NSM_OPEN)
			continue;
		struct err_msg msg;
		if (open_at(r.text, p, &msg) != ERR_OK) {
			studio_nsm_end();
			return cli_fail("%s", msg.text);
		}
		reply("/nsm/client/open", "opened");
		snprintf(nsm.client_id, sizeof nsm.client_id, "%s", r.client_id);
		nsm.active = true;
		return 0;
	}
	studio_nsm_end();
	return cli_fail("NSM: no /nsm/client/open from %s in %d s", getenv("NSM_URL"),
		STUDIO_NSM_OPEN_WAIT_SEC);
}

const char *studio_nsm_client_id(void)
{
	return nsm.active && nsm.client_id[0] ? nsm.client_id : NULL;
}

const char *studio_jack_name(const struct studio *st)
{
	const char *id = studio_nsm_client_id();
	return id ? id : st->globals->jack_name;
}

bool studio_nsm_refuses(struct studio *st, const char *what)
{
	if (!nsm.active)
		return false;
	studio_error(st, "%s: the session manager (NSM) keeps this project in its place; "
		"not under a session", what);
	return true;
}

/* Another session's project in place of this one (the server's switch): refused
 * with unsaved changes (the server asks for a save before it switches). */
static void switch_to(struct studio *st, const char *path, const char *id,
	bool (*replace)(void *arg, struct project *p), void *arg)
{
	studio_record_finish(st, NULL); /* a take under way is placed: a save is asked */
	if (studio_dirty(st)) {
		reply_error("/nsm/client/open", NSM_ERR_UNSAVED_CHANGES,
			"unsaved changes: save first");
		return;
	}
	struct project *p;
	struct err_msg msg;
	if (open_at(path, &p, &msg) != ERR_OK) {
		studio_error(st, "session: %s", msg.text);
		return;
	}
	if (!replace(arg, p)) { /* said; p freed */
		reply_error("/nsm/client/open", NSM_ERR_BAD_PROJECT, st->said_text);
		return;
	}
	reply("/nsm/client/open", "opened");
	snprintf(nsm.client_id, sizeof nsm.client_id, "%s", id);
	studio_message(st, "session: opened %s", path);
}

void studio_nsm_poll(struct studio *st, bool (*replace)(void *arg, struct project *p),
	void *arg)
{
	if (!nsm.active)
		return;
	struct nsm_req r;
	while (next(&r, 0)) {
		if (r.kind == NSM_SAVE) {
			if (studio_save(st))
				reply("/nsm/client/save", "saved");
			else
				reply_error("/nsm/client/save", NSM_ERR_GENERAL, st->said_text);
		} else if (r.kind == NSM_OPEN) {
			switch_to(st, r.text, r.client_id, replace, arg);
		}
	}
	const int dirty = studio_dirty(st);
	if (dirty != nsm.told_dirty) {
		nsm_send(nsm.server, lo_fn.server_thread_get_server(nsm.thread),
			LO_TT_IMMEDIATE, dirty ? "/nsm/client/is_dirty" : "/nsm/client/is_clean", "");
		nsm.told_dirty = dirty;
	}
}

void studio_nsm_end(void)
{
	if (nsm.thread)
		lo_fn.server_thread_free(nsm.thread); /* stops the thread first */
	if (nsm.server)
		lo_fn.address_free(nsm.server);
	for (int i = 0; i < 2; i++)
		if (nsm.pipe[i] >= 0)
			close(nsm.pipe[i]);
	nsm.thread = NULL;
	nsm.server = NULL;
	nsm.pipe[0] = nsm.pipe[1] = -1;
	nsm.active = false;
	nsm.told_dirty = -1;
	nsm.client_id[0] = '\0';
}
