/* Shared by the fuzz targets: a private temporary folder for the files a target writes
 * from its input. Made once per process, removed at exit. Not thread-safe (libFuzzer
 * and tests/fuzz/replay.c call a target from one thread). */
#ifndef TTYMIX_FUZZ_UTIL_H
#define TTYMIX_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* The folder (absolute, without a trailing slash); aborts when none can be made. */
const char *fuzz_tmpdir(void);

/* Write size bytes to path (created or truncated); aborts on failure. */
void fuzz_write_file(const char *path, const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
