#!/usr/bin/env bash
# Start-up of the exporter against a local kube-apiserver holding many kpack Builds, with a
# breakdown: the API server's share (pages listed and discarded unread), decoding, and mapping and
# storing (the exporter from start to ready, heap retained), each the median of several rounds.
# Needs hack/kube-apiserver/build.sh to have run. Object creation (one POST each) is not measured.
#
# Usage: bench/kube-startup.sh [OBJECTS [PAD_KB]]   (default: 10000 0; PAD_KB pads each object)
#   BENCH_HEAP=4g    heap of the JVM (use 8g for 100000 objects)
#   BENCH_ROUNDS=3   rounds of the three stages, after a warm-up
#   BENCH_PIN=1      then the rounds again with this JVM on core 0, API server and etcd on core 1
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/classpath.sh
source bench/classpath.sh
exec java -Xmx${BENCH_HEAP:-4g} -cp "$bench_classpath" \
  io.crexporter.kube.KubeStartupBenchmark "${1:-10000}" "${2:-0}"
