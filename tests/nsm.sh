#!/bin/sh
# The studio under the Non Session Manager (issue 20), against a small NSM server
# written with liblo (tests/nsm_server.py, python3-liblo; nsmd is not in Debian 12),
# with the studio in a real terminal (tmux on a private server):
#  - with NSM_URL set, ttymix announces itself (":dirty:"), and on /nsm/client/open
#    creates the project at the path given (an empty one: `ttymix check` passes) and
#    replies;
#  - an edit is told (/nsm/client/is_dirty); /nsm/client/save writes project.json
#    (the edit is in it), is replied to, and the project is told clean;
#  - a second open (the server switching sessions, ":switch:") puts the project at
#    the new path, made there, in place of the first, as :e does;
#  - :e, :new and :w DIR are refused while under the session (the session manager
#    owns the project's place);
#  - a second session opens the project that is there, as it was saved;
#  - with --output jack, the JACK client is named by the session's client id
#    (ttymix.nTEST:out_L), as the NSM API asks, not "ttymix".
#
# Needs tmux and python3 with liblo. Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20 # every wait is bounded by this

PACKAGES="tmux, jackd2 and python3-liblo"
TEST=nsm
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux jackd jack_lsp
jack_private nsm
# the system's python3 has python3-liblo; another one first on PATH may not
py=
for cand in /usr/bin/python3 python3; do
	if "$cand" -c 'import liblo' 2>/dev/null; then
		py=$cand
		break
	fi
done
[ -n "$py" ] || missing "no python3 with liblo (python3-liblo)"
server_pid=
stop_server() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
	server_pid=
}
CLEANUP_HOOK=stop_server
tmux_setup nsm
cd "$WORK" || exit 99
mkdir session
instance=$WORK/session/ttymix.nTEST

# session NAME [--expect-edit]: the server in the background, then the studio in tmux
# under it, playing to $OUTPUT
OUTPUT=null
session() {
	name=$1
	shift
	rm -f url
	"$py" "$top_srcdir/tests/nsm_server.py" "$instance" "$WORK/url" "$@" \
		>"$WORK/$name.log" 2>&1 &
	server_pid=$!
	i=0
	until [ -s url ] || [ $i -ge 200 ]; do sleep 0.1; i=$((i + 1)); done
	[ -s url ] || fail "the test server wrote no URL: $(cat "$WORK/$name.log")"
	tmux_start "$name" 120 30 TERM=screen LANG=C LC_ALL=C NSM_URL="$(cat url)" \
		XDG_DATA_HOME="$WORK/xdg" XDG_STATE_HOME="$WORK/state" TTYMIX_AUTOSAVE_SEC=3600 \
		HOME="$WORK/home" JACK_DEFAULT_SERVER="$JACK_DEFAULT_SERVER" \
		JACK_NO_START_SERVER=1 -- --output "$OUTPUT"
}
# wait_until COMMAND: bounded polling of a shell condition
wait_until() {
	i=0
	until eval "$1"; do
		i=$((i + 1))
		[ $i -ge $((WAIT_SEC * 10)) ] && return 1
		sleep 0.1
	done
}
# server_done NAME: the server ended well
server_done() {
	i=0
	while kill -0 "$server_pid" 2>/dev/null && [ $i -lt $((WAIT_SEC * 10)) ]; do
		sleep 0.1; i=$((i + 1))
	done
	wait "$server_pid"
	rc=$?
	server_pid=
	[ $rc = 0 ] || fail "the test server: $(cat "$WORK/$1.log")"
	grep -q '^nsm: ok' "$WORK/$1.log" || fail "the test server: $(cat "$WORK/$1.log")"
}

# ---- a new session: the project is made, an edit, the manager saves ----
session first --expect-edit --switch "$WORK/session/ttymix.nTWO"
wait_for first 'MIXER'
[ -f "$instance/project.json" ] || fail "no project made at $instance"
"$TTYMIX" check "$instance" >/dev/null 2>&1 || fail "the project made does not check"
keys first : 'track add vox' Enter
# the server saves as soon as it sees the edit and then switches the session, so the
# track's row on screen can be gone before a poll of the screen sees it: wait for
# what lasts, the save
wait_until 'grep -q "\"vox\"" "$instance/project.json"' ||
	fail "the track added was never saved: $(cat "$WORK/first.log")"
server_done first
grep -q '"vox"' "$instance/project.json" || fail "/nsm/client/save did not write the edit"
# ---- the switch ----
wait_for first "^session: opened $WORK/session/ttymix.nTWO"
wait_for first 'ttymix\.nTWO'
wait_gone first '^ +vox'
[ -f "$WORK/session/ttymix.nTWO/project.json" ] || fail "the switch made no project"

# ---- the session manager owns the project's place ----
keys first : 'e elsewhere' Enter
wait_for first '^:e: the session manager \(NSM\) keeps this project in its place'
keys first : 'new fresh' Enter
wait_for first '^:new: the session manager \(NSM\) keeps this project in its place'
keys first : 'w copy' Enter
wait_for first '^:w DIR: the session manager \(NSM\) keeps this project in its place'
[ -e fresh ] || [ -e copy ] && fail "a refused command made a folder"
keys first : q Enter
[ "$(wait_exit first)" = 0 ] || fail ":q did not exit cleanly"

# ---- a second session opens what is there ----
session second
wait_for second 'MIXER'
wait_for second 'vox'
server_done second
keys second : q Enter
[ "$(wait_exit second)" = 0 ] || fail "second: :q did not exit cleanly"

# ---- under a session, the JACK client is named by the client id ----
start_jackd 100 || fail "jackd did not answer within 10 s: ${jackd_why:-no message}"
OUTPUT=jack
session third
wait_for third 'MIXER'
server_done third
wait_until 'timeout 5 jack_lsp 2>/dev/null | grep -qx "ttymix.nTEST:out_L"' ||
	fail "no JACK port ttymix.nTEST:out_L: $(timeout 5 jack_lsp 2>&1 | tr '\n' ' ')"
timeout 5 jack_lsp 2>/dev/null | grep -q '^ttymix:' && fail "a port is still named ttymix:"
keys third : q Enter
[ "$(wait_exit third)" = 0 ] || fail "third: :q did not exit cleanly"
echo "$TEST: ok"
