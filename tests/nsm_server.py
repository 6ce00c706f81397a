"""A small Non Session Manager server for tests/nsm.sh, written with liblo
(python3-liblo): nsmd itself is not in Debian 12.

    nsm_server.py PATH URLFILE [--expect-edit [--switch PATH2]]

It listens on a free UDP port and writes its URL (what NSM_URL says) to URLFILE.
When a client announces (/nsm/server/announce: the name "ttymix", the ":dirty:"
capability, API 1.x), it replies as a server does and sends /nsm/client/open PATH,
then waits for the client's /reply to it. With --expect-edit it then waits for the
client to tell /nsm/client/is_dirty (the test makes an edit), sends
/nsm/client/save, waits for the /reply to it and for /nsm/client/is_clean; with
--switch (the client announced ":switch:") it then opens PATH2 in the running client
and waits for the /reply to that. It prints
each step on stdout and exits 0 when all came in order, 1 on the first thing wrong
or missing (every wait is bounded)."""
import os
import sys
import time

import liblo

WAIT_SEC = 20


def main():
    path, urlfile = sys.argv[1], sys.argv[2]
    expect_edit = "--expect-edit" in sys.argv[3:]
    switch = None
    if "--switch" in sys.argv[3:]:
        switch = sys.argv[sys.argv.index("--switch") + 1]
    server = liblo.Server(proto=liblo.UDP)
    got = []

    def any_message(msgpath, args, types, src):
        got.append((msgpath, args, src))

    server.add_method(None, None, any_message)
    with open(urlfile + ".tmp", "w") as f:
        f.write(server.url)
    os.rename(urlfile + ".tmp", urlfile)

    def wait(what, match):
        """The first message (path, args) for which match is true."""
        end = time.monotonic() + WAIT_SEC
        while time.monotonic() < end:
            for i, m in enumerate(got):
                if match(m[0], m[1]):
                    del got[: i + 1]
                    print("nsm: got", m[0], m[1], flush=True)
                    return m
            server.recv(100)
        print("nsm: FAIL: no %s in %d s; got %s" % (what, WAIT_SEC, got), flush=True)
        sys.exit(1)

    _, args, client = wait("announce", lambda p, a: p == "/nsm/server/announce")
    name, caps, exe, major, minor, pid = args
    if name != "ttymix" or ":dirty:" not in caps or major != 1:
        print("nsm: FAIL: announce %r" % (args,), flush=True)
        sys.exit(1)
    server.send(client, "/reply", "/nsm/server/announce", "hello", "test-nsm",
                ":server-control:")
    server.send(client, "/nsm/client/open", path, "ttymix", "ttymix.nTEST")
    m = wait("open reply",
             lambda p, a: p in ("/reply", "/error") and a[0] == "/nsm/client/open")
    if m[0] != "/reply":
        print("nsm: FAIL: open: %r" % (m[1],), flush=True)
        sys.exit(1)
    if expect_edit:
        wait("is_dirty", lambda p, a: p == "/nsm/client/is_dirty")
        server.send(client, "/nsm/client/save")
        m = wait("save reply",
                 lambda p, a: p in ("/reply", "/error") and a[0] == "/nsm/client/save")
        if m[0] != "/reply":
            print("nsm: FAIL: save: %r" % (m[1],), flush=True)
            sys.exit(1)
        wait("is_clean", lambda p, a: p == "/nsm/client/is_clean")
    if switch:
        if ":switch:" not in caps:
            print("nsm: FAIL: no :switch: in %r" % caps, flush=True)
            sys.exit(1)
        server.send(client, "/nsm/client/open", switch, "ttymix", "ttymix.nTWO")
        m = wait("switch reply",
                 lambda p, a: p in ("/reply", "/error") and a[0] == "/nsm/client/open")
        if m[0] != "/reply":
            print("nsm: FAIL: switch: %r" % (m[1],), flush=True)
            sys.exit(1)
    print("nsm: ok", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
