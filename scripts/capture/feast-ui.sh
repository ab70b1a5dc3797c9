#!/usr/bin/env bash
# Records the Feast UI fixtures from real UI servers (PyPI feast with its grpcio extra, without which `feast ui` fails to
# start; `feast ui`), each serving a feature repo made by `feast init` from its bundled template (local parquet data, a SQLite
# registry and online store), applied and materialized, with HOME and PATH as its only environment, in a fresh network
# namespace (`unshare -n`, root) whose only interface is lo:
#   0.67.0 with the template's `auth: type: no_auth` (Feast's default)                        -> open
#   0.67.0 with `auth: type: oidc` and a discovery URL on loopback where nothing listens: Feast fetches
#     the discovery document only to check a token, and a caller without one is refused first  -> oidc
# `feast ui` binds 0.0.0.0 unless told otherwise; here it is given 127.0.0.1.
# (`type: kubernetes` cannot start here: it needs the kubernetes package and a pod's service account; its refusal of a caller
# without a token is the same code as oidc's.)
# Usage: bash scripts/capture/feast-ui.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.67.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.84
VENV="$ROOT/.venv-capture/feast-ui-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "feast[grpcio]==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir feast-ui
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

# serve REPO PORT: `feast ui` on 127.0.0.1, from the repo's folder as its docs run it.
serve() {
  serve_tracked "$WORK/serve-$2.log" "http://127.0.0.1:$2/health" \
    env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" sh -c 'cd "$1" && exec "$2" ui -h 127.0.0.1 -p "$3"' sh "$1" "$VENV/bin/feast" "$2"
}
serve "$REPO" 19833
serve "$WORK/oidc/feature_repo" 19834
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- with no_auth, anyone reads the registry API; with oidc, a caller without a token is refused:"
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19833/api/v1/projects
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19834/api/v1/projects

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family feast-ui --port 8888 --host "$PUBLIC_HOST:8888" \
    --product Feast --version "$VERSION" --python-env "$VENV" "$@")
}
HOW="feast ui -h 127.0.0.1 -p <port> in a repo from \`feast init\` (its template: local parquet data, SQLite registry and online store), applied and materialized (PyPI feast[grpcio]==$VERSION; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19833 --verdict unauthenticated \
  --description "A Feast UI with auth type no_auth (the default): its registry API answers anyone, who can read the registry and online feature values and push new ones" \
  --how "$HOW"
record --case oidc --url http://127.0.0.1:19834 --verdict auth-required \
  --description "A Feast UI with auth type oidc: its registry API (/api/v1) answers 401 without a bearer token; the UI shell and /projects-list.json stay public" \
  --how "auth: {type: oidc, auth_discovery_url: http://127.0.0.1:<unused port>/…/.well-known/openid-configuration, client_id: feast} in feature_store.yaml, then $HOW"
