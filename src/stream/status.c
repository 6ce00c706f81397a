/* The body of GET /status.json, for the page and for scripts. cJSON writes it, so
 * that a project's name with quotes or control characters stays valid JSON. */
#include <cjson/cJSON.h>
#include <math.h>

#include "src/stream/stream_priv.h"

/* A level the page can draw, or null for silence (JSON has no -inf). */
static void add_level(cJSON *o, const char *name, double v)
{
	if (isfinite(v))
		cJSON_AddNumberToObject(o, name, round(v * 10.0) / 10.0);
	else
		cJSON_AddNullToObject(o, name);
}

char *stream_status_json(struct stream *s)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	pthread_mutex_lock(&s->lock);
	cJSON_AddBoolToObject(o, "playing", s->playing);
	cJSON_AddNumberToObject(o, "position_s", round((double)s->playhead / s->rate * 1000.0)
		/ 1000.0);
	cJSON_AddStringToObject(o, "project", s->project);
	cJSON_AddNumberToObject(o, "listeners", s->n_listeners);
	add_level(o, "momentary_lufs", s->momentary_lufs);
	add_level(o, "peak_dbfs", s->peak_dbfs);
	/* beyond the contract, for scripts and bench/: each listener's codec and the
	 * latency from the audio thread to its socket */
	cJSON *list = cJSON_AddArrayToObject(o, "streams");
	for (struct stream_listener *l = s->listeners; l && list; l = l->next) {
		cJSON *one = l->dropped ? NULL : cJSON_CreateObject();
		if (!one)
			continue;
		cJSON_AddNumberToObject(one, "id", l->id);
		cJSON_AddStringToObject(one, "codec", stream_codec_name(l->codec));
		cJSON_AddNumberToObject(one, "latency_ms", round(1000.0 * atomic_load_explicit(
			&l->latency_sec, memory_order_relaxed)));
		cJSON_AddNumberToObject(one, "worst_ms", round(1000.0 * atomic_load_explicit(
			&l->latency_worst, memory_order_relaxed)));
		cJSON_AddItemToArray(list, one);
	}
	pthread_mutex_unlock(&s->lock);
	char *text = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return text;
}
