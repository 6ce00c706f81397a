/* The ear-training scores file (src/ear.h): one per user, in the per-user state folder,
 * read and written whole. The third file that includes cJSON (after the project's and
 * the lesson's readers), so that the JSON a teacher collects is made in one place. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/readfile.h"
#include "src/base/safefile.h"
#include "src/base/xalloc.h"
#include "src/ear.h"
#include "src/paths.h"

char *ear_scores_path(struct err_msg *msg)
{
	char *dir = paths_user_state(msg);
	if (!dir)
		return NULL;
	char *path = xasprintf("%s/ear.json", dir);
	free(dir);
	return path;
}

/* A scores file is a few hundred bytes; anything past this is not one. */
#define EAR_SCORES_MAX (64 * 1024)

static int whole(const cJSON *o, const char *key, int min, int max, int fallback)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	if (!cJSON_IsNumber(v) || v->valuedouble < min || v->valuedouble > max)
		return fallback;
	return (int)v->valuedouble;
}

enum err ear_scores_load(const char *path, struct ear_scores *s, struct err_msg *msg)
{
	for (int i = 0; i < EAR_EXERCISES; i++)
		ear_score_init(&s->ex[i]);
	enum err e;
	char *text = readfile_text(path, EAR_SCORES_MAX, &e, msg);
	if (!text)
		return e == ERR_NOT_FOUND ? ERR_OK : e;
	cJSON *root = cJSON_Parse(text);
	free(text);
	const cJSON *exs = cJSON_GetObjectItemCaseSensitive(root, "exercises");
	if (!cJSON_IsObject(exs)) {
		cJSON_Delete(root);
		return err_set(msg, ERR_PARSE, "%s: not ttymix's ear-training scores (no "
			"\"exercises\" object)", path);
	}
	for (int i = 0; i < EAR_EXERCISES; i++) {
		const cJSON *o = cJSON_GetObjectItemCaseSensitive(exs,
			ear_exercise_name((enum ear_exercise)i));
		if (!cJSON_IsObject(o))
			continue;
		struct ear_score *sc = &s->ex[i];
		sc->attempts = whole(o, "attempts", 0, 1 << 30, 0);
		sc->right = whole(o, "right", 0, sc->attempts, 0);
		sc->level = whole(o, "level", 1, ear_levels((enum ear_exercise)i), 1);
		sc->streak = whole(o, "streak", -EAR_DOWN_AFTER, EAR_UP_AFTER, 0);
		sc->seeded = whole(o, "seeded", 0, sc->attempts, 0);
	}
	cJSON_Delete(root);
	return ERR_OK;
}

char *ear_scores_json(const struct ear_scores *s, const char *user)
{
	cJSON *root = cJSON_CreateObject();
	if (user)
		cJSON_AddStringToObject(root, "user", user);
	cJSON *exs = cJSON_AddObjectToObject(root, "exercises");
	for (int i = 0; i < EAR_EXERCISES; i++) {
		const struct ear_score *sc = &s->ex[i];
		cJSON *o = cJSON_AddObjectToObject(exs, ear_exercise_name((enum ear_exercise)i));
		cJSON_AddNumberToObject(o, "attempts", sc->attempts);
		cJSON_AddNumberToObject(o, "right", sc->right);
		cJSON_AddNumberToObject(o, "level", sc->level);
		cJSON_AddNumberToObject(o, "levels", ear_levels((enum ear_exercise)i));
		cJSON_AddNumberToObject(o, "streak", sc->streak);
		cJSON_AddNumberToObject(o, "seeded", sc->seeded);
	}
	char *printed = cJSON_Print(root);
	cJSON_Delete(root);
	if (!printed)
		xalloc_die();
	char *text = xasprintf("%s\n", printed);
	cJSON_free(printed);
	return text;
}

enum err ear_scores_save(const char *path, const struct ear_scores *s,
	struct err_msg *msg)
{
	char *text = ear_scores_json(s, NULL);
	char *dir = safefile_dirname(path);
	const enum err e = safefile_replace(path, text, strlen(text),
		safefile_mode_for_dir(dir), msg);
	free(dir);
	free(text);
	return e;
}
