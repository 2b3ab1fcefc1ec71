#!/usr/bin/env bash
# Start-up of the exporter against a local kube-apiserver holding many kpack Builds: time from
# start to ready and heap retained. Needs hack/kube-apiserver/build.sh to have run.
#
# Usage: bench/kube-startup.sh [OBJECTS [PAD_KB]]   (default: 10000 0; PAD_KB pads each object)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/classpath.sh
source bench/classpath.sh
exec java -Xmx${BENCH_HEAP:-4g} -cp "$bench_classpath" \
  io.crexporter.kube.KubeStartupBenchmark "${1:-10000}" "${2:-0}"
