#!/usr/bin/env python3
"""Run a program on a fresh pty, wait for WAIT_TEXT on its screen, type KEYS, wait for
DIRTY_TEXT, then close the pty's master side (the terminal emulator or sshd went away)
and measure how the program ends.

usage: pty_close.py ctty|noctty WAIT_TEXT KEYS DIRTY_TEXT LIMIT_SEC -- PROGRAM ARG...

ctty: the pty is the program's controlling terminal, so the kernel sends it SIGHUP on
the close. noctty: it is only the program's stdin, stdout and stderr (a new session
that never acquired it), so no SIGHUP comes: the program must notice the dead
terminal itself.

Prints one line: "exit SECONDS status STATUS cpu_after_close SECONDS". Exit status 0
when the program ended within LIMIT_SEC; 1 (after SIGKILL) when it did not; 2 when
it never showed WAIT_TEXT or DIRTY_TEXT."""
import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time

WAIT_SEC = 20  # bound of every wait for the screen


def cpu_seconds(pid):
    """User + system CPU time of a live process, from /proc."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def read_until(master, text, seen):
    deadline = time.monotonic() + WAIT_SEC
    while text.encode() not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            return seen, False
        ready, _, _ = select.select([master], [], [], min(left, 0.2))
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return seen, False
            if not chunk:
                return seen, False
            seen += chunk
    return seen, True


def main():
    argv = sys.argv[1:]
    if len(argv) < 7 or argv[5] != "--" or argv[0] not in ("ctty", "noctty"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, wait_text, keys, dirty_text, limit = argv[0], argv[1], argv[2], argv[3], \
        float(argv[4])
    program = argv[6:]

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))

    def child_setup():
        if mode == "ctty":
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    child = subprocess.Popen(program, stdin=slave, stdout=slave, stderr=slave,
                             start_new_session=True, preexec_fn=child_setup,
                             close_fds=True)
    os.close(slave)
    seen, ok = read_until(master, wait_text, b"")
    if ok and keys:
        os.write(master, keys.encode())
        seen, ok = read_until(master, dirty_text, seen)
    if not ok:
        child.kill()
        child.wait()
        print("the screen never showed what was waited for; it was: %r" % seen[-600:])
        return 2
    time.sleep(0.3)  # past the key's own work
    cpu_before = cpu_seconds(child.pid)
    os.close(master)
    closed = time.monotonic()
    status = None
    while time.monotonic() - closed < limit:
        pid, wait_status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid == child.pid:
            status = wait_status
            break
        time.sleep(0.05)
    elapsed = time.monotonic() - closed
    if status is None:
        spent = cpu_seconds(child.pid) - cpu_before
        os.kill(child.pid, signal.SIGKILL)
        os.wait4(child.pid, 0)
        print("still running %.2f s after the close, cpu_after_close %.2f" %
              (elapsed, spent))
        return 1
    child.returncode = 0  # reaped here: Popen must not wait for it again
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    if os.WIFSIGNALED(status):
        how = "signal %d" % os.WTERMSIG(status)
    else:
        how = "exit %d" % os.WEXITSTATUS(status)
    print("exit %.2f status %s cpu_after_close %.2f" % (elapsed, how, cpu))
    return 0


if __name__ == "__main__":
    sys.exit(main())
