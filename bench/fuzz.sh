#!/usr/bin/env bash
# Fuzzes the mappings: OBJECTS fuzzed objects (shipped fixtures mutated, random trees, hostile
# strings) through every shipped mapping and the kube-state-metrics reference configurations, in
# batches of 100,000 from SEED on; then FILES mutated mapping files through the loader that
# `validate` runs. Exits 1 on any defect, printing each.
#
# Usage: bench/fuzz.sh [OBJECTS [FILES [SEED]]]   (default: 1000000 20000 1)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/classpath.sh
source bench/classpath.sh
java -Xmx"${BENCH_HEAP:-2g}" -cp "$bench_classpath" io.crexporter.ingest.FuzzRun \
  "${1:-1000000}" "${3:-1}"
java -Xmx"${BENCH_HEAP:-2g}" -cp "$bench_classpath" io.crexporter.config.MappingFuzzRun \
  "${2:-20000}" "${3:-1}"
