# The stream's listening page (issue 17) in Debian's headless Chromium, driven over
# the DevTools pipe: its audio element plays and the playhead it shows moves on.
EXTRA_DIST += tests/stream_page.sh
