#include "audio/reference.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "audio/loudness.h"
#include "audio/media.h"

#define READ_FRAMES 8192

enum err reference_load(const char *path, int rate, struct reference_track *out,
	struct err_msg *msg)
{
	memset(out, 0, sizeof *out);
	struct media_reader *r;
	enum err rc = media_reader_open(&r, path, rate, msg);
	if (rc != ERR_OK)
		return rc;
	const int channels = media_reader_info(r)->channels;
	const int64_t n = media_reader_frames(r);
	if (n <= 0 || n > (int64_t)REFERENCE_MAX_SEC * rate) {
		media_reader_close(r);
		return err_set(msg, ERR_RANGE, "%s: a reference must last between one frame "
			"and %d minutes", path, REFERENCE_MAX_SEC / 60);
	}
	float *frames = malloc(sizeof(float) * 2 * (size_t)n);
	float *buf = malloc(sizeof(float) * 2 * READ_FRAMES);
	struct loudness *l = NULL;
	if (!frames || !buf || loudness_create(&l, rate, 2) != ERR_OK) {
		rc = err_set(msg, ERR_NOMEM, "%s: out of memory for the reference", path);
		goto fail;
	}
	for (int64_t pos = 0; pos < n; pos += READ_FRAMES) {
		const int k = n - pos < READ_FRAMES ? (int)(n - pos) : READ_FRAMES;
		rc = media_reader_read(r, pos, buf, k, msg);
		if (rc != ERR_OK)
			goto fail;
		float *dst = frames + pos * 2;
		for (int i = 0; i < k; i++) {
			dst[i * 2] = buf[i * channels];
			dst[i * 2 + 1] = buf[i * channels + channels - 1];
		}
		if (loudness_add(l, dst, k) != ERR_OK) {
			rc = err_set(msg, ERR_NOMEM, "%s: out of memory measuring it", path);
			goto fail;
		}
	}
	struct loudness_result res;
	if (loudness_result(l, &res) != ERR_OK) {
		rc = err_set(msg, ERR_NOMEM, "%s: out of memory measuring it", path);
		goto fail;
	}
	out->frames = frames;
	out->n_frames = n;
	out->integrated_lufs = res.integrated_lufs;
	out->shortterm_max_lufs = res.shortterm_max_lufs;
	loudness_destroy(l);
	free(buf);
	media_reader_close(r);
	return ERR_OK;
fail:
	loudness_destroy(l);
	free(buf);
	free(frames);
	media_reader_close(r);
	return rc;
}

double reference_match_db(double mix_lufs, double ref_lufs)
{
	if (!isfinite(mix_lufs) || !isfinite(ref_lufs))
		return 0.0;
	return mix_lufs - ref_lufs;
}
