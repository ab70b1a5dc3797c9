#!/usr/bin/env bash
# Records the FastChat fixtures from a real FastChat 0.2.36 (PyPI fschat): a controller and two OpenAI-compatible API servers
# asking it, each with HOME and PATH as its only environment, in a fresh network namespace (`unshare -n`, root) whose
# only interface is lo. An API server's /v1/models asks the controller for its workers' models:
#   with no worker registered yet (no model), nothing in the answers names FastChat:
#     openai_api_server                                     -> openai-compatible/fastchat-open
#     openai_api_server --api-keys capture-secret-key       -> openai-compatible/fastchat-api-keys
#   then with one worker registered (`python -m fastchat.serve.register_worker`, as an operator adds one):
#     openai_api_server (its models "owned_by": "fastchat") -> fastchat/open
#     controller (no authentication at all)                 -> fastchat-controller/open
# FastChat's model workers all import torch and load a model, which cannot be fetched here, so the worker is a stand-in
# that answers the one call registering and listing need (POST /worker_get_status, with one model name) and nothing else.
# Usage: bash scripts/capture/fastchat.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.2.36
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/fastchat-$VERSION"
CONTROLLER_PORT=19400
OPEN_PORT=19401
KEYED_PORT=19402
WORKER_PORT=19403
PUBLIC_HOST=203.0.113.9

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "fschat==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir fastchat
mkdir -p "$WORK/home"
CONTROLLER="http://127.0.0.1:$CONTROLLER_PORT"

# serve PORT MODULE ARGS…: starts one FastChat server and waits until it answers.
serve() {
  local port=$1 module=$2; shift 2
  serve_tracked "$WORK/$module-$port.log" "http://127.0.0.1:$port/" env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" \
    "$VENV/bin/python" -m "$module" --host 127.0.0.1 --port "$port" "$@"
}

serve "$CONTROLLER_PORT" fastchat.serve.controller
serve "$OPEN_PORT" fastchat.serve.openai_api_server --controller-address "$CONTROLLER"
serve "$KEYED_PORT" fastchat.serve.openai_api_server --controller-address "$CONTROLLER" --api-keys capture-secret-key
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --product FastChat --version "$VERSION" --python-env "$VENV" "$@")
}
record --family openai-compatible --port 8000 --host "$PUBLIC_HOST:8000" --case fastchat-open --url "http://127.0.0.1:$OPEN_PORT" --verdict unauthenticated \
  --description "FastChat's OpenAI-compatible API server without --api-keys: /v1/models answers anyone (here an empty list: its controller has no model worker); nothing in its answers names the product, so the generic family reports it" \
  --how "python -m fastchat.serve.controller; python -m fastchat.serve.openai_api_server --controller-address <that controller> (PyPI fschat==$VERSION, no model worker; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --family openai-compatible --port 8000 --host "$PUBLIC_HOST:8000" --case fastchat-api-keys --url "http://127.0.0.1:$KEYED_PORT" --verdict auth-required \
  --description "FastChat's OpenAI-compatible API server with --api-keys: /v1/models refuses with an OpenAI-style error object inside FastAPI's \"detail\", which identifies the API and reads auth-required" \
  --how "python -m fastchat.serve.openai_api_server --controller-address <controller> --api-keys <key> (PyPI fschat==$VERSION, no model worker; environment: HOME and PATH only; in an unshare -n namespace with only lo)"

# The stand-in worker: what a model worker answers the controller when it registers and at every refresh.
cat >"$WORK/worker.py" <<'PYTHON'
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer

STATUS = json.dumps({"model_names": ["vicuna-7b-v1.5"], "speed": 1, "queue_length": 0}).encode()


class Worker(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path != "/worker_get_status":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(STATUS)))
        self.end_headers()
        self.wfile.write(STATUS)


HTTPServer(("127.0.0.1", int(sys.argv[1])), Worker).serve_forever()
PYTHON
serve_tracked "$WORK/worker.log" "http://127.0.0.1:$WORKER_PORT/" env -i HOME="$WORK/home" PATH=/usr/bin:/bin python3 "$WORK/worker.py" "$WORKER_PORT"
env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" "$VENV/bin/python" -m fastchat.serve.register_worker \
  --controller-address "$CONTROLLER" --worker-name "http://127.0.0.1:$WORKER_PORT"
echo "--- the controller's models (its own client's call), then the API server's:"
curl -s -w ' (%{http_code})\n' -X POST "$CONTROLLER/list_models"
curl -s -w ' (%{http_code})\n' "http://127.0.0.1:$OPEN_PORT/v1/models"

HOW="python -m fastchat.serve.controller; a stand-in model worker (POST /worker_get_status names vicuna-7b-v1.5) registered with python -m fastchat.serve.register_worker --controller-address <controller> --worker-name <worker>"
record --family fastchat --port 8000 --host "$PUBLIC_HOST:8000" --case open --url "http://127.0.0.1:$OPEN_PORT" --verdict unauthenticated \
  --expect-models vicuna-7b-v1.5 \
  --description "FastChat's OpenAI-compatible API server without --api-keys, its controller holding one worker: /v1/models lists the worker's model, owned_by fastchat, to anyone" \
  --how "$HOW; python -m fastchat.serve.openai_api_server --controller-address <controller> (PyPI fschat==$VERSION; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --family fastchat-controller --port 21001 --host "$PUBLIC_HOST:21001" --case open --url "$CONTROLLER" --verdict unauthenticated \
  --description "A FastChat controller holding one worker (it has no authentication): its OpenAPI document lists /register_worker, which anyone can call to put a worker of their own in front of its users" \
  --how "$HOW (PyPI fschat==$VERSION; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
