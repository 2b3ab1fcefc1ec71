#!/usr/bin/env bash
# Micro-benchmarks of the render path (io.crexporter.ingest.RenderBenchmark), with JMH.
#
# Usage: bench/jmh.sh [JMH OPTIONS]   e.g. bench/jmh.sh -f 1 -wi 2 -i 3 renderOneObject
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/classpath.sh
source bench/classpath.sh
exec java -cp "$bench_classpath" org.openjdk.jmh.Main "${@:-io.crexporter.ingest.RenderBenchmark}"
