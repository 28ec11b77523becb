#!/usr/bin/env bash
# Run by sandbox/build-test-images.sh with the build context folder as $1: compiles the
# setuid helper statically on the host (the base image has no compiler).
set -euo pipefail
ctx=$1
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v gcc >/dev/null 2>&1 || [[ ! -e /usr/lib/x86_64-linux-gnu/libc.a && ! -e /usr/lib/libc.a ]]; then
  echo "escalate/prebuild.sh: installing gcc libc6-dev for a static build" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc libc6-dev >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gcc libc6-dev >/dev/null; }
fi
gcc -static -O2 -o "$ctx/setuid0" "$here/setuid0.c"
strip "$ctx/setuid0" 2>/dev/null || true
