/* Allocation for non-real-time code: on failure print one line and exit(1), so that
 * callers need no error path for memory. Never call these from the audio thread. */
#ifndef TTYMIX_XALLOC_H
#define TTYMIX_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
_Noreturn void xalloc_die(void);

#endif
