/* ui/input.c: byte sequences from the terminal become keys, or are read whole and
 * dropped with a name: no piece of a mouse report or an unknown sequence may reach the
 * pages as a key, however the bytes are split between reads. And a terminal whose
 * other side closed is seen as gone. */
#include <curses.h>
#include <pty.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ui/input.h"

/* Everything a run of feeds produced, one line per event: "key 262", "unknown ESC [
 * 9 9 ~", "mouse". */
struct log {
	char text[1024];
	int n;
};

static void collect(struct ui_input *in, struct log *log)
{
	struct ui_input_event ev;
	while (ui_input_next(in, &ev)) {
		size_t used = strlen(log->text);
		if (ev.kind == UI_INPUT_KEY)
			snprintf(log->text + used, sizeof log->text - used, "%skey %d",
				used ? "|" : "", ev.key);
		else if (ev.kind == UI_INPUT_MOUSE)
			snprintf(log->text + used, sizeof log->text - used, "%smouse",
				used ? "|" : "");
		else
			snprintf(log->text + used, sizeof log->text - used, "%sunknown %s",
				used ? "|" : "", ev.text);
		log->n++;
	}
}

/* Feed bytes as one burst at time *now (the way curses hands over one write), then
 * let time pass with nothing coming (ERR every poll) until the decoder settles. */
static void feed_burst(struct ui_input *in, const char *bytes, size_t n, long long *now,
	struct log *log)
{
	for (size_t i = 0; i < n; i++) {
		ui_input_feed(in, (unsigned char)bytes[i], *now);
		collect(in, log);
	}
}

static void settle(struct ui_input *in, long long *now, struct log *log)
{
	for (int i = 0; i < 200 && ui_input_pending(in); i++) {
		*now += UI_INPUT_POLL_MS;
		ui_input_feed(in, ERR, *now);
		collect(in, log);
	}
	assert_false(ui_input_pending(in));
}

static void decode(const char *bytes, size_t n, struct log *log)
{
	struct ui_input in;
	ui_input_init(&in);
	long long now = 1000;
	memset(log, 0, sizeof *log);
	feed_burst(&in, bytes, n, &now, log);
	settle(&in, &now, log);
}

#define DECODE(lit, log) decode(lit, sizeof lit - 1, log)

static void test_plain_keys_pass(void **state)
{
	(void)state;
	struct log log;
	DECODE("mq0", &log);
	assert_string_equal(log.text, "key 109|key 113|key 48");
}

static void test_lone_esc_is_a_key(void **state)
{
	(void)state;
	struct log log;
	DECODE("\033", &log);
	assert_string_equal(log.text, "key 27");
	/* Esc, and a key after a read that found nothing: two keys */
	struct ui_input in;
	ui_input_init(&in);
	memset(&log, 0, sizeof log);
	assert_int_equal(ui_input_wait_ms(&in, 40), 40);
	ui_input_feed(&in, 27, 0);
	assert_int_equal(ui_input_wait_ms(&in, 40), 0);
	ui_input_feed(&in, ERR, 0);
	ui_input_feed(&in, 'j', 1);
	collect(&in, &log);
	assert_string_equal(log.text, "key 27|key 106");
}

static void test_sgr_mouse_dropped(void **state)
{
	(void)state;
	struct log log;
	/* what a terminal sends for a click when mouse mode was left on */
	DECODE("\033[<0;20;10M\033[<0;20;10m", &log);
	assert_string_equal(log.text, "mouse|mouse");
}

static void test_x10_mouse_dropped(void **state)
{
	(void)state;
	struct log log;
	/* ESC [ M and three raw bytes: here button 0 at (21, 10), then 'y' and 'q' as
	 * coordinates, which must not answer a question or quit */
	DECODE("\033[M *\052\033[M yq", &log);
	assert_string_equal(log.text, "mouse|mouse");
	/* bytes above 127 (far columns) are coordinates too */
	DECODE("\033[M\040\300\301m", &log);
	assert_string_equal(log.text, "mouse|key 109");
}

static void test_urxvt_mouse_dropped(void **state)
{
	(void)state;
	struct log log;
	DECODE("\033[32;20;10M", &log);
	assert_string_equal(log.text, "mouse");
}

static void test_unknown_csi_named(void **state)
{
	(void)state;
	struct log log;
	DECODE("\033[99~", &log);
	assert_string_equal(log.text, "unknown ESC [ 9 9 ~");
	DECODE("\033[1;5P", &log);
	assert_string_equal(log.text, "unknown ESC [ 1 ; 5 P");
}

