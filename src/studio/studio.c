/* The session's voice: every message the studio says goes out through one function. */
#include <stdarg.h>
#include <stdio.h>

#include "src/base/text.h"
#include "src/studio/studio.h"

static void say(struct studio *st, bool error, const char *fmt, va_list ap)
{
	/* messages quote names, typed words and file names: passed on as text, whatever
	 * bytes they hold (src/base/text.h) */
	char raw[sizeof st->said_text];
	vsnprintf(raw, sizeof raw, fmt, ap);
	text_clean(st->said_text, sizeof st->said_text, raw);
	st->said_error = error;
	st->said++;
	st->changed = true;
	if (st->voice.say)
		st->voice.say(st->voice.ctx, error, st->said_text);
}

void studio_message(struct studio *st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(st, false, fmt, ap);
	va_end(ap);
}

void studio_error(struct studio *st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	say(st, true, fmt, ap);
	va_end(ap);
}
