#include "ui/input.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ESC 27

enum {
	IDLE,
	GOT_ESC,     /* ESC, maybe ESC ESC (an Alt prefix): what follows decides */
	IN_CSI,      /* ESC [ and parameter or intermediate bytes */
	IN_CSI_LINUX, /* ESC [ [: the Linux console's F1-F5, one byte to come */
	IN_SS3,      /* ESC O and parameter bytes */
	IN_X10,      /* ESC [ M: three raw bytes to come */
};

/* The sequences (after ESC) that mean a key whatever TERM says: xterm in its normal
 * and application cursor modes, rxvt, screen and tmux, the Linux console. */
static const struct {
	const char *seq;
	int key;
} known[] = {
	{ "[1~", KEY_HOME }, { "[7~", KEY_HOME }, { "[H", KEY_HOME }, { "OH", KEY_HOME },
	{ "[4~", KEY_END }, { "[8~", KEY_END }, { "[F", KEY_END }, { "OF", KEY_END },
	{ "[2~", KEY_IC }, { "[3~", KEY_DC }, { "[5~", KEY_PPAGE }, { "[6~", KEY_NPAGE },
	{ "[A", KEY_UP }, { "[B", KEY_DOWN }, { "[C", KEY_RIGHT }, { "[D", KEY_LEFT },
	{ "OA", KEY_UP }, { "OB", KEY_DOWN }, { "OC", KEY_RIGHT }, { "OD", KEY_LEFT },
	{ "[1;2A", KEY_SR }, { "[1;2B", KEY_SF }, { "[1;2C", KEY_SRIGHT },
	{ "[1;2D", KEY_SLEFT }, { "[a", KEY_SR }, { "[b", KEY_SF }, { "[c", KEY_SRIGHT },
	{ "[d", KEY_SLEFT }, { "[Z", KEY_BTAB },
	{ "OP", KEY_F(1) }, { "OQ", KEY_F(2) }, { "OR", KEY_F(3) }, { "OS", KEY_F(4) },
	{ "[11~", KEY_F(1) }, { "[12~", KEY_F(2) }, { "[13~", KEY_F(3) },
	{ "[14~", KEY_F(4) }, { "[[A", KEY_F(1) }, { "[[B", KEY_F(2) }, { "[[C", KEY_F(3) },
	{ "[[D", KEY_F(4) }, { "[[E", KEY_F(5) }, { "[15~", KEY_F(5) }, { "[17~", KEY_F(6) },
	{ "[18~", KEY_F(7) }, { "[19~", KEY_F(8) }, { "[20~", KEY_F(9) },
	{ "[21~", KEY_F(10) }, { "[23~", KEY_F(11) }, { "[24~", KEY_F(12) },
};

int ui_input_known(const char *after_esc)
{
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (!strcmp(known[i].seq, after_esc))
			return known[i].key;
	return 0;
}

void ui_input_define_keys(void)
{
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		char seq[16];
		snprintf(seq, sizeof seq, "\033%s", known[i].seq);
		/* the terminfo entry's own meaning of a sequence wins */
		if (key_defined(seq) == 0)
			define_key(seq, known[i].key);
	}
	/* kmous makes curses eat the start of a mouse report and leave the rest as keys;
	 * without it the whole report reaches the decoder, which reads it itself */
	define_key(NULL, KEY_MOUSE);
}

void ui_input_init(struct ui_input *in)
{
	memset(in, 0, sizeof *in);
	in->state = IDLE;
}

static void push(struct ui_input *in, enum ui_input_kind kind, int key, const char *text)
{
	/* one feed completes at most two events, and the caller drains them after each */
	if (in->count == (int)(sizeof in->queue / sizeof in->queue[0]))
		return;
	struct ui_input_event *ev = &in->queue[(in->head + in->count)
		% (int)(sizeof in->queue / sizeof in->queue[0])];
	in->count++;
	ev->kind = kind;
	ev->key = key;
	snprintf(ev->text, sizeof ev->text, "%s", text ? text : "");
	ev->mouse = (struct ui_mouse_report){ 0 };
}

bool ui_input_next(struct ui_input *in, struct ui_input_event *ev)
{
	if (in->count == 0)
		return false;
	*ev = in->queue[in->head];
	in->head = (in->head + 1) % (int)(sizeof in->queue / sizeof in->queue[0]);
	in->count--;
	return true;
}

bool ui_input_pending(const struct ui_input *in)
{
	return in->state != IDLE;
}

int ui_input_wait_ms(const struct ui_input *in, int idle_ms)
{
	return in->state == IDLE ? idle_ms : in->state == GOT_ESC ? 0 : UI_INPUT_POLL_MS;
}

static void keep(struct ui_input *in, int code, long long now_ms)
{
	if (in->len < UI_INPUT_SEQ_MAX)
		in->seq[in->len++] = code;
	in->total++;
	in->last_ms = now_ms;
}

