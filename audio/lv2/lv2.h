/* LV2 plug-ins, hosted with lilv: the one door to lilv and the LV2 headers.
 *
 * The installed plug-ins are found once (lilv_world_load_all, the first time anything
 * here is asked) and kept until exit. Each plug-in used as an insert gets an effect
 * class of its own (struct fx_class, audio/fx/fx.h), made at run time from its ports:
 * its parameters are its control input ports, keyed by port symbol, with their ranges
 * and defaults, so the project loader, `:fx`, automation and the strip detail treat an
 * LV2 insert as they treat a built-in one. Such a class's name is "lv2" and its uri is
 * the plug-in's.
 *
 * Threads: every function here runs on a control thread (the UI thread, a render's
 * main thread, a graph build): they allocate and take the module's lock. The classes
 * they return live until exit and may be read from any thread. An insert's create and
 * destroy (instantiate, activate, deactivate, free) run where graph_build and the
 * graph's retirement run, never on the audio thread; only the class's process_rt
 * (the plug-in's run()) runs there, and its carry_rt, which hands a playing insert's
 * instances to the same insert of the graph that replaces it (pointers exchanged: the
 * retired graph frees the fresh instances its successor was built with). */
#ifndef TTYMIX_LV2_H
#define TTYMIX_LV2_H

#include <stdbool.h>
#include <stddef.h>

#include "audio/fx/fx.h"
#include "src/base/err.h"

#define LV2_MAX_BLOCK 4096      /* frames per run(): longer blocks are split */
#define LV2_ATOM_CAPACITY 8192  /* bytes per atom port buffer, unless it asks more */

/* The class of the plug-in uri_or_name (a URI, or a name that only one installed
 * plug-in has, case-insensitive) into *out. ERR_NOT_FOUND when it is not installed;
 * ERR_FORMAT when its layout cannot go on a strip or it needs a feature ttymix does not
 * give; the reason in msg. */
enum err lv2_class_get(const char *uri_or_name, const struct fx_class **out,
	struct err_msg *msg);

/* A stand-in class for a plug-in that is not installed (or cannot load): no
 * parameters, its signal passes through untouched. The project keeps such an insert
 * as it was read (fx_class.missing is true). */
const struct fx_class *lv2_class_missing(const char *uri);

/* ---- listing (`ttymix plugins`) ---- */

struct lv2_port_info {
	char *symbol, *name;
	const char *unit;          /* "dB", "Hz", "ms", "%"...; "" when none */
	double min, max, def;
	bool integer, toggled, enumeration, logarithmic;
	bool sample_rate;          /* lv2:sampleRate: min, max, def and the port's values
	                              are fractions of the sample rate */
	int n_labels;              /* enumeration: the scale points */
	double *label_values;
	char **labels;
};

struct lv2_plugin_info {
	char *uri, *name, *class_label, *comment;  /* comment: rdfs:comment, may be NULL */
	int audio_in, audio_out;   /* audio_in: not counting the sidechain inputs */
	int sidechain_in;          /* fed the strip's own input */
	bool has_latency;          /* reports its latency on a control output port */
	int n_controls;            /* control input ports */
	struct lv2_port_info *controls;
};

/* ERR_OK when liblilv is loaded or can be (audio/lv2/lilv_dl.h); else ERR_NOT_FOUND
 * and one line in msg. Without it no plug-in is listed or found. Any thread but the
 * audio thread. */
enum err lv2_ready(struct err_msg *msg);

/* Every installed plug-in whose name or URI contains each of words[0..n_words)
 * (case-insensitive), sorted by name. The caller frees with lv2_list_free. */
int lv2_list(const char *const *words, int n_words, struct lv2_plugin_info **out);
void lv2_list_free(struct lv2_plugin_info *list, int n);

/* The plug-in behind class cls (an LV2 class), as listed; NULL for other classes.
 * Lives until exit. */
const struct lv2_plugin_info *lv2_class_info(const struct fx_class *cls);

/* Key insert fx's sidechain inputs (a plug-in with sidechain_in) by another strip's
 * signal: key holds the frames of the next fx_insert_process_rt call, interleaved
 * stereo (one sidechain input on a stereo plug-in hears its mid), and is read as the
 * call goes; NULL: the strip's own input. Any insert may be given: one that is not an
 * LV2 plug-in's ignores it. Audio thread (or the thread that owns the graph), before
 * each call on the insert. */
void lv2_insert_key_rt(struct fx_insert *fx, const float *key);

/* What a parameter's value is multiplied by to be shown, and divided by when typed:
 * sample_rate for a port with lv2:sampleRate (its value a fraction of the rate: shown
 * and typed in Hz), else 1. The project and the plug-in keep the port's own value. */
double lv2_param_scale(const struct fx_class *cls, int param, int sample_rate);

/* Names and URIs of the installed plug-ins that begin with prefix (for Tab), each
 * once; the caller frees every string and the array. */
