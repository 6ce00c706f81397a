/* libsoxr loaded at run time (audio/soxr_dl.h). */
#include "audio/soxr_dl.h"

#include "config.h"
#include "src/base/dl.h"

struct soxr_fn soxr_fn;

static const struct dl_sym syms[] = {
	{ (void **)&soxr_fn.clear, "soxr_clear" },
	{ (void **)&soxr_fn.create, "soxr_create" },
	{ (void **)&soxr_fn.delete, "soxr_delete" },
	{ (void **)&soxr_fn.io_spec, "soxr_io_spec" },
	{ (void **)&soxr_fn.process, "soxr_process" },
	{ (void **)&soxr_fn.quality_spec, "soxr_quality_spec" },
};

static struct dl_lib lib = DL_LIB(SOXR_SONAME, "libsoxr", syms);

enum err soxr_dl_load(struct err_msg *msg)
{
	return dl_load(&lib, "resampling", msg);
}
