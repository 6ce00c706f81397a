/* liblilv, loaded when the LV2 world is first needed (dlopen, src/base/dl.h) rather
 * than linked: lilv with serd, sord and sratom is about 250 KB of pages that every
 * command paid at start, a render with no LV2 insert included (issue 23, goal 5).
 * The files of audio/lv2/ call lilv only through lilv_fn; LILV_FOREACH is redefined
 * here to iterate through it too. lilv's inline lilv_instance_* functions call the
 * plug-in's descriptor, not the library, and are used as they are.
 *
 * Threads: lilv_dl_load on any thread but the audio thread (host.c's lv2_world, before
 * any other lilv call); the table is read-only afterwards. */
#ifndef TTYMIX_AUDIO_LV2_LILV_DL_H
#define TTYMIX_AUDIO_LV2_LILV_DL_H

#include <lilv/lilv.h>

#include "src/base/err.h"

/* the functions ttymix calls, typed from the library's own header */
struct lilv_fn {
	__typeof__(lilv_file_uri_parse) *file_uri_parse;
	__typeof__(lilv_free) *free;
	__typeof__(lilv_instance_free) *instance_free;
	__typeof__(lilv_new_uri) *new_uri;
	__typeof__(lilv_node_as_float) *node_as_float;
	__typeof__(lilv_node_as_int) *node_as_int;
	__typeof__(lilv_node_as_string) *node_as_string;
	__typeof__(lilv_node_as_uri) *node_as_uri;
	__typeof__(lilv_node_free) *node_free;
	__typeof__(lilv_node_is_int) *node_is_int;
	__typeof__(lilv_node_is_uri) *node_is_uri;
	__typeof__(lilv_nodes_begin) *nodes_begin;
	__typeof__(lilv_nodes_free) *nodes_free;
	__typeof__(lilv_nodes_get) *nodes_get;
	__typeof__(lilv_nodes_get_first) *nodes_get_first;
	__typeof__(lilv_nodes_is_end) *nodes_is_end;
	__typeof__(lilv_nodes_next) *nodes_next;
	__typeof__(lilv_nodes_size) *nodes_size;
	__typeof__(lilv_plugin_class_get_label) *plugin_class_get_label;
	__typeof__(lilv_plugin_get_class) *plugin_get_class;
	__typeof__(lilv_plugin_get_latency_port_index) *plugin_get_latency_port_index;
	__typeof__(lilv_plugin_get_library_uri) *plugin_get_library_uri;
	__typeof__(lilv_plugin_get_name) *plugin_get_name;
	__typeof__(lilv_plugin_get_num_ports) *plugin_get_num_ports;
	__typeof__(lilv_plugin_get_port_by_index) *plugin_get_port_by_index;
	__typeof__(lilv_plugin_get_related) *plugin_get_related;
	__typeof__(lilv_plugin_get_required_features) *plugin_get_required_features;
	__typeof__(lilv_plugin_get_uri) *plugin_get_uri;
	__typeof__(lilv_plugin_get_value) *plugin_get_value;
	__typeof__(lilv_plugin_has_extension_data) *plugin_has_extension_data;
	__typeof__(lilv_plugin_has_latency) *plugin_has_latency;
	__typeof__(lilv_plugin_instantiate) *plugin_instantiate;
	__typeof__(lilv_plugins_begin) *plugins_begin;
	__typeof__(lilv_plugins_get) *plugins_get;
	__typeof__(lilv_plugins_get_by_uri) *plugins_get_by_uri;
	__typeof__(lilv_plugins_is_end) *plugins_is_end;
	__typeof__(lilv_plugins_next) *plugins_next;
	__typeof__(lilv_plugins_size) *plugins_size;
	__typeof__(lilv_port_get_name) *port_get_name;
	__typeof__(lilv_port_get_range) *port_get_range;
	__typeof__(lilv_port_get_scale_points) *port_get_scale_points;
	__typeof__(lilv_port_get_symbol) *port_get_symbol;
	__typeof__(lilv_port_get_value) *port_get_value;
	__typeof__(lilv_port_has_property) *port_has_property;
	__typeof__(lilv_port_is_a) *port_is_a;
	__typeof__(lilv_scale_point_get_label) *scale_point_get_label;
	__typeof__(lilv_scale_point_get_value) *scale_point_get_value;
	__typeof__(lilv_scale_points_begin) *scale_points_begin;
	__typeof__(lilv_scale_points_free) *scale_points_free;
	__typeof__(lilv_scale_points_get) *scale_points_get;
	__typeof__(lilv_scale_points_is_end) *scale_points_is_end;
	__typeof__(lilv_scale_points_next) *scale_points_next;
	__typeof__(lilv_scale_points_size) *scale_points_size;
	__typeof__(lilv_state_emit_port_values) *state_emit_port_values;
	__typeof__(lilv_state_free) *state_free;
	__typeof__(lilv_state_get_plugin_uri) *state_get_plugin_uri;
	__typeof__(lilv_state_new_from_instance) *state_new_from_instance;
	__typeof__(lilv_state_new_from_string) *state_new_from_string;
	__typeof__(lilv_state_new_from_world) *state_new_from_world;
	__typeof__(lilv_state_restore) *state_restore;
	__typeof__(lilv_state_to_string) *state_to_string;
	__typeof__(lilv_world_find_nodes) *world_find_nodes;
	__typeof__(lilv_world_get_all_plugins) *world_get_all_plugins;
	__typeof__(lilv_world_load_all) *world_load_all;
	__typeof__(lilv_world_load_resource) *world_load_resource;
	__typeof__(lilv_world_new) *world_new;
};

/* lilv.h's iteration, through the table */
#undef LILV_FOREACH
#define LILV_FOREACH(colltype, iter, collection) \
	for (LilvIter *iter = lilv_fn.colltype##_begin(collection); \
	     !lilv_fn.colltype##_is_end(collection, iter); \
	     (iter) = lilv_fn.colltype##_next(collection, iter))

/* filled by lilv_dl_load; NULL members until then */
extern struct lilv_fn lilv_fn;

/* Load liblilv (once). ERR_NOT_FOUND and one line in msg when it is missing. */
enum err lilv_dl_load(struct err_msg *msg);

#endif
