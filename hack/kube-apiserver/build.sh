#!/usr/bin/env bash
# Builds kube-apiserver v1.20.2 for the end-to-end tests and caches it outside the repository:
#   ${CRE_KUBE_CACHE:-$HOME/.cache/custom-resource-exporter/kube-apiserver-1.20.2}/kube-apiserver
#
# Source: Debian bookworm's "kubernetes" source package (the full upstream 1.20.2 tree with vendor/),
# compiled with Debian's Go 1.19; etcd comes from Debian's etcd-server. Nothing but Debian's archive is
# used, and /etc/apt is left alone (the deb-src list is private to the cache dir).
#
# Idempotent: exits at once when the cached binary exists, runs, and was built by this recipe
# (RECIPE below, stored beside the binary; the tests compare it too). The Go build cache and the
# unpacked source stay in the cache dir, so a rebuild after a recipe change takes under a minute.
# About 5-6 minutes on 2 cores with an empty cache. Prints the binary's path last.
set -euo pipefail
# Change this whenever the source patches below change, so that cached binaries get rebuilt.
RECIPE="kubernetes 1.20.2 debian-bookworm go1.19 reflect2-1.0.2 openapi-empty-string-fix"
CACHE=${CRE_KUBE_CACHE:-$HOME/.cache/custom-resource-exporter/kube-apiserver-1.20.2}
BIN=$CACHE/kube-apiserver
export DEBIAN_FRONTEND=noninteractive

cached_binary_runs() {
  [ -x "$BIN" ] && "$BIN" --version >/dev/null 2>&1 \
    && [ "$(cat "$BIN.recipe" 2>/dev/null)" = "$RECIPE" ]
}

# What start.sh needs at run time (curl waits for readiness), plus the build tools when there is
# no binary yet. make is missing from some minimal images.
missing=()
command -v etcd >/dev/null || missing+=(etcd-server)
command -v openssl >/dev/null || missing+=(openssl)
command -v curl >/dev/null || missing+=(curl)
if ! cached_binary_runs; then
  [ -x /usr/lib/go-1.19/bin/go ] || missing+=(golang-1.19-go)
  [ -d /usr/share/gocode/src/github.com/modern-go/reflect2 ] || missing+=(golang-github-modern-go-reflect2-dev)
  command -v rsync >/dev/null || missing+=(rsync)
  command -v make >/dev/null || missing+=(make)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

if cached_binary_runs; then
  echo "kube-apiserver $("$BIN" --version | awk '{print $2}') cached: $BIN"
  exit 0
fi

mkdir -p "$CACHE"
# Two builds at once (e.g. two clones running CI) would trample the shared source tree: serialise them.
exec 9>"$CACHE/.build.lock"
flock 9
if cached_binary_runs; then
  echo "kube-apiserver $("$BIN" --version | awk '{print $2}') cached: $BIN"
  exit 0
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
  # 1.20.5+really1.20.2-1.1+deb12u1, 34 MB; --download-only needs no dpkg-dev
  apt-get "${APTOPT[@]}" source --download-only kubernetes
fi
SRC=$WORK/kubernetes-1.20.2
[ -d "$SRC" ] || tar -xzf kubernetes_*.orig.tar.gz

# Kubernetes 1.20 vendors github.com/modern-go/reflect2 v1.0.1, which breaks at run time with
# Go >= 1.18 (map iteration via linkname). Debian's 1.0.2 has the same API: swap it in.
R=$SRC/vendor/github.com/modern-go/reflect2
if [ ! -f "$R/go_above_118.go" ]; then
  rm -rf "$R" && cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 "$R" && rm -f "$R/go.mod"
fi

# kube-openapi's type validator (vendored twice) detects JSON null by comparing two reflect.Values
# with reflect.DeepEqual. Built with Go >= 1.19, where an empty string and reflect.Zero share one
# address, that also matches "": the API server then rejects every "" in a custom resource and
# every `default: ""` in a CRD ("Invalid value: \"null\": ... must be of type string"), e.g. the
# Tekton and Knative CRDs. Restore what it matched when built with Go 1.15: nil, and nil maps,
# pointers, channels and funcs.
for f in "$SRC/vendor/k8s.io/kube-openapi/pkg/validation/validate/type.go" \
         "$SRC/vendor/github.com/go-openapi/validate/type.go"; do
  grep -q isNilForTypeCheck "$f" && continue
  perl -0pi -e 's/data == nil \|\| reflect\.DeepEqual\(reflect\.Zero\(reflect\.TypeOf\(data\)\), reflect\.ValueOf\(data\)\)/data == nil || isNilForTypeCheck(data)/' "$f"
  grep -q isNilForTypeCheck "$f" || { echo "cannot patch $f: its code changed" >&2; exit 1; }
  cat >> "$f" <<'GO'

// isNilForTypeCheck is what the former reflect.Value comparison matched with Go < 1.19.
func isNilForTypeCheck(data interface{}) bool {
	switch v := reflect.ValueOf(data); v.Kind() {
	case reflect.Map, reflect.Ptr, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return v.IsNil()
	}
	return false
}
GO
done

cd "$SRC"
mkdir -p "$CACHE/home" "$CACHE/gocache"
# Upstream make builds in GOPATH mode over vendor/ and runs the code generators first.
# HOME is redirected so nothing lands in the real home's Go dirs.
start=$(date +%s)
env PATH=/usr/lib/go-1.19/bin:$PATH HOME="$CACHE/home" GOCACHE="$CACHE/gocache" \
  CGO_ENABLED=0 make WHAT=cmd/kube-apiserver
# copy then rename, so a concurrent test never sees a half-written binary
cp _output/bin/kube-apiserver "$BIN.tmp" && mv -f "$BIN.tmp" "$BIN"
printf '%s\n' "$RECIPE" > "$BIN.recipe"
echo "built in $(( $(date +%s) - start )) s"
echo "kube-apiserver $("$BIN" --version | awk '{print $2}') cached: $BIN"
