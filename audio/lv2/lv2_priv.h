/* Inside audio/lv2/: what world.c (the plug-in catalog and classes) and instance.c (the
 * running insert) share. Threads as lv2.h says. */
#ifndef TTYMIX_LV2_PRIV_H
#define TTYMIX_LV2_PRIV_H

#include <lv2/state/state.h>
#include <lv2/urid/urid.h>

#include "audio/lv2/lilv_dl.h"
#include "audio/lv2/lv2.h"

/* What instance.c does with each port of the plug-in. */
enum lv2_port_kind {
	LV2P_AUDIO_IN, LV2P_AUDIO_OUT,
	LV2P_AUDIO_SC,       /* a sidechain input (lv2:isSideChain, or its port group is
	                        pg:sideChainOf another): fed the strip's own input */
	LV2P_CONTROL_IN,     /* a parameter: param is its index in the class */
	LV2P_CONTROL_OUT,    /* meters and the latency port: written by the plug-in */
	LV2P_ATOM_IN, LV2P_ATOM_OUT,  /* given an empty sequence / room for one */
	LV2P_OPTIONAL,       /* lv2:connectionOptional of a kind we do not feed: NULL */
};

/* One plug-in's effect class, made the first time an insert asks for it. cls comes
 * first, so the class pointer the fx framework hands back is this struct's. */
struct lv2_class {
	struct fx_class cls;
	struct fx_param *params;
	struct lv2_plugin_info info;
	const LilvPlugin *plugin;
	int n_ports;
	enum lv2_port_kind *kind;
	int *param;                 /* per port: the parameter index, or -1 */
	size_t *atom_size;          /* per port: an atom port's buffer, bytes (the larger
	                               of ours and the port's rsz:minimumSize) */
	int audio_in[2], audio_out[2];  /* port indices, in channel order */
	int n_sc;                   /* sidechain inputs: 0, 1 or 2 (one per channel) */
	int sc[2];                  /* their port indices, in channel order */
	bool mono;                  /* 1 in/1 out: two instances, one per channel */
	int latency_port;           /* -1: none */
	bool missing;               /* the stand-in for a plug-in that is not here */
	bool has_state;             /* it has the state extension (state:interface) */
	struct lv2_class *next;
};

/* The world (loaded on first use, liblilv with it) and the URID map, for instance.c.
 * lv2_world is NULL only when liblilv cannot be loaded (lv2_ready says why); the other
 * functions are for code that runs after it has returned a world. */
LilvWorld *lv2_world(void);
/* The module's lock, for lilv calls that read or grow the world (states). */
LilvWorld *lv2_world_lock(void);
/* The world as it is, without the lock: for the holder of the lock, or after
 * lv2_world() has returned (the world is then only read). */
LilvWorld *lv2_world_peek(void);
void lv2_world_unlock(void);
LV2_URID_Map *lv2_urid_map(void);
LV2_URID_Unmap *lv2_urid_unmap(void);
LV2_URID lv2_urid(const char *uri);

/* instance.c's class functions, which world.c puts in every class. */
void *lv2_create(const struct fx_class *cls, int sample_rate, const double *params);
void lv2_process_rt(void *state, float *buf, int frames);
void lv2_set_param_rt(void *state, int index, double value);
void lv2_reset_rt(void *state);
void lv2_carry_rt(void *dst, void *src);
void lv2_destroy(void *state);
int lv2_latency(const void *state);
/* state_paths.c: the state extension's path features over a project folder. Each
 * handle points at the folder (a char *, NULL: no folder; the core's dir). A file
 * outside the folder is copied into its plugins/ and named by the copy, whose path
 * stays absolute: lilv writes every path in a state as an absolute file URI whatever a
 * mapPath gives (and a plug-in may take lilv's own mapPath, given after ours), so the
 * project-relative form is made as the text is written (lv2_text_relative) and undone
 * as it is read (lv2_text_absolute). */
char *lv2_path_abstract(LV2_State_Map_Path_Handle h, const char *abs);
char *lv2_path_absolute(LV2_State_Map_Path_Handle h, const char *path);
char *lv2_path_make(LV2_State_Make_Path_Handle h, const char *path);
void lv2_path_free(LV2_State_Free_Path_Handle h, char *path);
/* A state's text as a file keeps it: every file it names relative to the project
 * folder dir, those outside it copied into dir/plugins/ (one that cannot be copied
 * keeps its absolute path); dir NULL: text as it is. Caller frees. */
char *lv2_text_relative(const char *text, const char *dir);
/* A file's text as lilv reads it: paths relative to the project folder dir made
 * absolute file URIs; dir NULL: text as it is. Caller frees. */
char *lv2_text_absolute(const char *text, const char *dir);

/* lv2_create's state when the plug-in would not instantiate (it passes the signal). */
bool lv2_state_failed(const void *state);

#endif
