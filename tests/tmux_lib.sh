# shellcheck shell=sh
# Helpers shared by the tests that drive the real ttymix binary in tmux
# (ui_tmux.sh, ui_studio.sh, ui_cmdline.sh, ui_arranger.sh, ui_mastering.sh,
# ui_faults.sh). POSIX sh; sourced, never run:
#
#	TEST=ui_example
#	. "$top_srcdir/tests/tmux_lib.sh"
#
# Variables the caller sets (before the functions that use them run):
#   TEST       the test's name, the prefix of every SKIP/FAIL message (required)
#   WAIT_SEC   the bound, in seconds, of every wait (default 20)
#   PACKAGES   the Debian packages named when a tool is missing under
#              TTYMIX_REQUIRE_ALL=1 (default "tmux and sox"; empty: no hint)
#   TTYMIX     the binary (exported by make check); tmux_start runs it
#   CLEANUP_HOOK  optional: the name of a function the EXIT trap calls after the tmux
#              server and jackd are stopped and before WORK is removed
#
# Variables this file sets:
#   WORK       (tmux_setup) a private temporary directory, removed on exit
#   SOCKET     (tmux_setup) the name of the private tmux server's socket
#   TMUX_TMPDIR (tmux_setup, exported) = WORK: the server's socket lives in WORK;
#              TMUX is unset so that a make check run inside tmux stays off the
#              user's own server
#   jackd_pid  (set empty here; start_jackd sets it) a jackd the EXIT trap stops
#   jackd_why  (start_jackd) the first line jackd logged, when it would not start
#
# Functions:
#   missing MESSAGE    SKIP (exit 77), or under TTYMIX_REQUIRE_ALL=1 FAIL (exit 99)
#   require_tools TOOL...  `missing` for the first TOOL not on PATH
#   tmux_setup TAG     make WORK (ttymix-TAG.XXXXXX under $TMPDIR, or exit 99), the
#                      socket name and the traps: on EXIT the tmux server is killed,
#                      jackd_pid (if any) stopped, CLEANUP_HOOK called and WORK
#                      removed; INT TERM HUP PIPE exit 1. Call it at the top level,
#                      not in a subshell. Writes the pane wrapper WORK/run.
#   tm ARG...          tmux on the private server (UTF-8, no configuration file)
#   fail MESSAGE       print "$TEST: FAIL: MESSAGE", the last captured screen and the
#                      tail of WORK/jackd.log if there are any, and exit 1
#   q WORD             WORD shell-quoted, for the command line tmux hands to sh
#   tmux_start SESSION WIDTH HEIGHT VAR=VALUE... -- ARG...
#                      a new detached WIDTHxHEIGHT session in WORK whose pane runs
#                      `env VAR=VALUE... $TTYMIX ARG...` under WORK/run: the
#                      program's pid goes to WORK/SESSION.pid, then, once it ends,
#                      the terminal's modes (stty -a) to WORK/SESSION.status.stty and
#                      its exit status to WORK/SESSION.status (removed beforehand);
#                      a sleep then keeps the last screen readable
#   capture SESSION    the pane's text into the screen file: SCREEN if set, else
#                      WORK/screen (parts of a test run at once, each in a subshell
#                      with its own SCREEN, so that they never read each other's)
#   wait_for SESSION ERE   poll (every 0.1 s, up to WAIT_SEC) until the screen
#                      matches the extended regular expression (grep -E, in the
#                      current locale); fail otherwise
#   wait_gone SESSION ERE  the same, until the screen no longer matches
#   wait_clock SESSION STATE SECONDS  the same, until the status bar shows STATE (PLAY
#                      or REC) at SECONDS (a decimal) or later: a window of the clock
#                      (0:04.2 to 0:04.9) is missed when a loaded machine delays a poll
#                      by more than its width, and the clock never comes back to it
#   page_to SESSION ERE    PageDown through a long page (help) until it matches
#   wait_exit SESSION  wait (up to WAIT_SEC) for WORK/SESSION.status and print it;
#                      fail if the program does not end
#   keys SESSION KEY...    tmux send-keys (fail if tmux refuses); after a closing
#                      Escape, a pause: a key right after it would be read as Alt
#   has_non_ascii      true if the screen file holds a byte outside 0-127
#   has_non_ascii_text true if the screen file holds anything but printable ASCII
#                      (0x20-0x7e) and newlines: stricter, control bytes count too
#   jack_private TAG   name this test's JACK server ttymix-TAG-PID (JACK_DEFAULT_SERVER,
#                      exported, with JACK_NO_START_SERVER=1 so that no client starts
#                      one on its own); on EXIT, after jackd is stopped and the
#                      CLEANUP_HOOK ran, the server's semaphores in /dev/shm are removed
#   jack_killed        (set empty here) set it after killing the test's jackd with -9 and
#                      clear it once a server of that name runs again: while it is set,
#                      the EXIT trap calls jack_reclaim after the CLEANUP_HOOK
#   jack_reclaim       start a server of JACK_DEFAULT_SERVER's name and stop it cleanly:
#                      a server killed with -9 keeps its slot in JACK's registry, which
#                      has eight, and only a server of the same name takes it back
#   wait_until SHELL   poll (every 0.1 s, up to WAIT_SEC) until the shell command line
#                      (eval'd) succeeds; fail naming it otherwise
#   ttymix_out_ports   wait (as wait_until) for the JACK ports of a client named ttymix*
#                      (two, sorted, listed in WORK/ports.txt); port_l and port_r get
#                      the first two
#   has_port PORT      true when jack_lsp lists PORT (bounded: libjack can hang in a
#                      query made while a client joins)
#   start_jackd TENTHS a private jackd (dummy backend, no real-time, synchronous,
#                      named $JACK_DEFAULT_SERVER, log in WORK/jackd.log) that
#                      answers jack_lsp; one that exits at once is started again
#                      (JACK allows only a few servers at a time) until TENTHS tenths
#                      of a second are up. Returns 1 then, with jackd_why set.

