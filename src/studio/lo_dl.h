/* liblo, loaded when ttymix runs under a Non Session Manager (NSM_URL set; dlopen,
 * src/base/dl.h) rather than linked, so that no other command pays its pages (issue
 * 23, goal 5). src/studio/nsm.c calls liblo only through lo_fn.
 *
 * Threads: lo_dl_load on the main thread (nsm.c's start); the table is read-only
 * afterwards, and liblo's server thread runs the handlers nsm.c gave it. */
#ifndef TTYMIX_SRC_STUDIO_LO_DL_H
#define TTYMIX_SRC_STUDIO_LO_DL_H

#include <lo/lo.h>

#include "src/base/err.h"

/* the functions ttymix calls, typed from the library's own header */
struct lo_fn {
	__typeof__(lo_address_free) *address_free;
	__typeof__(lo_address_get_protocol) *address_get_protocol;
	__typeof__(lo_address_new_from_url) *address_new_from_url;
	__typeof__(lo_send_from_internal) *send_from_internal;
	__typeof__(lo_server_thread_add_method) *server_thread_add_method;
	__typeof__(lo_server_thread_free) *server_thread_free;
	__typeof__(lo_server_thread_get_server) *server_thread_get_server;
	__typeof__(lo_server_thread_new_with_proto) *server_thread_new_with_proto;
	__typeof__(lo_server_thread_start) *server_thread_start;
};

/* filled by lo_dl_load; NULL members until then */
extern struct lo_fn lo_fn;

/* Load liblo (once). ERR_NOT_FOUND and one line in msg when it is missing. */
enum err lo_dl_load(struct err_msg *msg);

#endif
