#!/usr/bin/env python3
"""Adversarial: writes an output CSV with an out-of-range probability (1.7) and a NaN,
exits 0. Expect the harness to reject the output."""
import csv
import os
import sys

in_csv, out_csv = sys.argv[1], sys.argv[2]
studies = []
with open(in_csv, newline="") as f:
    for r in csv.reader(f):
        if r and r[0].strip():
            s = os.path.dirname(r[0].strip()) + "/"
            if s not in studies:
                studies.append(s)
values = ["1.7", "nan"] + ["0.5"] * max(0, len(studies) - 2)
while len(studies) < 2:
    studies.append(f"MURA-v1.1/test/XR_WRIST/patient0000{len(studies)}/study1/")
with open(out_csv, "w") as f:
    for s, v in zip(studies, values):
        f.write(f"{s},{v}\n")
print("ATTEMPT output with probability 1.7 and NaN (expect the harness to reject it)", flush=True)
sys.exit(0)
