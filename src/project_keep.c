/* The JSON kept for unknown fields (src/project_keep.h): the only model file besides
 * src/project_json.c that includes cJSON, so that the plain model below the loader can
 * free and copy what the loader made. */
#include "src/project_keep.h"

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/xalloc.h"

/* JSON shared with a snapshot (project_snapshot, src/project_copy.c): while the
 * thread that took one holds it, what that thread frees is kept until the release.
 * Per thread: other threads' projects are never shared. */
static _Thread_local int json_holds;
static _Thread_local void **json_kept;
static _Thread_local size_t n_json_kept, cap_json_kept;

void project_json_hold(void)
{
	json_holds++;
}

void project_json_release(void)
{
	if (--json_holds > 0)
		return;
	for (size_t i = 0; i < n_json_kept; i++)
		cJSON_Delete(json_kept[i]);
	free(json_kept);
	json_kept = NULL;
	n_json_kept = cap_json_kept = 0;
}

void project_json_free(void *json)
{
	if (json && json_holds > 0) {
		if (n_json_kept == cap_json_kept) {
			cap_json_kept = cap_json_kept ? cap_json_kept * 2 : 64;
			json_kept = xrealloc(json_kept, cap_json_kept * sizeof *json_kept);
		}
		json_kept[n_json_kept++] = json;
		return;
	}
	cJSON_Delete(json);
}

void *project_json_copy(const void *json)
{
	if (!json)
		return NULL;
	cJSON *c = cJSON_Duplicate(json, true);
	if (!c)
		xalloc_die();
	return c;
}

void *project_json_copy_outline(const void *json, const char *const *keys)
{
	if (!json)
		return NULL;
	const cJSON *src = json;
	if (!cJSON_IsObject(src))
		return project_json_copy(json);
	cJSON *o = cJSON_CreateObject();
	if (!o)
		xalloc_die();
	for (const cJSON *c = src->child; c; c = c->next) {
		bool outline = false;
		for (int k = 0; keys[k] && !outline; k++)
			outline = !strcmp(c->string, keys[k]);
		cJSON *item = outline ? cJSON_CreateNull() : cJSON_Duplicate(c, true);
		if (!item)
			xalloc_die();
		cJSON_AddItemToObject(o, c->string, item);
	}
	return o;
}
