#include "audio/dsp/pan.h"

#include <math.h>

double db_to_lin_rt(double db)
{
	if (db <= -144.0)
		return 0.0;
	if (db == 0.0)
		return 1.0;
	return pow(10.0, db / 20.0);
}

void pan_gains_rt(double law_db, int channels, double pan, double fader_lin, float out[2])
{
	if (pan < -1.0)
		pan = -1.0;
	if (pan > 1.0)
		pan = 1.0;
	double l, r;
	if (channels == 2) {
		/* balance: the centre leaves both sides at unity */
		l = pan > 0.0 ? 1.0 - pan : 1.0;
		r = pan < 0.0 ? 1.0 + pan : 1.0;
	} else {
		/* sin/cos law raised to law_db / -3: -3 dB is the plain sin/cos law,
		 * -6 dB its square, -4.5 dB in between */
		double theta = (pan + 1.0) * M_PI / 4.0;
		double k = law_db / -3.0;
		l = cos(theta);
		r = sin(theta);
		l = l <= 1e-12 ? 0.0 : (k == 1.0 ? l : pow(l, k));
		r = r <= 1e-12 ? 0.0 : (k == 1.0 ? r : pow(r, k));
	}
	out[0] = (float)(l * fader_lin);
	out[1] = (float)(r * fader_lin);
}
