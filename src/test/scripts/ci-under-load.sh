#!/usr/bin/env bash
# Runs `.ci/run` on N fresh clones of HEAD in a row while two busy loops occupy both cores (as CI
# on a loaded machine would see it), and prints one line per run with its exit status and time.
# Stops at the first failure. Usage: src/test/scripts/ci-under-load.sh [N=3] [LOGDIR=/tmp/ci-load]
set -uo pipefail
runs="${1:-3}"
logs="${2:-/tmp/ci-load}"
repo="$(cd "$(dirname "$0")/../../.." && pwd)"
commit="$(git -C "$repo" rev-parse HEAD)" # every run tests this commit, whatever lands meanwhile
mkdir -p "$logs"
command -v stress-ng >/dev/null || { apt-get update -qq && apt-get install -y -qq stress-ng >/dev/null; }
stress-ng --cpu 2 --timeout 0 --quiet &
load=$!
trap 'kill $load 2>/dev/null; wait $load 2>/dev/null' EXIT
for i in $(seq 1 "$runs"); do
  clone="$(mktemp -d /tmp/ci-load-clone.XXXXXX)"
  git clone -q "$repo" "$clone/repo" && git -C "$clone/repo" checkout -q "$commit"
  start=$SECONDS
  (cd "$clone/repo" && CI=true bash .ci/run) >"$logs/run-$i.log" 2>&1
  rc=$?
  tests=$(grep -E '^\[INFO\] Tests run: [0-9]+, Failures' "$logs/run-$i.log" | sed 's/\[INFO\] //' | paste -sd ';' -)
  echo "CI-UNDER-LOAD commit=${commit:0:7} run=$i rc=$rc seconds=$((SECONDS - start)) load1=$(cut -d' ' -f1 /proc/loadavg) [$tests]"
  rm -rf "$clone"
  [ "$rc" -eq 0 ] || exit "$rc"
done
