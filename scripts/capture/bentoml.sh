#!/usr/bin/env bash
# Records the bentoml fixture from a real BentoML (PyPI bentoml==1.4.40) serving a one-endpoint echo
# service (no model) on 127.0.0.1:19150, as for its default port 3000:
#   bentoml serve (no auth of its own)  -> bentoml/open
# The server runs in a fresh network namespace (`unshare -n`, root) whose only interface is lo, so its
# internal circus endpoints and any telemetry cannot leave the machine either.
# Usage: bash scripts/capture/bentoml.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=1.4.40
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/bentoml"
PORT=19150
PUBLIC_HOST=203.0.113.7

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "bentoml==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir bentoml

cat >"$WORK/service.py" <<'EOF'
import bentoml


@bentoml.service
class Echo:
    @bentoml.api
    def echo(self, text: str) -> str:
        return text
EOF

(cd "$WORK" && exec env BENTOML_DO_NOT_TRACK=true BENTOML_HOME="$WORK/home" setsid "$VENV/bin/bentoml" serve service:Echo \
  --host 127.0.0.1 --port "$PORT" >"$WORK/server.log" 2>&1) &
SERVER_PGID=$!
wait_until_up "$WORK/server.log" curl -s -o /dev/null "http://127.0.0.1:$PORT/readyz"
echo "--- listeners in the namespace:"
ss -ltnp

(cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family bentoml --case open --port 3000 \
  --url "http://127.0.0.1:$PORT" --host "$PUBLIC_HOST:3000" --product BentoML --version "$VERSION" \
  --verdict unauthenticated --expect-version "$VERSION" \
  --description "BentoML service (a one-endpoint echo service, no model): /docs.json, /schema.json, /metrics and the API answer anyone" \
  --how "BENTOML_DO_NOT_TRACK=true bentoml serve service:Echo --host 127.0.0.1 --port P (PyPI bentoml==$VERSION; service.py: @bentoml.service class Echo with one @bentoml.api echo(text: str) -> str; in an unshare -n namespace with only lo)")
stop_server
