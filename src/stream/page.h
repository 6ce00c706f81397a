/* The page served at GET / (page.c): one self-contained HTML document that plays the
 * stream and shows the project, the playhead and a level meter from /status.json.
 * Constant; any thread. */
#ifndef TTYMIX_STREAM_PAGE_H
#define TTYMIX_STREAM_PAGE_H

extern const char stream_page_html[];

#endif
