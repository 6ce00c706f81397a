# tests/: the native JACK output (audio/driver_jack.c) on a private jackd dummy server.
EXTRA_DIST += tests/jack_native.sh
