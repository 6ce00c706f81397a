/* The stream output's parts, without a network client (tests/stream.sh has those):
 *  - the output tap splits a period into blocks, keeps their samples, stamps each with
 *    its own playhead, and counts what it drops when no one reads;
 *  - the FLAC encoder's stream, decoded again by libFLAC's own decoder, gives back the
 *    24-bit samples it was given, and says how many frames it has let out;
 *  - the Opus encoder writes Ogg pages with its header first, and its frames-out
 *    figure follows the input within its small delays;
 *  - a bad --listen, a bad key and a taken explicit port are refused with ERR_USAGE or
 *    ERR_DEVICE and a message; an open stream reports what its tap carried in
 *    /status.json. */
#include <FLAC/stream_decoder.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "audio/outtap.h"
#include "src/stream/encode.h"
#include "src/stream/stream.h"
#include "src/stream/stream_priv.h"

static void tap_splits_and_stamps(void **state)
{
	(void)state;
	struct outtap *t = outtap_create(48000, 1.0);
	assert_non_null(t);
	float period[1000 * 2];
	for (int i = 0; i < 1000 * 2; i++)
		period[i] = (float)i / 4096.0f;
	outtap_push_rt(t, period, 1000, true, 5000);
	struct outtap_block b;
	int seen = 0;
	const int64_t ends[] = { 4256, 4512, 4768, 5000 };
	for (int k = 0; k < 4; k++) {
		assert_true(outtap_pop(t, &b));
		assert_int_equal(b.frames, k < 3 ? 256 : 232);
		assert_true(b.playing);
		assert_int_equal(b.playhead, ends[k]);
		for (int i = 0; i < b.frames * 2; i++)
			assert_true(b.samples[i] == period[seen * 2 + i]);
		seen += b.frames;
	}
	assert_false(outtap_pop(t, &b));
	assert_int_equal(outtap_dropped(t), 0);
	outtap_destroy(t);
}

static void tap_drops_when_full(void **state)
{
	(void)state;
	/* 1000 Hz for 1 s: four blocks' room */
	struct outtap *t = outtap_create(1000, 1.0);
	float period[256 * 2] = { 0 };
	for (int i = 0; i < 10; i++)
		outtap_push_rt(t, period, 256, false, 0);
	assert_int_equal(outtap_dropped(t), 6);
	struct outtap_block b;
	int n = 0;
	while (outtap_pop(t, &b))
		n++;
	assert_int_equal(n, 4);
	outtap_destroy(t);
}

/* ---- FLAC, decoded again ---- */

struct reread {
	const unsigned char *data;
	size_t len, off;
	int32_t *pcm;      /* interleaved, as decoded */
	size_t frames, cap;
	unsigned bits;
};

static FLAC__StreamDecoderReadStatus on_read(const FLAC__StreamDecoder *d, FLAC__byte buf[],
	size_t *bytes, void *data)
{
	(void)d;
	struct reread *r = data;
	size_t n = r->len - r->off < *bytes ? r->len - r->off : *bytes;
	memcpy(buf, r->data + r->off, n);
	r->off += n;
	*bytes = n;
	return n ? FLAC__STREAM_DECODER_READ_STATUS_CONTINUE
		: FLAC__STREAM_DECODER_READ_STATUS_END_OF_STREAM;
}

static FLAC__StreamDecoderWriteStatus on_frame(const FLAC__StreamDecoder *d,
	const FLAC__Frame *f, const FLAC__int32 *const ch[], void *data)
{
	(void)d;
	struct reread *r = data;
	r->bits = f->header.bits_per_sample;
	for (unsigned i = 0; i < f->header.blocksize && r->frames < r->cap; i++, r->frames++) {
		r->pcm[r->frames * 2] = ch[0][i];
		r->pcm[r->frames * 2 + 1] = ch[1][i];
	}
	return FLAC__STREAM_DECODER_WRITE_STATUS_CONTINUE;
}

static void on_error(const FLAC__StreamDecoder *d, FLAC__StreamDecoderErrorStatus s, void *data)
{
	(void)d;
	(void)data;
	fail_msg("FLAC decoder error %d", (int)s);
}

static void flac_gives_back_24_bits(void **state)
{
	(void)state;
	const int n = 48000;
	float *in = malloc((size_t)n * 2 * sizeof *in);
	for (int i = 0; i < n; i++) {
		in[i * 2] = 0.5f * sinf((float)i * 0.0571f);
		in[i * 2 + 1] = (i % 480 < 240 ? 1.25f : -1.25f) * 0.9f; /* clips at +-1 */
	}
	struct stream_bytes out = { 0 };
	struct stream_enc *e = NULL;
	struct err_msg msg;
	assert_int_equal(stream_enc_create(&e, STREAM_FLAC, 48000, 0, "t", &out, &msg), ERR_OK);
	assert_true(out.len >= 4 && !memcmp(out.data, "fLaC", 4)); /* headers at once */
	assert_int_equal(stream_enc_frames_out(e), 0);
	for (int done = 0; done < n; done += 1000)
		assert_int_equal(stream_enc_write(e, in + done * 2, 1000), ERR_OK);
	/* whole blocks of 1024 are out; the rest waits for the next */
	assert_int_equal(stream_enc_frames_out(e), n / 1024 * 1024);
	struct reread r = { .data = out.data, .len = out.len, .cap = (size_t)n };
	r.pcm = malloc((size_t)n * 2 * sizeof *r.pcm);
	FLAC__StreamDecoder *d = FLAC__stream_decoder_new();
	assert_int_equal(FLAC__stream_decoder_init_stream(d, on_read, NULL, NULL, NULL, NULL,
		on_frame, NULL, on_error, &r), FLAC__STREAM_DECODER_INIT_STATUS_OK);
	assert_true(FLAC__stream_decoder_process_until_end_of_stream(d));
	assert_int_equal(r.bits, 24);
	assert_int_equal(r.frames, (size_t)(n / 1024 * 1024));
	for (size_t i = 0; i < r.frames * 2; i++) {
		const float x = in[i] > 1.0f ? 1.0f : in[i] < -1.0f ? -1.0f : in[i];
		const long want = x >= 1.0f ? 8388607 : lrintf(x * 8388608.0f);
		assert_int_equal(r.pcm[i], want);
	}
	FLAC__stream_decoder_delete(d);
	stream_enc_free(e);
	stream_bytes_free(&out);
	free(r.pcm);
	free(in);
}