static void test_variants_are_keys(void **state)
{
	(void)state;
	struct log log;
	char want[256];
	DECODE("\033[1~\033[7~\033[H\033OH", &log);
	snprintf(want, sizeof want, "key %d|key %d|key %d|key %d", KEY_HOME, KEY_HOME,
		KEY_HOME, KEY_HOME);
	assert_string_equal(log.text, want);
	DECODE("\033[4~\033[8~\033[F\033OF", &log);
	snprintf(want, sizeof want, "key %d|key %d|key %d|key %d", KEY_END, KEY_END,
		KEY_END, KEY_END);
	assert_string_equal(log.text, want);
	DECODE("\033[3~\033[2~\033[5~\033[6~", &log);
	snprintf(want, sizeof want, "key %d|key %d|key %d|key %d", KEY_DC, KEY_IC,
		KEY_PPAGE, KEY_NPAGE);
	assert_string_equal(log.text, want);
	DECODE("\033[[A\033[15~\033OP\033[Z", &log);
	snprintf(want, sizeof want, "key %d|key %d|key %d|key %d", KEY_F(1), KEY_F(5),
		KEY_F(1), KEY_BTAB);
	assert_string_equal(log.text, want);
}

static void test_alt_keys_dropped(void **state)
{
	(void)state;
	struct log log;
	DECODE("\033m\033\033[A", &log);
	assert_string_equal(log.text, "unknown ESC m|unknown ESC ESC [ A");
	DECODE("\033\033", &log);
	assert_string_equal(log.text, "unknown ESC ESC");
}

static void test_ss3_with_parameter(void **state)
{
	(void)state;
	struct log log;
	DECODE("\033O2P", &log);
	assert_string_equal(log.text, "unknown ESC O 2 P");
}

static void test_broken_sequence_then_key(void **state)
{
	(void)state;
	struct log log;
	/* a control byte inside a sequence ends it; it is a key of its own */
	DECODE("\033[12\r", &log);
	assert_string_equal(log.text, "unknown ESC [ 1 2|key 13");
	/* a new ESC starts the next sequence */
	DECODE("\033[12\033[3~", &log);
	char want[64];
	snprintf(want, sizeof want, "unknown ESC [ 1 2|key %d", KEY_DC);
	assert_string_equal(log.text, want);
}

static void test_runaway_sequence_bounded(void **state)
{
	(void)state;
	struct log log;
	char bytes[UI_INPUT_SEQ_LIMIT + 8];
	bytes[0] = '\033';
	bytes[1] = '[';
	memset(bytes + 2, '1', sizeof bytes - 3);
	bytes[sizeof bytes - 1] = 'm';
	decode(bytes, sizeof bytes, &log);
	/* dropped at the limit (named in part); what follows is keys again */
	assert_int_equal(log.n, 1 + (int)(sizeof bytes - UI_INPUT_SEQ_LIMIT));
	assert_memory_equal(log.text, "unknown ESC [ 1 1", 17);
	assert_non_null(strstr(log.text, " ...|key 49"));
	assert_non_null(strstr(log.text, "|key 109"));
}

/* Every split of a sequence over reads, with pauses shorter than a link would make
 * (curses' ESC comes alone; the rest can lag): the same result as in one burst. */
static void test_split_reads(void **state)
{
	(void)state;
	static const char *const seqs[] = { "\033[<0;20;10M", "\033[M *\052", "\033[99~",
		"\033[1~", "\033OH" };
	static const long long pauses_ms[] = { 0, 1, UI_INPUT_POLL_MS, 200 };
	for (size_t s = 0; s < sizeof seqs / sizeof seqs[0]; s++) {
		const size_t n = strlen(seqs[s]);
		struct log whole;
		decode(seqs[s], n, &whole);
		for (size_t cut = 1; cut < n; cut++)
			for (size_t p = 0; p < sizeof pauses_ms / sizeof pauses_ms[0]; p++) {
				/* after ESC alone only what is there at once joins it (curses
				 * has waited its ESCDELAY): else it was the Esc key */
				if (cut == 1 && pauses_ms[p] > 0)
					continue;
				struct ui_input in;
				ui_input_init(&in);
				struct log log;
				memset(&log, 0, sizeof log);
				long long now = 5000;
				feed_burst(&in, seqs[s], cut, &now, &log);
				/* nothing comes for a while: the reader polls, feeding ERR */
				for (long long waited = 0; waited < pauses_ms[p];
					waited += UI_INPUT_POLL_MS) {
					long long step = pauses_ms[p] - waited < UI_INPUT_POLL_MS
						? pauses_ms[p] - waited : UI_INPUT_POLL_MS;
					now += step;
					ui_input_feed(&in, ERR, now);
					collect(&in, &log);
				}
				feed_burst(&in, seqs[s] + cut, n - cut, &now, &log);
				settle(&in, &now, &log);
				if (strcmp(log.text, whole.text))
					fail_msg("sequence %zu cut at %zu after %lld ms: \"%s\", "
						"in one burst \"%s\"", s, cut, pauses_ms[p], log.text,
						whole.text);
			}
	}
}

