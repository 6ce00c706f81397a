#!/usr/bin/env python3
"""Apply a lesson's solution to a copy of its project.json, as a student would with the
studio's commands (:gain, :pan, :insert ... add, :fx, :send, points on a lane). Usage: solve.py N PROJECT.JSON
Each edit names the command it stands for; the check then renders and measures."""
import json
import sys


def track(p, name):
    for t in p["tracks"]:
        if t["name"] == name:
            return t
    sys.exit("solve.py: no track %r" % name)


def insert(strip, kind, **params):
    strip.setdefault("inserts", []).append(
        {"type": kind, "bypass": False, "params": params})


def send(strip, bus, level_db):
    for s in strip.get("sends", []):
        if s["bus"] == bus:
            s["level_db"] = level_db
            return
    strip.setdefault("sends", []).append(
        {"bus": bus, "level_db": level_db, "pre_fader": False})


def solve(n, p):
    if n == 1:    # :gain Lead 18
        track(p, "Lead")["gain_db"] = 18.0
    elif n == 2:  # :pan "Pad low" L80, :pan "Pad high" R80
        track(p, "Pad low")["pan"] = -0.8
        track(p, "Pad high")["pan"] = 0.8
    elif n == 3:  # :insert Pad add eq, :fx Pad 1 hpf_hz 250, :fx Pad 1 hpf_slope 24
        insert(track(p, "Pad"), "eq", hpf_hz=250, hpf_slope=24)
    elif n == 4:  # :insert Bass add compressor, then :fx Bass 1 ... for each parameter
        insert(track(p, "Bass"), "compressor", threshold_db=-32, ratio=10, knee_db=0,
               attack_ms=0.1, release_ms=200, makeup_db=15)
    elif n == 5:  # :send Lead Reverb -14
        send(track(p, "Lead"), "Reverb", -14.0)
    elif n == 6:  # :insert master add limiter, :fx master 1 input_db 2
        insert(p["master"], "limiter", ceiling_dbtp=-1.0, input_db=2.0)
    elif n == 7:  # :insert Lead add eq, :fx Lead 1 band3_hz 2500, band3_q 6, band3_db -12
        insert(track(p, "Lead"), "eq", band3_hz=2500, band3_q=6, band3_db=-12)
    elif n == 8:  # :insert Snare add gate, :fx Snare 1 threshold_db -30 ...
        insert(track(p, "Snare"), "gate", threshold_db=-30, range_db=-80,
               attack_ms=0.5, hold_ms=50, release_ms=100)
    elif n == 9:  # :fx Lead 1 time_ms 375
        track(p, "Lead")["inserts"][0]["params"]["time_ms"] = 375
    elif n == 10:  # :insert Pad add width, :fx Pad 1 width 0.4
        insert(track(p, "Pad"), "width", width=0.4)
    elif n == 11:  # the Lead's gain_db lane: +4 dB over Chorus 1 (A, then a, K)
        track(p, "Lead")["automation"] = {
            "gain_db": [[23.9, 0], [24, 4], [39.9, 4], [40, 0]]}
    elif n == 12:  # :review, then a on "Lead is masked by Pad": :fx Pad eq band1_hz 450,
        # :fx Pad eq band1_q 2.2, :fx Pad eq band1_db -7 (one undo step)
        insert(track(p, "Pad"), "eq", band1_hz=450, band1_q=2.2, band1_db=-7)
    elif n == 13:  # :insert Lead add multiband, :fx Lead 1 xover_high_hz 5000,
        # high_threshold_db -45, high_ratio 8, high_attack_ms 1, high_release_ms 40
        insert(track(p, "Lead"), "multiband", xover_high_hz=5000, high_threshold_db=-45,
               high_ratio=8, high_attack_ms=1, high_release_ms=40)
    elif n == 14:  # the album in project.json: each song to about -16 LUFS, 2 s gaps,
        # target_lufs -16 (an editor; :album renders it)
        a = p["album"]
        for s, gain in zip(a["songs"], (-2.7, 7.0, 0.8)):
            s["gain_db"] = gain
        a["songs"][1]["gap_before_s"] = a["songs"][2]["gap_before_s"] = 2
        a["target_lufs"] = -16
    else:
        sys.exit("solve.py: no solution for lesson %d" % n)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: solve.py N PROJECT.JSON")
    n, path = int(sys.argv[1]), sys.argv[2]
    with open(path) as f:
        p = json.load(f)
    p.setdefault("master", {})
    solve(n, p)
    with open(path, "w") as f:
        json.dump(p, f, indent=1)


main()
