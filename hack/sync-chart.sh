#!/usr/bin/env bash
# Keeps the Helm chart's copies of shipped files in sync with their sources.
#
#   hack/sync-chart.sh           copy the sources into charts/custom-resource-exporter/
#   hack/sync-chart.sh --check   change nothing; exit 1 and list the differences when a copy is stale,
#                                missing, or has no source any more
#
# Helm reads only files inside the chart directory (.Files.Get, .Files.Glob), so what the chart
# renders has to be copied in. Each section below syncs one directory: add a section for a new one.
set -euo pipefail
cd "$(dirname "$0")/.."

chart=charts/custom-resource-exporter
check=false
case "${1:-}" in
  "") ;;
  --check) check=true ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

stale=0

# sync_dir SOURCE_DIR PATTERN TARGET_DIR: make TARGET_DIR hold exactly the files of SOURCE_DIR that
# match PATTERN (top level only), byte for byte.
sync_dir() {
  local src=$1 pattern=$2 dst=$3 file name
  $check || mkdir -p "$dst"
  shopt -s nullglob
  for file in "$src"/$pattern; do
    name=$(basename "$file")
    if ! cmp -s "$file" "$dst/$name"; then
      if $check; then
        echo "stale or missing: $dst/$name (from $file)"
        stale=1
      else
        cp "$file" "$dst/$name"
        echo "copied $file -> $dst/$name"
      fi
    fi
  done
  for file in "$dst"/$pattern; do
    name=$(basename "$file")
    if [ ! -e "$src/$name" ]; then
      if $check; then
        echo "no source: $file (no $src/$name)"
        stale=1
      else
        rm "$file"
        echo "removed $file"
      fi
    fi
  done
  shopt -u nullglob
}

# --- presets ---------------------------------------------------------------------------------------
# config/*.yaml -> presets/*.yaml: the mapping files that `presets: [...]` in values.yaml enables, and
# that the chart reads to generate RBAC. config/README.md is not a preset.
sync_dir config '*.yaml' "$chart/presets"

# --- dashboards ------------------------------------------------------------------------------------
# dashboards/*.json -> dashboards/*.json: shipped as ConfigMaps for Grafana's dashboard sidecar.
sync_dir dashboards '*.json' "$chart/dashboards"

# --- further sections go here (same pattern: sync_dir SOURCE PATTERN "$chart/TARGET") --------------

if $check && [ "$stale" -ne 0 ]; then
  echo "the chart's copies differ from their sources: run hack/sync-chart.sh" >&2
  exit 1
fi
