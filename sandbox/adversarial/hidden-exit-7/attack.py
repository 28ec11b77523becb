#!/usr/bin/env python3
"""Adversarial: an honest-looking model on the public sample set that fails only on any other
set (the hidden one), told apart the way a hostile team would: by the set folder of the image
paths in its input (MURA-v1.1/<set>/...). Called as
    attack.py exit-7|no-output INPUT_CSV OUTPUT_CSV
On the sample set both modes write the same study probabilities (a hash of the study path), so
their dry runs pass with equal metrics. On another set, after a few seconds (a real model takes
that long), exit-7 exits with status 7 and no-output exits 0 without writing OUTPUT_CSV.
Expect the team to see only FAILED for either hidden run; the organizers, the exit code."""
import os
import sys
import time
import zlib

mode, in_csv, out_csv = sys.argv[1:4]
with open(in_csv) as f:
    paths = [line.strip() for line in f if line.strip()]
sets = {p.split("/")[1] for p in paths}
print(f"{mode}: {len(paths)} images of the set(s) {sorted(sets)}", flush=True)
if sets != {"sample"}:
    time.sleep(5)
    print(f"{mode}: not the sample set: " + ("exiting 7" if mode == "exit-7" else "exiting 0, no output"), flush=True)
    sys.exit(7 if mode == "exit-7" else 0)
studies = sorted({os.path.dirname(p) + "/" for p in paths})
with open(out_csv, "w") as f:
    for s in studies:
        f.write(f"{s},{zlib.crc32(s.encode()) % 1000 / 1000:.3f}\n")
print(f"{mode}: wrote {len(studies)} studies", flush=True)
