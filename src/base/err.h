/* Error codes shared by every layer. Deep code returns one of these and, where it
 * helps, fills a message buffer; only the top of a command prints. Any thread. */
#ifndef TTYMIX_ERR_H
#define TTYMIX_ERR_H

#include <stddef.h>

enum err {
	ERR_OK = 0,
	ERR_NOMEM,          /* allocation failed */
	ERR_IO,             /* read/write failed (errno-level problem) */
	ERR_NOT_FOUND,      /* file or folder does not exist */
	ERR_PARSE,          /* not valid JSON */
	ERR_FORMAT,         /* valid JSON but not a ttymix project, or a bad field */
	ERR_VERSION,        /* project from a newer ttymix */
	ERR_MEDIA,          /* audio file unreadable or unsupported */
	ERR_CHANNELS,       /* audio file with more than two channels */
	ERR_RANGE,          /* value outside its allowed range */
	ERR_USAGE,          /* bad command-line use */
	ERR_DEVICE,         /* audio device could not be opened or failed */
	ERR_FULL,           /* a ring or fixed table is full */
	ERR_NO_SPACE,       /* disk full */
	ERR_COUNT
};

/* A message for the code; never NULL. */
const char *err_str(enum err e);

/* Error message buffer for functions that can say more than the code does. */
#define ERR_MSG_MAX 512
struct err_msg {
	char text[ERR_MSG_MAX];
};

/* Set msg (may be NULL) to a printf-formatted text and return e. The text is made
 * clean for a terminal (src/base/text.h): names and file names in it are shown, not run. */
enum err err_set(struct err_msg *msg, enum err e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
