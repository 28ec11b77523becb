#!/usr/bin/env python3
"""Adversarial: tries to write where a submission must not (root fs, its own code, the
data). Expect every attempt BLOCKED. Writing the output folder and /tmp is allowed and not
tested here."""
import csv
import os
import sys


def report(what, ok, reason=""):
    print(f"ATTEMPT {what} -> " + ("ESCAPED" if ok else f"BLOCKED ({reason})"), flush=True)


def try_write(d):
    p = os.path.join(d, ".arena-write-test")
    try:
        with open(p, "w") as f:
            f.write("x")
        report(f"write {p}", True)
        try:
            os.remove(p)
        except OSError:
            pass
    except OSError as e:
        report(f"write {p}", False, f"{type(e).__name__}: {e.strerror}")


targets = ["/", "/etc", "/opt/team", "/var", "/usr/bin", "/root", "/home"]
data = os.path.join(os.getcwd(), "MURA-v1.1")
targets.append(data)
if len(sys.argv) > 1:
    try:
        with open(sys.argv[1], newline="") as f:
            first = next((r[0].strip() for r in csv.reader(f) if r and r[0].strip()), None)
        if first:
            targets.append(os.path.dirname(os.path.abspath(first)))  # a study folder
            targets.append(os.path.dirname(os.path.abspath(sys.argv[1])))  # input CSV folder
    except OSError as e:
        print(f"cannot read input csv: {e}", flush=True)
targets.append(os.getcwd())
seen = set()
for t in targets:
    if t not in seen:
        seen.add(t)
        try_write(t)

# Replace our own code (the image layer) and an image file in place.
for p in ["/opt/team/attack.py"]:
    try:
        with open(p, "a") as f:
            f.write("# tampered\n")
        report(f"append {p}", True)
    except OSError as e:
        report(f"append {p}", False, f"{type(e).__name__}: {e.strerror}")
sys.exit(3)
