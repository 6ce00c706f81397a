/* liblilv loaded at run time (audio/lv2/lilv_dl.h). */
#include "audio/lv2/lilv_dl.h"

#include "config.h"
#include "src/base/dl.h"

struct lilv_fn lilv_fn;

static const struct dl_sym syms[] = {
	{ (void **)&lilv_fn.file_uri_parse, "lilv_file_uri_parse" },
	{ (void **)&lilv_fn.free, "lilv_free" },
	{ (void **)&lilv_fn.instance_free, "lilv_instance_free" },
	{ (void **)&lilv_fn.new_uri, "lilv_new_uri" },
	{ (void **)&lilv_fn.node_as_float, "lilv_node_as_float" },
	{ (void **)&lilv_fn.node_as_int, "lilv_node_as_int" },
	{ (void **)&lilv_fn.node_as_string, "lilv_node_as_string" },
	{ (void **)&lilv_fn.node_as_uri, "lilv_node_as_uri" },
	{ (void **)&lilv_fn.node_free, "lilv_node_free" },
	{ (void **)&lilv_fn.node_is_int, "lilv_node_is_int" },
	{ (void **)&lilv_fn.node_is_uri, "lilv_node_is_uri" },
	{ (void **)&lilv_fn.nodes_begin, "lilv_nodes_begin" },
	{ (void **)&lilv_fn.nodes_free, "lilv_nodes_free" },
	{ (void **)&lilv_fn.nodes_get, "lilv_nodes_get" },
	{ (void **)&lilv_fn.nodes_get_first, "lilv_nodes_get_first" },
	{ (void **)&lilv_fn.nodes_is_end, "lilv_nodes_is_end" },
	{ (void **)&lilv_fn.nodes_next, "lilv_nodes_next" },
	{ (void **)&lilv_fn.nodes_size, "lilv_nodes_size" },
	{ (void **)&lilv_fn.plugin_class_get_label, "lilv_plugin_class_get_label" },
	{ (void **)&lilv_fn.plugin_get_class, "lilv_plugin_get_class" },
	{ (void **)&lilv_fn.plugin_get_latency_port_index, "lilv_plugin_get_latency_port_index" },
	{ (void **)&lilv_fn.plugin_get_library_uri, "lilv_plugin_get_library_uri" },
	{ (void **)&lilv_fn.plugin_get_name, "lilv_plugin_get_name" },
	{ (void **)&lilv_fn.plugin_get_num_ports, "lilv_plugin_get_num_ports" },
	{ (void **)&lilv_fn.plugin_get_port_by_index, "lilv_plugin_get_port_by_index" },
	{ (void **)&lilv_fn.plugin_get_related, "lilv_plugin_get_related" },
	{ (void **)&lilv_fn.plugin_get_required_features, "lilv_plugin_get_required_features" },
	{ (void **)&lilv_fn.plugin_get_uri, "lilv_plugin_get_uri" },
	{ (void **)&lilv_fn.plugin_get_value, "lilv_plugin_get_value" },
	{ (void **)&lilv_fn.plugin_has_extension_data, "lilv_plugin_has_extension_data" },
	{ (void **)&lilv_fn.plugin_has_latency, "lilv_plugin_has_latency" },
	{ (void **)&lilv_fn.plugin_instantiate, "lilv_plugin_instantiate" },
	{ (void **)&lilv_fn.plugins_begin, "lilv_plugins_begin" },
	{ (void **)&lilv_fn.plugins_get, "lilv_plugins_get" },
	{ (void **)&lilv_fn.plugins_get_by_uri, "lilv_plugins_get_by_uri" },
	{ (void **)&lilv_fn.plugins_is_end, "lilv_plugins_is_end" },
	{ (void **)&lilv_fn.plugins_next, "lilv_plugins_next" },
	{ (void **)&lilv_fn.plugins_size, "lilv_plugins_size" },
	{ (void **)&lilv_fn.port_get_name, "lilv_port_get_name" },
	{ (void **)&lilv_fn.port_get_range, "lilv_port_get_range" },
	{ (void **)&lilv_fn.port_get_scale_points, "lilv_port_get_scale_points" },
	{ (void **)&lilv_fn.port_get_symbol, "lilv_port_get_symbol" },
	{ (void **)&lilv_fn.port_get_value, "lilv_port_get_value" },
	{ (void **)&lilv_fn.port_has_property, "lilv_port_has_property" },
	{ (void **)&lilv_fn.port_is_a, "lilv_port_is_a" },
	{ (void **)&lilv_fn.scale_point_get_label, "lilv_scale_point_get_label" },
	{ (void **)&lilv_fn.scale_point_get_value, "lilv_scale_point_get_value" },
	{ (void **)&lilv_fn.scale_points_begin, "lilv_scale_points_begin" },
	{ (void **)&lilv_fn.scale_points_free, "lilv_scale_points_free" },
	{ (void **)&lilv_fn.scale_points_get, "lilv_scale_points_get" },
	{ (void **)&lilv_fn.scale_points_is_end, "lilv_scale_points_is_end" },
	{ (void **)&lilv_fn.scale_points_next, "lilv_scale_points_next" },
	{ (void **)&lilv_fn.scale_points_size, "lilv_scale_points_size" },
	{ (void **)&lilv_fn.state_emit_port_values, "lilv_state_emit_port_values" },
	{ (void **)&lilv_fn.state_free, "lilv_state_free" },
	{ (void **)&lilv_fn.state_get_plugin_uri, "lilv_state_get_plugin_uri" },
	{ (void **)&lilv_fn.state_new_from_instance, "lilv_state_new_from_instance" },
	{ (void **)&lilv_fn.state_new_from_string, "lilv_state_new_from_string" },
	{ (void **)&lilv_fn.state_new_from_world, "lilv_state_new_from_world" },
	{ (void **)&lilv_fn.state_restore, "lilv_state_restore" },
	{ (void **)&lilv_fn.state_to_string, "lilv_state_to_string" },
	{ (void **)&lilv_fn.world_find_nodes, "lilv_world_find_nodes" },
	{ (void **)&lilv_fn.world_get_all_plugins, "lilv_world_get_all_plugins" },
	{ (void **)&lilv_fn.world_load_all, "lilv_world_load_all" },
	{ (void **)&lilv_fn.world_load_resource, "lilv_world_load_resource" },
	{ (void **)&lilv_fn.world_new, "lilv_world_new" },
};

static struct dl_lib lib = DL_LIB(LILV_SONAME, "liblilv", syms);

enum err lilv_dl_load(struct err_msg *msg)
{
	return dl_load(&lib, "the LV2 host", msg);
}
