#!/bin/bash
# bench/stream.sh: what the stream output (issue 17) costs: bytes per second on the wire
# per listener, and the CPU ttymix spends encoding for a listener, beside what ffmpeg
# needs to encode the same audio with the same codec, in one run.
#
#   bench/stream.sh [SECONDS]
#
# Expects a built tree (./configure && make): it runs src/ttymix and bench/gen_tracks
# from the tree this script sits in and builds nothing. It
#  1. writes TRACKS stereo 24-bit 48 kHz files of LENGTH_SEC seconds each with our own
#     generator and makes a project of them with `ttymix new`;
#  2. renders the project (`ttymix render`, 24-bit and 32-bit float) and times ffmpeg
#     (one thread) encoding the render, looped to FFMPEG_SEC seconds, to FLAC 24-bit
#     and to libopus at each of KBPS, with the stream's own settings (FLAC level 5 in
#     blocks of 1024; Opus complexity 9, VBR, 20 ms), less the same ffmpeg run copying
#     the audio to nothing (start-up, reading, demuxing): the CPU a core needs to
#     encode in real time, in % of that core;
#  3. for each setting of KBPS starts `ttymix play PROJ --output stream --listen
#     127.0.0.1:0 --stream-kbps K --loop`, lets one listener in for a second (the play
#     waits for a first listener before it starts), and then, with the song playing,
#     measures the process's CPU time (utime + stime, /proc/PID/stat) over SECONDS of
#     wall time with 0 listeners, then 1, then 4 listeners of /listen.opus, and (in the
#     process with the default bitrate) of /listen.flac. The listeners are curl --raw
#     processes reading for the whole window: each one's status line, headers and body
#     (with its chunked-transfer framing) are what it got on the wire;
#  4. does the same for `ttymix play PROJ --output null --loop` (the mix alone, paced
#     by the clock, no server), for reference;
#     Over the same window it reads the run time of the threads that came with the
#     listeners (libmicrohttpd gives each connection a thread, and a listener's thread
#     encodes for it: /proc/PID/task/TID/schedstat, in ns);
#  5. repeats 3 and 4 RUNS times, alternating, and prints for each codec: the bytes per
#     second per listener on the wire, the process's CPU in % of one core, the encode
#     CPU per listener twice (process CPU with n listeners less with none, over n; and
#     the listeners' threads, over n), ffmpeg's figure for the same codec and the ratio
#     of the thread figure to it.
# The first listener of each window is decoded by ffmpeg afterwards, to show that the
# bytes counted are audio and how many seconds of it came in the connection's time. At
# the end of each window /status.json's "streams" gives the server's own latency figure
# for each listener (engine to socket: the last measured and the worst since joining).
# Without KEEP=1 the work goes into a temporary folder removed at the end (about 60 MB).
#
# Needs: curl, ffmpeg (with libopus; ffprobe too), python3, GNU time as /usr/bin/time
# (Debian: apt-get install --no-install-recommends curl ffmpeg python3 time).
#
# Environment: TTYMIX, GEN_TRACKS (programs; default: this tree's), TRACKS (4),
# LENGTH_SEC (30), RUNS (3), KBPS ("64 160": Opus bitrates; FLAC is measured in the
# process started with the last of them), FFMPEG_SEC (300), KEEP (1: keep the work
# folder and say where).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
TTYMIX=${TTYMIX:-$top/src/ttymix}
GEN_TRACKS=${GEN_TRACKS:-$top/bench/gen_tracks}
TRACKS=${TRACKS:-4}
LENGTH_SEC=${LENGTH_SEC:-30}
RUNS=${RUNS:-3}
KBPS=${KBPS:-64 160}
FFMPEG_SEC=${FFMPEG_SEC:-300}
KEEP=${KEEP:-0}
RATE=48000
WINDOW=${1:-20}
LISTENERS="1 4"

die() { echo "stream.sh: $*" >&2; exit 1; }

case $WINDOW in
'' | *[!0-9]*) die "SECONDS is a whole number of seconds, not \"$WINDOW\"" ;;
esac
[ "$WINDOW" -ge 5 ] || die "SECONDS must be at least 5"
for prog in "$TTYMIX" "$GEN_TRACKS"; do
	[ -x "$prog" ] || die "$prog is missing: build the tree first (./configure && make)"
