#include "ui/hit.h"

#include <stddef.h>

void ui_hit_clear(struct ui_hit_map *m)
{
	m->n = 0;
}

void ui_hit_add(struct ui_hit_map *m, const struct ui_hit *h)
{
	if (h->w <= 0 || h->h <= 0 || m->n >= UI_HIT_MAX)
		return;
	m->items[m->n++] = *h;
}

const struct ui_hit *ui_hit_at(const struct ui_hit_map *m, int y, int x)
{
	/* newest first: a marker drawn over the ruler, a fader over its strip */
	for (int i = m->n; i-- > 0;) {
		const struct ui_hit *h = &m->items[i];
		if (y >= h->y && y < h->y + h->h && x >= h->x && x < h->x + h->w)
			return h;
	}
	return NULL;
}

double ui_hit_time(const struct ui_hit *h, int x)
{
	const double t = h->t0 + (x - h->x) * h->spc;
	return t > 0 ? t : 0;
}
