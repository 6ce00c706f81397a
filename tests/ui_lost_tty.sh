#!/bin/sh
# A lost terminal ends the studio (issue 15, fault 17). ttymix runs on a pty of its own
# (tests/pty_close.py); after one edit (k: the fader up) the pty's master side is
# closed, as when the terminal emulator or sshd goes away:
#  1. noctty: the pty is not the studio's controlling terminal, so no SIGHUP comes;
#     the studio must see the dead terminal itself (before the fix it spun at 100 %
#     of a core for good);
#  2. ctty: the kernel's SIGHUP.
# Either way it ends within 2 s as a SIGHUP ends it (killed by SIGHUP after its
# cleanup), spends under 0.5 s of CPU doing so, and leaves an autosave holding the
# edit.
#  3. Reopened, the studio offers that autosave; the terminal goes away during the
#     question: the same quick end, and the autosave is still there to offer.
#
# Needs sox and python3. Without them the test skips, except under
# TTYMIX_REQUIRE_ALL=1 (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"

TEST=ui_lost_tty
PACKAGES="sox and python3"
. "$top_srcdir/tests/tmux_lib.sh"
require_tools sox python3
tmux_setup losttty

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 tone.wav synth 2 sine 220 vol 0.5 || fail "sox: tone.wav"

# has_autosave PROJECT: an autosave, wherever this build keeps it, holds the edit
# (the first track's fader at +0.5 dB)
has_autosave() {
	python3 - "$1" "$WORK/state" <<'EOF'
import json, os, sys
for top in sys.argv[1:]:
    for folder, _, files in os.walk(top):
        for name in files:
            if "autosave" in name and name.endswith(".json"):
                doc = json.load(open(os.path.join(folder, name)))
                if doc["tracks"][0].get("gain_db") == 0.5:
                    sys.exit(0)
sys.exit(1)
EOF
}

for mode in noctty ctty; do
	PROJECT=$WORK/$mode
	"$TTYMIX" new "$PROJECT" tone.wav >/dev/null || fail "ttymix new failed"
	out=$(python3 "$top_srcdir/tests/pty_close.py" "$mode" MIXER k '+0.5' 2 -- \
		env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
		XDG_STATE_HOME="$WORK/state" "$TTYMIX" --output null "$PROJECT")
	rc=$?
	echo "$TEST: $mode: $out"
	[ "$rc" = 0 ] || fail "$mode: $out"
	case $out in
	*"status signal 1 "*) ;;
	*) fail "$mode: did not end as SIGHUP ends it: $out" ;;
	esac
	cpu=${out##*cpu_after_close }
	awk -v c="$cpu" 'BEGIN { exit !(c < 0.5) }' \
		|| fail "$mode: $cpu s of CPU after the terminal went away"
	has_autosave "$PROJECT" || fail "$mode: no autosave with the edit"
done

# ---- 3. gone during the restore offer ----
PROJECT=$WORK/noctty
out=$(python3 "$top_srcdir/tests/pty_close.py" noctty 'Restore the autosave' '' '' 2 -- \
	env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" \
	XDG_STATE_HOME="$WORK/state" "$TTYMIX" --output null "$PROJECT")
rc=$?
echo "$TEST: offer: $out"
[ "$rc" = 0 ] || fail "offer: $out"
cpu=${out##*cpu_after_close }
awk -v c="$cpu" 'BEGIN { exit !(c < 0.5) }' \
	|| fail "offer: $cpu s of CPU after the terminal went away"
has_autosave "$PROJECT" || fail "offer: the autosave is gone"
exit 0