/* The sequence so far in words: "ESC [ 9 9 ~". */
static void name_sequence(const struct ui_input *in, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < in->len && used + 1 < size; i++) {
		const int c = in->seq[i];
		char one[24];
		if (c == ESC)
			snprintf(one, sizeof one, "ESC");
		else if (c == ' ')
			snprintf(one, sizeof one, "SP");
		else if (c > ' ' && c < 127)
			snprintf(one, sizeof one, "%c", c);
		else if (c >= 0 && c < 256)
			snprintf(one, sizeof one, "0x%02x", (unsigned)c);
		else {
			const char *kn = keyname(c);
			snprintf(one, sizeof one, "%s", kn ? kn : "key");
		}
		int n = snprintf(buf + used, size - used, "%s%s", i ? " " : "", one);
		used = n < 0 ? size : used + (size_t)n;
	}
	if (in->total > in->len && used + 5 < size)
		snprintf(buf + used, size - used, " ...");
}

static void start(struct ui_input *in, int state)
{
	in->state = state;
}

static void reset(struct ui_input *in)
{
	in->state = IDLE;
	in->len = in->total = 0;
	in->x10_left = 0;
}

static void drop(struct ui_input *in, enum ui_input_kind kind)
{
	char text[sizeof in->queue[0].text];
	name_sequence(in, text, sizeof text);
	push(in, kind, 0, text);
	reset(in);
}

/* The button code's parts (the same in all three encodings, X10's offset of 32 taken
 * off) and a 1-based cell; false when a coordinate is out of range. */
static bool mouse_from(struct ui_mouse_report *r, long code, long x, long y, bool release)
{
	if (code < 0 || x < 1 || y < 1 || x > 100000 || y > 100000)
		return false;
	r->mods = (int)(code & (UI_MOUSE_SHIFT | UI_MOUSE_ALT | UI_MOUSE_CTRL));
	r->motion = (code & 32) != 0;
	r->button = (int)(code & ~(long)(UI_MOUSE_SHIFT | UI_MOUSE_ALT | UI_MOUSE_CTRL | 32));
	r->release = release || r->button == UI_MOUSE_NONE;
	r->x = (int)x - 1;
	r->y = (int)y - 1;
	r->valid = true;
	return true;
}

/* SGR "[<b;x;yM" (or 'm': a release) and urxvt "[b;x;yM" (b offset by 32). */
static void decode_csi_mouse(const char *after, struct ui_mouse_report *r)
{
	const bool sgr = after[1] == '<';
	const char *p = after + (sgr ? 2 : 1);
	long v[3];
	for (int i = 0; i < 3; i++) {
		if (*p < '0' || *p > '9')
			return;
		char *end;
		v[i] = strtol(p, &end, 10);
		if (*end != (i < 2 ? ';' : after[strlen(after) - 1]) || end - p > 6)
			return;
		p = end + 1;
	}
	if (*p)
		return;
	mouse_from(r, sgr ? v[0] : v[0] - 32, v[1], v[2], sgr && p[-1] == 'm');
}

/* X10: ESC [ M and three bytes, each its number plus 32. */
static void decode_x10(const struct ui_input *in, struct ui_mouse_report *r)
{
	if (in->len != 6 || in->total != 6)
		return;
	for (int i = 3; i < 6; i++)
		if (in->seq[i] < 32 || in->seq[i] > 255)
			return;
	mouse_from(r, in->seq[3] - 32, in->seq[4] - 32, in->seq[5] - 32, false);
}

/* A mouse report read whole: named as a dropped one is (the message says it when the
 * mouse is off), with what it says. */
static void push_mouse(struct ui_input *in, const struct ui_mouse_report *r)
{
	const int before = in->count;
	drop(in, UI_INPUT_MOUSE);
	if (in->count > before) /* not lost to a full queue */
		in->queue[(in->head + in->count - 1) % (int)(sizeof in->queue
			/ sizeof in->queue[0])].mouse = *r;
}

/* A complete CSI or SS3 sequence: a key from the table, a mouse report, or unknown. */
static void finish(struct ui_input *in)
{
	char after[UI_INPUT_SEQ_MAX + 1];
	size_t n = 0;
	bool plain = in->total == in->len;
	for (size_t i = 1; i < in->len; i++) {
		if (in->seq[i] <= 0 || in->seq[i] >= 127)
			plain = false;
		after[n++] = (char)in->seq[i];
	}
	after[n] = '\0';
	const int key = plain ? ui_input_known(after) : 0;
	if (key) {
		push(in, UI_INPUT_KEY, key, NULL);
		reset(in);
		return;
	}
	const char final = n ? after[n - 1] : 0;
	/* SGR: ESC [ < b ; x ; y M|m; urxvt: ESC [ b ; x ; y M */
	bool mouse = n >= 2 && after[0] == '[' && (final == 'M' || final == 'm')
		&& (after[1] == '<' || (final == 'M' && strchr(after, ';')));
	if (!mouse) {
		drop(in, UI_INPUT_UNKNOWN);
		return;
	}
	struct ui_mouse_report r = { 0 };
	if (plain)
		decode_csi_mouse(after, &r);
	push_mouse(in, &r);
}

