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
/* Write a zero byte on every page of [p, p + bytes), which must hold zeros (calloc's):
 * the pages become resident now, on this thread, instead of at their first write,
 * which on the audio thread would cost a page fault each. calloc hands large blocks
 * out as untouched zero pages, and gcc turns malloc + memset(0) into calloc, so a
 * memset does not do this. */
void xpretouch(void *p, size_t bytes);
/* xcalloc, then xpretouch: for memory the audio thread writes. */
void *xcalloc_touched(size_t n, size_t size);

#endif
