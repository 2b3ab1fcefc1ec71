#!/usr/bin/env bash
# Started by start.sh when OWNER_PID is set: once that process (a test JVM) is gone, kill the etcd and
# kube-apiserver recorded in RUN. PIDs are remembered while the pid files exist, because a test's
# temp dir, and with it RUN, may be deleted before this notices the owner is gone.
#   watchdog.sh OWNER_PID RUN_DIR
set -u
owner=$1 run=$2
declare -A pids=()
remember() {
  local name pid
  for name in kube-apiserver etcd; do
    if [ -f "$run/$name.pid" ]; then
      pid=$(cat "$run/$name.pid" 2>/dev/null) && [ -n "$pid" ] && pids[$name]=$pid
    fi
  done
}
while kill -0 "$owner" 2>/dev/null; do
  remember
  sleep 2
done
for name in kube-apiserver etcd; do
  pid=${pids[$name]:-}
  [ -n "$pid" ] || continue
  # only if that PID still runs the same program (PIDs get reused)
  if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$name"; then
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 50); do [ -d "/proc/$pid" ] || break; sleep 0.2; done
    [ -d "/proc/$pid" ] && kill -KILL "$pid" 2>/dev/null
    echo "owner $owner gone: stopped $name (pid $pid)"
  fi
done
