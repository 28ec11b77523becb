#!/usr/bin/env bash
# Builds the sandbox base image muraarena/base:bookworm (Debian bookworm minbase with
# python3, numpy and PIL) from debootstrap, without any registry but deb.debian.org.
#   sandbox/base-image.sh [--force]
# Skips fast when the engine already has the image. The debootstrap result is cached as
# a tarball under /var/cache/arena-sandbox/ so a rebuild after the engine's data is wiped
# does not download again (delete the tarball, or ARENA_BASE_REFRESH=1, to refresh it).
set -euo pipefail

IMAGE=muraarena/base:bookworm
SUITE=bookworm
MIRROR=${ARENA_DEBIAN_MIRROR:-http://deb.debian.org/debian}
PACKAGES=python3,python3-numpy,python3-pil
CACHE_DIR=/var/cache/arena-sandbox
# The cache key names the inputs so that changing them never reuses a stale rootfs.
KEY=$(printf '%s %s %s minbase v1' "$SUITE" "$MIRROR" "$PACKAGES" | sha256sum | cut -c1-12)
ROOTFS_TAR=$CACHE_DIR/base-$SUITE-$KEY.tar
export DOCKER_HOST=${DOCKER_HOST:-unix:///run/arena-docker/docker.sock}

force=0
case ${1:-} in --force) force=1 ;; "") ;; *) echo "usage: $0 [--force]" >&2; exit 2 ;; esac

t_all=$SECONDS
step() { echo "base-image: $*" >&2; }
took() { step "$1 took $(( SECONDS - $2 )) s"; }

if [[ $force == 0 ]] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  step "$IMAGE present; nothing to do"
  exit 0
fi

mkdir -p "$CACHE_DIR"
if [[ ! -s $ROOTFS_TAR || ${ARENA_BASE_REFRESH:-0} == 1 ]]; then
  if ! command -v debootstrap >/dev/null 2>&1; then
    t=$SECONDS; step "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null; }
    took "apt install debootstrap" "$t"
  fi
  work=$(mktemp -d /var/tmp/arena-rootfs.XXXXXX)
  trap 'rm -rf "$work"' EXIT
  root=$work/root
  t=$SECONDS; step "debootstrap $SUITE ($PACKAGES) from $MIRROR"
  debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$root" "$MIRROR" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 30 "$work/debootstrap.log" >&2; exit 1; }
  took "debootstrap" "$t"

  t=$SECONDS; step "stripping caches, docs and logs"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin \
         "$root"/var/lib/apt/lists/* "$root"/var/cache/debconf/*-old \
         "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
         "$root"/usr/share/locale/* "$root"/usr/share/lintian \
         "$root"/var/log/* "$root"/tmp/* "$root"/var/tmp/* "$root"/debootstrap
  find "$root" -name '__pycache__' -type d -prune -exec rm -rf {} +
  # Containers get their own /etc/hosts, resolv.conf and hostname from the engine.
  : >"$root/etc/resolv.conf"
  echo sandbox >"$root/etc/hostname"
  took "strip" "$t"

  t=$SECONDS; step "caching rootfs as $ROOTFS_TAR"
  tar --numeric-owner --xattrs -C "$root" -cf "$ROOTFS_TAR.part" .
  mv "$ROOTFS_TAR.part" "$ROOTFS_TAR"
  took "rootfs tar" "$t"
else
  step "using cached rootfs $ROOTFS_TAR"
fi

t=$SECONDS; step "importing $IMAGE"
docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'ENV PYTHONDONTWRITEBYTECODE=1' \
  --change 'ENV PYTHONUNBUFFERED=1' \
  --change 'WORKDIR /' \
  --change 'CMD ["python3"]' \
  --change 'LABEL org.opencontainers.image.title=muraarena-base' \
  --change "LABEL muraarena.base.key=$KEY" \
  --message "debootstrap --variant=minbase --include=$PACKAGES $SUITE" \
  "$ROOTFS_TAR" "$IMAGE" >/dev/null
took "docker import" "$t"

size=$(docker image inspect "$IMAGE" --format '{{.Size}}')
step "$IMAGE size $((size / 1024 / 1024)) MiB (rootfs tar $(( $(stat -c %s "$ROOTFS_TAR") / 1024 / 1024 )) MiB); total $((SECONDS - t_all)) s"
