#!/usr/bin/env bash
# What a shard pays to decode and map its objects against one replica reading them all: a list of
# kpack and Flux objects decoded and mapped by one replica, by each of three shards (which pass over
# the others' objects after their metadata), and with no object kept.
#
# Usage: bench/shard-cost.sh [OBJECTS]   (default: 100000)
#   BENCH_HEAP=4g   heap of the JVM
#   BENCH_JAVA_OPTS e.g. -Dbench.rounds=9
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/classpath.sh
source bench/classpath.sh
# shellcheck disable=SC2086
exec java -Xms"${BENCH_HEAP:-4g}" -Xmx"${BENCH_HEAP:-4g}" ${BENCH_JAVA_OPTS:-} \
  -cp "$bench_classpath" io.crexporter.kube.ShardCostBenchmark "${1:-100000}"