static void opus_pages_follow_input(void **state)
{
	(void)state;
	struct stream_bytes out = { 0 };
	struct stream_enc *e = NULL;
	struct err_msg msg;
	assert_int_equal(stream_enc_create(&e, STREAM_OPUS, 44100, 96, "t", &out, &msg), ERR_OK);
	assert_true(out.len > 36 && !memcmp(out.data, "OggS", 4)
		&& !memcmp(out.data + 28, "OpusHead", 8));
	float block[441 * 2];
	for (int k = 0; k < 200; k++) { /* 2 s */
		for (int i = 0; i < 441; i++)
			block[i * 2] = block[i * 2 + 1] = 0.3f * sinf((float)(k * 441 + i) * 0.06f);
		assert_int_equal(stream_enc_write(e, block, 441), ERR_OK);
		const uint64_t in = (uint64_t)(k + 1) * 441;
		assert_true(stream_enc_frames_out(e) <= in);
	}
	/* what waits in the encoder (look-ahead, the page being filled, the resampler) is
	 * well under 0.1 s */
	assert_true(stream_enc_frames_out(e) + 4410 >= 88200);
	stream_enc_free(e);
	stream_bytes_free(&out);
}

static void refused_settings(void **state)
{
	(void)state;
	struct stream *s = NULL;
	struct err_msg msg;
	const char *bad[] = { "abc", "127.0.0.1:99999", "::1:80", ":80", "127.0.0.1:", "" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct stream_config cfg = { .listen = bad[i], .rate = 48000 };
		assert_int_equal(stream_open(&s, &cfg, &msg), ERR_USAGE);
		assert_null(s);
		assert_non_null(strstr(msg.text, "--listen"));
	}
	const char *keys[] = { "short", "has space in it", "slash/and/more" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		struct stream_config cfg = { .listen = "127.0.0.1:0", .key = keys[i], .rate = 48000 };
		assert_int_equal(stream_open(&s, &cfg, &msg), ERR_USAGE);
		assert_non_null(strstr(msg.text, "--stream-key"));
	}
	/* an explicit port that another stream holds */
	struct stream_config first = { .listen = "127.0.0.1:0", .rate = 48000 };
	assert_int_equal(stream_open(&s, &first, &msg), ERR_OK);
	char taken[64];
	const char *port = strrchr(s->base_url, ':') + 1;
	snprintf(taken, sizeof taken, "127.0.0.1:%d", atoi(port));
	struct stream *s2 = NULL;
	struct stream_config second = { .listen = taken, .rate = 48000 };
	assert_int_equal(stream_open(&s2, &second, &msg), ERR_DEVICE);
	assert_non_null(strstr(msg.text, "cannot listen on"));
	stream_close(s);
}

static void status_follows_the_tap(void **state)
{
	(void)state;
	struct stream *s = NULL;
	struct err_msg msg;
	struct stream_config cfg = { .listen = "127.0.0.1:0", .key = "abcdefgh12", .rate = 48000,
		.project = "say \"hi\"\n" };
	assert_int_equal(stream_open(&s, &cfg, &msg), ERR_OK);
	assert_non_null(strstr(stream_url(s), "?key=abcdefgh12"));
	float period[480 * 2];
	for (int i = 0; i < 480 * 2; i++)
		period[i] = 0.5f * sinf((float)i * 0.1f);
	for (int k = 0; k < 100; k++) /* 1 s, ending at 2 s of the song */
		outtap_push_rt(stream_tap(s), period, 480, true, 48000 + (k + 1) * 480);
	char *json = NULL;
	for (int tries = 0; tries < 500; tries++) { /* the pump takes it within ms */
		free(json);
		json = stream_status_json(s);
		if (strstr(json, "\"position_s\":2,") || strstr(json, "\"position_s\":2}"))
			break;
		struct timespec ts = { 0, 10 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	assert_non_null(strstr(json, "\"playing\":true"));
	assert_non_null(strstr(json, "\"position_s\":2"));
	assert_non_null(strstr(json, "\"project\":\"say \\\"hi\\\"\\n\""));
	assert_non_null(strstr(json, "\"listeners\":0"));
	assert_non_null(strstr(json, "\"peak_dbfs\":-6"));
	assert_null(strstr(json, "\"momentary_lufs\":null"));
	free(json);
	stream_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tap_splits_and_stamps),
		cmocka_unit_test(tap_drops_when_full),
		cmocka_unit_test(flac_gives_back_24_bits),
		cmocka_unit_test(opus_pages_follow_input),
		cmocka_unit_test(refused_settings),
		cmocka_unit_test(status_follows_the_tap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
