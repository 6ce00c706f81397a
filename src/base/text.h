/* Text from outside the program (project names, file names, album titles, lesson
 * files) made safe for a terminal, and the rule names must follow. Any thread: pure
 * functions, except text_fputs and text_fprintf, which write to a stdio stream.
 *
 * Cleaning: every byte that a terminal could act on, or that is not part of valid
 * UTF-8, is shown as the four visible characters \xNN (its value in hex). That covers
 * the C0 controls (0x00-0x1f), DEL (0x7f), the C1 controls U+0080-U+009F (each of
 * their two UTF-8 bytes, \xc2\x85) and stray or overlong bytes. \xNN rather than ?
 * so that a user can tell what is in the name and find it in the file. Nothing else
 * is changed: a clean string comes out byte for byte, and cleaning is idempotent. */
#ifndef TTYMIX_TEXT_H
#define TTYMIX_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Longest cleaned form of one input byte ("\xNN"). */
#define TEXT_CLEAN_GROWTH 4

/* Length of the valid UTF-8 sequence at s (1 to 4), or 0 when s does not start one
 * (a stray continuation byte, an overlong form, a surrogate, beyond U+10FFFF, or a
 * sequence cut short by the terminating NUL). *cp (may be NULL) gets the code point. */
int text_utf8_length(const char *s, uint32_t *cp);

/* Whether s is valid UTF-8 throughout. */
bool text_valid_utf8(const char *s);

/* Whether cp is a control character: C0, DEL or C1. */
bool text_is_control(uint32_t cp);

/* Whether s needs no cleaning (valid UTF-8 and no control characters). */
bool text_is_clean(const char *s);

/* The cleaned s into dst (size bytes, always NUL-terminated when size > 0), cut
 * before a character that would not fit whole. Returns the length written. */
size_t text_clean(char *dst, size_t size, const char *src);

/* The cleaned s, allocated (aborts when out of memory; free it). */
char *text_clean_dup(const char *src);

/* Clean s in place into a buffer of size bytes that holds it (growth cut off). */
void text_clean_inplace(char *buf, size_t size);

/* s cleaned onto f. With keep_newlines, '\n' goes through as it is (for reports of
 * several lines whose names were checked on load), otherwise it is \x0a too. */
void text_fputs(const char *s, FILE *f, bool keep_newlines);

/* printf-formatted, then cleaned as one line onto f: every newline but a last one
 * becomes \x0a, so `text_fprintf(f, "%s: ok\n", name)` is always one line. */
void text_fprintf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The name a track gets from the audio file at path: its base name without the
 * extension, cleaned (file names are any bytes), into dst as text_clean does. */
void text_name_from_file(char *dst, size_t size, const char *path);

/* Why s may not be a name (a track, bus, group, marker, clip or album title), or
 * false when it may: "not valid UTF-8" or "control character U+001B" into why. */
bool text_name_problem(const char *s, char *why, size_t size);

#endif
