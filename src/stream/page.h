/* The listening page served at GET / by the stream's HTTP server: one self-contained
 * HTML document (inline CSS and script, no external resource, relative URLs only, so
 * it works through `ssh -L` onto a UNIX socket). It reads `key` from its own URL and
 * sends it back with every request; it shows the project, the playhead, the
 * listeners and a level meter from status.json, and plays listen.opus or
 * listen.flac in an <audio> element. The keys stay in the terminal: it only listens.
 *
 * Constant data: any thread may read it. */
#ifndef TTYMIX_STREAM_PAGE_H
#define TTYMIX_STREAM_PAGE_H

#include <stddef.h>

/* The page, NUL-terminated UTF-8; serve it as text/html; charset=utf-8. */
extern const char stream_page_html[];
/* Its length in bytes, without the NUL. */
extern const size_t stream_page_html_len;

#endif