done
for tool in curl ffmpeg ffprobe python3; do
	command -v $tool >/dev/null \
		|| die "$tool is missing: apt-get install --no-install-recommends curl ffmpeg python3"
done
ffmpeg -hide_banner -encoders 2>/dev/null | grep -q ' libopus ' \
	|| die "this ffmpeg has no libopus encoder"
[ -x /usr/bin/time ] && /usr/bin/time -f %M true >/dev/null 2>&1 \
	|| die "GNU time is missing: apt-get install --no-install-recommends time"
[ -r /proc/self/stat ] || die "no /proc: the CPU time of a running process cannot be read"
ticks=$(getconf CLK_TCK)

player_pid=
curl_pids=()
work=$(mktemp -d "${TMPDIR:-/tmp}/ttymix-bench.XXXXXX")
cleanup() {
	for p in "${curl_pids[@]}" $player_pid; do
		kill "$p" 2>/dev/null || true
		wait "$p" 2>/dev/null || true
	done
	if [ "$KEEP" = 1 ]; then
		echo "work folder kept: $work" >&2
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. material and project
echo "generating $TRACKS stereo tracks x $LENGTH_SEC s (48 kHz, 24-bit) in $work/tracks"
"$GEN_TRACKS" -n "$TRACKS" -s "$LENGTH_SEC" -r $RATE "$work/tracks" >/dev/null
files=()
for i in $(seq -f %02g 1 "$TRACKS"); do
	files+=("$work/tracks/track$i.wav")
done
"$TTYMIX" new "$work/proj" "${files[@]}" >/dev/null
proj=$work/proj

# 2. the peer: ffmpeg encoding a render of the same project
"$TTYMIX" render "$proj" -o "$work/render24.wav" --bits 24 --dither none 2>/dev/null \
	|| die "ttymix render failed"
"$TTYMIX" render "$proj" -o "$work/render32f.wav" --bits 32f 2>/dev/null \
	|| die "ttymix render failed"
song_s=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/render24.wav")
loops=$(awk -v f="$FFMPEG_SEC" -v s="$song_s" 'BEGIN { n = int(f / s + 0.999); print (n > 0 ? n : 1) }')
audio_s=$(awk -v n="$loops" -v s="$song_s" 'BEGIN { printf "%.3f", n * s }')
song_s=$(printf %.1f "$song_s")
# one line "user sys" per run appended to $work/ff_NAME
ff_timed() {
	local name=$1 in=$2
	shift 2
	/usr/bin/time -f "%U %S" -o "$work/ff_$name.one" ffmpeg -nostdin -hide_banner -v error \
		-threads 1 -stream_loop $((loops - 1)) -i "$in" -threads 1 "$@" \
		|| die "ffmpeg ($name) failed"
	cat "$work/ff_$name.one" >>"$work/ff_$name"
}
echo "timing ffmpeg on $audio_s s of the render ($loops x $song_s s), $RUNS times ..."
for _ in $(seq "$RUNS"); do
	ff_timed copy24 "$work/render24.wav" -c:a copy -f null -
	ff_timed flac "$work/render24.wav" -c:a flac -sample_fmt s32 -compression_level 5 \
		-frame_size 1024 -y "$work/ff.flac"
	ff_timed copy32f "$work/render32f.wav" -c:a copy -f null -
	for k in $KBPS; do
		ff_timed "opus$k" "$work/render32f.wav" -c:a libopus -b:a "${k}k" -vbr on \
			-compression_level 9 -frame_duration 20 -y "$work/ff$k.opus"
	done
done
bits=$(ffprobe -v error -select_streams a:0 -show_entries stream=bits_per_raw_sample \
	-of csv=p=0 "$work/ff.flac")
[ "$bits" = 24 ] || die "ffmpeg's FLAC came out at $bits bits, not 24"
best_cpu() { # FILE -> least user+sys
	awk '{ c = $1 + $2; if (NR == 1 || c < b) b = c } END { printf "%.3f", b }' "$1"
}
# encode CPU in % of one core for real time: (encode - copy) / audio seconds
ff_pct() { # NAME BASE
	awk -v e="$(best_cpu "$work/ff_$1")" -v c="$(best_cpu "$work/ff_$2")" -v a="$audio_s" \
		'BEGIN { d = e - c; if (d < 0) d = 0; printf "%.2f", d / a * 100 }'
}
ff_flac=$(ff_pct flac copy24)
for k in $KBPS; do
	eval "ff_opus$k=\$(ff_pct opus$k copy32f)"
done

# 3. ttymix streaming
cpu_ticks() { # PID -> utime + stime in clock ticks (fields 14 and 15; comm has no spaces)
	awk '{ print $14 + $15 }' "/proc/$1/stat"
}
now() { date +%s.%N; }

thread_ns() { # PID TID... -> the threads' run time in ns summed (schedstat's first field;
	# a thread gone meanwhile counts nothing)
	local pid=$1 t sum=0 v
	shift
	for t in "$@"; do
		v=$(awk '{ print $1 }' "/proc/$pid/task/$t/schedstat" 2>/dev/null) || v=0
		sum=$((sum + ${v:-0}))
	done
	echo $sum
}
tasks() { # PID -> its thread ids, one a line, sorted
	ls "/proc/$1/task" | sort
}

# the figures: one line per window "NAME PROCESS_PERCENT THREADS_PERCENT" in $work/cpu,
# per listener "NAME WIRE_BYTES SECONDS" in $work/wire and "NAME LAST_MS WORST_MS" in
# $work/latency, per window's first listener "NAME DECODED_US SECONDS ERROR_LINES" in
# $work/decoded
: >"$work/cpu"
: >"$work/wire"
: >"$work/decoded"
: >"$work/latency"

# The process's CPU over WINDOW seconds from now, and that of the threads given (the
# listeners' connection threads, which encode); appends "NAME PERCENT PERCENT".
measure() { # NAME PID [TID...]
	local name=$1 pid=$2 t0 c0 n0 t1 c1 n1
	shift 2
	t0=$(now)
	c0=$(cpu_ticks "$pid")
	n0=$(thread_ns "$pid" "$@")
	sleep "$WINDOW"
	n1=$(thread_ns "$pid" "$@")
	c1=$(cpu_ticks "$pid")
	t1=$(now)
	awk -v n="$name" -v a="$c0" -v b="$c1" -v na="$n0" -v nb="$n1" -v t0="$t0" -v t1="$t1" \
		-v hz="$ticks" 'BEGIN { w = t1 - t0
			printf "%s %.3f %.3f\n", n, (b - a) / hz / w * 100, (nb - na) / 1e9 / w * 100 }' \
		>>"$work/cpu"
}

