/* The LV2 catalog: the listing for `ttymix plugins`, and one effect class per plug-in
 * used (lilv's world and the URID map are audio/lv2/host.c's). */
#include "audio/lv2/lv2_priv.h"

#include <ctype.h>
#include <strings.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lv2/atom/atom.h>
#include <lv2/buf-size/buf-size.h>
#include <lv2/core/lv2.h>
#include <lv2/options/options.h>
#include <lv2/port-groups/port-groups.h>
#include <lv2/port-props/port-props.h>
#include <lv2/presets/presets.h>
#include <lv2/resize-port/resize-port.h>
#include <lv2/state/state.h>
#include <lv2/units/units.h>
#include <lv2/worker/worker.h>

#include "src/base/xalloc.h"

#define RDFS_COMMENT "http://www.w3.org/2000/01/rdf-schema#comment"

/* the classes made so far: the list grows under the world's lock (audio/lv2/host.c) */
static struct lv2_class *classes;

/* lilv's world, for code that holds the lock or runs after lv2_world() */
#define world (lv2_world_peek())

double lv2_param_scale(const struct fx_class *cls, int param, int sample_rate)
{
	const struct lv2_plugin_info *info = lv2_class_info(cls);
	return info && param >= 0 && param < info->n_controls
		&& info->controls[param].sample_rate ? sample_rate : 1.0;
}

bool lv2_class_has_state(const struct fx_class *cls)
{
	return cls && cls->create_class == lv2_create
		&& ((const struct lv2_class *)cls)->has_state;
}

/* ---- reading a plug-in's description ---- */

static bool port_has(const LilvPlugin *pl, const LilvPort *port, const char *uri)
{
	LilvNode *n = lilv_fn.new_uri(world, uri);
	bool has = lilv_fn.port_has_property(pl, port, n);
	lilv_fn.node_free(n);
	return has;
}

/* An audio input that is a sidechain: marked lv2:isSideChain, or in a port group that
 * is the sidechain of another (pg:sideChainOf: LSP's sidechain plug-ins) */
static bool port_is_sidechain(const LilvPlugin *pl, const LilvPort *port)
{
	if (port_has(pl, port, "http://lv2plug.in/ns/lv2core#isSideChain"))
		return true;
	LilvNode *pred = lilv_fn.new_uri(world, LV2_PORT_GROUPS__group);
	LilvNodes *groups = lilv_fn.port_get_value(pl, port, pred);
	lilv_fn.node_free(pred);
	bool sc = false;
	LilvNode *of = lilv_fn.new_uri(world, LV2_PORT_GROUPS__sideChainOf);
	LILV_FOREACH(nodes, i, groups) {
		LilvNodes *main = lilv_fn.world_find_nodes(world, lilv_fn.nodes_get(groups, i), of, NULL);
		sc |= main && lilv_fn.nodes_size(main) > 0;
		lilv_fn.nodes_free(main);
	}
	lilv_fn.node_free(of);
	lilv_fn.nodes_free(groups);
	return sc;
}

static bool port_is(const LilvPlugin *pl, const LilvPort *port, const char *uri)
{
	LilvNode *n = lilv_fn.new_uri(world, uri);
	bool is = lilv_fn.port_is_a(pl, port, n);
	lilv_fn.node_free(n);
	return is;
}

/* The unit's symbol ("dB", "Hz"), from the units vocabulary lilv has loaded; "" when
 * the port names none. A static string: every unit ever seen is kept. */
