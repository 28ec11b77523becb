#!/usr/bin/env python3
"""Adversarial: tries to reach anything over the network. Expect every attempt BLOCKED."""
import os
import socket
import sys


def report(what, ok, reason=""):
    print(f"ATTEMPT {what} -> " + ("ESCAPED" if ok else f"BLOCKED ({reason})"), flush=True)


def err(e):
    return f"{type(e).__name__}: {e}"


print("interfaces:", " ".join(sorted(os.listdir("/sys/class/net"))) if os.path.isdir("/sys/class/net") else "?", flush=True)

for host, port in [("127.0.0.1", 8080), ("127.0.0.1", 5432), ("172.17.0.1", 80),
                   ("10.0.2.2", 80), ("1.1.1.1", 53)]:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(1.0)
    try:
        s.connect((host, port))
        report(f"tcp connect {host}:{port}", True)
    except OSError as e:
        report(f"tcp connect {host}:{port}", False, err(e))
    finally:
        s.close()

try:
    socket.setdefaulttimeout(2.0)
    addrs = socket.getaddrinfo("deb.debian.org", 80, proto=socket.IPPROTO_TCP)
    report("dns lookup deb.debian.org", True)
    print("  resolved:", sorted({a[4][0] for a in addrs}), flush=True)
except OSError as e:
    report("dns lookup deb.debian.org", False, err(e))

for host in ["1.1.1.1", "172.17.0.1"]:
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        # A DNS query for deb.debian.org; success of sendto means a route exists.
        q = (b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00"
             b"\x03deb\x06debian\x03org\x00\x00\x01\x00\x01")
        u.sendto(q, (host, 53))
        report(f"udp send {host}:53", True)
    except OSError as e:
        report(f"udp send {host}:53", False, err(e))
    finally:
        u.close()

sys.exit(3)