: "${TEST:?set TEST before sourcing tmux_lib.sh}"
: "${WAIT_SEC:=20}"
: "${PACKAGES=tmux and sox}"
jackd_pid=
jackd_why=
jack_sems=
jack_killed=

missing() {
	if [ "${TTYMIX_REQUIRE_ALL:-0}" = 1 ]; then
		if [ -n "$PACKAGES" ]; then
			echo "$TEST: FAIL: $1 (TTYMIX_REQUIRE_ALL=1 forbids skipping;" \
				"install the Debian packages $PACKAGES)"
		else
			echo "$TEST: FAIL: $1 (TTYMIX_REQUIRE_ALL=1 forbids skipping)"
		fi
		exit 99
	fi
	echo "$TEST: SKIP: $1"
	exit 77
}

require_tools() {
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || missing "$tool is not installed"
	done
}

tm() {
	tmux -u -L "$SOCKET" -f /dev/null "$@"
}

tmux_cleanup() {
	tm kill-server >/dev/null 2>&1
	if [ -n "$jackd_pid" ]; then
		kill "$jackd_pid" 2>/dev/null && wait "$jackd_pid" 2>/dev/null
	fi
	if [ -n "${CLEANUP_HOOK:-}" ]; then
		"$CLEANUP_HOOK"
	fi
	[ -z "$jack_killed" ] || jack_reclaim
	[ -z "$jack_sems" ] || rm -f /dev/shm/jack_sem.*_"$jack_sems"_*
	rm -rf "$WORK"
}

tmux_setup() {
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-$1.XXXXXX") || exit 99
	SOCKET=ttymix-$1-$$
	unset TMUX
	TMUX_TMPDIR=$WORK
	export TMUX_TMPDIR
	trap tmux_cleanup EXIT
	trap 'exit 1' INT TERM HUP PIPE
	# The pane runs this: the program in the foreground (it needs the terminal), its
	# pid written down, then the terminal's modes and the exit status, then a sleep
	# that keeps the last screen readable.
	cat >"$WORK/run" <<'EOF' || exit 99
#!/bin/sh
status=$1 pidfile=$2
shift 2
sh -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@"
code=$?
stty -a >"$status.stty" 2>&1
echo $code >"$status"
exec sleep 600
EOF
}

