# tests/: faults from outside: a full disk or an unwritable path during an export
# (tests/disk_full.sh, with tests/enospc.so standing in for a full disk where no small
# tmpfs can be mounted), and a media file that goes bad while it plays
# (tests/media_offline.sh).

# enospc.so is a preload, built like tests/rtcheck.so: no libtool, nothing of ours, no
# sanitizer.
check_PROGRAMS += tests/enospc.so
tests_enospc_so_SOURCES = tests/enospc.c
tests_enospc_so_CFLAGS = -std=c11 -g -O2 $(WARN_CFLAGS) -fPIC
tests_enospc_so_LDFLAGS = -shared -fPIC
tests_enospc_so_LDADD = -ldl

TESTS += tests/disk_full.sh
EXTRA_DIST += tests/disk_full.sh tests/media_offline.sh
