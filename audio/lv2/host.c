/* The LV2 host's shared parts: lilv's world (every installed plug-in, read once, then
 * only read under its lock) and the URID map every plug-in instance is given. Both the
 * catalog (world.c) and the instances (instance.c) use them; neither is used by them. */
#include "audio/lv2/lv2_priv.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/xalloc.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static LilvWorld *world;

LilvWorld *lv2_world(void)
{
	pthread_mutex_lock(&lock);
	if (!world && lilv_dl_load(NULL) == ERR_OK) {
		world = lilv_fn.world_new();
		if (!world)
			xalloc_die();
		lilv_fn.world_load_all(world);
	}
	pthread_mutex_unlock(&lock);
	return world;
}

enum err lv2_ready(struct err_msg *msg)
{
	return lilv_dl_load(msg);
}

LilvWorld *lv2_world_lock(void)
{
	lv2_world();
	pthread_mutex_lock(&lock);
	return world;
}

void lv2_world_unlock(void)
{
	pthread_mutex_unlock(&lock);
}

LilvWorld *lv2_world_peek(void)
{
	return world;
}

/* ---- the URID map: every URI a plug-in asks for, numbered from 1 ----
 * Its own lock: plug-ins map URIs while they are instantiated (under the class lock)
 * and may do so from any thread. Entries are never removed. */
static pthread_mutex_t urid_lock = PTHREAD_MUTEX_INITIALIZER;
static char **urids;
static size_t n_urids, cap_urids;

static LV2_URID map_uri(LV2_URID_Map_Handle h, const char *uri)
{
	(void)h;
	pthread_mutex_lock(&urid_lock);
	size_t i = 0;
	while (i < n_urids && strcmp(urids[i], uri))
		i++;
	if (i == n_urids) {
		if (n_urids == cap_urids) {
			cap_urids = cap_urids ? cap_urids * 2 : 64;
			urids = xrealloc(urids, cap_urids * sizeof *urids);
		}
		urids[n_urids++] = xstrdup(uri);
	}
	pthread_mutex_unlock(&urid_lock);
	return (LV2_URID)(i + 1);
}

static const char *unmap_urid(LV2_URID_Unmap_Handle h, LV2_URID urid)
{
	(void)h;
	pthread_mutex_lock(&urid_lock);
	const char *s = urid >= 1 && urid <= n_urids ? urids[urid - 1] : NULL;
	pthread_mutex_unlock(&urid_lock);
	return s;
}

static LV2_URID_Map the_map = { NULL, map_uri };
static LV2_URID_Unmap the_unmap = { NULL, unmap_urid };

LV2_URID_Map *lv2_urid_map(void)
{
	return &the_map;
}

LV2_URID_Unmap *lv2_urid_unmap(void)
{
	return &the_unmap;
}

LV2_URID lv2_urid(const char *uri)
{
	return map_uri(NULL, uri);
}
