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

if [ "${1:-}" != "--in-netns" ]; then
  if ! "$VENV/bin/python" -c "import bentoml, sys; sys.exit(bentoml.__version__ != '$VERSION')" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --require-virtualenv -q "bentoml==$VERSION"
  fi
  exec unshare --net bash "$0" --in-netns
fi

ip link set lo up
echo "--- interfaces in this network namespace (only lo):"
ip -brief addr
if ip -brief addr | grep -v -E '^lo\s' | grep -q .; then echo "not an isolated namespace" >&2; exit 1; fi

WORK=$(mktemp -d /tmp/capture-bentoml.XXXXXX)
SERVER_PGID=""
stop_server() {
  if [ -n "$SERVER_PGID" ]; then
    kill -TERM -- "-$SERVER_PGID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 -- "-$SERVER_PGID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$SERVER_PGID" 2>/dev/null || true
    SERVER_PGID=""
  fi
}
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT

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
for _ in $(seq 240); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/readyz" && break
  kill -0 "$SERVER_PGID" 2>/dev/null || { tail -40 "$WORK/server.log"; echo "bentoml serve exited" >&2; exit 1; }
  sleep 0.5
done
echo "--- listeners in the namespace:"
ss -ltnp

(cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family bentoml --case open --port 3000 \
  --url "http://127.0.0.1:$PORT" --host "$PUBLIC_HOST:3000" --product BentoML --version "$VERSION" \
  --verdict unauthenticated --expect-version "$VERSION" \
  --description "BentoML service (a one-endpoint echo service, no model): /docs.json, /schema.json, /metrics and the API answer anyone" \
  --how "BENTOML_DO_NOT_TRACK=true bentoml serve service:Echo --host 127.0.0.1 --port P (PyPI bentoml==$VERSION; service.py: @bentoml.service class Echo with one @bentoml.api echo(text: str) -> str; in an unshare -n namespace with only lo)")
stop_server
