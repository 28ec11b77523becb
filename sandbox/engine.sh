#!/usr/bin/env bash
# MURA Arena sandbox engine: a private dockerd with its own socket, data root and no
# networking at all (no bridge, no iptables, no forwarding). Idempotent.
#   sandbox/engine.sh start|stop|status
# Leaves any other dockerd on the machine alone (different socket, pidfile, data/exec roots).
set -euo pipefail

RUN_DIR=/run/arena-docker
SOCK="unix://$RUN_DIR/docker.sock"
DATA_ROOT=/var/lib/arena-docker
EXEC_ROOT=$RUN_DIR/exec
PIDFILE=$RUN_DIR/dockerd.pid
LOG=/var/log/arena-dockerd.log
WAIT_S=${ARENA_ENGINE_WAIT_S:-60}

log() { echo "engine: $*" >&2; }

docker_cli() {
  # Prefer the newest client on PATH (e.g. /usr/local/bin/docker 28.x); any works.
  command -v docker >/dev/null 2>&1 || { log "no docker client found"; return 127; }
  docker -H "$SOCK" "$@"
}

answers() { docker_cli info >/dev/null 2>&1; }

daemon_pid() {
  [[ -s $PIDFILE ]] || return 1
  local pid; pid=$(<"$PIDFILE")
  [[ -d /proc/$pid ]] || return 1
  # Our dockerd only: its command line names our pidfile.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "--pidfile $PIDFILE" || return 1
  echo "$pid"
}

install_engine() {
  if command -v dockerd >/dev/null 2>&1 && command -v iptables >/dev/null 2>&1; then return 0; fi
  log "dockerd missing: installing docker.io iptables with apt"
  local t0=$SECONDS policy=/usr/sbin/policy-rc.d added_policy=0
  # Keep the package's init scripts from starting a default dockerd/containerd on
  # /var/run/docker.sock: we run our own. Only add the policy file if none exists.
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod 755 "$policy"; added_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  local rc=0
  apt-get update -qq || true
  apt-get install -y -qq --no-install-recommends docker.io iptables >/dev/null || rc=$?
  if [[ $added_policy == 1 ]]; then rm -f "$policy"; fi
  if [[ $rc != 0 ]]; then log "apt install failed ($rc)"; return "$rc"; fi
  log "apt install took $((SECONDS - t0)) s"
}

storage_driver() {
  # overlay2 needs the kernel's overlay filesystem and a data root that supports it;
  # vfs always works (slow, copies layers). Override with ARENA_STORAGE_DRIVER.
  if [[ -n ${ARENA_STORAGE_DRIVER:-} ]]; then echo "$ARENA_STORAGE_DRIVER"; return; fi
  if grep -qw overlay /proc/filesystems || modprobe overlay 2>/dev/null; then
    local fs; fs=$(stat -f -c %T "$(dirname "$DATA_ROOT")")
    case $fs in ext2/ext3|ext4|xfs|btrfs|tmpfs) echo overlay2; return;; esac
  fi
  echo vfs
}

start() {
  if answers; then echo "DOCKER_HOST=$SOCK"; return 0; fi
  install_engine
  mkdir -p "$RUN_DIR" "$DATA_ROOT" "$EXEC_ROOT"
  if pid=$(daemon_pid); then
    log "dockerd $pid exists but does not answer yet; waiting"
  else
    rm -f "$PIDFILE" "$RUN_DIR/docker.sock"
    local driver; driver=$(storage_driver)
    log "starting dockerd (storage driver $driver), log $LOG"
    # Own containerd is started by dockerd itself (under exec-root) so a system
    # containerd is neither needed nor touched.
    nohup setsid dockerd \
      --host "$SOCK" \
      --data-root "$DATA_ROOT" \
      --exec-root "$EXEC_ROOT" \
      --pidfile "$PIDFILE" \
      --storage-driver "$driver" \
      --bridge=none --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false \
      >>"$LOG" 2>&1 </dev/null &
  fi
  local deadline=$((SECONDS + WAIT_S))
  until answers; do
    if (( SECONDS >= deadline )); then
      log "dockerd did not answer within ${WAIT_S}s; last log lines:"; tail -n 20 "$LOG" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "DOCKER_HOST=$SOCK"
}

stop() {
  local pid
  if ! pid=$(daemon_pid); then log "not running"; rm -f "$PIDFILE"; return 0; fi
  kill -TERM "$pid"
  for _ in $(seq 1 60); do [[ -d /proc/$pid ]] || break; sleep 0.5; done
  if [[ -d /proc/$pid ]]; then log "dockerd $pid ignored TERM for 30s; killing"; kill -KILL "$pid"; fi
  rm -f "$PIDFILE"
  log "stopped"
}

status() {
  if answers; then
    echo "running: DOCKER_HOST=$SOCK"
    docker_cli info --format 'server {{.ServerVersion}}, storage {{.Driver}}, cgroup v{{.CgroupVersion}} ({{.CgroupDriver}}), memory limit {{.MemoryLimit}}, swap limit {{.SwapLimit}}, pids limit {{.PidsLimit}}, cpu cfs {{.CPUCfsQuota}}' 2>/dev/null || true
    return 0
  fi
  echo "not running"; return 1
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
