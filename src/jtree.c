#include "src/jtree.h"

#include <stdlib.h>
#include <string.h>

static void deinit(struct jtree *t)
{
	for (int i = 0; i < t->n_items; i++)
		deinit(&t->items[i]);
	free(t->items);
	free(t->key);
	free(t->string);
}

void jtree_free(struct jtree *t)
{
	if (!t)
		return;
	deinit(t);
	free(t);
}

const struct jtree *jtree_get(const struct jtree *t, const char *key)
{
	if (!t || t->kind != JTREE_OBJECT)
		return NULL;
	for (int i = 0; i < t->n_items; i++)
		if (t->items[i].key && !strcmp(t->items[i].key, key))
			return &t->items[i];
	return NULL;
}
