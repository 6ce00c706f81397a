/* The JSON each model object keeps for the fields this version does not know (the
 * `json` members of src/project.h, opaque to the model): copies, frees, and the hold
 * a snapshot puts on it. The model's ground floor: src/project.c frees and copies
 * through it, src/project_json.c makes and reads it, src/project_copy.c shares it.
 * Any thread that owns the project; the hold is per thread. */
#ifndef TTYMIX_PROJECT_KEEP_H
#define TTYMIX_PROJECT_KEEP_H

/* Free what a json member holds (NULL: no-op); while this thread holds snapshots
 * (project_json_hold), kept until the last release. */
void project_json_free(void *json);
/* A deep copy (NULL for NULL). */
void *project_json_copy(const void *json);
/* A copy of object json in which the members named in keys (a NULL-terminated list)
 * hold null: for a snapshot (src/project_copy.c) of members whose content the save
 * rebuilds from the model, where only their presence counts. */
void *project_json_copy_outline(const void *json, const char *const *keys);
/* A snapshot shares this thread's JSON from hold to release (they nest). */
void project_json_hold(void);
void project_json_release(void);

#endif
