#!/usr/bin/env python3
"""Adversarial: writes a 1 GiB OUTPUT_CSV of valid-looking rows, exits 0. Expect the
output size limit to stop it (ENOSPC on a size-capped output folder) or the harness to
reject the file."""
import sys

out_csv = sys.argv[2]
row = b"MURA-v1.1/test/XR_WRIST/patient11185/study1/,0.500000\n"
chunk = row * ((1 << 20) // len(row) + 1)
chunk = chunk[: (1 << 20) - (1 << 20) % len(row)]
written = 0
try:
    with open(out_csv, "wb") as f:
        while written < (1 << 30):
            written += f.write(chunk)
except OSError as e:
    print(f"ATTEMPT write 1 GiB output -> BLOCKED ({type(e).__name__}: {e.strerror} after {written >> 20} MiB)", flush=True)
    sys.exit(3)
print(f"ATTEMPT write 1 GiB output -> ESCAPED (wrote {written >> 20} MiB; the harness must reject it)", flush=True)
sys.exit(0)
