#!/usr/bin/env python3
"""Adversarial: sleeps an hour. Expect the harness's wall-clock limit to kill it."""
import time
print("ATTEMPT sleep 3600 s (expect the wall-clock limit to kill this run)", flush=True)
time.sleep(3600)
print("ATTEMPT sleep 3600 s -> ESCAPED", flush=True)
