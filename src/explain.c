/* The teaching text for every control (src/explain.h): one table, read by
 * `ttymix help`, docs/explain.md and the studio's info panel. Starting points are
 * where to begin and then listen, not answers; levels are dBFS at the strip. */
#include "src/explain.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audio/fx/fx.h"
#include "src/control.h"
#include "src/base/xalloc.h"

#define E(c, p, does, v, k, b, g, m, listen) { c, p, does, v, k, b, g, m, listen }

const struct explain_text explain_table[] = {
	/* ---- the strip ---- */
	E("fader", NULL,
	  "The track's level in the mix, in dB: 0 dB leaves the signal as it is, -6 dB "
	  "halves its amplitude, -144 dB is silence. Balancing the faders is the first and "
	  "most important step of any mix. Range -144 to +24 dB.",
	  "the loudest steady part of the song; start so the words are clear over the band",
	  "start with the kick alone around -6 dB on the meter, then bring the rest up to it",
	  "as loud as the kick to the ear in the chorus; check on small speakers too",
	  "a little under the vocal; rhythm guitars often 3-6 dB under the lead",
	  "the master fader stays at 0 dB; fix the balance on the tracks instead",
	  "Can you hear every part you need to? Does the most important part lead? Mix at a "
	  "low volume: balance mistakes show up quicker than at high volume."),
	E("pan", NULL,
	  "Where a mono track sits between the speakers (-1 left, 0 centre, +1 right), by the "
	  "project's pan law: -3 dB at centre by default, the constant-power law that sounds "
	  "equally loud everywhere (ttymix help pan-law tells the others). On a stereo track, "
	  "the balance between its two sides. Type it as -1..1 or L30, C, R12.",
	  "centre: the voice is the anchor",
	  "centre: low frequencies carry the energy and should come from both speakers",
	  "centre, for the same reason as the kick",
	  "double-tracked parts L70/R70 or wider; a single part slightly off centre (L20)",
	  "the master stays centred; width belongs to the tracks",
	  "Separation: parts that fight in the centre become clear when moved apart. Check "
	  "in mono (both speakers the same) that nothing disappears."),
	E("send", NULL,
	  "A copy of the track's signal fed to a bus (for example a reverb or delay return), "
	  "at its own level in dB: post-fader follows the fader, pre-fader does not. One "
	  "reverb bus shared by many tracks puts them in the same room.",
	  "reverb send -15 to -10 dB post-fader; a delay send a few dB lower",
	  "usually none, or a short room -20 dB",
	  "none: reverb on bass muddies the low end",
	  "-18 to -12 dB to the reverb; a slap delay can replace reverb",
	  "no sends from the mix bus",
	  "The tail after each note. Raise the send until you just hear the space, then back "
	  "off a little: too much pushes the part to the back and blurs the mix."),

	/* ---- eq ---- */
	E("eq", "hpf_hz",
	  "High-pass filter: removes everything below the corner frequency (the level there "
	  "is already 3 dB down) and lets the rest through. The cleanest way to take rumble, "
	  "handling noise and low-frequency build-up (mud) out of parts that do not need it.",
	  "80-100 Hz (male), 100-150 Hz (female)", "20-30 Hz or off: keep the thump",
	  "30-40 Hz, only sub-sonic rumble", "80-120 Hz on electric, up to 150 Hz on acoustic",
	  "off, or 20-25 Hz to remove sub-sonic energy",
	  "Sweep it up until the part gets thin, then back down a little. In a full mix parts "
	  "need less low end than they seem to when soloed."),
	E("eq", "hpf_slope",
	  "How steeply the high-pass cuts below its corner: 12 dB per octave is gentle and "
	  "natural, 24 dB per octave removes the lows decisively with a sharper corner.",
	  "12 dB/oct", "12 dB/oct", "24 dB/oct for a tight sub cut", "12 or 24 dB/oct",
	  "24 dB/oct when only cutting sub-sonics",
	  "A steep slope can ring a little at the corner; a gentle one lets more of the lows "
	  "through."),
	E("eq", "lpf_hz",
	  "Low-pass filter: removes everything above the corner frequency. Tames hiss and "
	  "harshness, and pushes a part back in the mix (darker sounds seem further away).",
	  "off, or 16-18 kHz to tame hiss", "8-10 kHz if the click is not wanted",
	  "3-6 kHz on a synth bass to keep it round", "8-12 kHz on distorted guitar",
	  "off (or 18-20 kHz)",
	  "Lower it until the part loses air or definition, then back up. A darker part sits "
	  "behind a brighter one."),
	E("eq", "lpf_slope",
	  "How steeply the low-pass cuts above its corner: 12 or 24 dB per octave.",
	  "12 dB/oct", "12 dB/oct", "12 dB/oct", "24 dB/oct against fizz", "12 dB/oct",
	  "A steep slope sounds more 'filtered'; a gentle one more natural."),
	E("eq", "low_shelf_hz",
	  "Corner of the low shelf: below it, everything is raised or lowered by the "
	  "shelf's gain (the corner is where half the gain in dB is reached).",
	  "150-250 Hz", "60-100 Hz", "80-120 Hz", "150-300 Hz", "80-120 Hz",
	  "Where the boost or cut starts to be felt: the body or the boom of the part."),
	E("eq", "low_shelf_db",
	  "Gain of the low shelf: raises (+) or lowers (-) everything below its corner. "
	  "0 dB: off.",
	  "-2 to -4 dB to clear proximity boom", "+2 to +4 dB for weight", "+2 to +3 dB",
	  "-2 to -4 dB to make room for the bass", "+/-1 dB at most",
	  "Warmth and weight with a boost, clarity with a cut. Small moves: 2 dB is a lot "
	  "on a shelf."),
	E("eq", "high_shelf_hz",
	  "Corner of the high shelf: above it, everything is raised or lowered by the "
	  "shelf's gain.",
	  "8-12 kHz (air)", "4-6 kHz (beater click)", "2-3 kHz (string noise, attack)",
	  "4-6 kHz", "10-12 kHz",
	  "The brightness region you are changing: presence at 3-5 kHz, air above 10 kHz."),
	E("eq", "high_shelf_db",
	  "Gain of the high shelf: raises (+) or lowers (-) everything above its corner. "
	  "0 dB: off.",
	  "+2 to +4 dB for air", "+2 dB for click", "-2 to -4 dB to round it",
	  "-2 dB on harsh amps, +2 dB on dull acoustics", "+1 dB at most",
	  "Air and openness when raised; harshness and sibilance (s sounds) when raised too "
	  "far. Compare bypassed (b) at the same level."),
	E("eq", "bandN_hz",
	  "Centre frequency of a peaking band: the band raises or lowers a bell-shaped "
	  "region around it. Find a problem by boosting a narrow band, sweeping until it "
	  "sounds worst, then turning the boost into a cut.",
	  "200-400 Hz (box), 2-5 kHz (presence), 5-8 kHz (sibilance)",
	  "50-80 Hz (thump), 300-500 Hz (cardboard), 2-4 kHz (beater)",
	  "60-100 Hz (weight), 200-300 Hz (mud), 700-1000 Hz (growl)",
	  "200-400 Hz (mud), 2-4 kHz (bite)",
	  "200-300 Hz (mud), 2-5 kHz (harshness)",
	  "The region the band works on: low mids for mud and box, upper mids for presence "
	  "and harshness."),
	E("eq", "bandN_db",
	  "Boost (+) or cut (-) of a peaking band at its centre frequency, in dB; 0 turns "
	  "the band off.",
	  "-2 to -4 dB on boxiness, +2 dB for presence", "-3 to -6 dB on cardboard",
	  "-3 dB on mud", "-2 to -5 dB on mud, +2 dB on bite",
	  "+/-1 dB at most",
	  "Cut narrow, boost wide. Compare with the insert bypassed: the part should sound "
	  "clearer in the mix, not only louder or brighter."),
	E("eq", "bandN_q",
	  "Width of a peaking band: a low Q (0.5-1) is broad and musical, a high Q (4-10) "
	  "is narrow, for removing one resonance.",
	  "1-2 for tone, 5-8 for a resonance", "2-4", "1-2", "1-3", "0.5-1",
	  "A narrow cut should remove a ring without changing the tone; a broad one reshapes "
	  "the tone."),

	/* ---- compressor ---- */
	E("compressor", "threshold_db",
	  "The level (dBFS) above which the compressor turns the signal down. The lower the "
	  "threshold, the more of the signal is compressed. Watch the gain-reduction meter.",
	  "-20 to -25 dB: 3-6 dB of reduction on loud words",
	  "-15 to -20 dB: a few dB on each hit",
	  "-25 to -30 dB: reduction on every note",
	  "-20 dB", "-10 to -15 dB: 1-3 dB of reduction at most",
	  "How often and how much the gain-reduction meter moves. Every word or note should "
	  "move it a little; silence should not."),
	E("compressor", "ratio",
	  "How hard the signal is turned down above the threshold: at 4:1, 4 dB more input "
	  "gives 1 dB more output. 1:1 does nothing; 20:1 and up is limiting.",
	  "3:1 to 4:1", "4:1", "4:1 to 8:1", "3:1", "1.5:1 to 2:1",
	  "Low ratios sound natural and glue; high ratios flatten and can sound squashed. "
	  "Judge with the insert bypassed at the same level."),
	E("compressor", "knee_db",
	  "Width of the soft knee: the compressor eases in over this many dB around the "
	  "threshold instead of switching on at it (0: hard knee).",
	  "6-10 dB", "0-3 dB (punchy)", "3-6 dB", "6 dB", "10-12 dB (transparent)",
	  "A hard knee grabs and sounds more obvious; a soft knee is smoother."),
	E("compressor", "attack_ms",
	  "How fast the compressor reacts when the signal rises over the threshold (time to "
	  "63 % of the reduction). Fast attacks catch peaks; slow ones let the start of each "
	  "note through.",
	  "5-15 ms", "20-30 ms to keep the click, 1 ms to soften it",
	  "1-5 ms to even out plucks", "10-20 ms", "20-30 ms to keep transients",
	  "The front of each note: too fast dulls the attack, too slow lets peaks jump out."),
	E("compressor", "release_ms",
	  "How fast the compressor lets go when the signal falls again (time to 63 % of the "
	  "recovery).",
	  "50-150 ms", "50-100 ms, back before the next hit", "80-150 ms", "100 ms",
	  "100-300 ms, or timed to the tempo",
	  "Pumping (audible breathing of the level) when too short; squashed following "
	  "notes when too long."),
	E("compressor", "makeup_db",
	  "Gain after the compressor, to give back the level the compression took away.",
	  "about the average gain reduction", "same", "same", "same", "same",
	  "Match the level with the insert bypassed (b): then you judge the compression, "
	  "not a change in loudness."),
	E("compressor", "sidechain_hpf_hz",
	  "High-pass on the detector only: the compressor ignores the lows when deciding, "
	  "so a bass note does not make everything duck (pumping). The audio is not "
	  "filtered.",
	  "80-100 Hz", "off", "off", "80-120 Hz", "80-150 Hz",
	  "Less pumping on the whole mix when the kick or bass hits."),
	E("compressor", "stereo_link",
	  "1: both channels are turned down together, following the louder one, so the "
	  "stereo image stays put; 0: each channel on its own.",
	  "1", "1", "1", "1", "1",
	  "An image that leans from side to side when unlinked."),

	/* ---- gate ---- */
	E("gate", "threshold_db",
	  "The level (dBFS) a peak must reach to open the gate; below it the gate closes and "
	  "lowers the signal by the range. Removes noise and spill between notes.",
	  "-45 to -55 dB, under the quietest word", "-30 dB: opens on hits, not on spill",
	  "rarely used", "-50 dB against amp hiss", "never on a mix bus",
	  "Cut-off word endings or missing quiet hits mean the threshold is too high."),
	E("gate", "range_db",
	  "How far the gate turns the signal down when closed (0: nothing; -80: silence).",
	  "-10 to -20 dB (natural)", "-40 to -80 dB", "-10 dB", "-20 to -40 dB", "n/a",
	  "A partial range keeps some room sound and sounds less chopped."),
	E("gate", "attack_ms",
	  "How fast the gate opens once the threshold is reached.",
	  "1-5 ms", "0.1-1 ms (keep the click)", "1-5 ms", "1-5 ms", "n/a",
	  "Clicks when too fast on low sounds; a softened start when too slow."),
	E("gate", "hold_ms",
	  "How long the gate stays open after the last peak over the threshold, before it "
	  "starts closing.",
	  "50-100 ms", "30-80 ms", "50-100 ms", "50 ms", "n/a",
	  "Chattering (the gate flickering open and shut) means too little hold."),
	E("gate", "release_ms",
	  "How fast the gate closes once the hold is over.",
	  "100-200 ms", "50-150 ms, with the drum's decay", "100 ms", "100-200 ms", "n/a",
	  "Tails cut off abruptly when too fast."),

	/* ---- delay ---- */
	E("delay", "time_ms",
	  "Time from the sound to its first echo and between echoes. Ignored when sync is "
	  "set (then the delay follows the tempo).",
	  "80-120 ms slap, or a tempo value", "rarely", "rarely", "100-150 ms slap",
	  "n/a",
	  "Echoes in time with the song blend in; off-time echoes clutter."),
	E("delay", "feedback",
	  "How much of each echo is fed back: 0 gives one echo, 0.5 several fading echoes, "
	  "near 0.95 a long trail.",
	  "0.2-0.35", "n/a", "n/a", "0.1-0.3", "n/a",
	  "How many repeats you hear before they sink under the mix."),
	E("delay", "lowpass_hz",
	  "A low-pass in the feedback loop: each echo darker than the one before, like tape. "
	  "Dark echoes stay behind the dry sound.",
	  "3-5 kHz", "n/a", "n/a", "3-4 kHz", "n/a",
	  "Echoes that compete with the dry part are too bright."),
	E("delay", "pingpong",
	  "1: echoes bounce between left and right; 0: each side echoes on its own.",
	  "0, or 1 for a wide effect", "n/a", "n/a", "1 for width", "n/a",
	  "Width and movement; in mono it collapses to a plain delay."),
	E("delay", "mix",
	  "Balance of dry sound and echoes inside the insert: 0 dry, 1 echoes only. On a "
	  "send bus (the usual way) set it to 1 and use the send level instead.",
	  "1 on a bus; 0.1-0.2 as an insert", "n/a", "n/a", "0.15-0.3 as an insert",
	  "n/a",
	  "The echoes should be felt more than heard."),
	E("delay", "sync",
	  "Delay time in beats at the project tempo (overrides time_ms): 0.25 a 16th, 0.5 an "
	  "8th, 0.75 a dotted 8th, 1 a quarter note. 0: off.",
	  "0.75 (dotted 8th) or 1", "n/a", "n/a", "0.5 or 0.75", "n/a",
	  "Echoes that fall between the beats add groove; on the beats they thicken."),

	/* ---- reverb ---- */
	E("reverb", "predelay_ms",
	  "Gap between the dry sound and the start of the reverb. A little predelay keeps "
	  "the dry sound clear in front of its room.",
	  "20-40 ms", "0-10 ms", "n/a", "10-30 ms", "n/a",
	  "Words that blur into the reverb want more predelay."),
	E("reverb", "decay_s",
	  "RT60: the time the tail takes to fall by 60 dB. Small rooms 0.3-0.8 s, halls "
	  "1.5-3 s.",
	  "1.2-2 s (ballad longer)", "0.3-0.8 s room", "n/a", "1-1.5 s", "n/a",
	  "The tail should end before it muddies the next phrase; time it to the tempo."),
	E("reverb", "size",
	  "Room size: scales the reverb's internal delays; larger sounds bigger and less "
	  "metallic, smaller tighter.",
	  "1-1.5", "0.5-0.8", "n/a", "1", "n/a",
	  "Fluttery or metallic tails at small sizes with long decays."),
	E("reverb", "damping_hz",
	  "A low-pass inside the reverb: highs die sooner than lows, like soft furnishings. "
	  "Lower values give a darker, warmer tail.",
	  "5-8 kHz", "4-6 kHz", "n/a", "4-6 kHz", "n/a",
	  "A bright tail draws attention to itself; a dark one sits behind the mix."),
	E("reverb", "width",
	  "Stereo width of the tail: 0 mono, 1 full width.",
	  "1", "0.5", "n/a", "1", "n/a",
	  "A wide tail surrounds a centred voice; a narrow one keeps the space tidy."),
	E("reverb", "mix",
	  "Balance of dry sound and reverb inside the insert: 0 dry, 1 reverb only. On a "
	  "reverb bus fed by sends (the usual way) set it to 1.",
	  "1 on a bus; 0.1-0.2 as an insert", "1 on a bus", "n/a", "1 on a bus", "n/a",
	  "Distance: more reverb puts a part further back."),

	/* ---- chorus ---- */
	E("chorus", "rate_hz",
	  "Speed of the sweep that moves the delay time up and down.",
	  "0.3-0.8 Hz", "n/a", "0.5 Hz, subtle", "0.5-1.5 Hz", "n/a",
	  "Slow rates shimmer; fast ones wobble (vibrato)."),
	E("chorus", "depth_ms",
	  "How far the delay time swings either side of delay_ms.",
	  "1-2 ms", "n/a", "1 ms", "2-4 ms", "n/a",
	  "Detuning you can hear as pitch wobble means too much depth."),
	E("chorus", "delay_ms",
	  "Centre delay of the swept copy: 15-25 ms gives chorus, 1-5 ms flanging.",
	  "15-20 ms", "n/a", "10-15 ms", "15-25 ms (chorus), 2-5 ms (flanger)", "n/a",
	  "Doubling and thickness (chorus) or a jet-like sweep (flanger)."),
	E("chorus", "feedback",
	  "Swept signal fed back to the input: adds the resonant edge of a flanger.",
	  "0", "n/a", "0", "0-0.5 for flanging", "n/a",
	  "Metallic ringing grows with feedback."),
	E("chorus", "mix",
	  "Balance of dry and swept signal: 0.5 is the classic chorus.",
	  "0.2-0.3", "n/a", "0.2-0.3", "0.4-0.5", "n/a",
	  "In mono, a strong chorus can sound hollow: check it."),

	/* ---- multiband ---- */
	E("multiband", "xover_low_hz",
	  "Crossover between the low and mid bands: below it, the low band's compressor "
	  "works alone.",
	  "150-250 Hz", "100-150 Hz", "100-200 Hz", "200 Hz", "120-200 Hz",
	  "Put the split where the problem starts (boom below, body above)."),
	E("multiband", "xover_high_hz",
	  "Crossover between the mid and high bands.",
	  "4-6 kHz (de-essing)", "3-5 kHz", "1-2 kHz", "3 kHz", "2.5-5 kHz",
	  "The high band holds sibilance and cymbals."),
	E("multiband", "band_threshold_db",
	  "Per band: the level where that band's compression starts.",
	  "set so only the problem band reduces", "same", "same", "same",
	  "-20 dB, 1-2 dB of reduction per band",
	  "Only the band with a problem should show gain reduction."),
	E("multiband", "band_ratio",
	  "Per band: the compression ratio; 1 leaves the band untouched.",
	  "2-4:1 in the high band against sibilance", "2:1", "3-4:1 in the low band",
	  "2:1", "1.5-2:1",
	  "A band that ducks too obviously changes the tone while it works."),
	E("multiband", "band_attack_ms",
	  "Per band: how fast that band's compressor reacts.",
	  "1-5 ms (high band)", "10-30 ms", "10-30 ms (low band)", "10 ms",
	  "30 ms low, 10 ms mid, 5 ms high",
	  "Lows need slower times than highs to avoid distortion."),
	E("multiband", "band_release_ms",
	  "Per band: how fast that band's compressor lets go.",
	  "50-100 ms", "100 ms", "150-250 ms", "100 ms", "150-300 ms",
	  "Pumping in one band means the release is too fast for it."),
	E("multiband", "band_makeup_db",
	  "Per band: gain after that band's compression; also a broad tone control.",
	  "0-2 dB", "0-2 dB", "0-2 dB", "0-2 dB", "+/-1 dB",
	  "Match the level bypassed so the tone change is judged fairly."),

	/* ---- width ---- */
	E("width", "width",
	  "Stereo width by mid/side: the side (difference) signal scaled; 0 mono, 1 as it "
	  "is, 2 twice as wide.",
	  "1", "0 (mono)", "0 (mono)", "1-1.3 on a stereo pair", "1-1.2",
	  "Too wide sounds hollow and thin in mono; check with the mono switch."),
	E("width", "mono_below_hz",
	  "Below this frequency the side signal is removed: the bass stays mono, which "
	  "keeps the low end solid and safe for vinyl and mono speakers. 0: off.",
	  "off", "off", "off", "100 Hz", "100-150 Hz",
	  "A tighter, centred low end."),

	/* ---- limiter ---- */
	E("limiter", "ceiling_dbtp",
	  "The highest true peak (between-sample peak, as loudness meters measure it) the "
	  "limiter lets out. Streaming services ask for -1 dBTP or lower.",
	  "n/a", "n/a", "n/a", "n/a", "-1 dBTP (streaming), -0.3 dBTP (CD)",
	  "Nothing: the ceiling is a safety line. Check the true-peak meter stays under it."),
	E("limiter", "release_ms",
	  "How fast the limiter recovers after reducing a peak.",
	  "n/a", "n/a", "n/a", "n/a", "50-200 ms",
	  "Distortion on bass when too fast; pumping or dullness when too slow."),
	E("limiter", "input_db",
	  "Gain into the limiter: drives the mix into the ceiling and so sets the final "
	  "loudness. Every dB over the ceiling is a dB of gain reduction.",
	  "n/a", "n/a", "n/a", "n/a", "raise until the integrated loudness reads the target "
	  "(-14 LUFS for streaming)",
	  "Flattened drums and lost punch mean too much; watch the gain reduction stay "
	  "under about 3-4 dB on the loudest hits."),
};
const int explain_count = (int)(sizeof explain_table / sizeof explain_table[0]);

