#!/usr/bin/env bash
# Stops what start.sh started under $KUBE_DIR (only the PIDs it recorded).
#   stop.sh [--apiserver-only] [--wipe]
set -uo pipefail
: "${KUBE_DIR:?set KUBE_DIR}"
RUN=$KUBE_DIR/run

stop_one() {
  local f=$RUN/$1.pid pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if [ -n "$pid" ] && [ -d "/proc/$pid" ]; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 50); do [ -d "/proc/$pid" ] || break; sleep 0.2; done
    [ -d "/proc/$pid" ] && kill -KILL "$pid" 2>/dev/null
  fi
  rm -f "$f"
}

stop_one kube-apiserver
[ "${1:-}" = "--apiserver-only" ] && exit 0
stop_one watchdog
stop_one etcd
for arg in "$@"; do
  [ "$arg" = "--wipe" ] && rm -rf "$KUBE_DIR/etcd-data"
done
exit 0
