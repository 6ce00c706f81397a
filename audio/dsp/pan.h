/* Pan laws (docs/dsp.md). Pure functions: safe on any thread, including audio. */
#ifndef TTYMIX_PAN_H
#define TTYMIX_PAN_H

/* Left/right gains for a source of `channels` (1: constant-power law whose centre
 * attenuation is law_db; 2: balance) at pan -1..1, times the linear fader gain. */
void pan_gains_rt(double law_db, int channels, double pan, double fader_lin, float out[2]);

/* 10^(db/20), with -inf for anything at or below -144 dB giving 0. */
double db_to_lin_rt(double db);

#endif
