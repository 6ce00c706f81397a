/* Libraries loaded on first use (src/base/dl.h). */
#include "src/base/dl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void try_load(struct dl_lib *lib)
{
	/* RTLD_LOCAL: the symbols stay out of the global namespace, so a plug-in or a
	 * second library cannot bind to them by accident; RTLD_NOW: a library that
	 * cannot resolve fails here, not in the middle of a callback */
	void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();
		snprintf(lib->why, sizeof lib->why, "%s", e ? e : "not found");
		return;
	}
	for (size_t i = 0; i < lib->n_syms; i++) {
		void *f = dlsym(h, lib->syms[i].name);
		if (!f) {
			snprintf(lib->why, sizeof lib->why, "it lacks %s", lib->syms[i].name);
			for (size_t j = 0; j < i; j++)
				*lib->syms[j].to = NULL;
			dlclose(h);
			return;
		}
		*lib->syms[i].to = f;
	}
	lib->loaded = true;
}

enum err dl_load(struct dl_lib *lib, const char *for_what, struct err_msg *msg)
{
	pthread_mutex_lock(&lock);
	if (!lib->tried) {
		lib->tried = true;
		try_load(lib);
	}
	const bool ok = lib->loaded;
	pthread_mutex_unlock(&lock);
	if (ok)
		return ERR_OK;
	return err_set(msg, ERR_NOT_FOUND, "%s needs %s, which cannot be loaded (%s): %s",
		for_what, lib->name, lib->soname, lib->why);
}

bool dl_loaded(const struct dl_lib *lib)
{
	pthread_mutex_lock(&lock);
	const bool ok = lib->loaded;
	pthread_mutex_unlock(&lock);
	return ok;
}
