#!/usr/bin/env bash
# Starts etcd and kube-apiserver on loopback, everything under $KUBE_DIR, and waits until ready.
# Idempotent: a component whose recorded PID still runs is left alone.
#
#   KUBE_DIR     state, logs, PKI and kubeconfig (required)
#   API_PORT     API server port (6443); ETCD_PORT (23790), ETCD_PEER_PORT (23800)
#   EXTRA_TOKENS lines "token,user,uid,\"group1,group2\"" added to the static token users
#   READY_TIMEOUT seconds (120)
#   OWNER_PID    when set, a watchdog stops etcd and the API server once that process is gone, so
#                that a killed test run leaves nothing behind
#   APISERVER_EXTRA_ARGS more kube-apiserver flags
#
# Afterwards: $KUBE_DIR/kubeconfig (admin, by token), $KUBE_DIR/token, $KUBE_DIR/pki/ca.crt.
set -euo pipefail
: "${KUBE_DIR:?set KUBE_DIR}"
ETCD_PORT=${ETCD_PORT:-23790}
ETCD_PEER_PORT=${ETCD_PEER_PORT:-23800}
API_PORT=${API_PORT:-6443}
READY_TIMEOUT=${READY_TIMEOUT:-120}
CACHE=${CRE_KUBE_CACHE:-$HOME/.cache/custom-resource-exporter/kube-apiserver-1.20.2}
APISERVER_BIN=${APISERVER_BIN:-$CACHE/kube-apiserver}
ETCD_BIN=${ETCD_BIN:-$(command -v etcd || true)}
PKI=$KUBE_DIR/pki
RUN=$KUBE_DIR/run
LOGS=$KUBE_DIR/logs
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$PKI" "$RUN" "$LOGS" "$KUBE_DIR/etcd-data"

[ -x "$APISERVER_BIN" ] || { echo "missing $APISERVER_BIN: run hack/kube-apiserver/build.sh" >&2; exit 1; }
[ -n "$ETCD_BIN" ] || { echo "etcd not found: run hack/kube-apiserver/build.sh" >&2; exit 1; }

# the process recorded for $1 still runs (and is not a zombie); right after a start its command
# line may still be the forked shell's, so this does not look at it
started() {
  local f=$RUN/$1.pid pid
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] && [ "$(awk '{print $3}' "/proc/$pid/stat")" != Z ]
}

alive() {
  local f=$RUN/$1.pid pid
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  [ -n "$pid" ] && [ -d "/proc/$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$2"
}

if [ ! -f "$PKI/apiserver.crt" ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=local-kube-ca" \
    -keyout "$PKI/ca.key" -out "$PKI/ca.crt" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n' \
    > "$PKI/apiserver.ext"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
    -keyout "$PKI/apiserver.key" -out "$PKI/apiserver.csr" 2>/dev/null
  openssl x509 -req -in "$PKI/apiserver.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" \
    -CAcreateserial -days 3650 -extfile "$PKI/apiserver.ext" -out "$PKI/apiserver.crt" 2>/dev/null
  openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
  openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
fi
[ -f "$KUBE_DIR/token" ] || head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$KUBE_DIR/token"
TOKEN=$(cat "$KUBE_DIR/token")
{
  printf '%s,admin,admin,"system:masters"\n' "$TOKEN"
  [ -z "${EXTRA_TOKENS:-}" ] || printf '%s\n' "$EXTRA_TOKENS"
} > "$PKI/tokens.csv"

cat > "$KUBE_DIR/kubeconfig" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority: $PKI/ca.crt
users:
- name: admin
  user:
    token: $TOKEN
contexts:
- name: local
  context: {cluster: local, user: admin, namespace: default}
current-context: local
KUBECONFIG

if ! alive etcd "$ETCD_BIN"; then
  nohup "$ETCD_BIN" --name local --data-dir "$KUBE_DIR/etcd-data" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "local=http://127.0.0.1:$ETCD_PEER_PORT" \
    --quota-backend-bytes 4294967296 \
    > "$LOGS/etcd.log" 2>&1 &
  echo $! > "$RUN/etcd.pid"
fi
for _ in $(seq 1 150); do
  curl -sf --max-time 2 "http://127.0.0.1:$ETCD_PORT/health" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf --max-time 2 "http://127.0.0.1:$ETCD_PORT/health" >/dev/null || { echo "etcd not healthy, see $LOGS/etcd.log" >&2; exit 1; }

if ! alive kube-apiserver "$APISERVER_BIN"; then
  nohup "$APISERVER_BIN" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 \
    --secure-port="$API_PORT" --insecure-port=0 \
    --etcd-servers="http://127.0.0.1:$ETCD_PORT" \
    --tls-cert-file="$PKI/apiserver.crt" --tls-private-key-file="$PKI/apiserver.key" \
    --client-ca-file="$PKI/ca.crt" \
    --token-auth-file="$PKI/tokens.csv" \
    --authorization-mode=RBAC \
    --service-account-key-file="$PKI/sa.pub" \
    --service-account-signing-key-file="$PKI/sa.key" \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --api-audiences=https://kubernetes.default.svc.cluster.local \
    --service-cluster-ip-range=10.0.0.0/24 \
    --endpoint-reconciler-type=none \
    --profiling=false \
    ${APISERVER_EXTRA_ARGS:-} \
    > "$LOGS/kube-apiserver.log" 2>&1 &
  echo $! > "$RUN/kube-apiserver.pid"
fi

if [ -n "${OWNER_PID:-}" ] && ! alive watchdog "watchdog.sh"; then
  nohup "$HERE/watchdog.sh" "$OWNER_PID" "$RUN" >> "$LOGS/watchdog.log" 2>&1 < /dev/null &
  echo $! > "$RUN/watchdog.pid"
fi

deadline=$(( $(date +%s) + READY_TIMEOUT ))
until [ "$(curl -s --max-time 2 -o /dev/null -w '%{http_code}' --cacert "$PKI/ca.crt" \
          -H "Authorization: Bearer $TOKEN" "https://127.0.0.1:$API_PORT/readyz")" = 200 ]; do
  started kube-apiserver || { echo "kube-apiserver exited:" >&2; tail -20 "$LOGS/kube-apiserver.log" >&2; exit 1; }
  [ "$(date +%s)" -lt "$deadline" ] || { echo "kube-apiserver not ready after ${READY_TIMEOUT}s" >&2; exit 1; }
  sleep 0.3
done
until curl -sf --max-time 2 -o /dev/null --cacert "$PKI/ca.crt" -H "Authorization: Bearer $TOKEN" \
        "https://127.0.0.1:$API_PORT/api/v1/namespaces/default"; do
  [ "$(date +%s)" -lt "$deadline" ] || { echo "namespace default missing" >&2; exit 1; }
  sleep 0.3
done
echo "ready: https://127.0.0.1:$API_PORT KUBECONFIG=$KUBE_DIR/kubeconfig"
