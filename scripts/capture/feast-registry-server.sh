#!/usr/bin/env bash
# Records the fixtures of Feast's registry server, REST (`feast serve_registry --rest-api --no-grpc`, port 6572) and gRPC
# (`feast serve_registry`, port 6570), from real Feast (PyPI feast with its grpcio extra), serving the registry of a feature repo
# made by `feast init` from its bundled template and applied, with HOME and PATH as its only environment, in a fresh network
# namespace (`unshare -n`, root) whose only interface is lo:
#   0.67.0 with the template's `auth: type: no_auth` (Feast's default)         -> feast-registry-server/open, feast-registry-grpc/open
#   0.67.0 with `auth: type: oidc` and a discovery URL on loopback where nothing listens: Feast fetches
#     the discovery document only to check a token, and a caller without one is refused first
#                                                                               -> feast-registry-server/oidc, feast-registry-grpc/negative-oidc
#     (over gRPC the refusal is grpcio's UNKNOWN "Error in service handler!" on every method: nothing identifies it)
# Resolved as of 0.67.0's release day: with today's FastAPI (0.165) the server does not start (FastAPI() no longer takes the
# default_status_code that rest_registry_server.py passes it). It binds every address ("::") unless told otherwise; here
# 127.0.0.1. The script also shows an anonymous caller deleting a feature view from the throwaway registry.
# Usage: bash scripts/capture/feast-registry-server.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.67.0
RESOLVED_AS_OF=2026-10-13T23:59:59Z
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.84
VENV="$ROOT/.venv-capture/feast-registry-server-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv_with_uv "$VENV" --exclude-newer "$RESOLVED_AS_OF" "feast[grpcio]==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir feast-registry-server
# shellcheck source=scripts/capture/feast-repos.sh
. "$ROOT/scripts/capture/feast-repos.sh"
make_feast_repos

# serve REPO PORT: the REST registry server alone, from the repo's folder as the docs run it.
serve() {
  serve_tracked "$WORK/registry-$2.log" "http://127.0.0.1:$2/openapi.json" \
    env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" sh -c 'cd "$1" && exec "$2" serve_registry --rest-api --no-grpc --host 127.0.0.1 --rest-port "$3"' \
    sh "$1" "$VENV/bin/feast" "$2"
}
serve "$REPO" 19840
serve "$OIDC_REPO" 19841
# serve_grpc REPO PORT: the gRPC registry server alone (it binds every address: here, only lo), up once it listens.
serve_grpc() {
  (cd "$WORK" && exec setsid env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" \
    sh -c 'cd "$1" && exec "$2" serve_registry --port "$3"' sh "$1" "$VENV/bin/feast" "$2" >"$WORK/grpc-$2.log" 2>&1) &
  PIDS+=($!)
  SERVER_PGID=$!
  wait_until_up "$WORK/grpc-$2.log" sh -c 'ss -Hltn "sport = :$1" | grep -q .' sh "$2"
  SERVER_PGID=""
}
serve_grpc "$REPO" 19842
serve_grpc "$OIDC_REPO" 19843
echo "--- listeners in the namespace:"
ss -ltnp
feature_views() { curl -s "http://127.0.0.1:19840/api/v1/feature_views/all" | "$VENV/bin/python" -c 'import json, sys; print(sorted(v["spec"]["name"] for v in json.load(sys.stdin)["featureViews"]))'; }
echo "--- with no_auth, anyone lists and deletes the registry's definitions (here on the throwaway copy recorded last); with oidc, a caller without a token is refused:"
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19840/api/v1/projects
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19841/api/v1/projects

record() { # family, port, arg…
  local family=$1 port=$2; shift 2
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family "$family" --port "$port" --host "$PUBLIC_HOST:$port" \
    --product Feast --version "$VERSION" --python-env "$VENV" "$@")
}
REPO_HOW="in a repo from \`feast init\` (its template: local parquet data, SQLite registry and online store), applied (PyPI feast[grpcio]==$VERSION resolved as of $RESOLVED_AS_OF; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record feast-registry-server 6572 --case open --url http://127.0.0.1:19840 --verdict unauthenticated --expect-version "$VERSION" \
  --description "A Feast REST registry server with auth type no_auth (the default): every route answers anyone, who can read the registry's definitions and apply or delete them" \
  --how "feast serve_registry --rest-api --no-grpc --host 127.0.0.1 --rest-port <port> $REPO_HOW"
record feast-registry-server 6572 --case oidc --url http://127.0.0.1:19841 --verdict auth-required \
  --description "A Feast REST registry server with auth type oidc: every registry route answers 401 without a bearer token; its Swagger UI and OpenAPI document stay public" \
  --how "auth: {type: oidc, auth_discovery_url: http://127.0.0.1:<unused port>/…/.well-known/openid-configuration, client_id: feast} in feature_store.yaml, then feast serve_registry --rest-api --no-grpc --host 127.0.0.1 --rest-port <port> $REPO_HOW"

record feast-registry-grpc 6570 --case open --url http://127.0.0.1:19842 --verdict unauthenticated \
  --description "A Feast gRPC registry server with auth type no_auth (the default): every RegistryServer method answers anyone, who can read the registry's definitions and apply or delete them" \
  --how "feast serve_registry --port <port> $REPO_HOW"
record feast-registry-grpc 6570 --case negative-oidc --url http://127.0.0.1:19843 --verdict not-ai \
  --description "A Feast gRPC registry server with auth type oidc: its auth interceptor raises for a call without a token, which grpcio answers UNKNOWN \"Error in service handler!\" on every method, the canary too; nothing in that is Feast's, so it is not identified" \
  --how "auth: {type: oidc, auth_discovery_url: http://127.0.0.1:<unused port>/…/.well-known/openid-configuration, client_id: feast} in feature_store.yaml, then feast serve_registry --port <port> $REPO_HOW"

echo "--- an anonymous DELETE of a feature view, after recording:"
feature_views
curl -s -X DELETE -w ' (%{http_code})\n' 'http://127.0.0.1:19840/api/v1/feature_views/driver_hourly_stats?project=demo'
feature_views
stop_tracked
