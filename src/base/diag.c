#include "src/base/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "src/base/text.h"
#include "src/base/xalloc.h"

void diag_init(struct diag *d)
{
	d->items = NULL;
	d->count = d->cap = d->errors = 0;
}

void diag_deinit(struct diag *d)
{
	for (size_t i = 0; i < d->count; i++)
		free(d->items[i].text);
	free(d->items);
	diag_init(d);
}

/* A checker that finds thousands of problems is reporting one mistake many times;
 * keep the first ones and a count. */
#define DIAG_MAX_ITEMS 200

void diag_add(struct diag *d, enum diag_level level, const char *fmt, ...)
{
	if (level == DIAG_ERROR)
		d->errors++;
	if (d->count >= DIAG_MAX_ITEMS)
		return;
	if (d->count == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->items = xrealloc(d->items, d->cap * sizeof *d->items);
	}
	va_list ap;
	va_start(ap, fmt);
	char *raw = xvasprintf(fmt, ap);
	va_end(ap);
	/* problems quote what was found (a name, a file name, a type): whoever shows
	 * them, on a terminal or in the studio, gets them clean */
	char *text = text_clean_dup(raw);
	free(raw);
	d->items[d->count].level = level;
	d->items[d->count].text = text;
	d->count++;
}

const char *diag_first_error(const struct diag *d)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].level == DIAG_ERROR)
			return d->items[i].text;
	return "";
}