static const char *port_unit(const LilvPlugin *pl, const LilvPort *port)
{
	static const struct { const char *uri, *sym; } known[] = {
		{ LV2_UNITS__db, "dB" }, { LV2_UNITS__hz, "Hz" }, { LV2_UNITS__khz, "kHz" },
		{ LV2_UNITS__ms, "ms" }, { LV2_UNITS__s, "s" }, { LV2_UNITS__pc, "%" },
		{ LV2_UNITS__bpm, "BPM" }, { LV2_UNITS__cent, "ct" }, { LV2_UNITS__semitone12TET, "semi" },
		{ LV2_UNITS__degree, "deg" }, { LV2_UNITS__coef, "" }, { LV2_UNITS__frame, "frames" },
		{ LV2_UNITS__m, "m" }, { LV2_UNITS__cm, "cm" }, { LV2_UNITS__mm, "mm" },
		{ LV2_UNITS__oct, "oct" }, { LV2_UNITS__beat, "beats" }, { LV2_UNITS__midiNote, "note" },
	};
	LilvNode *pred = lilv_fn.new_uri(world, LV2_UNITS__unit);
	LilvNodes *units = lilv_fn.port_get_value(pl, port, pred);
	lilv_fn.node_free(pred);
	const char *sym = "";
	const LilvNode *u = units ? lilv_fn.nodes_get_first(units) : NULL;
	if (u && lilv_fn.node_is_uri(u))
		for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
			if (!strcmp(lilv_fn.node_as_uri(u), known[i].uri))
				sym = known[i].sym;
	lilv_fn.nodes_free(units);
	return sym;
}

static void read_control(const LilvPlugin *pl, const LilvPort *port,
	struct lv2_port_info *c)
{
	c->symbol = xstrdup(lilv_fn.node_as_string(lilv_fn.port_get_symbol(pl, port)));
	LilvNode *name = lilv_fn.port_get_name(pl, port);
	c->name = xstrdup(name ? lilv_fn.node_as_string(name) : c->symbol);
	lilv_fn.node_free(name);
	c->unit = port_unit(pl, port);
	c->integer = port_has(pl, port, LV2_CORE__integer);
	c->toggled = port_has(pl, port, LV2_CORE__toggled);
	c->enumeration = port_has(pl, port, LV2_CORE__enumeration);
	c->logarithmic = port_has(pl, port, LV2_PORT_PROPS__logarithmic);
	c->sample_rate = port_has(pl, port, LV2_CORE__sampleRate);
	LilvNode *def = NULL, *min = NULL, *max = NULL;
	lilv_fn.port_get_range(pl, port, &def, &min, &max);
	c->min = min ? lilv_fn.node_as_float(min) : c->toggled ? 0 : NAN;
	c->max = max ? lilv_fn.node_as_float(max) : c->toggled ? 1 : NAN;
	c->def = def ? lilv_fn.node_as_float(def) : NAN;
	lilv_fn.node_free(def);
	lilv_fn.node_free(min);
	lilv_fn.node_free(max);
	/* what a plug-in leaves unsaid: the default is the minimum; a range of 0..1 */
	if (isnan(c->min))
		c->min = isnan(c->def) ? 0 : fmin(c->def, 0);
	if (isnan(c->max))
		c->max = isnan(c->def) ? 1 : fmax(c->def, 1);
	if (c->max < c->min)
		c->max = c->min;
	if (isnan(c->def))
		c->def = c->min;
	c->def = fmin(fmax(c->def, c->min), c->max);
	LilvScalePoints *sp = lilv_fn.port_get_scale_points(pl, port);
	if (sp) {
		c->labels = xcalloc(lilv_fn.scale_points_size(sp), sizeof *c->labels);
		c->label_values = xcalloc(lilv_fn.scale_points_size(sp), sizeof *c->label_values);
		LILV_FOREACH(scale_points, i, sp) {
			const LilvScalePoint *p = lilv_fn.scale_points_get(sp, i);
			c->labels[c->n_labels] = xstrdup(lilv_fn.node_as_string(lilv_fn.scale_point_get_label(p)));
			c->label_values[c->n_labels++] = lilv_fn.node_as_float(lilv_fn.scale_point_get_value(p));
		}
		lilv_fn.scale_points_free(sp);
	}
}

