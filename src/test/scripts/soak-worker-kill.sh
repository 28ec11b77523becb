#!/usr/bin/env bash
# Soak: repeats fault test 1 (a worker killed with SIGKILL mid-evaluation) N times (default 10)
# against the PostgreSQL on 127.0.0.1:5432, on one server, and prints the summary line.
# Usage: src/test/scripts/soak-worker-kill.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
rounds="${1:-10}"
log="target/soak-worker-kill.log"
mkdir -p target
./mvnw -B -ntp verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=WorkerKillIT -Dsoak.rounds="$rounds" >"$log" 2>&1 || { tail -50 "$log"; exit 1; }
grep -E '^NOTICE: round|^SOAK' "$log"