static void feed_idle(struct ui_input *in, int code, long long now_ms)
{
	if (code == ESC) {
		keep(in, code, now_ms);
		start(in, GOT_ESC);
	} else if (code == KEY_MOUSE) {
		/* curses' own mouse decoding is off (ui_input_define_keys); if a terminfo
		 * entry still got one through, it is a mouse report all the same */
		push(in, UI_INPUT_MOUSE, code, "");
	} else {
		push(in, UI_INPUT_KEY, code, NULL);
	}
}

void ui_input_feed(struct ui_input *in, int code, long long now_ms)
{
	if (code == ERR) {
		if (in->state == GOT_ESC) {
			if (in->len == 1) {
				reset(in);
				push(in, UI_INPUT_KEY, ESC, NULL);
			} else {
				drop(in, UI_INPUT_UNKNOWN); /* ESC ESC: Alt-Esc */
			}
		} else if (in->state != IDLE && in->state != GOT_ESC
			&& now_ms - in->last_ms >= UI_INPUT_SEQ_MS) {
			drop(in, in->state == IN_X10 ? UI_INPUT_MOUSE : UI_INPUT_UNKNOWN);
		}
		return;
	}
	if (code == KEY_RESIZE) {
		/* curses' own news, not a byte from the terminal: never part of a sequence */
		push(in, UI_INPUT_KEY, code, NULL);
		return;
	}
	switch (in->state) {
	case IDLE:
		feed_idle(in, code, now_ms);
		return;
	case GOT_ESC:
		keep(in, code, now_ms);
		if (code == '[')
			start(in, IN_CSI);
		else if (code == 'O')
			start(in, IN_SS3);
		else if (code == ESC && in->len == 2)
			; /* ESC ESC: an Alt prefix on what follows */
		else
			drop(in, UI_INPUT_UNKNOWN); /* Alt and a key: ESC x */
		return;
	case IN_CSI: {
		/* right after ESC [, before any parameter */
		const bool first = in->total == in->len && in->len >= 2
			&& in->seq[in->len - 1] == '[' && in->seq[in->len - 2] == ESC;
		if (first && code == 'M') {
			keep(in, code, now_ms);
			in->x10_left = 3;
			start(in, IN_X10);
		} else if (first && code == '[') {
			keep(in, code, now_ms);
			start(in, IN_CSI_LINUX);
		} else if (code >= 0x20 && code <= 0x3f) {
			keep(in, code, now_ms);
			if (in->total >= UI_INPUT_SEQ_LIMIT)
				drop(in, UI_INPUT_UNKNOWN);
		} else if (code >= 0x40 && code <= 0x7e) {
			keep(in, code, now_ms);
			finish(in);
		} else {
			/* no byte of a sequence: drop what came, and take this one afresh */
			drop(in, UI_INPUT_UNKNOWN);
			feed_idle(in, code, now_ms);
		}
		return;
	}
	case IN_SS3:
		if (code >= 0x30 && code <= 0x3f) {
			keep(in, code, now_ms); /* old xterms: ESC O 2 P is Shift-F1 */
			if (in->total >= UI_INPUT_SEQ_LIMIT)
				drop(in, UI_INPUT_UNKNOWN);
		} else if (code >= 0x20 && code <= 0x7e) {
			keep(in, code, now_ms);
			finish(in);
		} else {
			drop(in, UI_INPUT_UNKNOWN);
			feed_idle(in, code, now_ms);
		}
		return;
	case IN_CSI_LINUX:
		if (code >= 0x20 && code <= 0x7e) {
			keep(in, code, now_ms);
			finish(in);
		} else {
			drop(in, UI_INPUT_UNKNOWN);
			feed_idle(in, code, now_ms);
		}
		return;
	case IN_X10:
		/* three raw bytes, whatever they are (curses may even have made one of
		 * them a key: 0x08 is Backspace under some TERMs) */
		keep(in, code, now_ms);
		if (--in->x10_left == 0) {
			struct ui_mouse_report r = { 0 };
			decode_x10(in, &r);
			push_mouse(in, &r);
		}
		return;
	}
}

bool ui_input_terminal_lost(int fd, int *strikes)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int n;
	do
		n = poll(&p, 1, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return true; /* not even pollable: no terminal left to read */
	if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
		return true;
	if (!(p.revents & POLLIN)) {
		*strikes = 0; /* quiet: the read only timed out */
		return false;
	}
	/* readable, yet the read gave nothing: an end of file or a read error, unless a
	 * key came just after the read gave up; a few in a row settle it */
	return ++*strikes >= 3;
}
