#!/usr/bin/env bash
# Run by sandbox/build-test-images.sh with the build context folder as $1: compiles the
# setuid helper statically on the host (the base image has no compiler).
set -euo pipefail
ctx=$1
here=$(cd "$(dirname "$0")" && pwd)
gcc -static -O2 -o "$ctx/setuid0" "$here/setuid0.c"
strip "$ctx/setuid0" 2>/dev/null || true
