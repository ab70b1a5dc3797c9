#!/usr/bin/env bash
# Records the Dagster fixture from a real Dagster webserver (PyPI dagster and dagster-webserver, `dagster-webserver -f`,
# a definitions file of one asset and a fresh DAGSTER_HOME), with HOME, PATH and DAGSTER_HOME as its only environment,
# in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   1.13.28 (the open-source webserver has no authentication)   -> open
# Usage: bash scripts/capture/dagster.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=1.13.28
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.35
PORT=19798
VENV="$ROOT/.venv-capture/dagster-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "dagster==$VERSION" "dagster-webserver==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir dagster
mkdir -p "$WORK/home"
cat >"$WORK/definitions.py" <<'PYTHON'
import dagster as dg


@dg.asset
def training_data() -> list[int]:
    return [1, 2, 3]


defs = dg.Definitions(assets=[training_data])
PYTHON
serve_tracked "$WORK/webserver.log" "http://127.0.0.1:$PORT/server_info" \
  env -i HOME="$WORK/home" DAGSTER_HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" \
  "$VENV/bin/dagster-webserver" -h 127.0.0.1 -p "$PORT" -f "$WORK/definitions.py"
echo "--- listeners in the namespace:"
ss -ltnp

(cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family dagster --case open --url "http://127.0.0.1:$PORT" \
  --port 3000 --host "$PUBLIC_HOST:3000" --product Dagster --version "$VERSION" --expect-version "$VERSION" --verdict unauthenticated \
  --python-env "$VENV" \
  --description "A Dagster webserver (the open-source one has no authentication): its GraphQL API answers anyone, who can launch runs and wipe assets" \
  --how "dagster-webserver -h 127.0.0.1 -p <port> -f <a definitions file of one asset> (PyPI dagster==$VERSION, dagster-webserver==$VERSION; environment: HOME, PATH and DAGSTER_HOME (empty) only; in an unshare -n namespace with only lo)")
