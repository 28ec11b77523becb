#!/usr/bin/env python3
"""Adversarial: prints a line and exits 7 (expect the run to fail with exit code 7)."""
import sys
print("exit-7: exiting with status 7", flush=True)
sys.exit(7)
