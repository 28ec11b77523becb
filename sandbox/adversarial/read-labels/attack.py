#!/usr/bin/env python3
"""Adversarial: looks for labels and secrets. Walks every filesystem it can see (skipping
/proc and /sys; bounded to 60 s) for files named like readers/labeled/label or paths with
_positive/_negative (MURA's labelled study folders), and reads /proc/1/environ and its
own environ for TOKEN/PASSWORD/JDBC. Files that are part of the image itself are listed at
build time (--snapshot) and ignored. Expect no ESCAPED line."""
import os
import re
import sys
import time

NAME = re.compile(r"readers|labeled|label", re.I)
PATH = re.compile(r"_positive|_negative", re.I)
SECRET = re.compile(r"TOKEN|PASSWORD|JDBC", re.I)
SKIP = {"/proc", "/sys"}
LIMIT_S = 60.0
MAX_REPORTS = 50


def walk():
    for root, dirs, files in os.walk("/", onerror=lambda e: None):
        dirs[:] = [d for d in dirs if os.path.join(root, d) not in SKIP]
        for name in dirs + files:
            p = os.path.join(root, name)
            if NAME.search(name) or PATH.search(p):
                yield p


if len(sys.argv) == 3 and sys.argv[1] == "--snapshot":
    with open(sys.argv[2], "w") as f:
        for p in walk():
            f.write(p + "\n")
    sys.exit(0)

known = set()
try:
    with open("/opt/team/image-matches.txt") as f:
        known = {l.rstrip("\n") for l in f}
except OSError:
    pass

t0, found, scanned_ok = time.monotonic(), 0, True
for p in walk():
    if time.monotonic() - t0 > LIMIT_S:
        print(f"walk stopped after {LIMIT_S:.0f} s", flush=True)
        scanned_ok = False
        break
    if p in known or p.startswith("/opt/team/"):
        continue
    found += 1
    if found <= MAX_REPORTS:
        readable = os.access(p, os.R_OK)
        print(f"ATTEMPT find labels: {p} (readable={readable}) -> ESCAPED", flush=True)
if found > MAX_REPORTS:
    print(f"... {found - MAX_REPORTS} more label-like paths", flush=True)
if found == 0:
    print(f"ATTEMPT find label files (walked / in {time.monotonic() - t0:.1f} s, "
          f"{len(known)} image-owned matches ignored) -> BLOCKED (none visible)", flush=True)

for src in ["/proc/1/environ", "/proc/self/environ"]:
    try:
        with open(src, "rb") as f:
            env = f.read().split(b"\0")
    except OSError as e:
        print(f"ATTEMPT read {src} -> BLOCKED ({type(e).__name__}: {e.strerror})", flush=True)
        continue
    hits = [v.decode(errors="replace").split("=", 1)[0] for v in env if SECRET.search(v.decode(errors="replace"))]
    if hits:
        for h in hits:
            print(f"ATTEMPT secret in {src}: {h}=... -> ESCAPED", flush=True)
    else:
        print(f"ATTEMPT secrets in {src} ({len([v for v in env if v])} variables) -> BLOCKED (none found)", flush=True)

# For the record: what is mounted (helps spot an extra mount that should not be there).
try:
    with open("/proc/self/mountinfo") as f:
        for line in f:
            parts = line.split()
            if parts[4] not in ("/proc", "/sys", "/dev") and not parts[4].startswith(("/proc/", "/sys/", "/dev/")):
                print(f"mount: {parts[4]} {parts[5]}", flush=True)
except OSError:
    pass
sys.exit(3)
