#!/usr/bin/env bash
# Runs the Kubernetes tests (every test of io.crexporter.kube, against the real local
# kube-apiserver) several times in a row, stopping at the first run that fails.
#
#   hack/kube-suite.sh [RUNS]    default 3
#
# Each run starts its own API servers, so a run that passes only because of what an earlier one
# left behind, or a test that fails one time in a few, shows here. CI=true makes a missing
# kube-apiserver a failure rather than a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-3}
case "$runs" in
  '' | *[!0-9]* | 0) echo "usage: $0 [RUNS]" >&2; exit 2 ;;
esac

bash hack/kube-apiserver/build.sh
mvn -B -ntp -q test-compile -Dspotless.check.skip=true

export CI=true
for run in $(seq 1 "$runs"); do
  started=$(date +%s)
  log=target/kube-suite-run-$run.log
  if ! mvn -B -ntp test -Dspotless.check.skip=true -Dtest='io/crexporter/kube/**/*Test' \
    -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
    grep -E 'Tests run:|FAIL|ERROR' "$log" | tail -n 30 >&2
    echo "run $run of $runs failed after $(($(date +%s) - started)) s: see $log" >&2
    exit 1
  fi
  summary=$(grep -E '^\[(INFO|WARNING)\] Tests run: [0-9]+, Failures' "$log" | tail -n 1)
  echo "run $run of $runs passed in $(($(date +%s) - started)) s: ${summary#*] }"
done
