/* Keys from the terminal, made whole. curses (keypad mode) turns the sequences it knows
 * into key codes; whatever it passes on as ESC and loose bytes is read here as one
 * sequence (CSI, SS3, an Alt prefix, an X10, SGR or urxvt mouse report), so that no
 * piece of it ever acts as a key: a mouse report pasted into the arranger must not
 * mute a track. An unknown sequence is dropped with a name; a mouse report comes out
 * decoded (button, cell) for the mouse layer (ui/mouse.h), which acts on it only when
 * the mouse is on. The decoder is pure (codes and times in, events
 * out), so a test can feed it bytes; ui_input_define_keys and ui_input_terminal_lost
 * touch the terminal. UI thread only. */
#ifndef TTYMIX_UI_INPUT_H
#define TTYMIX_UI_INPUT_H

#include <stdbool.h>
#include <stddef.h>

/* A sequence under way (ESC [ seen) is given this long for its next byte before what
 * came of it is dropped: a slow link may split it, a person never types it. An ESC
 * that nothing follows at once is the Esc key: curses has waited its ESCDELAY for
 * more already, and a terminal writes a sequence in one go. */
#define UI_INPUT_SEQ_MS 500
/* What the caller's read waits while a sequence is under way. */
#define UI_INPUT_POLL_MS 10

enum ui_input_kind {
	UI_INPUT_KEY,     /* key: a curses key code, or a byte */
	UI_INPUT_UNKNOWN, /* a sequence read whole and dropped; text names it */
	UI_INPUT_MOUSE,   /* a mouse report (X10, SGR or urxvt), read whole: mouse */
};

/* Buttons as the terminal numbers them (the low bits of its code). */
enum ui_mouse_button {
	UI_MOUSE_LEFT = 0,
	UI_MOUSE_MIDDLE = 1,
	UI_MOUSE_RIGHT = 2,
	UI_MOUSE_NONE = 3,        /* an X10 or urxvt release: which button it was is lost */
	UI_MOUSE_WHEEL_UP = 64,
	UI_MOUSE_WHEEL_DOWN = 65,
};

/* Modifier bits of a report. */
#define UI_MOUSE_SHIFT 4
#define UI_MOUSE_ALT 8
#define UI_MOUSE_CTRL 16

/* A mouse report, decoded. */
struct ui_mouse_report {
	bool valid;               /* the cell and button were read (not a curses KEY_MOUSE
	                             or a report with a coordinate out of range) */
	int button;               /* enum ui_mouse_button, or another code as sent */
	bool release;             /* a button went up (SGR 'm', or an X10 release) */
	bool motion;              /* moved with a button held (mode 1002) */
	int mods;                 /* UI_MOUSE_SHIFT | UI_MOUSE_ALT | UI_MOUSE_CTRL */
	int y, x;                 /* the cell, from 0 at the top left */
};

struct ui_input_event {
	enum ui_input_kind kind;
	int key;
	char text[64]; /* UI_INPUT_UNKNOWN: "ESC [ 9 9 ~" */
	struct ui_mouse_report mouse; /* UI_INPUT_MOUSE */
};

/* The longest sequence kept for its name; longer ones are still read to their end. */
#define UI_INPUT_SEQ_MAX 24
/* A run of parameter bytes this long is no sequence: dropped there. */
#define UI_INPUT_SEQ_LIMIT 128

struct ui_input {
	int state;                   /* private: what the bytes so far began */
	int seq[UI_INPUT_SEQ_MAX];   /* the sequence so far (codes), for its name */
	size_t len, total;           /* kept, and read in all */
	int x10_left;                /* bytes of an X10 mouse report still to come */
	long long last_ms;           /* when the last code of the sequence came */
	struct ui_input_event queue[4];
	int head, count;
};

void ui_input_init(struct ui_input *in);
/* One result of the terminal read (getch): a key code or byte, or ERR when nothing came
 * within the wait; now_ms is a monotonic clock. Events it completes wait in the queue. */
void ui_input_feed(struct ui_input *in, int code, long long now_ms);
/* The next complete event, in order; false when there is none (yet). */
bool ui_input_next(struct ui_input *in, struct ui_input_event *ev);
/* A sequence is under way: the next read is due soon, feeding ERR if nothing came, so
 * that a lone Esc or a cut sequence is settled. */
bool ui_input_pending(const struct ui_input *in);
/* How long the next read may wait for a key: idle_ms when nothing is under way, 0 after
 * an ESC (what belongs to it is there already), UI_INPUT_POLL_MS inside a sequence. */
int ui_input_wait_ms(const struct ui_input *in, int idle_ms);

/* Teach curses the Home, End, Insert, Delete, PgUp, PgDn, arrow and F-key sequences of
 * xterm, rxvt, screen, tmux and the Linux console that the TERM entry lacks (so they
 * work whatever TERM says), and take the mouse sequence away from it (so a report
 * comes through whole, for the decoder). After newterm and keypad. */
void ui_input_define_keys(void);
/* The key code a sequence (its bytes after ESC) stands for in that table, or 0. */
int ui_input_known(const char *after_esc);

/* After a read gave ERR: true when the terminal is gone (hung up, closed, or at end of
 * input) rather than quiet. *strikes counts reads that failed with input pending (a
 * read error or an end of file); the caller keeps it, zeroed at start. */
bool ui_input_terminal_lost(int fd, int *strikes);

#endif
