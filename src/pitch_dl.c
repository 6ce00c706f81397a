/* librubberband loaded at run time (src/pitch_dl.h). */
#include "src/pitch_dl.h"

#include "config.h"
#include "src/base/dl.h"

struct rubberband_fn rubberband_fn;

static const struct dl_sym syms[] = {
	{ (void **)&rubberband_fn.available, "rubberband_available" },
	{ (void **)&rubberband_fn.delete, "rubberband_delete" },
	{ (void **)&rubberband_fn.new, "rubberband_new" },
	{ (void **)&rubberband_fn.process, "rubberband_process" },
	{ (void **)&rubberband_fn.retrieve, "rubberband_retrieve" },
	{ (void **)&rubberband_fn.set_expected_input_duration, "rubberband_set_expected_input_duration" },
	{ (void **)&rubberband_fn.set_max_process_size, "rubberband_set_max_process_size" },
	{ (void **)&rubberband_fn.study, "rubberband_study" },
};

static struct dl_lib lib = DL_LIB(RUBBERBAND_SONAME, "librubberband", syms);

enum err rubberband_dl_load(struct err_msg *msg)
{
	return dl_load(&lib, "pitch shifting", msg);
}
