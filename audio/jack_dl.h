/* libjack, loaded when the JACK output first opens (dlopen, src/base/dl.h) rather than
 * linked: libjack brings libstdc++ and Berkeley DB (libdb), about 2 MB of pages that
 * every command paid at start though only `--output jack` and the studio's JACK
 * device talk to a JACK server (issue 23, goal 5). audio/driver_jack.c calls libjack
 * only through jack_fn.
 *
 * Threads: jack_dl_load on the control thread (driver_jack.c's open); afterwards
 * jack_fn is read-only and JACK's own threads call through it (the process callback
 * included: the table is filled before any client exists). */
#ifndef TTYMIX_AUDIO_JACK_DL_H
#define TTYMIX_AUDIO_JACK_DL_H

#include <jack/jack.h>
#include <jack/transport.h>

#include "src/base/err.h"

/* libjack's functions that driver_jack.c calls, typed from jack.h itself */
struct jack_fn {
	__typeof__(jack_activate) *activate;
	__typeof__(jack_client_close) *client_close;
	__typeof__(jack_client_open) *client_open;
	__typeof__(jack_connect) *connect;
	__typeof__(jack_deactivate) *deactivate;
	__typeof__(jack_disconnect) *disconnect;
	__typeof__(jack_free) *free;
	__typeof__(jack_get_buffer_size) *get_buffer_size;
	__typeof__(jack_get_client_name) *get_client_name;
	__typeof__(jack_get_ports) *get_ports;
	__typeof__(jack_get_sample_rate) *get_sample_rate;
	__typeof__(jack_on_info_shutdown) *on_info_shutdown;
	__typeof__(jack_port_by_name) *port_by_name;
	__typeof__(jack_port_flags) *port_flags;
	__typeof__(jack_port_get_all_connections) *port_get_all_connections;
	__typeof__(jack_port_get_buffer) *port_get_buffer;
	__typeof__(jack_port_get_connections) *port_get_connections;
	__typeof__(jack_port_get_latency_range) *port_get_latency_range;
	__typeof__(jack_port_is_mine) *port_is_mine;
	__typeof__(jack_port_name) *port_name;
	__typeof__(jack_port_register) *port_register;
	__typeof__(jack_port_rename) *port_rename;
	__typeof__(jack_port_unregister) *port_unregister;
	__typeof__(jack_set_buffer_size_callback) *set_buffer_size_callback;
	__typeof__(jack_set_process_callback) *set_process_callback;
	__typeof__(jack_set_xrun_callback) *set_xrun_callback;
	__typeof__(jack_transport_locate) *transport_locate;
	__typeof__(jack_transport_query) *transport_query;
	__typeof__(jack_transport_start) *transport_start;
	__typeof__(jack_transport_stop) *transport_stop;
};

/* filled by jack_dl_load; NULL members until then */
extern struct jack_fn jack_fn;

/* Load libjack (once). ERR_NOT_FOUND and one line in msg when it is missing. */
enum err jack_dl_load(struct err_msg *msg);

#endif
