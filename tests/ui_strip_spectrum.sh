#!/bin/sh
# The strip detail's spectrum and EQ range in a real terminal (tmux on a private
# server, issue 18). Two tracks, a 1 kHz sine and a 100 Hz sine, played to the null
# output: the detail of the first draws its spectrum (the strip tap, after the inserts
# and before the fader) as a fill of '#' (LANG=C) whose peak stands at the 1 kHz
# column and nowhere near 100 Hz; Tab to the second strip moves the peak to the
# 100 Hz column (the tap follows the strip, it is not the master's). The EQ's range
# label follows the bands' gain (+6 dB flat, +9 dB with a 9 dB bell, still +9 dB with
# a steep high-pass on, +6 dB with a 2 dB bell).
#
# Needs tmux and sox. Without them the test skips, except under TTYMIX_REQUIRE_ALL=1
# (CI), where a missing part is a failure.
set -u

: "${top_srcdir:?run me through make check}"
: "${TTYMIX:?run me through make check}"
WAIT_SEC=20 # every wait is bounded by this

TEST=ui_strip_spectrum
. "$top_srcdir/tests/tmux_lib.sh"
require_tools tmux sox
tmux_setup spectrum

cd "$WORK" || exit 99
sox -n -r 48000 -c 1 high.wav synth 60 sine 1000 vol 0.5 || fail "sox: high.wav"
sox -n -r 48000 -c 1 low.wav synth 60 sine 100 vol 0.5 || fail "sox: low.wav"
"$TTYMIX" new "$WORK/song" high.wav low.wav >/dev/null || fail "ttymix new failed"

line() {
	keys "$1" -l "$2"
	keys "$1" Enter
}

tmux_start s 100 30 TERM=screen LANG=C LC_ALL=C XDG_DATA_HOME="$WORK/xdg" \
	-- --output null "$WORK/song"
wait_for s 'high +low'
line s ':insert high add eq'
wait_for s '^high: eq added as insert 1'
line s ':insert low add eq'
wait_for s '^low: eq added as insert 1'
keys s Home
keys s Enter
wait_for s 'STRIP +Esc back'
wait_for s ' 1 eq'
wait_for s 'spectrum: play to see it'
wait_for s '\+6 dB'
keys s Space
wait_for s 'spectrum, after inserts: 0 to -72 dBFS'

# The columns the plot's frequency labels stand at (its last line: "20 ... 100 ...
# 1k ... 10k"), and the filled columns of the plot's fourth row (legend + 4: a band at
# -9 dBFS, the sine's level after the -3 dB pan law, reaches it; the fill is '#').
# Prints "c100 c1k c10k first_filled last_filled", or nothing before the fill shows.
fill_span() {
	capture s
	awk '
	/spectrum, after inserts/ { legend = NR; x0 = index($0, "#") }
	legend && NR == legend + 4 { row = $0 }
	/ 100 +1k +10k *$/ { labels = $0 }
	END {
		if (!legend || row == "" || labels == "")
			exit
		c100 = index(labels, " 100 ") + 1
		c1k = index(labels, " 1k ") + 1
		c10k = index(labels, " 10k") + 1
		first = -1; last = -1
		for (c = x0 + 1; c <= length(row); c++)
			if (substr(row, c, 1) == "#") {
				if (first < 0)
					first = c
				last = c
			}
		if (first > 0)
			print c100, c1k, c10k, first, last
	}' "$WORK/screen"
}

# Wait until the fill stands within 2 columns of label $1's column ("1k", "100") and
# spans at most 4 columns.
wait_peak_at() {
	i=0
	while [ "$i" -lt $((WAIT_SEC * 10)) ]; do
		span=$(fill_span)
		if [ -n "$span" ]; then
			set -- "$1" $span
			case $1 in 100) want=$2 ;; 1k) want=$3 ;; *) want=$4 ;; esac
			if [ "$5" -ge $((want - 2)) ] && [ "$6" -le $((want + 3)) ]; then
				return 0
			fi
			set -- "$1"
		fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "the spectrum's peak is not at the $1 column (label columns 100 1k 10k, fill first last: ${span:-none})"
}

wait_peak_at 1k
# the next strip: the 100 Hz sine; the tap follows
keys s Tab
wait_for s 'low +into master'
wait_peak_at 100
keys s BTab
wait_for s 'high +into master'
wait_peak_at 1k

# ---- the range follows the bands, not the high-pass ----
line s ':fx high 1 band2_db 9'
wait_for s '^high: eq band2_db 9 dB'
wait_for s '\+9 dB'
wait_for s '-9 dB'
line s ':fx high 1 hpf_hz 200'
line s ':fx high 1 hpf_slope 24'
wait_for s '^high: eq hpf_slope 24'
wait_for s '\+9 dB'
line s ':fx high 1 band2_db 2'
wait_for s '^high: eq band2_db 2 dB'
wait_for s '\+6 dB'
wait_gone s '\+9 dB'

keys s Space
keys s Escape
wait_for s 'MIXER'
line s ':w'
wait_for s '^saved '
line s ':q'
[ "$(wait_exit s)" = 0 ] || fail ":q did not exit cleanly after a save"
echo "$TEST: ok"
