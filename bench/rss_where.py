#!/usr/bin/env python3
"""bench/rss_where.py: where a command's resident pages are at its peak (issue 23, goal 5).

    bench/rss_where.py [--top N] [--maps-only] -- COMMAND [ARGS...]

Runs COMMAND and reads /proc/PID/smaps every few milliseconds while it runs. It keeps
the sample with the most resident memory (the sum of every mapping's Rss) and prints it
by owner: each shared library (all its mappings together), the program itself, the
heap ([heap] plus anonymous mappings: malloc's arenas and large blocks, thread stacks),
the main stack and the rest. The last line is the kernel's own peak, VmHWM of
/proc/PID/status as last read before the command ended (GNU time's %M is the same
figure); the sampled peak can miss a short spike, so the two differ by a little.
(The child's ru_maxrss is not used: Python starts it with vfork, and the kernel folds
Python's own peak into it.)

--maps-only prints, instead of the table, the path of every file-backed mapping of the
peak sample, one per line (tests/lazy_libs.sh uses it to see which libraries a render
loads).

Needs only python3 and Linux's /proc. Nothing of ttymix is assumed: any command works.
"""
import os
import subprocess
import sys
import time


def read_smaps(pid):
    """[(name, rss_kb)] for every mapping, or None when the process is gone."""
    try:
        with open(f"/proc/{pid}/smaps") as f:
            text = f.read()
    except OSError:
        return None
    out = []
    name = None
    for line in text.splitlines():
        head = line.split(None, 1)[0]
        if "-" in head and not head.endswith(":"):
            parts = line.split(None, 5)
            name = parts[5].strip() if len(parts) > 5 else ""
        elif head == "Rss:":
            out.append((name, int(line.split()[1])))
    return out


def hwm(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def owner(name, exe):
    if name == "[heap]" or name == "":
        return "heap and anonymous (malloc, thread stacks)"
    if name == "[stack]":
        return "main stack"
    if name.startswith("["):
        return "kernel ([vdso], [vvar])"
    if os.path.realpath(name) == exe:
        return "the program (" + os.path.basename(name) + ")"
    return os.path.basename(name)


def main():
    args = sys.argv[1:]
    top = 20
    maps_only = False
    while args and args[0] != "--":
        if args[0] == "--top":
            top = int(args[1])
            args = args[2:]
        elif args[0] == "--maps-only":
            maps_only = True
            args = args[1:]
        else:
            sys.exit("usage: rss_where.py [--top N] [--maps-only] -- COMMAND [ARGS...]")
    if not args or len(args) < 2:
        sys.exit("usage: rss_where.py [--top N] [--maps-only] -- COMMAND [ARGS...]")
    cmd = args[1:]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    exe = None
    best, best_total, peak_hwm = None, -1, 0
    status = None
    while True:
        pid, st = os.waitpid(proc.pid, os.WNOHANG)
        if pid:
            status = st
            break
        if exe is None:
            try:
                exe = os.path.realpath(f"/proc/{proc.pid}/exe")
            except OSError:
                pass
        sample = read_smaps(proc.pid)
        h = hwm(proc.pid)
        if h:
            peak_hwm = max(peak_hwm, h)
        if sample:
            total = sum(r for _, r in sample)
            if total > best_total:
                best, best_total = sample, total
        time.sleep(0.005)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"rss_where.py: {cmd[0]} exited with {proc.returncode}")
    if best is None:
        sys.exit("rss_where.py: the command ended before it could be sampled")
    if maps_only:
        for name in sorted({n for n, _ in best if n.startswith("/")}):
            print(name)
        return
    by = {}
    for name, rss in best:
        key = owner(name, exe)
        by[key] = by.get(key, 0) + rss
    rows = sorted(by.items(), key=lambda kv: -kv[1])
    libs = sum(v for k, v in by.items() if ".so" in k)
    print(f"{'owner':52s} {'RSS KB':>8s}")
    for k, v in rows[:top]:
        print(f"{k:52s} {v:8d}")
    rest = sum(v for _, v in rows[top:])
    if rest:
        print(f"{'(' + str(len(rows) - top) + ' more)':52s} {rest:8d}")
    print(f"{'shared libraries together':52s} {libs:8d}")
    print(f"{'sampled peak (sum of Rss)':52s} {best_total:8d}")
    print(f"{'kernel peak VmHWM (GNU time %M)':52s} {peak_hwm:8d}")


if __name__ == "__main__":
    main()