base=
key=
status() { # -> the value of field $1 in /status.json
	curl -s --max-time 5 "$base/status.json?key=$key" \
		| python3 -c 'import json, sys; v = json.load(sys.stdin)[sys.argv[1]]; print(str(v).lower())' "$1" \
		2>/dev/null || true
}
wait_status() { # FIELD VALUE: poll /status.json until FIELD is VALUE (30 s at most)
	local i
	for i in $(seq 150); do
		[ "$(status "$1")" = "$2" ] && return 0
		kill -0 "$player_pid" 2>/dev/null || die "ttymix play quit: $(tail -n 3 "$work/play.log")"
		sleep 0.2
	done
	local said
	said=$(curl -sS --max-time 5 "$base/status.json?key=$key" 2>&1 || true)
	die "/status.json did not say $1 = $2 in 30 s; now it says: ${said:-nothing}" \
		"(ttymix play's last lines: $(tail -n 3 "$work/play.log" | tr '\r\n' '  '))"
}

# Start ttymix play with the given global options; sets player_pid, base and key.
start_play() {
	"$TTYMIX" play "$proj" --loop "$@" 2>"$work/play.log" &
	player_pid=$!
	local i url=
	for i in $(seq 150); do
		url=$(sed -n 's/^ttymix: streaming at \(http:[^ ]*\).*/\1/p' "$work/play.log" | head -n 1)
		[ -n "$url" ] && break
		kill -0 "$player_pid" 2>/dev/null || die "ttymix play quit: $(tail -n 3 "$work/play.log")"
		sleep 0.2
	done
	[ -n "$url" ] || die "ttymix play printed no URL in 30 s"
	base=${url%%/\?*}
	base=${base%/}
	key=${url##*key=}
}
stop_play() {
	kill "$player_pid" 2>/dev/null || true
	wait "$player_pid" 2>/dev/null || true
	player_pid=
}

# N listeners of PATH for the window; appends their wire figures. NAME names the row.
listen_window() { # NAME PATH N
	local name=$1 path=$2 n=$3 i
	tasks "$player_pid" >"$work/tasks.before"
	curl_pids=()
	for i in $(seq "$n"); do
		# long enough for the listeners to gather, settle and outlast the window
		curl -s --raw --max-time $((WINDOW + 6)) -o "$work/body.$i" -D "$work/head.$i" \
			-w '%{http_code} %{size_header} %{time_total}\n' "$base$path?key=$key" \
			>"$work/curl.$i" &
		curl_pids+=($!)
	done
	wait_status listeners "$n"
	sleep 1 # past any burst at joining
	# the threads that came with the listeners: libmicrohttpd gives each connection
	# its own, and a listener's thread encodes for it
	measure "$name" "$player_pid" $(tasks "$player_pid" | comm -13 "$work/tasks.before" -)
	# the server's own latency figures (engine to socket) for each listener, while they
	# are all still there: the last measured, and the worst since it joined
	curl -s --max-time 5 "$base/status.json?key=$key" | python3 -c '
import json, sys
for l in json.load(sys.stdin).get("streams", []):
    print(sys.argv[1], l["latency_ms"], l["worst_ms"])' "$name" >>"$work/latency" || true
	for i in $(seq "$n"); do
		wait "${curl_pids[$((i - 1))]}" || true # 28: --max-time ran out, as meant
	done
	curl_pids=()
	for i in $(seq "$n"); do
		read -r code hbytes secs <"$work/curl.$i"
		[ "$code" = 200 ] || die "GET $path answered $code"
		echo "$name $((hbytes + $(stat -c %s "$work/body.$i"))) $secs" >>"$work/wire"
	done
	# the first listener's body, its chunked framing taken off, decoded by ffmpeg
	python3 - "$work/head.1" "$work/body.1" "$work/plain" <<'EOF'
import sys
head = open(sys.argv[1], "rb").read().lower()
raw = open(sys.argv[2], "rb").read()
out = bytearray()
if b"transfer-encoding: chunked" in head:
    i = 0
    while i < len(raw):
        j = raw.find(b"\r\n", i)
        if j < 0:
            break
        size = int(raw[i:j].split(b";")[0], 16)
        if size == 0:
            break
        out += raw[j + 2:j + 2 + size]   # a chunk cut off at the end is taken as it is
        i = j + 2 + size + 2
else:
    out = raw
open(sys.argv[3], "wb").write(out)
EOF
	local decoded
	decoded=$(ffmpeg -nostdin -hide_banner -v error -i "$work/plain" -f null - -progress pipe:1 \
		2>"$work/decode.err" | sed -n 's/^out_time_us=//p' | tail -n 1)
	echo "$name ${decoded:-0} $(awk '{ print $3 }' "$work/curl.1") $(grep -c . "$work/decode.err")" \
		>>"$work/decoded"
	wait_status listeners 0
}

last_kbps=${KBPS##* }
for run in $(seq "$RUNS"); do
	echo "run $run of $RUNS: the mix alone (--output null), then streaming at ${KBPS// / and } kbit/s ($WINDOW s a window) ..."
	"$TTYMIX" play "$proj" --loop --output null 2>"$work/play.log" &
	player_pid=$!
	sleep 2
	kill -0 "$player_pid" 2>/dev/null || die "ttymix play --output null quit: $(tail -n 3 "$work/play.log")"
	measure null "$player_pid"
	stop_play
	for k in $KBPS; do
		start_play --output stream --listen 127.0.0.1:0 --stream-kbps "$k"
		# a first listener starts the song; with it gone, the song plays on to no one
		# (on a busy machine a second may pass before it is served: then once more)
		for _ in 1 2 3; do
			curl -s --max-time 2 -o /dev/null "$base/listen.opus?key=$key" || true
			[ "$(status playing)" = true ] && break
		done
		wait_status playing true
		wait_status listeners 0
		measure "none$k" "$player_pid"
		codecs="opus"
		[ "$k" = "$last_kbps" ] && codecs="flac opus"
		for c in $codecs; do
			for n in $LISTENERS; do
				row=$c
				[ $c = opus ] && row=opus$k
				listen_window "$row:$n" "/listen.$c" "$n"
			done
		done
		stop_play
	done
done

# 4. report
echo
echo "machine: $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo);" \
	"load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ttymix: $("$TTYMIX" --version 2>&1 | head -n 1), ffmpeg: $(ffmpeg -version | awk 'NR == 1 { print $3 }')"
echo "the song: $TRACKS tracks x $LENGTH_SEC s, 48 kHz stereo; windows of $WINDOW s, least CPU of $RUNS"
echo "ffmpeg (one thread) on $audio_s s of the render, less a copy of it to nothing"
echo
rows="flac"
for k in $KBPS; do
	rows="$rows opus$k"
done
ff_rows=$(printf 'flac %s\n' "$ff_flac"; for k in $KBPS; do eval "printf 'opus%s %s\n' $k \$ff_opus$k"; done)
awk -v rows="$rows" -v lis="$LISTENERS" -v last="$last_kbps" -v ff_rows="$ff_rows" '
	FILENAME == ARGV[1] {   # NAME PROCESS% THREADS%: the least of the runs, each
		if (!($1 in cpu) || $2 < cpu[$1])
			cpu[$1] = $2
		if (!($1 in thr) || $3 < thr[$1])
			thr[$1] = $3
		next
	}
	{                       # NAME BYTES SECONDS: every listener of every run
		bytes[$1] += $2; secs[$1] += $3
	}
	function head(a, b, c, d, e, f, g, h, i) {
		printf "%-8s %4s %10s %7s %9s %12s %11s %9s %8s\n", a, b, c, d, e, f, g, h, i
	}
	END {
		n_ff = split(ff_rows, l, "\n")
		for (i = 1; i <= n_ff; i++) {
			split(l[i], f, " ")
			ff[f[1]] = f[2]
		}
		head("", "", "wire B/s", "", "process", "encode per", "encode per", "ffmpeg", "thread/")
		head("stream", "lis.", "per lis.", "kbit/s", "CPU %", "lis.: proc.", "lis.: its", "CPU %",
			"ffmpeg")
		head("", "", "", "", "of core", "less 0, /n", "thread", "of core", "")
		printf "%-8s %4s %10s %7s %9.2f\n", "null out", "-", "-", "-", cpu["null"]
		nr = split(rows, r, " ")
		nl = split(lis, ln, " ")
		for (i = 1; i <= nr; i++) {
			row = r[i]
			k = row == "flac" ? last : substr(row, 5)
			none = cpu["none" k]
			printf "%-8s %4d %10s %7s %9.2f\n", row, 0, "-", "-", none
			for (j = 1; j <= nl; j++) {
				name = row ":" ln[j]
				if (!(name in cpu))
					continue
				rate = bytes[name] / secs[name]
				per = (cpu[name] - none) / ln[j]
				own = thr[name] / ln[j]
				printf "%-8s %4d %10.0f %7.1f %9.2f %12.2f %11.2f %9.2f %8s\n", row, ln[j],
					rate, rate * 8 / 1000, cpu[name], per, own, ff[row],
					(ff[row] > 0 ? sprintf("%.2f", own / ff[row]) : "-")
			}
		}
	}' "$work/cpu" "$work/wire"
echo
awk '{ n[$1]++; a[$1] += $2 / 1e6; w[$1] += $3; e[$1] += $4 }
	END {
		for (k in n)
			printf "%-10s %5.1f s of audio decoded from %6.1f s on the wire (mean of %d), %s\n",
				k, a[k] / n[k], w[k] / n[k], n[k],
				e[k] ? e[k] " decoder error lines" : "decodes clean"
	}' "$work/decoded" | sort
echo
if [ -s "$work/latency" ]; then
	echo "latency, engine to socket, as the server measures it (/status.json's \"streams\" at"
	echo "the end of each window): the last measured, and the worst since joining"
	awk '{ n[$1]++; last[$1] += $2
		if (!($1 in lo) || $2 < lo[$1]) lo[$1] = $2
		if (!($1 in hi) || $2 > hi[$1]) hi[$1] = $2
		if ($3 > worst[$1]) worst[$1] = $3 }
	END {
		for (k in n)
			printf "%-10s last %5.0f ms (mean of %d listeners, %.0f to %.0f), worst %5.0f ms\n",
				k, last[k] / n[k], n[k], lo[k], hi[k], worst[k]
	}' "$work/latency" | sort
else
	echo "latency: this ttymix's /status.json has no \"streams\" with each listener's latency"
fi
