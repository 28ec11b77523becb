#!/usr/bin/env python3
"""Adversarial: fills /tmp (and then /dev/shm, the other writable tmpfs Docker gives every
container) in 16 MiB chunks until an error, at most 8 GiB each. Expect BLOCKED by the
tmpfs size caps (ENOSPC) or the memory limit."""
import os
import sys

CHUNK, LIMIT = 16 << 20, 8 << 30
buf = os.urandom(1 << 20) * 16
for d in ["/tmp", "/dev/shm"]:
    p = os.path.join(d, "arena-fill")
    written = 0
    try:
        with open(p, "wb", buffering=0) as f:
            while written < LIMIT:
                written += f.write(buf)
        print(f"ATTEMPT fill {d} with 8 GiB -> ESCAPED", flush=True)
    except OSError as e:
        print(f"ATTEMPT fill {d} with 8 GiB -> BLOCKED ({type(e).__name__}: {e.strerror} after {written >> 20} MiB)", flush=True)
    finally:
        try:
            os.remove(p)
        except OSError:
            pass
sys.exit(3)
