#!/usr/bin/env bash
# Records the Feast fixtures, of its feature server (`feast serve`) and its UI (`feast ui`), from real Feast (PyPI feast with
# its grpcio extra, without which `feast ui` fails to start), each serving a feature repo made by `feast init` from its
# bundled template (local parquet data, a SQLite registry and online store), applied and materialized, with HOME and PATH as
# its only environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   0.67.0 with the template's `auth: type: no_auth` (Feast's default)                        -> feast-feature-server/open, feast-ui/open
#   0.67.0 with `auth: type: oidc` and a discovery URL on loopback where nothing listens: Feast fetches
#     the discovery document only to check a token, and a caller without one is refused first  -> feast-feature-server/oidc, feast-ui/oidc
# (`type: kubernetes` cannot start here: it needs the kubernetes package and a pod's service account; its refusal of a caller
# without a token is the same code as oidc's.) `feast ui` binds 0.0.0.0 unless told otherwise; here both get 127.0.0.1.
# Usage: bash scripts/capture/feast.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.67.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.83
VENV="$ROOT/.venv-capture/feast-grpcio-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "feast[grpcio]==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir feast
# shellcheck source=scripts/capture/feast-repos.sh
. "$ROOT/scripts/capture/feast-repos.sh"
make_feast_repos --materialize

# serve COMMAND REPO PORT READY_PATH: `feast serve` or `feast ui` on 127.0.0.1, from the repo's folder as its docs run them.
serve() {
  serve_tracked "$WORK/$1-$3.log" "http://127.0.0.1:$3$4" \
    env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" sh -c 'cd "$1" && exec "$2" "$3" -h 127.0.0.1 -p "$4"' sh "$2" "$VENV/bin/feast" "$1" "$3"
}
serve serve "$REPO" 19830 /health
serve serve "$OIDC_REPO" 19831 /health
serve ui "$REPO" 19833 /
serve ui "$OIDC_REPO" 19834 /
echo "--- listeners in the namespace:"
ss -ltnp
READ='{"features":["driver_hourly_stats:conv_rate","driver_hourly_stats:avg_daily_trips"],"entities":{"driver_id":[1001,1002]}}'
echo "--- with no_auth, anyone reads the online feature values of given entity keys and the UI's registry API; with oidc, a caller without a token is refused:"
curl -s -w ' (%{http_code})\n' -H 'content-type: application/json' --data "$READ" http://127.0.0.1:19830/get-online-features
curl -s -w ' (%{http_code})\n' -H 'content-type: application/json' --data "$READ" http://127.0.0.1:19831/get-online-features
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19833/api/v1/projects
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19834/api/v1/projects

# record FAMILY PORT ARG…
record() {
  local family=$1 port=$2; shift 2
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family "$family" --port "$port" --host "$PUBLIC_HOST:$port" \
    --product Feast --version "$VERSION" --python-env "$VENV" "$@")
}
REPO_HOW="in a repo from \`feast init\` (its template: local parquet data, SQLite registry and online store), applied and materialized (PyPI feast[grpcio]==$VERSION; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
OIDC_HOW="auth: {type: oidc, auth_discovery_url: http://127.0.0.1:<unused port>/…/.well-known/openid-configuration, client_id: feast} in feature_store.yaml, then"
record feast-feature-server 6566 --case open --url http://127.0.0.1:19830 --verdict unauthenticated \
  --description "A Feast feature server with auth type no_auth (the default): every route answers anyone, who can read online feature values and push or write new ones" \
  --how "feast serve -h 127.0.0.1 -p <port> $REPO_HOW"
record feast-feature-server 6566 --case oidc --url http://127.0.0.1:19831 --verdict auth-required \
  --description "A Feast feature server with auth type oidc: every route but /health, /chat and the API docs answers 401 without a bearer token; /openapi.json stays public" \
  --how "$OIDC_HOW feast serve -h 127.0.0.1 -p <port> $REPO_HOW"
record feast-ui 8888 --case open --url http://127.0.0.1:19833 --verdict unauthenticated \
  --description "A Feast UI with auth type no_auth (the default): its registry API answers anyone, who can read the registry and online feature values and push new ones" \
  --how "feast ui -h 127.0.0.1 -p <port> $REPO_HOW"
record feast-ui 8888 --case oidc --url http://127.0.0.1:19834 --verdict auth-required \
  --description "A Feast UI with auth type oidc: its registry API (/api/v1) answers 401 without a bearer token; the UI shell and /projects-list.json stay public" \
  --how "$OIDC_HOW feast ui -h 127.0.0.1 -p <port> $REPO_HOW"
