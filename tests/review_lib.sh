# shellcheck shell=sh
# The planted projects of the mix review's tests (tests/review.sh, tests/ui_review.sh):
# each a few seconds of audio made by sox at test time, with one known problem.
# POSIX sh; sourced, never run. Every function makes the folder $1 (project.json and
# audio/) in the current directory; sox must be on PATH.
#
#   plant_kickbass DIR  a kick sweeping 120-55 Hz and a bass at 65 Hz: both in 60-120 Hz
#   plant_padvox DIR    a pad over the vocal's 1-4 kHz (the vocal's role "vox lead")
#   plant_polarity DIR  a stereo track whose right side is the left inverted
#   plant_busclip DIR   two tracks through a bus that peaks over 0 dBTP, the master
#                       fader pulling the whole back down
#   plant_bump DIR      a 6 dB bump at 200 Hz (the master's eq) on pink noise
#   plant_squash DIR    a steady bass through a compressor whose threshold is 34 dB
#                       under it: it never releases
#   plant_dark DIR HZ   pink noise through a one-pole lowpass at HZ: darker than pink
#   plant_control DIR   pink noise split into three bands that meet at the edges of
#                       1/3-octave bands (178 and 2239 Hz), so no band holds two: clean

# SOX ARGS...: sox at 48 kHz, 24-bit, quiet.
review_sox() {
	sox -R -q -n -r 48000 -b 24 "$@" || { echo "review_lib: sox failed: $*"; exit 99; }
}

# review_project DIR TRACKS_JSON [REST_JSON]: DIR/project.json with those tracks.
review_project() {
	printf '{"format": "ttymix-project", "version": 1, "name": "%s", "sample_rate": 48000,\n "tracks": [%s]%s}\n' \
		"$1" "$2" "${3:+, $3}" >"$1/project.json"
}

# review_track NAME [MORE_JSON]: a track playing audio/NAME.wav from 0.
review_track() {
	printf '{"name": "%s", "clips": [{"file": "audio/%s.wav", "start": 0}]%s}' \
		"$1" "$1" "${2:+, $2}"
}

plant_kickbass() {
	mkdir -p "$1/audio"
	review_sox "$1/audio/bass.wav" synth 4 sawtooth 65 lowpass 150 lowpass 150 gain -n -10
	review_sox "$1/audio/kick.wav" synth 0.25 sine 120-55 fade q 0.002 0.25 0.2 \
		pad 0 0.25 repeat 7 gain -n -8
	review_project "$1" "$(review_track kick), $(review_track bass)"
}

plant_padvox() {
	mkdir -p "$1/audio"
	review_sox "$1/audio/vox.wav" synth 4 pinknoise sinc 1000-4000 tremolo 3 60 gain -n -16
	review_sox "$1/audio/pad.wav" synth 4 pinknoise sinc 250-6000 gain -n -12
	review_project "$1" "$(review_track vox '"role": "vox lead"'), $(review_track pad)"
}

plant_polarity() {
	mkdir -p "$1/audio"
	review_sox "$1/audio/wide.wav" synth 4 pinknoise sinc 100-8000 gain -n -18 \
		remix 1 1v-1
	review_sox "$1/audio/keys.wav" synth 4 sine 440 gain -n -24
	review_project "$1" "$(review_track wide), $(review_track keys)"
}

plant_busclip() {
	mkdir -p "$1/audio"
	review_sox "$1/audio/tom.wav" synth 4 sine 150 gain -n -4
	review_sox "$1/audio/floor.wav" synth 4 sine 150 gain -n -4
	review_project "$1" \
		"$(review_track tom '"output": "drums"'), $(review_track floor '"output": "drums"')" \
		'"buses": [{"name": "drums", "gain_db": 3}], "master": {"gain_db": -12}'
}

plant_bump() {
	mkdir -p "$1/audio"
	review_sox "$1/audio/noise.wav" synth 4 pinknoise gain -n -20
	review_project "$1" "$(review_track noise)" \
		'"master": {"inserts": [{"type": "eq", "params": {"band1_hz": 200, "band1_db": 6, "band1_q": 1.4}}]}'
}

plant_squash() {
	mkdir -p "$1/audio"
	review_sox "$1/audio/bass.wav" synth 4 sawtooth 65 lowpass 300 gain -n -6
	review_project "$1" "$(review_track bass '"inserts": [{"type": "compressor", "params": {"threshold_db": -40, "ratio": 8}}]')"
}

plant_dark() {
	mkdir -p "$1/audio"
	review_sox "$1/audio/noise.wav" synth 4 pinknoise lowpass -1 "$2" gain -n -12
	review_project "$1" "$(review_track noise)"
}

plant_control() {
	mkdir -p "$1/audio"
	review_sox "$1/pink.wav" synth 4 pinknoise gain -n -12
	for band in low:-t@8@-174 mid:-t@8@182-2220@-t@20 high:-t@20@2260; do
		# shellcheck disable=SC2046 # the filter's words, split at @
		sox -q "$1/pink.wav" "$1/audio/${band%%:*}.wav" sinc $(echo "${band#*:}" | tr @ ' ') ||
			{ echo "review_lib: sox failed"; exit 99; }
	done
	rm -f "$1/pink.wav"
	review_project "$1" "$(review_track low), $(review_track mid), $(review_track high)"
}
