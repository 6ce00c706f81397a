/* libfftw3f loaded at run time (audio/fftw_dl.h). */
#include "audio/fftw_dl.h"

#include "config.h"
#include "src/base/dl.h"

struct fftwf_fn fftwf_fn;

static const struct dl_sym syms[] = {
	{ (void **)&fftwf_fn.destroy_plan, "fftwf_destroy_plan" },
	{ (void **)&fftwf_fn.execute, "fftwf_execute" },
	{ (void **)&fftwf_fn.free, "fftwf_free" },
	{ (void **)&fftwf_fn.malloc, "fftwf_malloc" },
	{ (void **)&fftwf_fn.plan_dft_r2c_1d, "fftwf_plan_dft_r2c_1d" },
};

static struct dl_lib lib = DL_LIB(FFTW3F_SONAME, "libfftw3f", syms);

enum err fftwf_dl_load(struct err_msg *msg)
{
	return dl_load(&lib, "the spectrum", msg);
}