/* "band2_hz" -> "bandN_hz" (eq); "low_ratio" -> "band_ratio" (multiband). */
static void normalise(const char *cls, const char *param, char *out, size_t size)
{
	static const char *const mb_bands[] = { "low_", "mid_", "high_" };
	if (!strcmp(cls, "multiband"))
		for (size_t i = 0; i < 3; i++) {
			size_t n = strlen(mb_bands[i]);
			if (!strncmp(param, mb_bands[i], n) && strncmp(param, "xover", 5)) {
				snprintf(out, size, "band_%s", param + n);
				return;
			}
		}
	size_t o = 0;
	for (const char *s = param; *s && o + 1 < size; s++) {
		if (isdigit((unsigned char)*s)) {
			out[o++] = 'N';
			while (isdigit((unsigned char)s[1]))
				s++;
		} else {
			out[o++] = *s;
		}
	}
	out[o] = '\0';
}

const struct explain_text *explain_find(const char *cls, const char *param)
{
	char key[64] = "";
	if (param)
		normalise(cls, param, key, sizeof key);
	for (int i = 0; i < explain_count; i++) {
		const struct explain_text *e = &explain_table[i];
		if (strcmp(e->cls, cls))
			continue;
		if ((!param && !e->param) || (param && e->param && !strcmp(e->param, key)))
			return e;
	}
	return NULL;
}

