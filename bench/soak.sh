#!/usr/bin/env bash
# A long run against the local API server: kpack Builds created, changed and deleted at a steady
# rate, the mapping file changed every 5 minutes, /metrics scraped every 15 s. Prints heap and
# threads every 5 minutes; at the end the served Builds must equal the API server's (exit 0).
# Needs hack/kube-apiserver/build.sh to have run.
#
# Usage: bench/soak.sh [MINUTES [OPS_PER_SECOND]]   (default: 60 50)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/classpath.sh
source bench/classpath.sh
exec java -Xmx"${BENCH_HEAP:-1g}" -cp "$bench_classpath" io.crexporter.kube.Soak "${1:-60}" "${2:-50}"
