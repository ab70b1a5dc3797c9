#!/usr/bin/env bash
# Records the Feast feature server fixtures from real feature servers (PyPI feast, `feast serve`), each serving a feature repo
# made by `feast init` from its bundled template (local parquet data, a SQLite registry and online store), applied and
# materialized, with HOME and PATH as its only environment, in a fresh network namespace (`unshare -n`, root) whose only
# interface is lo:
#   0.67.0 with the template's `auth: type: no_auth` (Feast's default)                        -> open
#   0.67.0 with `auth: type: oidc` and a discovery URL on loopback where nothing listens: Feast fetches
#     the discovery document only to check a token, and a caller without one is refused first  -> oidc
# (`type: kubernetes` cannot start here: it needs the kubernetes package and a pod's service account; its refusal of a caller
# without a token is the same code as oidc's.)
# Usage: bash scripts/capture/feast-feature-server.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.67.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.83
VENV="$ROOT/.venv-capture/feast-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "feast==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir feast-feature-server
mkdir -p "$WORK/home"
feast_cli() { env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" "$VENV/bin/feast" "$@"; }

# The template's repo (project "demo": driver entities, hourly stats, a push source), its online store filled up to now.
(cd "$WORK" && feast_cli init demo >/dev/null)
REPO="$WORK/demo/feature_repo"
(cd "$REPO" && feast_cli apply >/dev/null && feast_cli materialize-incremental "$(date -u +%Y-%m-%dT%H:%M:%S)" >/dev/null)
# The same repo with OIDC auth (its registry and online store copied).
cp -a "$WORK/demo" "$WORK/oidc"
sed -i 's|^    type: no_auth$|    type: oidc\n    auth_discovery_url: http://127.0.0.1:19839/realms/feast/.well-known/openid-configuration\n    client_id: feast|' \
  "$WORK/oidc/feature_repo/feature_store.yaml"
grep -A3 '^auth:' "$WORK/oidc/feature_repo/feature_store.yaml" | grep -q 'type: oidc' || { echo "oidc auth not set" >&2; exit 1; }

# serve REPO PORT: `feast serve` on 127.0.0.1, from the repo's folder as its docs run it.
serve() {
  serve_tracked "$WORK/serve-$2.log" "http://127.0.0.1:$2/health" \
    env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" sh -c 'cd "$1" && exec "$2" serve -h 127.0.0.1 -p "$3"' sh "$1" "$VENV/bin/feast" "$2"
}
serve "$REPO" 19830
serve "$WORK/oidc/feature_repo" 19831
echo "--- listeners in the namespace:"
ss -ltnp
READ='{"features":["driver_hourly_stats:conv_rate","driver_hourly_stats:avg_daily_trips"],"entities":{"driver_id":[1001,1002]}}'
echo "--- with no_auth, anyone reads the online feature values of given entity keys; with oidc, a caller without a token is refused:"
curl -s -w ' (%{http_code})\n' -H 'content-type: application/json' --data "$READ" http://127.0.0.1:19830/get-online-features
curl -s -w ' (%{http_code})\n' -H 'content-type: application/json' --data "$READ" http://127.0.0.1:19831/get-online-features

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family feast-feature-server --port 6566 --host "$PUBLIC_HOST:6566" \
    --product Feast --version "$VERSION" --python-env "$VENV" "$@")
}
HOW="feast serve -h 127.0.0.1 -p <port> in a repo from \`feast init\` (its template: local parquet data, SQLite registry and online store), applied and materialized (PyPI feast==$VERSION; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19830 --verdict unauthenticated \
  --description "A Feast feature server with auth type no_auth (the default): every route answers anyone, who can read online feature values and push or write new ones" \
  --how "$HOW"
record --case oidc --url http://127.0.0.1:19831 --verdict auth-required \
  --description "A Feast feature server with auth type oidc: every route but /health, /chat and the API docs answers 401 without a bearer token; /openapi.json stays public" \
  --how "auth: {type: oidc, auth_discovery_url: http://127.0.0.1:<unused port>/…/.well-known/openid-configuration, client_id: feast} in feature_store.yaml, then $HOW"
