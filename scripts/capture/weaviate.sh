#!/usr/bin/env bash
# Records the Weaviate fixtures from a real Weaviate server, built with
# `go install github.com/weaviate/weaviate/cmd/weaviate-server@v1.35.2` from the Go module proxy (about 5 minutes on
# 2 cores, capture only), with no vectorizer module, so nothing is fetched at start:
#   AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true                       -> weaviate/anonymous
#   anonymous access off, AUTHENTICATION_APIKEY_ENABLED with one key   -> weaviate/api-key
# and the same two from each node's gRPC port (cleartext HTTP/2, Weaviate's default):
#   -> weaviate-grpc/anonymous: grpc.health.v1.Health/List names "weaviate"; Search with no collection gets past the
#      auth checks and fails on the collection (UNKNOWN "could not find class  in schema")
#   -> weaviate-grpc/api-key: the same health list; Search refused UNKNOWN (2) "extract auth: unauthorized: invalid
#      api key" (only Weaviate's own auth error types become UNAUTHENTICATED)
# Each node also opens gRPC, Raft, gossip and pprof ports on every interface, so the servers run in a fresh network
# namespace (`unshare -n`, root) whose only interface is lo.
# Usage: bash scripts/capture/weaviate.sh   (needs root for unshare; the network only for the build)
set -euo pipefail

VERSION=1.35.2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/weaviate"
ANONYMOUS_PORT=19480
KEYED_PORT=19481
PUBLIC_HOST=203.0.113.9

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_go_binary "$PREFIX" github.com/weaviate/weaviate "$VERSION" github.com/weaviate/weaviate/cmd/weaviate-server
fi
enter_isolated_netns "$0" "$@"

make_workdir weaviate

# grpc_port NODE: the gRPC port serve gives node NODE.
grpc_port() { echo $((50051 + $1 * 10)); }

# serve PORT NODE ENV…: starts one single-node cluster named NODE (its own gRPC, Raft and gossip ports, offset by
# NODE's number) and waits until it reports ready (before that, the REST API answers but the schema is not loaded).
serve() {
  local port=$1 node=$2; shift 2
  local offset=$((node * 10))
  serve_tracked "$WORK/weaviate-$port.log" "http://127.0.0.1:$port/v1/.well-known/live" env "$@" \
    PERSISTENCE_DATA_PATH="$WORK/data-$port" CLUSTER_HOSTNAME="node$node" CLUSTER_ADVERTISE_ADDR=127.0.0.1 \
    DISABLE_TELEMETRY=true DEFAULT_VECTORIZER_MODULE=none ENABLE_MODULES= GRPC_PORT="$(grpc_port "$node")" \
    CLUSTER_GOSSIP_BIND_PORT=$((7946 + offset)) CLUSTER_DATA_BIND_PORT=$((7947 + offset)) RAFT_PORT=$((8300 + offset)) \
    RAFT_INTERNAL_RPC_PORT=$((8301 + offset)) RAFT_JOIN="node$node:$((8300 + offset))" RAFT_BOOTSTRAP_EXPECT=1 \
    "$PREFIX/bin/weaviate-server" --host 127.0.0.1 --port "$port" --scheme http
  wait_for_2xx "http://127.0.0.1:$port/v1/.well-known/ready" 120
}
serve "$ANONYMOUS_PORT" 0 AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true
serve "$KEYED_PORT" 1 AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=false AUTHENTICATION_APIKEY_ENABLED=true \
  AUTHENTICATION_APIKEY_ALLOWED_KEYS=capture-secret-key AUTHENTICATION_APIKEY_USERS=capture-user
echo "--- listeners in the namespace:"
ss -ltnp

# record FAMILY PORT OPTION…: one case of FAMILY (weaviate: REST, planned for 8080; weaviate-grpc: gRPC, planned for
# 50051), sent with the public host:PORT as Host header (gRPC :authority).
record() {
  local family=$1 port=$2; shift 2
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family "$family" --port "$port" --host "$PUBLIC_HOST:$port" \
    --product Weaviate --version "$VERSION" "$@")
}
BUILT="go install github.com/weaviate/weaviate/cmd/weaviate-server@v$VERSION; in an unshare -n namespace with only lo"
record weaviate 8080 --case anonymous --url "http://127.0.0.1:$ANONYMOUS_PORT" --verdict unauthenticated --expect-version "$VERSION" \
  --description "Weaviate with anonymous access on: /v1/meta reports hostname, modules and version to anyone, and schema and objects are as open" \
  --how "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true DEFAULT_VECTORIZER_MODULE=none weaviate-server --scheme http ($BUILT)"
record weaviate 8080 --case api-key --url "http://127.0.0.1:$KEYED_PORT" --verdict auth-required \
  --description "Weaviate with API-key auth and anonymous access off: /v1/meta answers 401 \"anonymous access not enabled\"" \
  --how "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=false AUTHENTICATION_APIKEY_ENABLED=true AUTHENTICATION_APIKEY_ALLOWED_KEYS=<key> weaviate-server --scheme http ($BUILT)"
# Each node's gRPC port.
record weaviate-grpc 50051 --case anonymous --url "http://127.0.0.1:$(grpc_port 0)" --verdict unauthenticated \
  --description "Weaviate's gRPC API with anonymous access on: the health list names \"weaviate\"; Search with no collection gets past the auth checks (UNKNOWN \"could not find class  in schema\")" \
  --how "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true DEFAULT_VECTORIZER_MODULE=none GRPC_PORT=$(grpc_port 0) weaviate-server --scheme http ($BUILT)"
record weaviate-grpc 50051 --case api-key --url "http://127.0.0.1:$(grpc_port 1)" --verdict auth-required \
  --description "Weaviate's gRPC API with API-key auth and anonymous access off: the health list still names \"weaviate\"; Search is refused UNKNOWN (2) \"extract auth: unauthorized: invalid api key\"" \
  --how "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=false AUTHENTICATION_APIKEY_ENABLED=true AUTHENTICATION_APIKEY_ALLOWED_KEYS=<key> GRPC_PORT=$(grpc_port 1) weaviate-server --scheme http ($BUILT)"
