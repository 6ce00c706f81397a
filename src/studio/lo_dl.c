/* liblo loaded at run time (src/studio/lo_dl.h). */
#include "src/studio/lo_dl.h"

#include "config.h"
#include "src/base/dl.h"

struct lo_fn lo_fn;

static const struct dl_sym syms[] = {
	{ (void **)&lo_fn.address_free, "lo_address_free" },
	{ (void **)&lo_fn.address_get_protocol, "lo_address_get_protocol" },
	{ (void **)&lo_fn.address_new_from_url, "lo_address_new_from_url" },
	{ (void **)&lo_fn.send_from_internal, "lo_send_from_internal" },
	{ (void **)&lo_fn.server_thread_add_method, "lo_server_thread_add_method" },
	{ (void **)&lo_fn.server_thread_free, "lo_server_thread_free" },
	{ (void **)&lo_fn.server_thread_get_server, "lo_server_thread_get_server" },
	{ (void **)&lo_fn.server_thread_new_with_proto, "lo_server_thread_new_with_proto" },
	{ (void **)&lo_fn.server_thread_start, "lo_server_thread_start" },
};

static struct dl_lib lib = DL_LIB(LO_SONAME, "liblo", syms);

enum err lo_dl_load(struct err_msg *msg)
{
	return dl_load(&lib, "the session manager client (NSM_URL is set)", msg);
}