fail() {
	echo "$TEST: FAIL: $*"
	if [ -s "${SCREEN:-$WORK/screen}" ]; then
		echo "--- the screen was:"
		cat "${SCREEN:-$WORK/screen}"
		echo "---"
	fi
	if [ -s "$WORK/jackd.log" ]; then
		echo "--- jackd.log"
		tail -n 10 "$WORK/jackd.log"
	fi
	exit 1
}

q() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

tmux_start() {
	session=$1 width=$2 height=$3
	shift 3
	rm -f "$WORK/$session.status" "$WORK/$session.status.stty" "$WORK/$session.pid"
	cmd="sh $(q "$WORK/run") $(q "$WORK/$session.status") $(q "$WORK/$session.pid") env"
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		cmd="$cmd $(q "$1")"
		shift
	done
	[ $# -gt 0 ] && shift
	cmd="$cmd $(q "$TTYMIX")"
	for arg in "$@"; do
		cmd="$cmd $(q "$arg")"
	done
	tm new-session -d -s "$session" -x "$width" -y "$height" -c "$WORK" "$cmd" \
		|| fail "tmux could not start a session"
}

capture() {
	tm capture-pane -p -t "$1" >"${SCREEN:-$WORK/screen}" 2>/dev/null
}

wait_for() {
	tries=0
	while [ "$tries" -lt $((WAIT_SEC * 10)) ]; do
		if capture "$1" && grep -Eq -- "$2" "${SCREEN:-$WORK/screen}"; then
			return 0
		fi
		sleep 0.1
		tries=$((tries + 1))
	done
	fail "$1: waited ${WAIT_SEC}s for /$2/ on the screen"
}

wait_clock() {
	tries=0
	while [ "$tries" -lt $((WAIT_SEC * 10)) ]; do
		if capture "$1" && awk -v st="$2" -v t="$3" '
			match($0, st " +[0-9][0-9:.]*") {
				n = split(substr($0, RSTART + length(st), RLENGTH - length(st)), p, ":")
				v = 0
				for (i = 1; i <= n; i++)
					v = v * 60 + p[i]
				if (v >= t + 0)
					found = 1
			}
			END { exit !found }' "${SCREEN:-$WORK/screen}"; then
			return 0
		fi
		sleep 0.1
		tries=$((tries + 1))
	done
	fail "$1: waited ${WAIT_SEC}s for $2 at $3 s or later on the screen"
}

# page_to SESSION ERE: on a scrolling page (help), PageDown until the screen matches
# (each page given a moment to draw); fail after 12 pages
page_to() {
	pages=0
	while [ "$pages" -le 12 ]; do
		sleep 0.2
		if capture "$1" && grep -Eq -- "$2" "${SCREEN:-$WORK/screen}"; then
			return 0
		fi
		keys "$1" PageDown
		pages=$((pages + 1))
	done
	fail "$1: /$2/ is not on any of 12 pages"
}

wait_gone() {
	tries=0
	while [ "$tries" -lt $((WAIT_SEC * 10)) ]; do
		if capture "$1" && ! grep -Eq -- "$2" "${SCREEN:-$WORK/screen}"; then
			return 0
		fi
		sleep 0.1
		tries=$((tries + 1))
	done
	fail "$1: waited ${WAIT_SEC}s for /$2/ to go away"
}

wait_exit() {
	tries=0
	while [ ! -s "$WORK/$1.status" ]; do
		[ "$tries" -lt $((WAIT_SEC * 10)) ] || fail "$1: the program did not exit"
		sleep 0.1
		tries=$((tries + 1))
	done
	cat "$WORK/$1.status"
}

keys() {
	session=$1
	shift
	tm send-keys -t "$session" "$@" || fail "$session: send-keys $*"
	# a key that follows Esc within the terminal's ESCDELAY is Alt and that key (which
	# the studio drops, as terminals mean it): a moment apart, they are two keys
	eval "last_key=\${$#}"
	if [ "$last_key" = Escape ]; then
		sleep 0.1
	fi
}

has_non_ascii() {
	[ "$(LC_ALL=C tr -d '\000-\177' <"${SCREEN:-$WORK/screen}" | wc -c)" -gt 0 ]
}

has_non_ascii_text() {
	[ "$(LC_ALL=C tr -d '\n\040-\176' <"${SCREEN:-$WORK/screen}" | wc -c)" -gt 0 ]
}

# -r before -d: no real-time scheduling; -S: synchronous (see jack_playback.sh).
# jackd_why is for the caller.
# shellcheck disable=SC2034
start_jackd() {
	jackd_tries=0
	while :; do
		if [ -z "$jackd_pid" ]; then
			jackd -n "$JACK_DEFAULT_SERVER" -r -S -d dummy -r 48000 -p 256 \
				>"$WORK/jackd.log" 2>&1 &
			jackd_pid=$!
		fi
		# bounded: a query made while the server starts can hang in libjack
		timeout 5 jack_lsp >/dev/null 2>&1 && return 0
		if ! kill -0 "$jackd_pid" 2>/dev/null; then
			wait "$jackd_pid" 2>/dev/null
			jackd_pid=
			jackd_why=$(grep -v '^ *$' "$WORK/jackd.log" | head -n 1)
		fi
		jackd_tries=$((jackd_tries + 1))
		[ "$jackd_tries" -le "$1" ] || return 1
		sleep 0.1
	done
}

jack_private() {
	JACK_DEFAULT_SERVER=ttymix-$1-$$
	JACK_NO_START_SERVER=1
	export JACK_DEFAULT_SERVER JACK_NO_START_SERVER
	jack_sems=$JACK_DEFAULT_SERVER
}

jack_reclaim() {
	jackd -n "$JACK_DEFAULT_SERVER" -r -d dummy -r 48000 -p 256 >>"$WORK/jackd.log" 2>&1 &
	reclaim_pid=$!
	reclaim_tries=0
	until timeout 5 jack_lsp >/dev/null 2>&1 || [ "$reclaim_tries" -ge 100 ]; do
		sleep 0.1
		reclaim_tries=$((reclaim_tries + 1))
	done
	kill -TERM "$reclaim_pid" 2>/dev/null
	wait "$reclaim_pid" 2>/dev/null
	jack_killed=
}

wait_until() {
	wait_tries=0
	until eval "$1"; do
		[ "$wait_tries" -lt $((WAIT_SEC * 10)) ] || fail "waited ${WAIT_SEC}s for $1"
		sleep 0.1
		wait_tries=$((wait_tries + 1))
	done
}

has_port() {
	timeout 5 jack_lsp 2>/dev/null | grep -q "^$1\$"
}

ttymix_ports_listed() {
	timeout 5 jack_lsp 2>/dev/null | grep '^ttymix[^:]*:' | sort >"$WORK/ports.txt"
	[ "$(wc -l <"$WORK/ports.txt")" -ge 2 ]
}

# shellcheck disable=SC2034
ttymix_out_ports() {
	wait_until ttymix_ports_listed
	port_l=$(sed -n 1p "$WORK/ports.txt")
	port_r=$(sed -n 2p "$WORK/ports.txt")
}

# parts_join: wait for each part a test started in the background (their names in
# $parts, their pids in pid_NAME, their output in $WORK/NAME.out), print each one's
# output in turn, and forget them; false when any failed, naming them in $failed
parts_join() {
	failed=
	for name in $parts; do
		eval "wait \$pid_$name" || failed="$failed $name"
		cat "$WORK/$name.out"
	done
	parts=
	[ -z "$failed" ]
}
