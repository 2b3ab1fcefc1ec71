#!/usr/bin/env bash
# Mapping cost of Flux's kube-state-metrics configuration, of its conversion by `convert`, and of
# config/flux-gotk.yaml, on copies of the Flux fixtures, timed in turns in one run.
#
# Usage: bench/ksm-format.sh [ROUNDS]   (default: 200 rounds of 2000 objects; a quarter warms up)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/classpath.sh
source bench/classpath.sh
exec java -Xmx${BENCH_HEAP:-2g} -cp "$bench_classpath" \
  io.crexporter.bench.KsmFormatProbe "${1:-200}"
