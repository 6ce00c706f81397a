#include "src/base/text.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/xalloc.h"

int text_utf8_length(const char *str, uint32_t *cp_out)
{
	const unsigned char *s = (const unsigned char *)str;
	int len;
	uint32_t min, cp;
	if (s[0] < 0x80) {
		len = 1, cp = s[0];
		goto done;
	}
	if ((s[0] & 0xe0) == 0xc0)
		len = 2, min = 0x80, cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		len = 3, min = 0x800, cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		len = 4, min = 0x10000, cp = s[0] & 0x07;
	else
		return 0;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0; /* also stops at the terminating NUL */
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
done:
	if (cp_out)
		*cp_out = cp;
	return len;
}

bool text_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

bool text_valid_utf8(const char *s)
{
	while (*s) {
		int len = text_utf8_length(s, NULL);
		if (!len)
			return false;
		s += len;
	}
	return true;
}

bool text_is_clean(const char *s)
{
	while (*s) {
		uint32_t cp;
		int len = text_utf8_length(s, &cp);
		if (!len || text_is_control(cp))
			return false;
		s += len;
	}
	return true;
}

/* The next piece of the cleaned form of s: either a whole clean character (returned
 * as its length, out untouched) or one bad byte written into out as \xNN (returns 1,
 * *out_len 4). */
static int next_piece(const char *s, char out[5], int *out_len)
{
	uint32_t cp;
	int len = text_utf8_length(s, &cp);
	if (len && !text_is_control(cp)) {
		*out_len = 0;
		return len;
	}
	snprintf(out, 5, "\\x%02x", (unsigned)(unsigned char)s[0]);
	*out_len = 4;
	return 1;
}

size_t text_clean(char *dst, size_t size, const char *src)
{
	if (size == 0)
		return 0;
	size_t n = 0;
	while (*src) {
		char esc[5];
		int esc_len;
		int len = next_piece(src, esc, &esc_len);
		const char *from = esc_len ? esc : src;
		size_t take = esc_len ? (size_t)esc_len : (size_t)len;
		if (n + take >= size)
			break;
		memcpy(dst + n, from, take);
		n += take;
		src += len;
	}
	dst[n] = '\0';
	return n;
}

char *text_clean_dup(const char *src)
{
	size_t size = strlen(src) * TEXT_CLEAN_GROWTH + 1;
	char *out = xmalloc(size);
	text_clean(out, size, src);
	return out;
}

void text_clean_inplace(char *buf, size_t size)
{
	if (text_is_clean(buf))
		return;
	char *copy = xstrdup(buf);
	text_clean(buf, size, copy);
	free(copy);
}

void text_fputs(const char *s, FILE *f, bool keep_newlines)
{
	while (*s) {
		if (keep_newlines && *s == '\n') {
			fputc('\n', f);
			s++;
			continue;
		}
		char esc[5];
		int esc_len;
		int len = next_piece(s, esc, &esc_len);
		if (esc_len)
			fwrite(esc, 1, (size_t)esc_len, f);
		else
			fwrite(s, 1, (size_t)len, f);
		s += len;
	}
}

void text_fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	size_t len = strlen(s);
	const bool line_end = len && s[len - 1] == '\n';
	if (line_end)
		s[len - 1] = '\0';
	text_fputs(s, f, false);
	if (line_end)
		fputc('\n', f);
	free(s);
}

bool text_name_problem(const char *s, char *why, size_t size)
{
	while (*s) {
		uint32_t cp;
		int len = text_utf8_length(s, &cp);
		if (!len) {
			snprintf(why, size, "not valid UTF-8");
			return true;
		}
		if (text_is_control(cp)) {
			snprintf(why, size, "control character U+%04X", (unsigned)cp);
			return true;
		}
		s += len;
	}
	return false;
}

void text_name_from_file(char *dst, size_t size, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	const size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	char *raw = xmalloc(len + 1);
	memcpy(raw, base, len);
	raw[len] = '\0';
	text_clean(dst, size, raw);
	free(raw);
}
