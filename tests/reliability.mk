# Never lose work, part two (issue 8): the JACK server dies and comes back under the
# studio (:device reconnects on a fresh PortAudio), a save that fails (full disk,
# read-only folder), and the restore offer after kill -9.
EXTRA_DIST += tests/ui_jack_restart.sh
TESTS += tests/ui_save_fail.sh
EXTRA_DIST += tests/ui_save_fail.sh
TESTS += tests/ui_crash_restore.sh
EXTRA_DIST += tests/ui_crash_restore.sh

# Edits under playback swap graphs without a gap in the sound (jackd dummy, jack_rec).
TESTS += tests/ui_edit_gapless.sh
EXTRA_DIST += tests/ui_edit_gapless.sh
