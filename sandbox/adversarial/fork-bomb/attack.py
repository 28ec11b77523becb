#!/usr/bin/env python3
"""Adversarial: forks sleeping children until fork fails (bounded: 100000 forks, 60 s).
Expect BLOCKED by the pids limit."""
import os
import signal
import sys
import time

MAX_FORKS, MAX_S = 100_000, 60.0
children, reason = [], None
t0 = time.monotonic()
while len(children) < MAX_FORKS and time.monotonic() - t0 < MAX_S:
    try:
        pid = os.fork()
    except OSError as e:
        reason = f"{type(e).__name__}: {e.strerror} after {len(children)} children"
        break
    if pid == 0:
        try:
            time.sleep(MAX_S + 30)
        finally:
            os._exit(0)
    children.append(pid)
print(f"forked {len(children)} children in {time.monotonic() - t0:.1f} s", flush=True)
for pid in children:
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
for pid in children:
    try:
        os.waitpid(pid, 0)
    except OSError:
        pass
if reason:
    print(f"ATTEMPT fork bomb -> BLOCKED ({reason})", flush=True)
else:
    print(f"ATTEMPT fork bomb -> ESCAPED", flush=True)
sys.exit(3)
