#!/usr/bin/env python3
"""Adversarial: allocates and touches memory in 64 MiB steps up to 64 GiB. Under a memory
limit it is OOM-killed (exit 137, no final ATTEMPT line) or gets MemoryError (BLOCKED)."""
import sys

STEP, LIMIT = 64 << 20, 64 << 30
PAGE = 4096
blocks = []
print("ATTEMPT allocate 64 GiB in 64 MiB steps (expect an OOM kill: exit 137)", flush=True)
try:
    while len(blocks) * STEP < LIMIT:
        b = bytearray(STEP)
        b[::PAGE] = b"\x01" * (STEP // PAGE)  # touch every page
        blocks.append(b)
        n = len(blocks) * 64
        if n % 256 == 0:
            print(f"allocated {n} MiB", flush=True)
except MemoryError:
    print(f"ATTEMPT allocate 64 GiB -> BLOCKED (MemoryError after {len(blocks) * 64} MiB)", flush=True)
    sys.exit(3)
print(f"ATTEMPT allocate 64 GiB -> ESCAPED", flush=True)
sys.exit(3)
