/* The glossary table (src/glossary.h). The figures are the standards' own: ITU-R
 * BS.1770-4 (loudness, true peak), EBU R128 and Tech 3342 (LRA), AES TD1004 and the
 * services' published normalisation levels (docs/dsp.md lists the references). */
#include "src/glossary.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/base/xalloc.h"

const struct glossary_term glossary_table[] = {
	{ "LUFS", "lkfs|loudness",
	  "Loudness Units relative to Full Scale: how loud a programme sounds, measured the "
	  "way ITU-R BS.1770 says (K-weighting, which leans on the presence range as the ear "
	  "does, and 400 ms blocks; the integrated figure ignores silence and quiet passages "
	  "with two gates). Momentary looks at the last 0.4 s, short-term at the last 3 s, "
	  "integrated at the whole programme. LKFS is the same unit under its ATSC name.",
	  "-14 LUFS: Spotify and YouTube play songs at this level; Apple Music -16; "
	  "broadcast (EBU R128) -23, US TV (ATSC A/85) -24.",
	  "The mastering page (3) shows momentary, short-term and integrated against the "
	  "delivery target; `ttymix loudness FILE` and every render report the integrated "
	  "figure." },
	{ "LU", "loudness unit|loudness units",
	  "A Loudness Unit is a difference of loudness: 1 LU is 1 dB. \"3 LU under the "
	  "target\" means turn it up by 3 dB to meet it. LUFS is a level (against full "
	  "scale); LU is a step or a range.",
	  "1 LU = 1 dB. About 1 LU is the smallest loudness change most listeners notice.",
	  "The mastering page says how many LU the master is over or under its target; "
	  "lessons allow a tolerance in LU." },
	{ "LRA", "loudness range",
	  "Loudness Range (EBU Tech 3342): how much the loudness moves over the programme, "
	  "from the quiet parts to the loud ones. It is the spread between the 10th and the "
	  "95th percentile of the short-term loudness, leaving out silence and passages more "
	  "than 20 LU below the average. A low LRA sounds even and dense; a high one has "
	  "quiet verses and big choruses.",
	  "Pop and rock masters 4 to 8 LU; film and classical 15 LU and more.",
	  "The mastering page shows \"range (LRA)\"; `ttymix loudness` prints it." },
	{ "dBFS", "db fs|full scale",
	  "Decibels relative to Full Scale: a sample level against the largest value the "
	  "format can hold, so 0 dBFS is the top and every level is negative. Each 6 dB is "
	  "twice (or half) the amplitude. ttymix mixes in 32-bit float, which does not clip "
	  "inside the mix, but a fixed-point file (16- or 24-bit WAV) and a sound card clip "
	  "at 0 dBFS.",
	  "6.02 dB per bit: 16-bit holds about 96 dB of range, 24-bit about 144 dB.",
	  "Meters and peak figures on every page are in dBFS; renders count the samples that "
	  "clip." },
	{ "dBTP", "db tp",
	  "Decibels True Peak: the true peak (see \"true peak\") against full scale. It is "
	  "the figure delivery specifications limit, because it is what a converter or a "
	  "lossy encoder will actually see.",
	  "-1 dBTP is the usual ceiling for streaming and EBU R128; ATSC A/85 asks for -2.",
	  "The mastering page judges the true peak against the target's ceiling; renders "
	  "print it." },
	{ "true peak", "tp|intersample peak|intersample peaks|inter-sample peak",
	  "The highest level of the waveform between the samples, as a converter will "
	  "rebuild it, found by oversampling (BS.1770 uses 4 times). Two samples just under "
	  "0 dBFS can hide a peak above 0 between them: the sample peak then reads fine "
	  "while the true peak, and the playback, clips. Lossy encoding (AAC, MP3, Opus) "
	  "adds more overshoot.",
	  "Keep a master at or under -1 dBTP; the true peak can exceed the sample peak by "
	  "3 dB or more on hard-limited material.",
	  "The limiter insert's ceiling is a true-peak ceiling (4x oversampled); the "
	  "mastering page and renders report the true peak." },
	{ "crest factor", "crest|peak to rms|peak-to-rms",
	  "The ratio of the peak level to the average (RMS) level, in dB: how spiky a "
	  "signal is. Compression and limiting lower it; a high crest factor means punch and "
	  "room for transients, a low one density.",
	  "A sine wave is 3 dB; a raw drum kit 18 to 20 dB; a loud modern master 6 to 9 dB.",
	  "Lessons on compression measure it; the compressor's gain reduction lowers it." },
	{ "PLR", "peak to loudness ratio|peak-to-loudness ratio",
	  "Peak to Loudness Ratio: the true peak (dBTP) minus the integrated loudness "
	  "(LUFS). It says how much the master has been squeezed: once a service turns a "
	  "loud master down to its level, a low PLR only means smaller peaks, not more "
	  "loudness.",
	  "A -14 LUFS master peaking at -1 dBTP has a PLR of 13 dB; heavily limited masters "
	  "are near 8 dB.",
	  "Work it out from the mastering page's true peak and integrated figures." },
	{ "correlation", "phase|phase correlation|correlation meter",
	  "How alike the left and right channels are, from +1 (the same: mono) through 0 "
	  "(unrelated: wide) to -1 (the same but one inverted: out of phase). Below 0 the "
	  "two sides cancel when the mix is summed to mono (a phone, a club, a radio), and "
	  "parts vanish.",
	  "Keep the master above 0 nearly all the time; most mixes sit between +0.3 and "
	  "+0.8.",
	  "The mastering page shows it (red below 0); its monitor key m (or :monitor mono) "
	  "lets you hear the mono sum." },
	{ "headroom", "",
	  "The distance between the highest peak and the point where the signal clips (or "
	  "the ceiling you must meet). Headroom on the tracks and the mix bus leaves room "
	  "for transients and for the mastering chain to work with.",
	  "Leave 3 to 6 dB of headroom on the mix bus before the mastering chain.",
	  "Track and master meters show the peak against 0 dBFS; renders warn about "
	  "clipped samples." },
	{ "pan law", "panlaw|pan-law",
	  "How much a mono source is turned down when panned to the centre, against hard "
	  "left or right. At the centre both speakers play it, and in the room their sum "
	  "sounds louder: the law takes that back. -3 dB keeps the power constant (it sounds "
	  "equally loud across the field on speakers); -6 dB keeps the voltage constant (it "
	  "sums to the same level in mono); -4.5 dB is between. A stereo track's pan is a "
	  "balance control and uses no law.",
	  "-3 dB at centre is the common default, and ttymix's; set it per project with "
	  "\"pan_law_db\" (-6 to -3).",
	  "Every mono track's pan uses the project's law (docs/dsp.md gives the formula)." },
	{ "masking", "frequency masking",
	  "A louder sound hides a quieter one near it in frequency: the ear resolves sound "
	  "in critical bands, and inside one band the weaker part is covered. Two parts "
	  "that share a band (kick and bass, guitars and vocal) blur into each other; an EQ "
	  "cut on one, panning, or arrangement gives each its own space.",
	  "A critical band is about a third of an octave above 500 Hz; at 1 kHz the ERB is "
	  "about 130 Hz wide.",
	  "The mastering page's spectrum plot (v) shows where the energy sits; the eq "
	  "insert carves the space." },
	{ "gain staging", "gain-staging|gainstaging",
	  "Keeping the level at each stage of the chain (clip, insert, fader, bus) in a "
	  "healthy range, so that every insert meets the level it was designed for: a "
	  "compressor threshold, a saturator's drive and a limiter all depend on the level "
	  "fed to them. Floating point does not clip inside the mix, but settings and meters "
	  "make sense only at sane levels.",
	  "Tracks around -18 dBFS RMS with peaks under -6 dBFS; the mix bus peaking near "
	  "-6 to -3 dBFS.",
	  "Clip gain (:gain) and the fader set the stages; each strip's meter shows the "
	  "result." },
	{ "dither", "",
	  "Low-level noise added before reducing the word length (24- or 32-bit float to "
	  "16-bit), so that the rounding error becomes a steady, benign hiss instead of "
	  "distortion that follows the music and is heard in fades and reverb tails. Dither "
	  "once, as the very last step.",
	  "TPDF dither costs about 4.8 dB of noise: a dithered 16-bit file still has about "
	  "93 dB of signal to noise.",
	  "16-bit renders get TPDF dither by default, 24-bit none; --dither none|tpdf|"
	  "shaped chooses, and float renders are not quantised." },
};
const int glossary_count = (int)(sizeof glossary_table / sizeof glossary_table[0]);

