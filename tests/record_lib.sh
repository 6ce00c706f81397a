# shellcheck shell=sh
# The known signal the recording tests (record.sh, record_pa.sh) play into ttymix's
# inputs; sourced after tmux_lib.sh, never run.
#
#   record_material   in WORK: stereo.wav (2.5 s, left white noise and a 100 Hz/8 kHz
#                     pair, right pink noise and 6 kHz/150 Hz, 24-bit, 1.5 s of silence
#                     before), the project src playing it and its render ref.wav (32-bit
#                     float), and the project proj to record into
record_material() {
	cd "$WORK" || exit 99
	sox -R -D -n -r 48000 -c 1 -b 24 l.wav synth 2.5 whitenoise synth 2.5 sine \
		mix 100:8000 gain -15 &&
	sox -R -D -n -r 48000 -c 1 -b 24 r.wav synth 2.5 pinknoise synth 2.5 sine \
		mix 6000:150 gain -15 &&
	sox -R -D -M l.wav r.wav stereo.wav pad 1.5 0 || fail "sox could not make the material"
	"$TTYMIX" new "$WORK/src" stereo.wav >new.log 2>&1 || fail "ttymix new failed"
	"$TTYMIX" render "$WORK/src" -o ref.wav --bits 32f >render.log 2>&1 ||
		fail "ttymix render failed"
	"$TTYMIX" new "$WORK/proj" stereo.wav >new2.log 2>&1 || fail "ttymix new (proj) failed"
}
