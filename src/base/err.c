#include "src/base/err.h"

#include <stdarg.h>
#include <stdio.h>

#include "src/base/text.h"

static const char *const err_text[ERR_COUNT] = {
	[ERR_OK] = "no error",
	[ERR_NOMEM] = "out of memory",
	[ERR_IO] = "input/output error",
	[ERR_NOT_FOUND] = "no such file or folder",
	[ERR_PARSE] = "not valid JSON",
	[ERR_FORMAT] = "not a valid ttymix project",
	[ERR_VERSION] = "project made by a newer ttymix",
	[ERR_MEDIA] = "unreadable or unsupported audio file",
	[ERR_CHANNELS] = "audio file has more than two channels",
	[ERR_RANGE] = "value out of range",
	[ERR_USAGE] = "usage error",
	[ERR_DEVICE] = "audio device error",
	[ERR_FULL] = "queue or table full",
	[ERR_NO_SPACE] = "no space left on device",
};

const char *err_str(enum err e)
{
	if ((int)e < 0 || e >= ERR_COUNT || !err_text[e])
		return "unknown error";
	return err_text[e];
}

enum err err_set(struct err_msg *msg, enum err e, const char *fmt, ...)
{
	if (msg) {
		/* messages name files and project names, and end up on a terminal: made
		 * clean here, once, rather than at every place that shows one */
		char raw[ERR_MSG_MAX];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(raw, sizeof raw, fmt, ap);
		va_end(ap);
		text_clean(msg->text, sizeof msg->text, raw);
	}
	return e;
}