static char *plugin_comment(const LilvPlugin *pl)
{
	LilvNode *pred = lilv_fn.new_uri(world, RDFS_COMMENT);
	LilvNodes *vals = lilv_fn.plugin_get_value(pl, pred);
	lilv_fn.node_free(pred);
	const LilvNode *first = vals ? lilv_fn.nodes_get_first(vals) : NULL;
	char *s = first ? xstrdup(lilv_fn.node_as_string(first)) : NULL;
	lilv_fn.nodes_free(vals);
	return s;
}

static void read_info(const LilvPlugin *pl, struct lv2_plugin_info *info)
{
	memset(info, 0, sizeof *info);
	info->uri = xstrdup(lilv_fn.node_as_uri(lilv_fn.plugin_get_uri(pl)));
	LilvNode *name = lilv_fn.plugin_get_name(pl);
	info->name = xstrdup(name ? lilv_fn.node_as_string(name) : info->uri);
	lilv_fn.node_free(name);
	const LilvPluginClass *pc = lilv_fn.plugin_get_class(pl);
	info->class_label = xstrdup(pc ? lilv_fn.node_as_string(lilv_fn.plugin_class_get_label(pc))
		: "Plugin");
	info->comment = plugin_comment(pl);
	info->has_latency = lilv_fn.plugin_has_latency(pl);
	const uint32_t n = lilv_fn.plugin_get_num_ports(pl);
	info->controls = xcalloc(n ? n : 1, sizeof *info->controls);
	for (uint32_t i = 0; i < n; i++) {
		const LilvPort *port = lilv_fn.plugin_get_port_by_index(pl, i);
		const bool in = port_is(pl, port, LV2_CORE__InputPort);
		if (in && port_is(pl, port, LV2_CORE__AudioPort) && port_is_sidechain(pl, port))
			info->sidechain_in++;
		else if (port_is(pl, port, LV2_CORE__AudioPort))
			(in ? info->audio_in++ : info->audio_out++);
		else if (in && port_is(pl, port, LV2_CORE__ControlPort))
			read_control(pl, port, &info->controls[info->n_controls++]);
	}
}

static void free_info(struct lv2_plugin_info *info)
{
	for (int i = 0; i < info->n_controls; i++) {
		struct lv2_port_info *c = &info->controls[i];
		for (int k = 0; k < c->n_labels; k++)
			free(c->labels[k]);
		free(c->labels);
		free(c->label_values);
		free(c->symbol);
		free(c->name);
	}
	free(info->controls);
	free(info->uri);
	free(info->name);
	free(info->class_label);
	free(info->comment);
}

/* ---- listing ---- */

static bool contains_nocase(const char *hay, const char *needle)
{
	for (; *hay; hay++) {
		size_t k = 0;
		while (needle[k] && tolower((unsigned char)hay[k]) == tolower((unsigned char)needle[k]))
			k++;
		if (!needle[k])
			return true;
	}
	return !*needle;
}

static int info_cmp(const void *a, const void *b)
{
	const struct lv2_plugin_info *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);
	return c ? c : strcmp(x->uri, y->uri);
}

int lv2_list(const char *const *words, int n_words, struct lv2_plugin_info **out)
{
	if (!lv2_world()) {
		*out = xcalloc(1, sizeof **out);
		return 0;
	}
	/* the lock: another thread may be loading a preset's data into the world */
	lv2_world_lock();
	const LilvPlugins *all = lilv_fn.world_get_all_plugins(world);
	struct lv2_plugin_info *list = xcalloc(lilv_fn.plugins_size(all) + 1, sizeof *list);
	int n = 0;
	LILV_FOREACH(plugins, i, all) {
		const LilvPlugin *pl = lilv_fn.plugins_get(all, i);
		const char *uri = lilv_fn.node_as_uri(lilv_fn.plugin_get_uri(pl));
		LilvNode *name = lilv_fn.plugin_get_name(pl);
		bool ok = true;
		for (int w = 0; w < n_words && ok; w++)
			ok = contains_nocase(uri, words[w]) ||
				(name && contains_nocase(lilv_fn.node_as_string(name), words[w]));
		lilv_fn.node_free(name);
		if (ok)
			read_info(pl, &list[n++]);
	}
	lv2_world_unlock();
	qsort(list, (size_t)n, sizeof *list, info_cmp);
	*out = list;
	return n;
}

