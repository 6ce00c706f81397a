#!/usr/bin/python3
# bench/session_song.py OUTDIR: the realistic session's song (bench/session.sh), composed
# in MIDI with mido: 3 minutes (84 bars) at 112 bpm in C major (intro, verses, choruses, a
# bridge, an outro), 20 parts, each written to its own OUTDIR/NN-name.mid so that
# fluidsynth renders each to its own stem. Deterministic: the same files on every run.
# Prints one line per part: "NN-name.mid level_db pan" (the mix's uneven levels).
import os
import random
import sys

import mido

BPM = 112
TPB = 480                     # ticks per beat
BAR = 4 * TPB
SECTIONS = [("intro", 8), ("verse", 16), ("chorus", 16), ("verse", 8),
            ("chorus", 16), ("bridge", 8), ("chorus", 8), ("outro", 4)]  # 84 bars: 3:00
PROGRESSIONS = {
    "intro": [0, 5, 3, 4], "verse": [0, 5, 3, 4], "chorus": [3, 4, 0, 5],
    "bridge": [5, 3, 4, 4], "outro": [0, 3, 4, 0],
}
SCALE = [0, 2, 4, 5, 7, 9, 11]
ROOT = 60                    # C4


def chord(degree, octave=0):
    """The triad on a scale degree, as MIDI notes."""
    notes = []
    for k in (0, 2, 4):
        d = degree + k
        notes.append(ROOT + 12 * octave + SCALE[d % 7] + 12 * (d // 7))
    return notes


def bars():
    """(bar index, section name, chord degree) for every bar of the song."""
    out, n = [], 0
    for name, length in SECTIONS:
        prog = PROGRESSIONS[name]
        for b in range(length):
            out.append((n, name, prog[(b // 2) % len(prog)]))
            n += 1
    return out


class Part:
    def __init__(self, name, program, channel=0, level_db=0.0, pan=0.0):
        self.name, self.program, self.channel = name, program, channel
        self.level_db, self.pan = level_db, pan
        self.events = []       # (tick, note, velocity, length)

    def note(self, tick, note, vel, length):
        self.events.append((int(tick), int(note), max(1, min(127, int(vel))), int(length)))

    def write(self, path):
        mid = mido.MidiFile(ticks_per_beat=TPB)
        tr = mido.MidiTrack()
        mid.tracks.append(tr)
        tr.append(mido.MetaMessage("set_tempo", tempo=mido.bpm2tempo(BPM), time=0))
        if self.channel != 9:
            tr.append(mido.Message("program_change", program=self.program,
                                   channel=self.channel, time=0))
        msgs = []
        for tick, note, vel, length in self.events:
            msgs.append((tick, 1, note, vel))
            msgs.append((tick + length, 0, note, 0))
        msgs.sort()
        now = 0
        for tick, on, note, vel in msgs:
            kind = "note_on" if on else "note_off"
            tr.append(mido.Message(kind, note=note, velocity=vel, channel=self.channel,
                                   time=tick - now))
            now = tick
        tr.append(mido.MetaMessage("end_of_track", time=2 * BAR))
        mid.save(path)


def compose():
    rnd = random.Random(23)
    P = {}

    def part(*a, **k):
        p = Part(*a, **k)
        P[p.name] = p
        return p

    kick = part("kick", 0, 9, 0.0, 0.0)
    snare = part("snare", 0, 9, -2.0, 0.1)
    hats = part("hats", 0, 9, -9.0, 0.35)
    toms = part("toms", 0, 9, -6.0, -0.3)
    cymbals = part("cymbals", 0, 9, -11.0, -0.2)
    perc = part("shaker", 0, 9, -14.0, 0.6)
    bass = part("bass", 33, 0, -1.0, 0.0)
    piano = part("piano", 0, 1, -5.0, -0.25)
    rhodes = part("rhodes", 4, 2, -8.0, 0.3)
    organ = part("organ", 16, 3, -15.0, 0.0)
    strings = part("strings", 48, 4, -10.0, -0.4)
    brass = part("brass", 61, 5, -7.0, 0.25)
    lead = part("lead", 80, 6, -3.0, 0.05)
    guitar = part("ac-guitar", 25, 7, -6.0, -0.6)
    eguitar = part("el-guitar", 27, 8, -9.0, 0.6)
    flute = part("flute", 73, 10, -12.0, 0.45)
    choir = part("choir", 52, 11, -16.0, 0.0)
    marimba = part("marimba", 12, 12, -13.0, -0.5)
    vibes = part("vibes", 11, 13, -18.0, 0.5)
    cello = part("cello", 42, 14, -8.0, -0.15)

    for n, sec, deg in bars():
        t0 = n * BAR
        full = sec in ("chorus", "bridge")
        busy = sec != "intro" and sec != "outro"
        tri = chord(deg)
        # drums
        if busy or n % 8 >= 4:
            for beat in (0, 2) if not full else (0, 1.5, 2, 3.5):
                kick.note(t0 + beat * TPB, 36, 110 + rnd.randint(-6, 6), TPB // 4)
            for beat in (1, 3):
                snare.note(t0 + beat * TPB, 38, 100 + rnd.randint(-10, 8), TPB // 4)
        for e in range(8 if busy else 4):
            step = BAR // (8 if busy else 4)
            hats.note(t0 + e * step, 42 if e % 4 != 3 else 46,
                      70 + (20 if e % 2 == 0 else 0) + rnd.randint(-8, 8), step // 2)
        if n % 8 == 7:
            for k, note in enumerate((50, 47, 45, 43)):
                toms.note(t0 + 2 * TPB + k * TPB // 2, note, 95, TPB // 2)
        if n % 8 == 0:
            cymbals.note(t0, 49, 105, 2 * TPB)
        elif full:
            for beat in range(4):
                cymbals.note(t0 + beat * TPB, 51, 65, TPB // 2)
        if busy:
            for s in range(16):
                perc.note(t0 + s * TPB // 4, 70, 40 + (25 if s % 4 == 2 else 0), TPB // 8)
        # bass: root and fifth on eighths
        root = ROOT - 24 + SCALE[deg % 7]
        for e in range(8):
            note = root if e % 4 != 3 else root + 7
            bass.note(t0 + e * TPB // 2, note, 95 if e % 2 == 0 else 80, TPB // 2 - 20)
        # piano: chords on beats, an octave up in the chorus
        oct_ = 1 if full else 0
        for beat in range(4):
            for x in chord(deg, oct_ - 1 if beat % 2 else oct_):
                piano.note(t0 + beat * TPB, x, 70 + rnd.randint(-8, 8), TPB - 40)
        if sec in ("verse", "bridge", "outro"):
            for x in chord(deg, 0):
                rhodes.note(t0 + TPB // 2, x, 60, 3 * TPB)
        for x in chord(deg, -1):
            organ.note(t0, x, 55, BAR)
        if full or sec == "intro":
            for x in chord(deg, 0) + [tri[0] + 12]:
                strings.note(t0, x, 65, BAR)
        if sec == "chorus" and n % 2 == 0:
            for x in chord(deg, 0):
                brass.note(t0 + 3 * TPB, x, 90, TPB // 2)
                brass.note(t0 + BAR, x, 95, TPB)
        # lead melody: scale steps around the chord in verse and chorus
        if sec in ("verse", "chorus", "bridge"):
            pos = 0
            while pos < BAR:
                length = rnd.choice((TPB // 2, TPB // 2, TPB, TPB * 3 // 2))
                d = deg + rnd.choice((0, 2, 4, 1, -1, 7))
                note = ROOT + 12 + SCALE[d % 7] + 12 * (d // 7)
                if rnd.random() > 0.15:
                    lead.note(t0 + pos, note, 85 + rnd.randint(-10, 10), length - 30)
                pos += length
        # guitars
        for beat in range(4):
            for k, x in enumerate(chord(deg, 0)):
                guitar.note(t0 + beat * TPB + k * 25, x - 12, 75 if beat % 2 == 0 else 60,
                            TPB - 60)
        if busy:
            arp = chord(deg, 0) + chord(deg, 1)[:1]
            for e in range(8):
                eguitar.note(t0 + e * TPB // 2, arp[e % 4], 70, TPB // 2 - 10)
        # flute answers in the chorus, choir in the bridge and the last chorus
        if sec == "chorus" and n % 4 == 3:
            for k in range(4):
                flute.note(t0 + k * TPB, tri[k % 3] + 24, 80, TPB - 30)
        if sec == "bridge" or (sec == "chorus" and n >= 72):
            for x in chord(deg, 0):
                choir.note(t0, x, 70, BAR)
        if sec in ("intro", "outro", "bridge"):
            for s in range(8):
                marimba.note(t0 + s * TPB // 2, tri[s % 3] + 12, 75, TPB // 2)
        if sec == "verse" and n % 2 == 1:
            vibes.note(t0 + 2 * TPB, tri[2] + 12, 70, 2 * TPB)
        if sec in ("verse", "bridge", "chorus"):
            cello.note(t0, tri[0] - 12, 80, 2 * TPB)
            cello.note(t0 + 2 * TPB, tri[1] - 12, 75, 2 * TPB)
    return list(P.values())


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for i, p in enumerate(compose()):
        name = "%02d-%s.mid" % (i + 1, p.name)
        p.write(os.path.join(out, name))
        print(name, p.level_db, p.pan)


main()
