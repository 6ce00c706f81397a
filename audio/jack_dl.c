/* libjack loaded at run time (audio/jack_dl.h). */
#include "audio/jack_dl.h"

#include "config.h"
#include "src/base/dl.h"

struct jack_fn jack_fn;

static const struct dl_sym syms[] = {
	{ (void **)&jack_fn.activate, "jack_activate" },
	{ (void **)&jack_fn.client_close, "jack_client_close" },
	{ (void **)&jack_fn.client_open, "jack_client_open" },
	{ (void **)&jack_fn.connect, "jack_connect" },
	{ (void **)&jack_fn.deactivate, "jack_deactivate" },
	{ (void **)&jack_fn.disconnect, "jack_disconnect" },
	{ (void **)&jack_fn.free, "jack_free" },
	{ (void **)&jack_fn.get_buffer_size, "jack_get_buffer_size" },
	{ (void **)&jack_fn.get_client_name, "jack_get_client_name" },
	{ (void **)&jack_fn.get_ports, "jack_get_ports" },
	{ (void **)&jack_fn.get_sample_rate, "jack_get_sample_rate" },
	{ (void **)&jack_fn.on_info_shutdown, "jack_on_info_shutdown" },
	{ (void **)&jack_fn.port_by_name, "jack_port_by_name" },
	{ (void **)&jack_fn.port_flags, "jack_port_flags" },
	{ (void **)&jack_fn.port_get_all_connections, "jack_port_get_all_connections" },
	{ (void **)&jack_fn.port_get_buffer, "jack_port_get_buffer" },
	{ (void **)&jack_fn.port_get_connections, "jack_port_get_connections" },
	{ (void **)&jack_fn.port_get_latency_range, "jack_port_get_latency_range" },
	{ (void **)&jack_fn.port_is_mine, "jack_port_is_mine" },
	{ (void **)&jack_fn.port_name, "jack_port_name" },
	{ (void **)&jack_fn.port_register, "jack_port_register" },
	{ (void **)&jack_fn.port_rename, "jack_port_rename" },
	{ (void **)&jack_fn.port_unregister, "jack_port_unregister" },
	{ (void **)&jack_fn.set_buffer_size_callback, "jack_set_buffer_size_callback" },
	{ (void **)&jack_fn.set_process_callback, "jack_set_process_callback" },
	{ (void **)&jack_fn.set_xrun_callback, "jack_set_xrun_callback" },
	{ (void **)&jack_fn.transport_locate, "jack_transport_locate" },
	{ (void **)&jack_fn.transport_query, "jack_transport_query" },
	{ (void **)&jack_fn.transport_start, "jack_transport_start" },
	{ (void **)&jack_fn.transport_stop, "jack_transport_stop" },
};

static struct dl_lib lib = DL_LIB(JACK_SONAME, "libjack", syms);

enum err jack_dl_load(struct err_msg *msg)
{
	return dl_load(&lib, "the JACK output", msg);
}