void lv2_list_free(struct lv2_plugin_info *list, int n)
{
	for (int i = 0; i < n; i++)
		free_info(&list[i]);
	free(list);
}

int lv2_complete(const char *prefix, char ***out)
{
	if (!lv2_world()) {
		*out = xcalloc(1, sizeof **out);
		return 0;
	}
	lv2_world_lock();
	const LilvPlugins *all = lilv_fn.world_get_all_plugins(world);
	char **v = xcalloc(2 * lilv_fn.plugins_size(all) + 1, sizeof *v);
	int n = 0;
	const size_t len = strlen(prefix);
	LILV_FOREACH(plugins, i, all) {
		const LilvPlugin *pl = lilv_fn.plugins_get(all, i);
		const char *uri = lilv_fn.node_as_uri(lilv_fn.plugin_get_uri(pl));
		if (!strncmp(uri, prefix, len))
			v[n++] = xstrdup(uri);
		LilvNode *name = lilv_fn.plugin_get_name(pl);
		if (name && !strncasecmp(lilv_fn.node_as_string(name), prefix, len))
			v[n++] = xstrdup(lilv_fn.node_as_string(name));
		lilv_fn.node_free(name);
	}
	lv2_world_unlock();
	*out = v;
	return n;
}

/* ---- classes ---- */

/* The features ttymix gives every instance (instance.c): a plug-in that requires
 * another cannot run here. */
static const char *const supported_features[] = {
	LV2_URID__map, LV2_URID__unmap, LV2_OPTIONS__options, LV2_BUF_SIZE__boundedBlockLength,
	LV2_WORKER__schedule, LV2_CORE__isLive, LV2_CORE__hardRTCapable, LV2_CORE__inPlaceBroken,
};

static enum err check_features(const LilvPlugin *pl, const char *name, struct err_msg *msg)
{
	LilvNodes *req = lilv_fn.plugin_get_required_features(pl);
	enum err e = ERR_OK;
	LILV_FOREACH(nodes, i, req) {
		const char *f = lilv_fn.node_as_uri(lilv_fn.nodes_get(req, i));
		bool ok = false;
		for (size_t k = 0; k < sizeof supported_features / sizeof *supported_features; k++)
			ok |= !strcmp(f, supported_features[k]);
		if (!ok && e == ERR_OK)
			e = err_set(msg, ERR_FORMAT, "LV2 plug-in \"%s\" needs the feature %s, which "
				"ttymix does not give", name, f);
	}
	lilv_fn.nodes_free(req);
	return e;
}

