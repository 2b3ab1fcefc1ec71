#!/usr/bin/env bash
# Builds the project and its test classes, then runs the exporter benchmark.
#
# Usage: bench/run.sh [OBJECTS...]          (default: 100000)
# Environment: BENCH_HEAP (default 4g) for -Xmx/-Xms, BENCH_JAVA_OPTS for extra JVM options,
#              e.g. BENCH_JAVA_OPTS="-Dbench.scrapes=9" or a JFR recording.
set -euo pipefail

cd "$(dirname "$0")/.."

# shellcheck source=bench/classpath.sh
source bench/classpath.sh

heap="${BENCH_HEAP:-4g}"
if [ "$#" -eq 0 ]; then
  set -- 100000
fi

# a fixed heap (-Xms = -Xmx) keeps heap resizing out of the timings
# shellcheck disable=SC2086
exec java -Xms"$heap" -Xmx"$heap" ${BENCH_JAVA_OPTS:-} \
  -cp "$bench_classpath" \
  io.crexporter.bench.ScaleBenchmark "$@"
