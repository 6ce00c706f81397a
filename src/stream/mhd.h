/* libmicrohttpd, loaded when a stream server first starts (dlopen) rather than linked:
 * it brings GnuTLS and its eight libraries (p11-kit, nettle, gmp...), about 2.5 MB of
 * pages every ttymix command paid at start, `ttymix --help` and a render included,
 * though only the stream output serves HTTP (issue 23, goal 5). The calls of
 * src/stream/server.c go through this table. Any thread: mhd_load is safe to call
 * from several at once. */
#ifndef TTYMIX_STREAM_MHD_H
#define TTYMIX_STREAM_MHD_H

#include <microhttpd.h>

#include "src/base/err.h"

struct mhd_api {
	struct MHD_Daemon *(*start_daemon)(unsigned int flags, uint16_t port,
		MHD_AcceptPolicyCallback apc, void *apc_cls, MHD_AccessHandlerCallback dh,
		void *dh_cls, ...);
	void (*stop_daemon)(struct MHD_Daemon *daemon);
	struct MHD_Response *(*create_response_from_buffer)(size_t size, void *buffer,
		enum MHD_ResponseMemoryMode mode);
	struct MHD_Response *(*create_response_from_callback)(uint64_t size, size_t block_size,
		MHD_ContentReaderCallback crc, void *crc_cls, MHD_ContentReaderFreeCallback crfc);
	enum MHD_Result (*add_response_header)(struct MHD_Response *response,
		const char *header, const char *content);
	enum MHD_Result (*queue_response)(struct MHD_Connection *connection,
		unsigned int status_code, struct MHD_Response *response);
	void (*destroy_response)(struct MHD_Response *response);
	const union MHD_ConnectionInfo *(*get_connection_info)(
		struct MHD_Connection *connection, enum MHD_ConnectionInfoType info_type, ...);
	const char *(*lookup_connection_value)(struct MHD_Connection *connection,
		enum MHD_ValueKind kind, const char *key);
};

/* The table, the library loaded on the first call (and kept for the process); NULL
 * and msg ("cannot load libmicrohttpd (libmicrohttpd.so.12): ...") when it cannot be. */
const struct mhd_api *mhd_load(struct err_msg *msg);
/* The table once mhd_load has succeeded (server.c's callbacks run only then). */
const struct mhd_api *mhd_api(void);

#endif
