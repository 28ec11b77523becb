#!/usr/bin/env python3
"""Adversarial: tries to gain privileges: a setuid-root binary, mount, a raw socket,
unshare (user and mount namespaces), chroot, and checks its effective capabilities.
Expect every attempt BLOCKED."""
import ctypes
import os
import socket
import subprocess
import sys


def report(what, ok, reason=""):
    print(f"ATTEMPT {what} -> " + ("ESCAPED" if ok else f"BLOCKED ({reason})"), flush=True)


def run(cmd):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=10)
        return p.returncode, (p.stdout + p.stderr).strip().replace("\n", " | ")
    except (OSError, subprocess.TimeoutExpired) as e:
        return -1, f"{type(e).__name__}: {e}"


print(f"running as uid={os.getuid()} euid={os.geteuid()} gid={os.getgid()}", flush=True)
with open("/proc/self/status") as f:
    status = dict(l.split(":", 1) for l in f if ":" in l)
capeff = int(status["CapEff"].strip(), 16)
print(f"CapEff={status['CapEff'].strip()} CapBnd={status['CapBnd'].strip()} "
      f"NoNewPrivs={status.get('NoNewPrivs', '?').strip()} Seccomp={status.get('Seccomp', '?').strip()}", flush=True)
report("hold any effective capability", capeff != 0, "CapEff=0")

rc, out = run(["/opt/team/setuid0"])
print(f"  {out}", flush=True)
report("setuid-root binary setuid(0)", rc == 0, f"exit {rc}: euid stayed non-root")

rc, out = run(["mount", "-t", "tmpfs", "none", "/tmp"])
report("mount -t tmpfs none /tmp", rc == 0, out[:160] or f"exit {rc}")

libc = ctypes.CDLL(None, use_errno=True)
r = libc.mount(b"none", b"/tmp", b"tmpfs", 0, None)
report("mount(2) tmpfs on /tmp", r == 0, os.strerror(ctypes.get_errno()))

try:
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    s.close()
    report("socket(AF_INET, SOCK_RAW)", True)
except OSError as e:
    report("socket(AF_INET, SOCK_RAW)", False, f"{type(e).__name__}: {e.strerror}")

for args, what in [(["unshare", "--user", "--map-root-user", "id", "-u"], "unshare --user --map-root-user"),
                   (["unshare", "--mount", "true"], "unshare --mount"),
                   (["unshare", "--net", "true"], "unshare --net")]:
    rc, out = run(args)
    report(what, rc == 0, out[:160] or f"exit {rc}")

CLONE_NEWUSER = 0x10000000
r = libc.unshare(CLONE_NEWUSER)
report("unshare(2) CLONE_NEWUSER", r == 0, os.strerror(ctypes.get_errno()))

try:
    os.chroot("/tmp")
    report("chroot /tmp", True)
except OSError as e:
    report("chroot /tmp", False, f"{type(e).__name__}: {e.strerror}")

rc, out = run(["chroot", "/", "true"])
report("chroot(8) /", rc == 0, out[:160] or f"exit {rc}")
sys.exit(3)
