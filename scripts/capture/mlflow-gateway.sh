#!/usr/bin/env bash
# Records the MLflow AI Gateway fixtures from real standalone gateways (PyPI mlflow with its gateway extra), each serving a
# configuration of one chat endpoint whose provider is OpenAI, with a fake key and openai_api_base pointing at a stub of
# the OpenAI API on loopback, each with HOME and PATH as its only environment, in a fresh network namespace (`unshare -n`,
# root) whose only interface is lo:
#   3.17.2 `mlflow gateway start` (the gateway has no authentication)       -> open
#   2.11.3 `mlflow deployments start-server` ("MLflow Deployments Server")  -> open-2.11.3
# Before recording, an anonymous client lists the endpoints and queries one, and the stub shows the owner's key arrived
# with it. (3.18.0 cannot be installed: PyPI has no mlflow-skinny 3.18.0 for it. The tracking server's built-in AI
# Gateway is the `mlflow` family's server, whose experiments/search identifies it.)
# Usage: bash scripts/capture/mlflow-gateway.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=3.17.2
OLD_VERSION=2.11.3
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.47
VENV="$ROOT/.venv-capture/mlflow-gateway-$VERSION"
OLD_VENV="$ROOT/.venv-capture/mlflow-gateway-$OLD_VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" "mlflow[gateway]==$VERSION"
  # Dependencies as of its release day (2024-03-21): today's break it.
  ensure_venv_with_uv "$OLD_VENV" "mlflow[gateway]==$OLD_VERSION" --exclude-newer 2024-03-23
fi
enter_isolated_netns "$0" "$@"

make_workdir mlflow-gateway
STUB_PORT=19880
# The OpenAI API's stand-in: logs the Authorization header of each request and answers a chat completion.
cat >"$WORK/stub.py" <<'PYTHON'
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Stub(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        print(f"stub: {self.command} {self.path} authorization={self.headers.get('authorization')!r}", flush=True)
        answer = json.dumps({
            "id": "chatcmpl-stub", "object": "chat.completion", "created": 0, "model": "gpt-4o-mini",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "stub answer"}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3},
        }).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", int(sys.argv[1])), Stub).serve_forever()
PYTHON
cat >"$WORK/config.yaml" <<YAML
endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model:
      provider: openai
      name: gpt-4o-mini
      config:
        openai_api_key: sk-capture-fake-owner-key
        openai_api_base: http://127.0.0.1:$STUB_PORT/v1
YAML
serve_tracked "$WORK/stub.log" "http://127.0.0.1:$STUB_PORT/" env -i PATH=/usr/bin:/bin "$VENV/bin/python" "$WORK/stub.py" "$STUB_PORT"

# serve NAME PORT VENV MLFLOW_ARGS…: the gateway on 127.0.0.1 with a home of its own (gunicorn puts its control socket there).
serve() {
  local name=$1 port=$2 venv=$3; shift 3
  mkdir -p "$WORK/$name"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/health" \
    env -i HOME="$WORK/$name" PATH="$venv/bin:/usr/bin:/bin" "$venv/bin/mlflow" "$@" \
    --config-path "$WORK/config.yaml" --host 127.0.0.1 --port "$port" --workers 1
  wait_for_2xx "http://127.0.0.1:$port/health" 60
}
serve open 19881 "$VENV" gateway start
serve open-old 19882 "$OLD_VENV" deployments start-server
echo "--- listeners in the namespace:"
ss -ltnp
for port in 19881 19882; do
  echo "--- an anonymous client (Host $PUBLIC_HOST) lists the endpoints of the gateway on $port and queries one; the stub sees the owner's key:"
  curl -s -w ' (%{http_code})\n' -H "Host: $PUBLIC_HOST:5000" "http://127.0.0.1:$port/api/2.0/endpoints/"
  curl -s -w ' (%{http_code})\n' -H "Host: $PUBLIC_HOST:5000" -H 'content-type: application/json' \
    --data '{"messages":[{"role":"user","content":"hi"}]}' "http://127.0.0.1:$port/gateway/chat/invocations"
  tail -1 "$WORK/stub.log"
done

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family mlflow-gateway --port 5000 --host "$PUBLIC_HOST:5000" \
    --product MLflow --verdict unauthenticated --expect-models chat "$@")
}
CONFIG="a configuration of one chat endpoint (provider openai, a fake openai_api_key, openai_api_base on a loopback stub)"
ENVIRONMENT="environment: HOME and PATH only; in an unshare -n namespace with only lo"
record --case open --url http://127.0.0.1:19881 --version "$VERSION" --expect-version "$VERSION" --python-env "$VENV" \
  --description "A standalone MLflow AI Gateway (it has no authentication): anyone lists its endpoints and queries them with the owner's provider key" \
  --how "mlflow gateway start --config-path <$CONFIG> --host 127.0.0.1 --port <port> --workers 1 (PyPI mlflow[gateway]==$VERSION; $ENVIRONMENT)"
record --case "open-$OLD_VERSION" --url http://127.0.0.1:19882 --version "$OLD_VERSION" --expect-version "$OLD_VERSION" --python-env "$OLD_VENV" \
  --description "An MLflow Deployments Server, the gateway's name in older 2.x releases (no authentication): anyone lists its endpoints and queries them with the owner's provider key" \
  --how "mlflow deployments start-server --config-path <$CONFIG> --host 127.0.0.1 --port <port> --workers 1 (PyPI mlflow[gateway]==$OLD_VERSION, dependencies as of 2024-03-23 (uv --exclude-newer); $ENVIRONMENT)"
