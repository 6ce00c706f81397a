/* tests/match_measure FILE [REF]: what the match tests check, measured on the files as
 * written (src/match.h's profile): integrated loudness, true peak, width (side over mid)
 * and, given REF, the third-octave spectral distance (dB RMS, 40 Hz-16 kHz), the
 * loudness and width differences, as one JSON line. REF is read at FILE's rate. Also
 * the bench's yardstick (bench/match.sh), for ttymix's output and Matchering's alike. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "audio/media.h"
#include "audio/reference.h"
#include "src/match.h"

static int measure(const char *path, int rate, struct match_profile *out)
{
	struct reference_track t;
	struct err_msg msg;
	if (reference_load(path, rate, &t, &msg) != ERR_OK ||
		match_measure(t.frames, t.n_frames, rate, out, &msg) != ERR_OK) {
		fprintf(stderr, "match_measure: %s\n", msg.text);
		return 1;
	}
	free(t.frames);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: match_measure FILE [REF]\n");
		return 2;
	}
	struct media_info info;
	struct err_msg msg;
	if (media_probe(argv[1], &info, &msg) != ERR_OK) {
		fprintf(stderr, "match_measure: %s\n", msg.text);
		return 1;
	}
	static struct match_profile a, b;
	if (measure(argv[1], info.sample_rate, &a))
		return 1;
	printf("{\"lufs\": %.3f, \"tp_dbtp\": %.3f, \"width\": %.4f", a.integrated_lufs,
		a.true_peak_dbtp, a.width);
	if (argc == 3) {
		if (measure(argv[2], info.sample_rate, &b))
			return 1;
		printf(", \"ref_lufs\": %.3f, \"ref_width\": %.4f, \"distance_db\": %.3f, "
			"\"lu_diff\": %.3f, \"width_ratio\": %.4f", b.integrated_lufs, b.width,
			match_distance(&a, &b), a.integrated_lufs - b.integrated_lufs, a.width / b.width);
	}
	puts("}");
	return 0;
}
