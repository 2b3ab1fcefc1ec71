#!/usr/bin/env bash
# Builds kube-apiserver v1.20.2 from Debian bookworm's "kubernetes" source package with Debian's
# Go 1.19, for the end-to-end tests, and caches it:
#   ${CRE_KUBE_CACHE:-$HOME/.cache/custom-resource-exporter/kube-apiserver-1.20.2}/kube-apiserver
# Does nothing when the cached binary runs. About 6 minutes on 2 cores with an empty Go cache.
# Only Debian's archive is used; /etc/apt is left as it is (a private deb-src list).
set -euo pipefail
CACHE=${CRE_KUBE_CACHE:-$HOME/.cache/custom-resource-exporter/kube-apiserver-1.20.2}
export DEBIAN_FRONTEND=noninteractive

if [ -x "$CACHE/kube-apiserver" ] && "$CACHE/kube-apiserver" --version >/dev/null 2>&1; then
  echo "kube-apiserver: $CACHE/kube-apiserver ($("$CACHE/kube-apiserver" --version))"
  exit 0
fi

if ! command -v etcd >/dev/null || [ ! -x /usr/lib/go-1.19/bin/go ] \
   || [ ! -d /usr/share/gocode/src/github.com/modern-go/reflect2 ] || ! command -v openssl >/dev/null; then
  apt-get update -q >/dev/null
  apt-get install -y -q etcd-server golang-1.19-go golang-github-modern-go-reflect2-dev rsync openssl make >/dev/null
fi

A=$CACHE/apt
WORK=$CACHE/src
mkdir -p "$A/lists/partial" "$A/cache/archives/partial" "$WORK"
cat > "$A/sources.list" <<'LIST'
deb-src http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian-security bookworm-security main
LIST
APTOPT=(-o Dir::Etc::SourceList="$A/sources.list" -o Dir::Etc::SourceParts=/nonexistent
        -o Dir::State::Lists="$A/lists" -o Dir::Cache="$A/cache")
cd "$WORK"
if ! ls kubernetes_*.orig.tar.gz >/dev/null 2>&1; then
  apt-get "${APTOPT[@]}" update >/dev/null
  apt-get "${APTOPT[@]}" source --download-only kubernetes
fi
SRC=$WORK/kubernetes-1.20.2
[ -d "$SRC" ] || tar -xzf kubernetes_*.orig.tar.gz

# Kubernetes 1.20 vendors github.com/modern-go/reflect2 v1.0.1, which breaks at run time with
# Go >= 1.18; Debian's 1.0.2 has the same API.
R=$SRC/vendor/github.com/modern-go/reflect2
if [ ! -f "$R/go_above_118.go" ]; then
  rm -rf "$R" && cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 "$R" && rm -f "$R/go.mod"
fi

cd "$SRC"
mkdir -p "$CACHE/home" "$CACHE/gocache"
env PATH=/usr/lib/go-1.19/bin:$PATH HOME="$CACHE/home" GOCACHE="$CACHE/gocache" \
  CGO_ENABLED=0 make WHAT=cmd/kube-apiserver
cp _output/bin/kube-apiserver "$CACHE/kube-apiserver"
echo "kube-apiserver: $CACHE/kube-apiserver ($("$CACHE/kube-apiserver" --version))"
