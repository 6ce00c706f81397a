/* libbs2b loaded at run time (audio/bs2b_dl.h). */
#include "audio/bs2b_dl.h"

#include "config.h"
#include "src/base/dl.h"

struct bs2b_fn bs2b_fn;

static const struct dl_sym syms[] = {
	{ (void **)&bs2b_fn.clear, "bs2b_clear" },
	{ (void **)&bs2b_fn.close, "bs2b_close" },
	{ (void **)&bs2b_fn.cross_feed_f, "bs2b_cross_feed_f" },
	{ (void **)&bs2b_fn.open, "bs2b_open" },
	{ (void **)&bs2b_fn.set_level, "bs2b_set_level" },
	{ (void **)&bs2b_fn.set_srate, "bs2b_set_srate" },
};

static struct dl_lib lib = DL_LIB(BS2B_SONAME, "libbs2b", syms);

enum err bs2b_dl_load(struct err_msg *msg)
{
	return dl_load(&lib, "the monitor section's crossfeed", msg);
}
