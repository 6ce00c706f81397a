/* libmicrohttpd loaded at run time (src/stream/mhd.h). */
#include "src/stream/mhd.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

#include "config.h"

static struct mhd_api api;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool loaded;
static char why[256];

static void load(void)
{
	void *lib = dlopen(MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		snprintf(why, sizeof why, "%s", dlerror());
		return;
	}
	struct { void **to; const char *name; } syms[] = {
		{ (void **)&api.start_daemon, "MHD_start_daemon" },
		{ (void **)&api.stop_daemon, "MHD_stop_daemon" },
		{ (void **)&api.create_response_from_buffer, "MHD_create_response_from_buffer" },
		{ (void **)&api.create_response_from_callback, "MHD_create_response_from_callback" },
		{ (void **)&api.add_response_header, "MHD_add_response_header" },
		{ (void **)&api.queue_response, "MHD_queue_response" },
		{ (void **)&api.destroy_response, "MHD_destroy_response" },
		{ (void **)&api.get_connection_info, "MHD_get_connection_info" },
		{ (void **)&api.lookup_connection_value, "MHD_lookup_connection_value" },
	};
	for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
		if (!(*syms[i].to = dlsym(lib, syms[i].name))) {
			snprintf(why, sizeof why, "it lacks %s", syms[i].name);
			dlclose(lib);
			return;
		}
	}
	loaded = true; /* the library stays loaded for the process */
}

const struct mhd_api *mhd_load(struct err_msg *msg)
{
	pthread_once(&once, load);
	if (!loaded) {
		err_set(msg, ERR_DEVICE, "stream: cannot load libmicrohttpd (%s): %s", MHD_SONAME,
			why);
		return NULL;
	}
	return &api;
}

const struct mhd_api *mhd_api(void)
{
	return &api;
}
