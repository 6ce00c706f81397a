/* pitch_measure FILE: print the file's length in frames, its rate and the frequency of
 * its first channel between half a second from each end (rising zero crossings,
 * interpolated): "FRAMES RATE HZ". For the shell tests of clip pitch. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "audio/media.h"
#include "src/base/xalloc.h"

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: pitch_measure FILE\n");
		return 2;
	}
	struct media_info info;
	struct media_reader *r;
	struct err_msg msg;
	if (media_probe(argv[1], &info, &msg) != ERR_OK
		|| media_reader_open(&r, argv[1], info.sample_rate, &msg) != ERR_OK) {
		fprintf(stderr, "pitch_measure: %s\n", msg.text);
		return 1;
	}
	const int ch = info.channels, rate = info.sample_rate;
	const int64_t frames = media_reader_frames(r);
	float *x = xmalloc(sizeof(float) * (size_t)ch * (size_t)(frames > 0 ? frames : 1));
	if (frames > INT32_MAX || media_reader_read(r, 0, x, (int)frames, &msg) != ERR_OK) {
		fprintf(stderr, "pitch_measure: %s\n", msg.text);
		return 1;
	}
	media_reader_close(r);
	double first = -1, last = -1;
	long crossings = 0;
	for (int64_t i = rate / 2; i + 1 < frames - rate / 2; i++) {
		const double y0 = x[i * ch], y1 = x[(i + 1) * ch];
		if (y0 < 0 && y1 >= 0) {
			const double t = (double)i + y0 / (y0 - y1);
			if (first < 0)
				first = t;
			last = t;
			crossings++;
		}
	}
	free(x);
	printf("%lld %d %.4f\n", (long long)frames, rate,
		crossings > 1 ? (double)(crossings - 1) * rate / (last - first) : 0.0);
	return 0;
}