/* a, lowered, with spaces, '-' and '_' left out, into out */
static void squash(const char *a, size_t n, char *out, size_t size)
{
	size_t o = 0;
	for (size_t i = 0; i < n && a[i] && o + 1 < size; i++)
		if (a[i] != ' ' && a[i] != '-' && a[i] != '_')
			out[o++] = (char)tolower((unsigned char)a[i]);
	out[o] = '\0';
}

const struct glossary_term *glossary_find(const char *word)
{
	char want[64], have[64];
	squash(word, strlen(word), want, sizeof want);
	if (!want[0])
		return NULL;
	for (int i = 0; i < glossary_count; i++) {
		const struct glossary_term *t = &glossary_table[i];
		squash(t->name, strlen(t->name), have, sizeof have);
		if (!strcmp(want, have))
			return t;
		for (const char *a = t->aliases; *a;) {
			const char *bar = strchr(a, '|');
			const size_t n = bar ? (size_t)(bar - a) : strlen(a);
			squash(a, n, have, sizeof have);
			if (have[0] && !strcmp(want, have))
				return t;
			a += n + (bar != NULL);
		}
	}
	return NULL;
}

char *glossary_pan_law_words(double pan_law_db)
{
	const char *kind = fabs(pan_law_db + 3.0) < 0.05 ? "constant power"
		: fabs(pan_law_db + 6.0) < 0.05 ? "constant voltage: mono sums stay level"
		: "between constant power (-3) and constant voltage (-6)";
	return xasprintf("%g dB at centre (%s)", pan_law_db, kind);
}

char *glossary_format(const struct glossary_term *t, double pan_law_db)
{
	char *project = NULL;
	if (!strcmp(t->name, "pan law") && isfinite(pan_law_db)) {
		char *words = glossary_pan_law_words(pan_law_db);
		project = xasprintf("This project: %s.\n", words);
		free(words);
	}
	char *s = xasprintf("%s (term)\n%s\nRemember: %s\nIn ttymix: %s\n%s", t->name,
		t->means, t->remember, t->in_ttymix, project ? project : "");
	free(project);
	return s;
}

char *glossary_all(void)
{
	char *all = xasprintf("## Terms\n\nThe words the meters, the mastering page and the "
		"lessons use, as `ttymix help TERM` prints them.\n\n");
	for (int i = 0; i < glossary_count; i++) {
		char *one = glossary_format(&glossary_table[i], NAN);
		char *next = xasprintf("%s```\n%s```\n\n", all, one);
		free(one);
		free(all);
		all = next;
	}
	return all;
}
