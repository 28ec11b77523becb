#!/usr/bin/env python3
"""Adversarial: writes 1 GiB to stdout in 1 MiB chunks, then exits 0 without any output
CSV. Expect the harness to cap what it keeps of the log and fail the run (no output)."""
import os
import sys

print("ATTEMPT flood stdout with 1 GiB (expect the harness to truncate the log)", flush=True)
line = b"log-flood " + b"x" * 117 + b"\n"  # 128 bytes
chunk = line * 8192  # 1 MiB
out = sys.stdout.buffer
for _ in range(1024):
    out.write(chunk)
out.flush()
print("log-flood: wrote 1 GiB, exiting 0 without an output file", flush=True)
sys.exit(0)
