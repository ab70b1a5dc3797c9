#!/usr/bin/env bash
# Records the open-inference-protocol KServe fixture from a real KServe ModelServer (PyPI kserve==0.21.0)
# serving one dummy model (no weights) on 127.0.0.1:19155, as for its default port 8080:
#   ModelServer, no auth of its own  -> open-inference-protocol/kserve-open
# KServe hard-codes uvicorn's host to 0.0.0.0 (kserve/protocol/rest/server.py), so the launcher below
# replaces uvicorn.Config with a subclass that forces host=127.0.0.1 before kserve is imported; gRPC
# is switched off. The script checks with ss that the server listens on 127.0.0.1 only before it
# records anything.
# Usage: bash scripts/capture/kserve.sh   (the network only for pip)
set -euo pipefail

VERSION=0.21.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/kserve"
PORT=19155
PUBLIC_HOST=203.0.113.7

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
ensure_venv "$VENV" "kserve==$VERSION"

make_workdir kserve

cat >"$WORK/dummy.py" <<'EOF'
"""A KServe ModelServer with one model that has no weights, bound to 127.0.0.1 only."""
import uvicorn

_Config = uvicorn.Config


class LoopbackConfig(_Config):
    def __init__(self, *args, **kwargs):
        kwargs["host"] = "127.0.0.1"
        super().__init__(*args, **kwargs)


uvicorn.Config = LoopbackConfig

from kserve import Model, ModelServer  # noqa: E402  (after the patch on purpose)


class Dummy(Model):
    def __init__(self, name: str):
        super().__init__(name)
        self.ready = True

    def predict(self, payload, headers=None):
        return payload


if __name__ == "__main__":
    ModelServer().start([Dummy("dummy")])
EOF

(cd "$WORK" && exec setsid "$VENV/bin/python" dummy.py --http_port "$PORT" --enable_grpc false >"$WORK/server.log" 2>&1) &
SERVER_PGID=$!
wait_until_up "$WORK/server.log" curl -s -o /dev/null "http://127.0.0.1:$PORT/"

echo "--- listeners of the KServe process group $SERVER_PGID (must all be 127.0.0.1):"
PIDS=$(ps -o pid= -g "$SERVER_PGID" | tr -s ' \n' '|' | sed 's/^|//; s/|$//')
ss -ltnp | grep -E "pid=($PIDS)," | tee "$WORK/listen.txt"
grep -q . "$WORK/listen.txt" || { echo "no listener found" >&2; exit 1; }
if grep -v -E "127\.0\.0\.1:$PORT " "$WORK/listen.txt" | grep -q .; then
  echo "KServe listens on something other than 127.0.0.1:$PORT; not recording" >&2; exit 1
fi

(cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family open-inference-protocol --case kserve-open --port 8080 \
  --url "http://127.0.0.1:$PORT" --host "$PUBLIC_HOST:8080" --product KServe --version "$VERSION" \
  --verdict unauthenticated --expect-version "$VERSION" \
  --description "KServe ModelServer with one dummy model: GET /v2 server metadata, /v1/models and /openapi.json answer anyone" \
  --how "python dummy.py --http_port P --enable_grpc false (PyPI kserve==$VERSION; dummy.py: a kserve.Model subclass 'dummy' with no weights, uvicorn.Config patched to host=127.0.0.1)")
stop_server