/* Each port's kind; false (with why in msg) when a port is one no strip can feed. */
static enum err map_ports(struct lv2_class *lc, const LilvPlugin *pl, struct err_msg *msg)
{
	lc->n_ports = (int)lilv_fn.plugin_get_num_ports(pl);
	lc->kind = xcalloc((size_t)lc->n_ports + 1, sizeof *lc->kind);
	lc->param = xcalloc((size_t)lc->n_ports + 1, sizeof *lc->param);
	lc->atom_size = xcalloc((size_t)lc->n_ports + 1, sizeof *lc->atom_size);
	lc->latency_port = lilv_fn.plugin_has_latency(pl)
		? (int)lilv_fn.plugin_get_latency_port_index(pl) : -1;
	int n_in = 0, n_out = 0, n_param = 0;
	lc->n_sc = 0;
	for (int i = 0; i < lc->n_ports; i++) {
		const LilvPort *port = lilv_fn.plugin_get_port_by_index(pl, (uint32_t)i);
		const bool in = port_is(pl, port, LV2_CORE__InputPort);
		lc->param[i] = -1;
		if (in && port_is(pl, port, LV2_CORE__AudioPort) && port_is_sidechain(pl, port)) {
			lc->kind[i] = LV2P_AUDIO_SC;
			if (lc->n_sc < 2)
				lc->sc[lc->n_sc] = i;
			lc->n_sc++;
		} else if (port_is(pl, port, LV2_CORE__AudioPort)) {
			lc->kind[i] = in ? LV2P_AUDIO_IN : LV2P_AUDIO_OUT;
			if (in && n_in < 2)
				lc->audio_in[n_in] = i;
			else if (!in && n_out < 2)
				lc->audio_out[n_out] = i;
			in ? n_in++ : n_out++;
		} else if (port_is(pl, port, LV2_CORE__ControlPort)) {
			lc->kind[i] = in ? LV2P_CONTROL_IN : LV2P_CONTROL_OUT;
			if (in)
				lc->param[i] = n_param++;
		} else if (port_is(pl, port, LV2_ATOM__AtomPort)) {
			lc->kind[i] = in ? LV2P_ATOM_IN : LV2P_ATOM_OUT;
			lc->atom_size[i] = LV2_ATOM_CAPACITY;
			LilvNode *pred = lilv_fn.new_uri(world, LV2_RESIZE_PORT__minimumSize);
			LilvNodes *min = lilv_fn.port_get_value(pl, port, pred);
			const LilvNode *m = min ? lilv_fn.nodes_get_first(min) : NULL;
			if (m && lilv_fn.node_is_int(m) && lilv_fn.node_as_int(m) > LV2_ATOM_CAPACITY &&
			    lilv_fn.node_as_int(m) <= (1 << 24))
				lc->atom_size[i] = (size_t)lilv_fn.node_as_int(m);
			lilv_fn.nodes_free(min);
			lilv_fn.node_free(pred);
		} else if (port_has(pl, port, LV2_CORE__connectionOptional)) {
			lc->kind[i] = LV2P_OPTIONAL;
		} else {
			return err_set(msg, ERR_FORMAT, "LV2 plug-in \"%s\" (%s): port \"%s\" is of a "
				"kind ttymix cannot feed (audio, control and atom ports only)",
				lc->info.name, lc->info.uri,
				lilv_fn.node_as_string(lilv_fn.port_get_symbol(pl, port)));
		}
	}
	if (!((n_in == 1 && n_out == 1) || (n_in == 2 && n_out == 2)))
		return err_set(msg, ERR_FORMAT, "LV2 plug-in \"%s\" (%s) has %d audio input%s and "
			"%d output%s; a strip takes 1 in and 1 out (run once per channel) or 2 in and "
			"2 out", lc->info.name, lc->info.uri, n_in, n_in == 1 ? "" : "s", n_out,
			n_out == 1 ? "" : "s");
	if (lc->n_sc > n_in)
		return err_set(msg, ERR_FORMAT, "LV2 plug-in \"%s\" (%s) has %d sidechain inputs "
			"for %d audio input%s; a strip feeds at most one per channel", lc->info.name,
			lc->info.uri, lc->n_sc, n_in, n_in == 1 ? "" : "s");
	if (n_param > FX_MAX_PARAMS)
		return err_set(msg, ERR_FORMAT, "LV2 plug-in \"%s\" (%s) has %d controls; an insert "
			"takes at most %d", lc->info.name, lc->info.uri, n_param, FX_MAX_PARAMS);
	lc->mono = n_in == 1;
	return ERR_OK;
}

