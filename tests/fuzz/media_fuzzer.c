/* libFuzzer target: opening audio files. The last byte of the input picks the file
 * name's extension (.wav, .flac, .ogg, .aiff: some libsndfile readers go by it); the
 * rest is the file. It is probed, opened for streaming at 48 kHz (resampled when its
 * rate differs), read from the start for a few thousand frames, then read again after a
 * seek. Errors are fine; crashes, hangs, leaks and sanitizer reports are not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio/media.h"
#include "tests/fuzz/fuzz_util.h"

#define FUZZ_RATE 48000
#define FUZZ_BLOCK 1024
#define FUZZ_BLOCKS 4

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const ext[] = { "wav", "flac", "ogg", "aiff" };
	if (size < 1)
		return 0;
	char path[4200];
	snprintf(path, sizeof path, "%s/in.%s", fuzz_tmpdir(), ext[data[size - 1] % 4]);
	fuzz_write_file(path, data, size - 1);

	struct err_msg msg;
	struct media_info info;
	if (media_probe(path, &info, &msg) != ERR_OK)
		goto out;
	if (info.channels < 1 || info.channels > MEDIA_MAX_CHANNELS || info.frames <= 0) {
		fprintf(stderr, "media_fuzzer: media_probe accepted %d channels, %lld frames\n",
			info.channels, (long long)info.frames);
		abort();
	}
	struct media_reader *r;
	if (media_reader_open(&r, path, FUZZ_RATE, &msg) != ERR_OK)
		goto out;
	static float buf[FUZZ_BLOCK * MEDIA_MAX_CHANNELS];
	int64_t pos = 0;
	for (int i = 0; i < FUZZ_BLOCKS; i++, pos += FUZZ_BLOCK)
		if (media_reader_read(r, pos, buf, FUZZ_BLOCK, &msg) != ERR_OK)
			break;
	/* a seek back (restarts the resampler) and one past the end (silence) */
	media_reader_read(r, FUZZ_BLOCK / 3, buf, FUZZ_BLOCK, &msg);
	int64_t frames = media_reader_frames(r);
	if (frames > INT64_MAX - 10 * FUZZ_BLOCK) {
		fprintf(stderr, "media_fuzzer: %s: a length of %lld frames at %d Hz\n", path,
			(long long)frames, FUZZ_RATE);
		abort(); /* no real file is that long: the length is unknown (or garbage) */
	}
	media_reader_read(r, frames + 10, buf, FUZZ_BLOCK, &msg);
	media_reader_close(r);
out:
	unlink(path);
	return 0;
}
