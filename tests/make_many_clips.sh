#!/bin/sh
# make_many_clips.sh DIR: a project of 20 tracks x 1,000 clips (20,000 in all) over
# three short files (one at 44.1 kHz, so some clips resample), for the tests that
# play, render and check it under `ulimit -n 1024` (trust_media.sh, ui_trust_media.sh).
p=$1
mkdir -p "$p/audio" || exit 1
sox -n -r 48000 -c 2 -b 16 "$p/audio/a.wav" synth 1 sine 440 gain -30 || exit 1
sox -n -r 48000 -c 1 -b 16 "$p/audio/b.wav" synth 1 sine 660 gain -30 || exit 1
sox -n -r 44100 -c 2 -b 16 "$p/audio/c.wav" synth 1 sine 880 gain -30 || exit 1
awk 'BEGIN {
	printf "{\"format\": \"ttymix-project\", \"version\": 1, \"name\": \"many\", "
	printf "\"sample_rate\": 48000, \"tracks\": ["
	split("a.wav b.wav c.wav", f, " ")
	for (t = 0; t < 20; t++) {
		printf "%s{\"name\": \"t%d\", \"clips\": [", t ? ", " : "", t
		for (k = 0; k < 1000; k++)
			printf "%s{\"file\": \"audio/%s\", \"start\": %.2f, \"offset\": 0.1, \"length\": 0.05}",
				k ? ", " : "", f[(t + k) % 3 + 1], k * 0.05
		printf "]}"
	}
	print "]}"
}' >"$p/project.json" || exit 1