struct buf {
	char *s;
	size_t len, cap;
};

static void put(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (b->len + (size_t)n + 1 > b->cap) {
		b->cap = (b->len + (size_t)n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

static void fmt_number(char *out, size_t size, double v)
{
	snprintf(out, size, "%g", v);
}

static void format_into(struct buf *b, const char *cls, const char *param,
	const char *title, const struct explain_text *e)
{
	const struct fx_class *fc = param ? fx_class_find(cls) : NULL;
	int k = fc ? fx_param_find(fc, param) : -1;
	put(b, "%s\n", title);
	if (k >= 0) {
		const struct fx_param *fp = &fc->params[k];
		char lo[32], hi[32], def[32];
		fmt_number(lo, sizeof lo, fp->min);
		fmt_number(hi, sizeof hi, fp->max);
		fmt_number(def, sizeof def, fp->def);
		const char *unit = fp->unit[0] ? fp->unit : "";
		const char *sep = fp->unit[0] && strcmp(unit, ":1") ? " " : "";
		put(b, "  range %s to %s%s%s, default %s%s%s\n", lo, hi, sep, unit, def, sep, unit);
		put(b, "  %s\n", fp->help);
	}
	const struct control *c = param ? NULL : control_by_name(cls);
	if (c) {
		/* a strip control: its range, key and lane from the control table */
		char lo[32], hi[32];
		fmt_number(lo, sizeof lo, c->min);
		fmt_number(hi, sizeof hi, c->max);
		put(b, "  range %s to %s%s%s; \"%s\" in project.json", lo, hi, c->unit[0] ? " " : "",
			c->unit, c->key);
		if (c->lane)
			put(b, ", automation lane \"%s\"", c->lane);
		put(b, "\n");
	}
	if (!e) {
		put(b, "  (no explanation yet)\n");
		return;
	}
	put(b, "What it does: %s\n", e->does);
	put(b, "Starting points:\n");
	const char *names[5] = { "vocal", "kick", "bass", "guitar", "mix bus" };
	const char *vals[5] = { e->vocal, e->kick, e->bass, e->guitar, e->mix_bus };
	for (int i = 0; i < 5; i++)
		put(b, "  %-8s %s\n", names[i], vals[i] && vals[i][0] ? vals[i] : "n/a");
	put(b, "Listen for: %s\n", e->listen);
}

char *explain_format(const char *cls, const char *param)
{
	const struct explain_text *e = explain_find(cls, param);
	if (param) {
		const struct fx_class *fc = fx_class_find(cls);
		if (!fc || fx_param_find(fc, param) < 0)
			return NULL;
	} else if (!e) {
		return NULL;
	}
	struct buf b = { 0 };
	char title[96];
	if (param)
		snprintf(title, sizeof title, "%s.%s", cls, param);
	else
		snprintf(title, sizeof title, "%s", cls);
	format_into(&b, cls, param, title, e);
	return b.s;
}

static bool is_strip_control(const char *name)
{
	for (int i = 0; i < explain_count; i++)
		if (!explain_table[i].param && !strcmp(explain_table[i].cls, name))
			return true;
	return false;
}

int explain_search(const char *query,
	void (*found)(void *arg, const char *cls, const char *param), void *arg)
{
	int n = 0;
	if (is_strip_control(query)) {
		found(arg, query, NULL);
		return 1;
	}
	const char *dot = strchr(query, '.');
	/* three passes, the first that finds anything wins: class.param or a whole class,
	 * then a parameter's exact name, then a part of one */
	for (int pass = 0; pass < 3 && n == 0; pass++)
		for (int c = 0; c < fx_n_classes; c++) {
			const struct fx_class *fc = fx_classes[c];
			for (int k = 0; k < fc->n_params; k++) {
				const char *pn = fc->params[k].name;
				bool hit;
				if (pass == 0) {
					size_t cl = strlen(fc->name);
					hit = dot ? (!strncmp(query, fc->name, cl) && query[cl] == '.' &&
						!strcmp(query + cl + 1, pn)) : !strcmp(query, fc->name);
				} else if (pass == 1) {
					/* the name, or the name per band (multiband's low_ratio) */
					size_t ql = strlen(query), pl = strlen(pn);
					hit = !dot && (!strcmp(query, pn) || (pl > ql + 1 &&
						pn[pl - ql - 1] == '_' && !strcmp(pn + pl - ql, query)));
				} else {
					hit = !dot && strstr(pn, query) != NULL;
				}
				if (hit) {
					found(arg, fc->name, pn);
					n++;
				}
			}
		}
	return n;
}

char *explain_all(void)
{
	struct buf b = { 0 };
	put(&b, "# ttymix: every control explained\n\n");
	put(&b, "Made by `ttymix help --all` from the one table in src/explain.c; a test checks "
		"that this file says the same, so edit the table, not this file.\n"
		"The studio shows the same text with `i` on a control.\n\n");
	put(&b, "## The strip\n\n");
	for (int i = 0; i < explain_count; i++)
		if (!explain_table[i].param) {
			put(&b, "```\n");
			format_into(&b, explain_table[i].cls, NULL, explain_table[i].cls,
				&explain_table[i]);
			put(&b, "```\n\n");
		}
	for (int c = 0; c < fx_n_classes; c++) {
		const struct fx_class *fc = fx_classes[c];
		put(&b, "## %s: %s\n\n", fc->name, fc->help);
		/* a parameter repeated per band is explained once, under its first name */
		char seen[FX_MAX_PARAMS][64];
		int n_seen = 0;
		for (int k = 0; k < fc->n_params; k++) {
			char key[64];
			normalise(fc->name, fc->params[k].name, key, sizeof key);
			bool dup = false;
			for (int s = 0; s < n_seen; s++)
				dup = dup || !strcmp(seen[s], key);
			if (dup)
				continue;
			snprintf(seen[n_seen++], sizeof seen[0], "%s", key);
			char title[96];
			snprintf(title, sizeof title, "%s.%s%s", fc->name, fc->params[k].name,
				strcmp(key, fc->params[k].name) ? " (and the other bands' alike)" : "");
			put(&b, "```\n");
			format_into(&b, fc->name, fc->params[k].name, title,
				explain_find(fc->name, fc->params[k].name));
			put(&b, "```\n\n");
		}
	}
	return b.s;
}
