# tests/: the native JACK output (audio/driver_jack.c) on a private jackd dummy server.
TESTS += tests/jack_native.sh
EXTRA_DIST += tests/jack_native.sh