/* The class's parameter table from the control ports (info.controls, same order). */
static void make_params(struct lv2_class *lc)
{
	const struct lv2_plugin_info *info = &lc->info;
	lc->params = xcalloc((size_t)info->n_controls + 1, sizeof *lc->params);
	for (int i = 0; i < info->n_controls; i++) {
		const struct lv2_port_info *c = &info->controls[i];
		struct fx_param *p = &lc->params[i];
		p->name = c->symbol;
		p->unit = c->unit;
		p->min = c->min;
		p->max = c->max;
		p->def = c->def;
		p->taper = c->logarithmic && c->min > 0 ? FX_TAPER_LOG
			: !strcmp(c->unit, "dB") ? FX_TAPER_DB : FX_TAPER_LIN;
		/* integer and toggled ports take whole numbers (when the range starts on one) */
		p->step = (c->integer || c->toggled || c->enumeration) && c->min == floor(c->min)
			? 1 : 0;
		p->help = c->name;
	}
	lc->cls.params = lc->params;
	lc->cls.n_params = info->n_controls;
}

static void fill_class(struct lv2_class *lc, const char *uri)
{
	lc->cls.name = "lv2";
	lc->cls.uri = lc->info.uri ? lc->info.uri : xstrdup(uri);
	lc->cls.help = lc->info.name ? lc->info.name : lc->cls.uri;
	lc->cls.create_class = lv2_create;
	lc->cls.process_rt = lv2_process_rt;
	lc->cls.set_param_rt = lv2_set_param_rt;
	lc->cls.reset_rt = lv2_reset_rt;
	lc->cls.carry_rt = lv2_carry_rt;
	lc->cls.destroy = lv2_destroy;
	lc->cls.latency = lv2_latency;
	lc->cls.missing = lc->missing;
}

static struct lv2_class *find_locked(const char *uri, bool missing)
{
	for (struct lv2_class *lc = classes; lc; lc = lc->next)
		if (lc->missing == missing && !strcmp(lc->cls.uri, uri))
			return lc;
	return NULL;
}

/* The plug-in whose URI is s, else the one plug-in whose name is s. */
static const LilvPlugin *find_plugin(const char *s, struct err_msg *msg)
{
	const LilvPlugins *all = lilv_fn.world_get_all_plugins(world);
	/* lilv complains on stderr about a URI without a scheme: a name is not tried as one */
	LilvNode *uri = strchr(s, ':') ? lilv_fn.new_uri(world, s) : NULL;
	const LilvPlugin *pl = uri ? lilv_fn.plugins_get_by_uri(all, uri) : NULL;
	lilv_fn.node_free(uri);
	if (pl)
		return pl;
	int n = 0;
	LILV_FOREACH(plugins, i, all) {
		const LilvPlugin *p = lilv_fn.plugins_get(all, i);
		LilvNode *name = lilv_fn.plugin_get_name(p);
		if (name && !strcasecmp(lilv_fn.node_as_string(name), s)) {
			pl = p;
			n++;
		}
		lilv_fn.node_free(name);
	}
	if (n == 1)
		return pl;
	if (n > 1)
		err_set(msg, ERR_NOT_FOUND, "%d LV2 plug-ins are named \"%s\": give the URI "
			"(ttymix plugins lists them)", n, s);
	else
		err_set(msg, ERR_NOT_FOUND, "the LV2 plug-in %s is not installed (ttymix plugins "
			"lists the installed ones)", s);
	return NULL;
}

/* A plug-in whose library does not open or whose instantiate fails (a packaging
 * fault: a symbol its library lacks) is found when its class is made, not when a
 * graph is built: one instance at 48 kHz made and freed. */
static bool try_instance(struct lv2_class *lc, struct err_msg *msg)
{
	double p[FX_MAX_PARAMS];
	fx_param_defaults(&lc->cls, p);
	void *s = lv2_create(&lc->cls, 48000, p);
	const bool ok = !lv2_state_failed(s);
	lv2_destroy(s);
	if (!ok)
		err_set(msg, ERR_NOT_FOUND, "the LV2 plug-in %s is installed but does not load "
			"(its library or its instantiate failed)", lc->info.uri);
	return ok;
}

