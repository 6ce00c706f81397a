/* pdc_null: do two signals cancel, sample for sample, with no lag searched?
 *
 *   pdc_null FILE                  left against right of one stereo file
 *   pdc_null FILE OTHER            FILE against OTHER, channel by channel, frame 0
 *                                  against frame 0 (they must be as long)
 *   [--max-dbfs DB]                the largest difference allowed (default -100)
 *   [--min-dbfs DB]                the signal FILE must reach, so that silence never
 *                                  passes for a null (default -40)
 *
 * Prints the signal's peak and the difference's peak in dBFS. Exit 0: they null; 1:
 * they do not (or a file is unreadable, or too quiet); 2: usage. Files are read with
 * our media reader (a 32-bit float WAV keeps every bit of a render). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/media.h"
#include "src/base/xalloc.h"

struct audio {
	float *frames;   /* interleaved, channels each */
	long n;
	int channels;
};

static int load(const char *path, struct audio *a)
{
	struct media_info info;
	struct err_msg msg;
	struct media_reader *r;
	if (media_probe(path, &info, &msg) != ERR_OK ||
	    media_reader_open(&r, path, info.sample_rate, &msg) != ERR_OK) {
		fprintf(stderr, "pdc_null: %s\n", msg.text);
		return -1;
	}
	a->n = (long)media_reader_frames(r);
	a->channels = info.channels;
	a->frames = xcalloc((size_t)a->n * (size_t)a->channels + 1, sizeof(float));
	for (long pos = 0; pos < a->n;) {
		const int want = a->n - pos < 4096 ? (int)(a->n - pos) : 4096;
		if (media_reader_read(r, pos, a->frames + pos * a->channels, want, &msg)
			!= ERR_OK) {
			fprintf(stderr, "pdc_null: %s\n", msg.text);
			media_reader_close(r);
			return -1;
		}
		pos += want;
	}
	media_reader_close(r);
	return 0;
}

static double dbfs(double x)
{
	return x > 0 ? 20.0 * log10(x) : -INFINITY;
}

int main(int argc, char **argv)
{
	const char *files[2] = { NULL, NULL };
	int n_files = 0;
	double max_db = -100.0, min_db = -40.0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--max-dbfs") && i + 1 < argc)
			max_db = atof(argv[++i]);
		else if (!strcmp(argv[i], "--min-dbfs") && i + 1 < argc)
			min_db = atof(argv[++i]);
		else if (n_files < 2 && argv[i][0] != '-')
			files[n_files++] = argv[i];
		else
			n_files = 3;
	}
	if (n_files < 1 || n_files > 2) {
		fprintf(stderr, "usage: pdc_null FILE [OTHER] [--max-dbfs DB] [--min-dbfs DB]\n");
		return 2;
	}
	static struct audio a, b; /* static: the samples stay reachable until exit (no leak report) */
	if (load(files[0], &a) != 0 || (n_files == 2 && load(files[1], &b) != 0))
		return 1;
	double peak = 0, diff = 0;
	long worst = -1;
	if (n_files == 1) {
		if (a.channels != 2) {
			fprintf(stderr, "pdc_null: %s: %d channels, not 2\n", files[0], a.channels);
			return 1;
		}
		for (long i = 0; i < a.n; i++) {
			const double l = a.frames[i * 2], r = a.frames[i * 2 + 1];
			peak = fmax(peak, fabs(l));
			if (fabs(l - r) > diff) {
				diff = fabs(l - r);
				worst = i;
			}
		}
	} else {
		if (a.channels != b.channels || a.n != b.n) {
			fprintf(stderr, "pdc_null: %s is %ld frames x %d, %s %ld x %d\n", files[0],
				a.n, a.channels, files[1], b.n, b.channels);
			return 1;
		}
		for (long i = 0; i < a.n * a.channels; i++) {
			peak = fmax(peak, fabs(a.frames[i]));
			if (fabs((double)a.frames[i] - b.frames[i]) > diff) {
				diff = fabs((double)a.frames[i] - b.frames[i]);
				worst = i / a.channels;
			}
		}
	}
	printf("pdc_null: %s%s%s: %ld frames, peak %.1f dBFS, difference %.1f dBFS",
		files[0], n_files == 2 ? " against " : " left against right",
		n_files == 2 ? files[1] : "", a.n, dbfs(peak), dbfs(diff));
	if (worst >= 0)
		printf(" (largest at frame %ld)", worst);
	printf("\n");
	if (dbfs(peak) < min_db) {
		printf("pdc_null: the signal is below %.1f dBFS: silence proves nothing\n", min_db);
		return 1;
	}
	return dbfs(diff) <= max_db ? 0 : 1;
}
