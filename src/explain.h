/* Explanations: the teaching text for every control, in one table (src/explain.c)
 * that `ttymix help PARAM`, docs/explain.md (made from `ttymix help --all`) and the
 * studio's info panel all read. The fx parameter table (audio/fx/fx.h) keeps the
 * one-line summary, unit and range; this table adds what the control does in plain
 * words, typical starting values for common sources and what to listen for.
 *
 * Keys: an insert's class and parameter name ("compressor", "ratio"), where an eq band
 * number is written N ("bandN_hz") and a multiband band name "band" ("band_ratio");
 * the strip's own controls are the classes "fader", "pan" and "send" with no
 * parameter. Any thread (the table is constant); the returned text is the caller's. */
#ifndef TTYMIX_EXPLAIN_H
#define TTYMIX_EXPLAIN_H

#include <stdbool.h>

struct explain_text {
	const char *cls;
	const char *param;       /* NULL: a strip control */
	const char *does;        /* what it does */
	const char *vocal, *kick, *bass, *guitar, *mix_bus;  /* starting points; NULL: n/a */
	const char *listen;      /* what to listen for */
};

extern const struct explain_text explain_table[];
extern const int explain_count;

/* The entry for a class and parameter (normalised as above), or NULL. */
const struct explain_text *explain_find(const char *cls, const char *param);

/* The full text for one control: a title line ("compressor.ratio"), unit, range and
 * default with the one-line summary (for insert parameters), then the explanation.
 * Lines end in '\n'; paragraphs are not wrapped. NULL when nothing is known.
 * Caller frees. */
char *explain_format(const char *cls, const char *param);

/* Every control matching query: "class.param" exactly, or a parameter or class name
 * (e.g. "ratio" finds compressor.ratio and multiband.low_ratio ...). Calls found(arg,
 * class, param) for each, in table order; returns how many. */
int explain_search(const char *query,
	void (*found)(void *arg, const char *cls, const char *param), void *arg);

/* The whole reference (every class, every parameter), as `ttymix help --all` prints it
 * and docs/explain.md holds it. Caller frees. */
char *explain_all(void);

#endif