enum err lv2_class_get(const char *uri_or_name, const struct fx_class **out,
	struct err_msg *msg)
{
	*out = NULL;
	enum err le = lv2_ready(msg);
	if (le != ERR_OK || !lv2_world())
		return le != ERR_OK ? le : ERR_NOMEM;
	lv2_world_lock();
	const LilvPlugin *pl = find_plugin(uri_or_name, msg);
	enum err e = pl ? ERR_OK : ERR_NOT_FOUND;
	struct lv2_class *lc = NULL;
	if (pl) {
		const char *uri = lilv_fn.node_as_uri(lilv_fn.plugin_get_uri(pl));
		lc = find_locked(uri, false);
		if (!lc) {
			lc = xcalloc(1, sizeof *lc);
			lc->plugin = pl;
			LilvNode *state_if = lilv_fn.new_uri(world, LV2_STATE__interface);
			lc->has_state = lilv_fn.plugin_has_extension_data(pl, state_if);
			lilv_fn.node_free(state_if);
			read_info(pl, &lc->info);
			if ((e = check_features(pl, lc->info.name, msg)) != ERR_OK ||
			    (e = map_ports(lc, pl, msg)) != ERR_OK) {
				free_info(&lc->info);
				free(lc->kind);
				free(lc->param);
				free(lc->atom_size);
				free(lc);
				lc = NULL;
			} else {
				make_params(lc);
				fill_class(lc, uri);
				if (!try_instance(lc, msg)) {
					e = ERR_NOT_FOUND;
					lc = NULL; /* kept out of the list; its memory stays (rare) */
				} else {
					lc->next = classes;
					classes = lc;
				}
			}
		}
	}
	lv2_world_unlock();
	*out = lc ? &lc->cls : NULL;
	return e;
}

const struct fx_class *lv2_class_missing(const char *uri)
{
	lv2_world_lock();
	struct lv2_class *lc = find_locked(uri, true);
	if (!lc) {
		lc = xcalloc(1, sizeof *lc);
		lc->missing = true;
		lc->latency_port = -1;
		fill_class(lc, uri);
		lc->next = classes;
		classes = lc;
	}
	lv2_world_unlock();
	return &lc->cls;
}

const struct lv2_plugin_info *lv2_class_info(const struct fx_class *cls)
{
	if (!cls || !cls->uri || cls->missing)
		return NULL;
	return &((const struct lv2_class *)cls)->info;
}

/* ---- presets ---- */

static char *label_of(const LilvNode *preset)
{
	LilvNode *pred = lilv_fn.new_uri(world, "http://www.w3.org/2000/01/rdf-schema#label");
	LilvNodes *labels = lilv_fn.world_find_nodes(world, preset, pred, NULL);
	lilv_fn.node_free(pred);
	const LilvNode *l = labels ? lilv_fn.nodes_get_first(labels) : NULL;
	char *s = xstrdup(l ? lilv_fn.node_as_string(l) : lilv_fn.node_as_uri(preset));
	lilv_fn.nodes_free(labels);
	return s;
}

static int str_cmp(const void *a, const void *b)
{
	return strcasecmp(*(char *const *)a, *(char *const *)b);
}

/* cls's presets, with each one's data loaded (labels live in the preset's own file) */
static LilvNodes *presets_of(const struct fx_class *cls)
{
	const struct lv2_class *lc = (const struct lv2_class *)cls;
	LilvNode *type = lilv_fn.new_uri(world, LV2_PRESETS__Preset);
	LilvNodes *presets = lilv_fn.plugin_get_related(lc->plugin, type);
	lilv_fn.node_free(type);
	LILV_FOREACH(nodes, i, presets)
		lilv_fn.world_load_resource(world, lilv_fn.nodes_get(presets, i));
	return presets;
}