int lv2_complete(const char *prefix, char ***out);

/* ---- presets (the plug-in's own, pset:Preset) ---- */

/* The labels of cls's presets, sorted, each once (caller frees each and the array);
 * 0 for a class that is not an LV2 plug-in's or has none. */
int lv2_presets(const struct fx_class *cls, char ***out);
/* The preset labelled label (case-insensitive) as parameter values: params (cls's
 * n_params, the insert's values now) gets every control port value the preset holds,
 * clamped to the port's range; *n_set says how many. When state is not NULL and the
 * plug-in has the state extension, *state is the rest of the preset (what its
 * state:state holds, files it names as absolute paths) as Turtle for lv2_state_attach,
 * else NULL; the caller frees it. ERR_NOT_FOUND (said in msg) when cls has no such
 * preset. */
enum err lv2_preset_apply(const struct fx_class *cls, const char *label, double *params,
	int *n_set, char **state, struct err_msg *msg);

/* ---- state (the LV2 state extension: what a plug-in keeps beyond its ports) ----
 * A project keeps each such insert's state in its folder, one Turtle file per insert
 * (lv2_state_path); the insert's port values stay in project.json. */

/* Whether cls is an LV2 plug-in's class with the state extension. */
bool lv2_class_has_state(const struct fx_class *cls);
/* The state file of insert slot (from 1) on a strip of the project in folder dir:
 * DIR/plugins/KIND-NAME-SLOT.ttl, kind "track", "bus" or "master", the name with every
 * character but letters, digits, '-', '_' and '.' made '_' (master: no name). Caller
 * frees. */
char *lv2_state_path(const char *dir, const char *kind, const char *name, int slot);
/* The insert (state: an fx_insert's state of an LV2 class with state) is known by its
 * state file from now on, and its plug-in is restored from text when it is not NULL
 * (a preset applied since the project was saved: project_insert.lv2_state), else from
 * file's state when there is one. A mono pair's right instance has its own file
 * (lv2_state_pair_path); without it, it gets file's state as the left one does.
 * serial names the state restored: a running plug-in is carried into the insert of a
 * rebuilt graph only when both were restored from the same one (an undone preset
 * restores the file's state instead of carrying the preset's on). Files the state
 * names are relative to the project folder (file's folder's parent): the plug-in gets
 * mapPath, makePath and freePath over it, and a save copies a file from outside the
 * folder into plugins/, so a state file names no absolute path. Control thread,
 * before its graph is handed over (a restore never runs beside run()). A state that
 * does not read or is another plug-in's: said in msg (the plug-in keeps its
 * defaults), the insert attached all the same. A no-op for other inserts. */
enum err lv2_state_attach(void *state, const char *file, const char *text, unsigned serial,
	struct err_msg *msg);
/* The state file of a mono pair's right instance beside file (plugins/X.ttl:
 * plugins/X.right.ttl). Caller frees. */
char *lv2_state_pair_path(const char *file);
/* Write the state of the plug-in attached to file that plays (the one that ran most)
 * to file (a mono pair: its right instance's to lv2_state_pair_path too), atomically (safefile), making its folder. ERR_NOT_FOUND when no insert is
 * attached to file (the file is left as it is); other errors said in msg. Control
 * thread; the plug-in may be running. */
enum err lv2_state_save(const char *file, struct err_msg *msg);
/* The state of the plug-in attached to file that plays (a mono pair: its left
 * instance's), as Turtle naming files by absolute paths, for project_insert.lv2_state;
 * NULL when none is attached or it gives none. Caller frees. Control thread. */
char *lv2_state_now(const char *file);
/* The same, into to_file of another project folder (`:w DIR`): files the state names
 * are made relative to that folder (brought into its plugins/). */
enum err lv2_state_save_as(const char *file, const char *to_file, struct err_msg *msg);

/* ---- the running insert ---- */

/* The worker extension (work a plug-in's run() schedules, done on a thread of its
 * own): over the insert's instances, the requests its run() scheduled, those its
 * worker did, and the responses handed back to its run(). Any thread. */
void lv2_worker_counts(const void *state, unsigned *scheduled, unsigned *done,
	unsigned *delivered);
/* A work request has waited LV2_WORK_LATE_SEC or more with the worker doing nothing:
 * true once per such stall, for the status line. The thread that polls the insert
 * (the UI's), polled often (the wait is timed from the first poll that sees it). */
#define LV2_WORK_LATE_SEC 2.0
bool lv2_state_take_worker_late(void *state);

/* The insert's plug-in wrote NaN or Inf: the insert is muted from that block on (the
 * rest of the mix plays on). Any thread; the UI polls it to name the plug-in. */
bool lv2_state_bad_output(const void *state);
/* The same, true only the first time it is asked after the plug-in went bad: for
 * saying it once. */
bool lv2_state_take_bad_output(void *state);

#endif
