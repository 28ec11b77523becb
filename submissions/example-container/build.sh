#!/usr/bin/env bash
# Builds the example submission and writes OUTDIR/example.tar (docker save) and
# OUTDIR/example.tar.gz.   submissions/example-container/build.sh OUTDIR
# Needs an engine with muraarena/base:bookworm (sandbox/engine.sh start; sandbox/base-image.sh).
set -euo pipefail
out=${1:?usage: $0 OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
export DOCKER_HOST=${DOCKER_HOST:-unix:///run/arena-docker/docker.sock}
export DOCKER_BUILDKIT=0   # the classic builder: no buildx plugin, no network needed
IMAGE=${IMAGE:-muraarena/example:latest}
mkdir -p "$out"
t=$SECONDS
docker build -q -t "$IMAGE" "$here" >/dev/null
echo "example: build took $((SECONDS - t)) s" >&2
t=$SECONDS
docker save -o "$out/example.tar.part" "$IMAGE" && chmod 0644 "$out/example.tar.part" && mv "$out/example.tar.part" "$out/example.tar"
gzip -1 -c "$out/example.tar" >"$out/example.tar.gz.part" && mv "$out/example.tar.gz.part" "$out/example.tar.gz"
echo "example: save took $((SECONDS - t)) s; $out/example.tar $(( $(stat -c %s "$out/example.tar") / 1024 / 1024 )) MiB, example.tar.gz $(( $(stat -c %s "$out/example.tar.gz") / 1024 / 1024 )) MiB" >&2