int lv2_presets(const struct fx_class *cls, char ***out)
{
	*out = NULL;
	if (!lv2_class_info(cls))
		return 0;
	lv2_world_lock();
	LilvNodes *presets = presets_of(cls);
	char **v = xcalloc(lilv_fn.nodes_size(presets) + 1, sizeof *v);
	int n = 0;
	LILV_FOREACH(nodes, i, presets)
		v[n++] = label_of(lilv_fn.nodes_get(presets, i));
	lilv_fn.nodes_free(presets);
	lv2_world_unlock();
	qsort(v, (size_t)n, sizeof *v, str_cmp);
	*out = v;
	return n;
}

struct preset_ctx {
	const struct fx_class *cls;
	double *params;
	int n_set;
	LV2_URID t_float, t_double, t_int, t_long, t_bool;
};

/* lilv's port value callback: a control's value by its symbol, whatever atom type */
static void set_port(const char *symbol, void *user, const void *value, uint32_t size,
	uint32_t type)
{
	struct preset_ctx *c = user;
	const int k = fx_param_find(c->cls, symbol);
	double v;
	if (k < 0)
		return;
	if (type == c->t_float && size == sizeof(float))
		v = *(const float *)value;
	else if (type == c->t_double && size == sizeof(double))
		v = *(const double *)value;
	else if ((type == c->t_int || type == c->t_bool) && size == sizeof(int32_t))
		v = *(const int32_t *)value;
	else if (type == c->t_long && size == sizeof(int64_t))
		v = (double)*(const int64_t *)value;
	else
		return;
	c->params[k] = fx_param_clamp_rt(&c->cls->params[k], v);
	c->n_set++;
}

/* A preset's state as Turtle, for lv2_state_attach. World's lock held. */
static char *preset_text(const LilvState *state)
{
	char *t = lilv_fn.state_to_string(world, lv2_urid_map(), lv2_urid_unmap(), state,
		"urn:ttymix:lv2-preset", NULL);
	if (!t)
		return NULL;
	char *text = xstrdup(t);
	lilv_fn.free(t);
	return text;
}

enum err lv2_preset_apply(const struct fx_class *cls, const char *label, double *params,
	int *n_set, char **state_text, struct err_msg *msg)
{
	*n_set = 0;
	if (state_text)
		*state_text = NULL;
	if (!lv2_class_info(cls))
		return err_set(msg, ERR_NOT_FOUND, "presets are for LV2 plug-ins");
	struct preset_ctx c = { cls, params, 0, lv2_urid(LV2_ATOM__Float),
		lv2_urid(LV2_ATOM__Double), lv2_urid(LV2_ATOM__Int), lv2_urid(LV2_ATOM__Long),
		lv2_urid(LV2_ATOM__Bool) };
	lv2_world_lock();
	LilvNodes *presets = presets_of(cls);
	const LilvNode *found = NULL;
	LILV_FOREACH(nodes, i, presets) {
		char *l = label_of(lilv_fn.nodes_get(presets, i));
		if (!strcasecmp(l, label) || !strcmp(lilv_fn.node_as_uri(lilv_fn.nodes_get(presets, i)),
			label))
			found = lilv_fn.nodes_get(presets, i);
		free(l);
	}
	LilvState *state = found ? lilv_fn.state_new_from_world(world, lv2_urid_map(), found) : NULL;
	if (state) {
		lilv_fn.state_emit_port_values(state, set_port, &c);
		/* the rest goes to the plug-in as its state is restored (lv2_state_attach):
		 * lilv gives the files it names as absolute paths (the preset's bundle's) */
		if (state_text && ((const struct lv2_class *)cls)->has_state)
			*state_text = preset_text(state);
		lilv_fn.state_free(state);
	}
	lilv_fn.nodes_free(presets);
	lv2_world_unlock();
	*n_set = c.n_set;
	if (!found)
		return err_set(msg, ERR_NOT_FOUND, "%s has no preset \"%s\" (:preset STRIP SLOT "
			"lists them)", cls->help, label);
	if (!state)
		return err_set(msg, ERR_FORMAT, "%s: the preset \"%s\" does not load", cls->help,
			label);
	return ERR_OK;
}