/* A sequence cut for longer than UI_INPUT_SEQ_MS: what came is dropped, never run. */
static void test_cut_sequence_dropped(void **state)
{
	(void)state;
	struct ui_input in;
	ui_input_init(&in);
	struct log log;
	memset(&log, 0, sizeof log);
	long long now = 0;
	feed_burst(&in, "\033[<0;2", 6, &now, &log);
	settle(&in, &now, &log);
	assert_string_equal(log.text, "unknown ESC [ < 0 ; 2");
}

static void test_resize_passes_through(void **state)
{
	(void)state;
	struct ui_input in;
	ui_input_init(&in);
	struct log log;
	memset(&log, 0, sizeof log);
	long long now = 0;
	feed_burst(&in, "\033[", 2, &now, &log);
	ui_input_feed(&in, KEY_RESIZE, now);
	feed_burst(&in, "3~", 2, &now, &log);
	collect(&in, &log);
	settle(&in, &now, &log);
	char want[64];
	snprintf(want, sizeof want, "key %d|key %d", KEY_RESIZE, KEY_DC);
	assert_string_equal(log.text, want);
}

static void test_curses_keys_pass(void **state)
{
	(void)state;
	struct ui_input in;
	ui_input_init(&in);
	struct log log;
	memset(&log, 0, sizeof log);
	ui_input_feed(&in, KEY_HOME, 0);
	ui_input_feed(&in, KEY_DC, 0);
	collect(&in, &log);
	char want[64];
	snprintf(want, sizeof want, "key %d|key %d", KEY_HOME, KEY_DC);
	assert_string_equal(log.text, want);
	/* Alt and a key curses decoded */
	long long now = 0;
	memset(&log, 0, sizeof log);
	ui_input_feed(&in, 27, now);
	ui_input_feed(&in, KEY_HOME, now);
	collect(&in, &log);
	settle(&in, &now, &log);
	assert_string_equal(log.text, "unknown ESC KEY_HOME");
}

static void test_table_lookup(void **state)
{
	(void)state;
	assert_int_equal(ui_input_known("[4~"), KEY_END);
	assert_int_equal(ui_input_known("[99~"), 0);
}

/* The terminal's other side closes: seen as gone at once, never as a quiet line. */
static void test_terminal_lost(void **state)
{
	(void)state;
	int master, slave;
	if (openpty(&master, &slave, NULL, NULL, NULL) != 0)
		skip(); /* no ptys in this sandbox */
	int strikes = 0;
	assert_false(ui_input_terminal_lost(slave, &strikes));
	assert_false(ui_input_terminal_lost(slave, &strikes));
	close(master);
	bool lost = false;
	for (int i = 0; i < 3 && !lost; i++)
		lost = ui_input_terminal_lost(slave, &strikes);
	assert_true(lost);
	close(slave);
	/* a closed descriptor is no terminal either */
	strikes = 0;
	assert_true(ui_input_terminal_lost(slave, &strikes));
}

/* End of file (stdin from /dev/null): readable but empty, a few times: gone. */
static void test_end_of_file(void **state)
{
	(void)state;
	FILE *f = fopen("/dev/null", "r");
	assert_non_null(f);
	int strikes = 0;
	bool lost = false;
	int reads = 0;
	while (!lost && reads < 10) {
		lost = ui_input_terminal_lost(fileno(f), &strikes);
		reads++;
	}
	assert_true(lost);
	assert_true(reads > 1); /* one empty read alone could be a race */
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_keys_pass),
		cmocka_unit_test(test_lone_esc_is_a_key),
		cmocka_unit_test(test_sgr_mouse_dropped),
		cmocka_unit_test(test_x10_mouse_dropped),
		cmocka_unit_test(test_urxvt_mouse_dropped),
		cmocka_unit_test(test_unknown_csi_named),
		cmocka_unit_test(test_variants_are_keys),
		cmocka_unit_test(test_alt_keys_dropped),
		cmocka_unit_test(test_ss3_with_parameter),
		cmocka_unit_test(test_broken_sequence_then_key),
		cmocka_unit_test(test_runaway_sequence_bounded),
		cmocka_unit_test(test_split_reads),
		cmocka_unit_test(test_cut_sequence_dropped),
		cmocka_unit_test(test_resize_passes_through),
		cmocka_unit_test(test_curses_keys_pass),
		cmocka_unit_test(test_table_lookup),
		cmocka_unit_test(test_terminal_lost),
		cmocka_unit_test(test_end_of_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
