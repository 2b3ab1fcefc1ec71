#!/usr/bin/env bash
# Start-up of the exporter against a local kube-apiserver holding many kpack Builds: time from
# start to ready and heap retained. Needs hack/kube-apiserver/build.sh to have run.
#
# Usage: bench/kube-startup.sh [OBJECTS [PAD_KB]]   (default: 10000 0; PAD_KB pads each object)
set -euo pipefail
cd "$(dirname "$0")/.."
classpath_file=target/bench-classpath.txt
mvn -B -ntp -q -Dstyle.color=never test-compile dependency:build-classpath \
  -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test
exec java -Xmx${BENCH_HEAP:-4g} -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
  io.crexporter.kube.KubeStartupBenchmark "${1:-10000}" "${2:-0}"
