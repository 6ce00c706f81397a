/* A JSON document as plain data, for code that walks every field of a project without
 * including cJSON (only src/project_json.c does): project_to_tree makes one, the diff
 * (src/project_diff.c) walks two. Any thread; a tree belongs to whoever made it. */
#ifndef TTYMIX_JTREE_H
#define TTYMIX_JTREE_H

#include <stdbool.h>

enum jtree_kind { JTREE_NULL, JTREE_BOOL, JTREE_NUMBER, JTREE_STRING, JTREE_ARRAY,
	JTREE_OBJECT };

struct jtree {
	enum jtree_kind kind;
	char *key;            /* the member's name inside an object; NULL otherwise */
	bool boolean;
	double number;
	char *string;
	struct jtree *items;  /* an array's items or an object's members, in file order */
	int n_items;
};

/* Free a tree made by project_to_tree (NULL: no-op). */
void jtree_free(struct jtree *t);
/* An object's member called key, or NULL (also when t is not an object). */
const struct jtree *jtree_get(const struct jtree *t, const char *key);

#endif
