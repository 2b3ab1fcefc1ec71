#!/usr/bin/env bash
# Mapping cost of Flux's kube-state-metrics configuration, of its conversion by `convert`, and of
# config/flux-gotk.yaml, on copies of the Flux fixtures, timed in turns in one run.
#
# Usage: bench/ksm-format.sh [ROUNDS]   (default: 200 rounds of 2000 objects; a quarter warms up)
set -euo pipefail
cd "$(dirname "$0")/.."
classpath_file=target/bench-classpath.txt
mvn -B -ntp -q -Dstyle.color=never test-compile dependency:build-classpath \
  -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
exec java -Xmx${BENCH_HEAP:-2g} -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
  io.crexporter.bench.KsmFormatProbe "${1:-200}"
