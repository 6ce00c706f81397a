/* Libraries opened with dlopen() when a command first needs them, instead of linked
 * (issue 23, goal 5): a linked library costs every command its pages at start, a
 * render and `ttymix --help` included, though only play, pitch, the spectrum, LV2...
 * call it. Each such library has one small file (audio/jack_dl.c, src/pitch_dl.c...)
 * that holds its function table and a struct dl_lib; the table is filled on the first
 * dl_load and kept for the process (never dlclose'd: pointers into the library may
 * live anywhere).
 *
 * Threads: dl_load from any thread but the audio thread (it may read files and
 * allocate); it is safe to call from several at once. Once it has returned ERR_OK the
 * table is only read, so any thread, the audio thread included, may call through it. */
#ifndef TTYMIX_BASE_DL_H
#define TTYMIX_BASE_DL_H

#include <stdbool.h>
#include <stddef.h>

#include "src/base/err.h"

/* one function: where its address goes, and its name in the library */
struct dl_sym {
	void **to;
	const char *name;
};

struct dl_lib {
	const char *soname;          /* the run-time name configure found (config.h) */
	const char *name;            /* the library as a user knows it: "libjack" */
	const struct dl_sym *syms;
	size_t n_syms;
	/* state, guarded by dl.c's lock until loaded is set (then read-only) */
	bool tried;
	bool loaded;
	char why[200];
};

#define DL_LIB(soname_, name_, syms_) \
	{ .soname = (soname_), .name = (name_), .syms = (syms_), \
	  .n_syms = sizeof(syms_) / sizeof((syms_)[0]) }

/* Load lib (once) and fill its table. ERR_NOT_FOUND when the library or one of its
 * functions is missing, with msg as one line naming the library, its file and what
 * needed it (`for`: "the JACK output", "pitch shifting"...); nothing is left half
 * filled that a caller could use, and a later call says the same again. */
enum err dl_load(struct dl_lib *lib, const char *for_what, struct err_msg *msg);

/* true once dl_load has succeeded (a cheap check, e.g. before unloading state) */
bool dl_loaded(const struct dl_lib *lib);

#endif
