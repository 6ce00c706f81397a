#include <curses.h>
#include <langinfo.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include "ui/draw.h"
#include "src/studio/snapshot.h"
#include "ui/theme.h"

static bool utf8;
static bool ascii_only; /* the C/POSIX locale: show no byte above 127 */

void ui_draw_init(void)
{
	/* the block characters exist in UTF-8 only; another multibyte charset would not
	 * have them even though MB_CUR_MAX > 1 */
	const char *codeset = nl_langinfo(CODESET);
	utf8 = codeset && (!strcmp(codeset, "UTF-8") || !strcmp(codeset, "utf8"));
	ascii_only = !codeset || !strcmp(codeset, "ANSI_X3.4-1968") || !strcmp(codeset, "ASCII")
		|| !strcmp(codeset, "US-ASCII");
}

bool ui_draw_utf8(void)
{
	return utf8;
}

int ui_text(int y, int x, int width, int attr, bool pad, const char *s)
{
	int used = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	attrset(attr);
	move(y, x);
	size_t len = strlen(s);
	while (len > 0 && used < width) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, len, &st);
		int w = -1;
		if (n != (size_t)-1 && n != (size_t)-2 && n != 0)
			w = wcwidth(wc);
		if (w < 0 || (ascii_only && (unsigned char)*s >= 0x80)) {
			/* undecodable, unprintable, or not ASCII in an ASCII locale: one '?' */
			memset(&st, 0, sizeof st);
			addch('?');
			used++;
			n = n == (size_t)-1 || n == (size_t)-2 || n == 0 ? 1 : n;
		} else {
			if (used + w > width)
				break;
			addnstr(s, (int)n);
			used += w;
		}
		s += n;
		len -= n;
	}
	if (pad)
		for (; used < width; used++)
			addch(' ');
	attrset(A_NORMAL);
	return used;
}

size_t ui_text_fit(const char *s, int width, int *cols)
{
	int used = 0;
	size_t off = 0, len = strlen(s);
	mbstate_t st;
	memset(&st, 0, sizeof st);
	while (off < len && used < width) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s + off, len - off, &st);
		int w = -1;
		if (n != (size_t)-1 && n != (size_t)-2 && n != 0)
			w = wcwidth(wc);
		if (w < 0 || (ascii_only && (unsigned char)s[off] >= 0x80)) {
			memset(&st, 0, sizeof st); /* one '?', as ui_text draws it */
			w = 1;
			n = n == (size_t)-1 || n == (size_t)-2 || n == 0 ? 1 : n;
		}
		if (used + w > width)
			break;
		used += w;
		off += n;
	}
	if (cols)
		*cols = used;
	return off;
}

size_t ui_text_wrap(const char *s, int width, size_t *next)
{
	const size_t all = strlen(s);
	size_t fit = ui_text_fit(s, width, NULL);
	if (fit >= all) {
		*next = all;
		return all;
	}
	for (size_t i = fit; i > 0; i--)
		if (s[i] == ' ') {
			*next = i + 1;
			return i;
		}
	if (fit == 0)
		fit = 1; /* a character wider than the line: never stall */
	*next = fit;
	return fit;
}

int ui_text_cut(int y, int x, int width, int attr, bool pad, const char *s)
{
	if (width <= 0)
		return 0;
	const size_t all = strlen(s);
	if (ui_text_fit(s, width, NULL) == all)
		return ui_text(y, x, width, attr, pad, s);
	const char *mark = utf8 ? "\u2026" : "...";
	const int mark_w = utf8 ? 1 : 3;
	if (width <= mark_w)
		return ui_text(y, x, width, attr, pad, s);
	const size_t keep = ui_text_fit(s, width - mark_w, NULL);
	char buf[1024];
	snprintf(buf, sizeof buf, "%.*s%s", (int)(keep < sizeof buf - 8 ? keep : sizeof buf - 8),
		s, mark);
	return ui_text(y, x, width, attr, pad, buf);
}

int ui_textf(int y, int x, int width, int attr, bool pad, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return ui_text(y, x, width, attr, pad, buf);
}

const char *ui_glyph_vbar(void)
{
	return utf8 ? "\u2502" : "|";
}

/* Zones as on most digital desks: green well below full scale, yellow near the
 * usual mix-bus headroom, red in the last 6 dB. */
static enum ui_role zone(double cell_top_db)
{
	if (cell_top_db > -6.0)
		return UI_ROLE_METER_HIGH;
	if (cell_top_db > -18.0)
		return UI_ROLE_METER_MID;
	return UI_ROLE_METER_LOW;
}

/* Eighths of the whole meter height a level fills. */
static int eighths(double db, int height)
{
	double f = (db - STUDIO_METER_FLOOR_DB) / -STUDIO_METER_FLOOR_DB;
	if (f <= 0)
		return 0;
	if (f > 1)
		f = 1;
	return (int)lround(f * height * 8);
}

static void put_cell(int y, int x, int width, const char *glyph, int attr)
{
	attrset(attr);
	for (int i = 0; i < width; i++)
		mvaddstr(y, x + i, glyph);
	attrset(A_NORMAL);
}

void ui_meter_column(int top, int x, int height, int width, double peak_db, double rms_db,
	double hold_db)
{
	static const char *const partial[8] = { " ", "\u2581", "\u2582", "\u2583", "\u2584",
		"\u2585", "\u2586", "\u2587" };
	const int rms_e = eighths(rms_db, height), peak_e = eighths(peak_db, height);
	const int hold_e = hold_db > STUDIO_METER_FLOOR_DB ? eighths(hold_db, height) : 0;
	const double step_db = -STUDIO_METER_FLOOR_DB / height;
	for (int r = 0; r < height; r++) {
		const int y = top + height - 1 - r;
		const int rms_cell = rms_e - r * 8, peak_cell = peak_e - r * 8;
		const int attr = ui_theme_attr(zone(STUDIO_METER_FLOOR_DB + (r + 1) * step_db));
		const char *glyph = " ";
		if (rms_cell >= 8)
			glyph = utf8 ? "\u2588" : "#";
		else if (rms_cell > 0 && utf8)
			glyph = partial[rms_cell];
		else if (rms_cell >= 4)
			glyph = "#";
		else if (peak_cell >= 4)
			glyph = utf8 ? "\u2592" : "=";
		else if (hold_e > 0 && (hold_e - 1) / 8 == r && hold_e > peak_e)
			glyph = utf8 ? "\u2500" : "-";
		if (glyph[0] == ' ' && !glyph[1]) {
			put_cell(y, x, width, " ", A_NORMAL);
			continue;
		}
		put_cell(y, x, width, glyph, attr);
	}
}

void ui_meter_scale(int top, int x, int height, int width)
{
	static const int marks_db[] = { 0, -6, -12, -18, -24, -30, -36, -48, -60 };
	const double step_db = -STUDIO_METER_FLOOR_DB / height;
	int last_y = -1;
	for (size_t i = 0; i < sizeof marks_db / sizeof marks_db[0]; i++) {
		/* the row whose span holds the mark; 0 dB is the top row */
		int r = (int)floor((marks_db[i] - STUDIO_METER_FLOOR_DB) / step_db);
		if (r >= height)
			r = height - 1;
		if (r < 0)
			r = 0;
		const int y = top + height - 1 - r;
		if (y == last_y || y == last_y + 1)
			continue; /* too crowded at this height: keep the louder mark */
		ui_textf(y, x, width, ui_theme_attr(UI_ROLE_LABEL), true, "%*d", width - 1,
			marks_db[i]);
		last_y = y;
	}
}
