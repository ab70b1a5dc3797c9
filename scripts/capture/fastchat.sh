#!/usr/bin/env bash
# Records the FastChat fixtures from a real FastChat 0.2.36 (PyPI fschat): a controller and two OpenAI-compatible API servers
# asking it, each with HOME and PATH as its only environment, in a fresh network namespace (`unshare -n`, root) whose
# only interface is lo. An API server's /v1/models asks the controller for its workers' models:
#   with no worker registered yet (an empty model list; its OpenAPI document names FastChat):
#     openai_api_server                                     -> fastchat/no-worker
#   then with one worker registered (`python -m fastchat.serve.register_worker`, as an operator adds one):
#     openai_api_server (its models "owned_by": "fastchat") -> fastchat/open
#     openai_api_server --api-keys capture-secret-key       -> fastchat/api-keys (the key leaves /api/v1/ open)
#     controller (no authentication at all)                 -> fastchat-controller/open
# FastChat's model workers all import torch and load a model, which cannot be fetched here, so the worker is a stand-in
# that answers the calls registering, listing and one chat completion make (POST /worker_get_status with one model name,
# /worker_get_conv_template with FastChat's own vicuna_v1.1 template, /model_details, /count_token and /worker_generate
# with a fixed text), so that the keyed server is shown running a completion for a caller without the key.
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
HOW_SERVER="python -m fastchat.serve.openai_api_server --controller-address <controller>"
IN_NETNS="PyPI fschat==$VERSION; environment: HOME and PATH only; in an unshare -n namespace with only lo"
record --family fastchat --port 8000 --host "$PUBLIC_HOST:8000" --case no-worker --url "http://127.0.0.1:$OPEN_PORT" --verdict unauthenticated \
  --description "FastChat's OpenAI-compatible API server without --api-keys, its controller holding no worker yet: /v1/models answers anyone with an empty list; its public OpenAPI document lists /api/v1/token_check and /api/v1/chat/completions, which name FastChat and run the models of any worker it gets for anyone" \
  --how "python -m fastchat.serve.controller; $HOW_SERVER (no model worker; $IN_NETNS)"

# The stand-in worker: what a model worker answers the controller when it registers and at every refresh, and the API
# server for one chat completion.
cat >"$WORK/worker.py" <<'PYTHON'
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer

from fastapi.encoders import jsonable_encoder
from fastchat.conversation import get_conv_template

MODEL = "vicuna-7b-v1.5"
ANSWERS = {
    "/worker_get_status": {"model_names": [MODEL], "speed": 1, "queue_length": 0},
    # What a model worker for Vicuna answers: {"conv": <its Conversation>} (base_model_worker.py).
    "/worker_get_conv_template": jsonable_encoder({"conv": get_conv_template("vicuna_v1.1")}),
    "/model_details": {"context_length": 4096},
    "/count_token": {"count": 8, "error_code": 0},
    "/worker_generate": {"text": "stand-in answer", "error_code": 0, "finish_reason": "stop",
                         "usage": {"prompt_tokens": 8, "completion_tokens": 3, "total_tokens": 11}},
}


class Worker(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        if self.path not in ANSWERS:
            self.send_error(404)
            return
        body = json.dumps(ANSWERS[self.path]).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


HTTPServer(("127.0.0.1", int(sys.argv[1])), Worker).serve_forever()
PYTHON
serve_tracked "$WORK/worker.log" "http://127.0.0.1:$WORKER_PORT/" env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" "$VENV/bin/python" "$WORK/worker.py" "$WORKER_PORT"
env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" "$VENV/bin/python" -m fastchat.serve.register_worker \
  --controller-address "$CONTROLLER" --worker-name "http://127.0.0.1:$WORKER_PORT"
echo "--- the controller's models (its own client's call), then the API server's:"
curl -s -w ' (%{http_code})\n' -X POST "$CONTROLLER/list_models"
curl -s -w ' (%{http_code})\n' "http://127.0.0.1:$OPEN_PORT/v1/models"
echo "--- the keyed server, without the key: /v1/chat/completions refuses, /api/v1/chat/completions runs the model:"
CHAT='{"model":"vicuna-7b-v1.5","messages":[{"role":"user","content":"Say hello"}],"max_tokens":16}'
curl -s -w ' (%{http_code})\n' -H 'content-type: application/json' --data "$CHAT" "http://127.0.0.1:$KEYED_PORT/v1/chat/completions"
status=$(curl -s -o "$WORK/keyless-chat" -w '%{http_code}' -H 'content-type: application/json' --data "$CHAT" "http://127.0.0.1:$KEYED_PORT/api/v1/chat/completions")
cat "$WORK/keyless-chat"; echo " ($status)"
[ "$status" = 200 ] && grep -q '"stand-in answer"' "$WORK/keyless-chat" || { echo "the keyed server did not run the completion without the key" >&2; exit 1; }

HOW="python -m fastchat.serve.controller; a stand-in model worker (answering as a worker of vicuna-7b-v1.5 would, with a fixed text) registered with python -m fastchat.serve.register_worker --controller-address <controller> --worker-name <worker>"
record --family fastchat --port 8000 --host "$PUBLIC_HOST:8000" --case open --url "http://127.0.0.1:$OPEN_PORT" --verdict unauthenticated \
  --expect-models vicuna-7b-v1.5 \
  --description "FastChat's OpenAI-compatible API server without --api-keys, its controller holding one worker: /v1/models lists the worker's model, owned_by fastchat, to anyone; its OpenAPI document lists /api/v1/chat/completions" \
  --how "$HOW; $HOW_SERVER ($IN_NETNS)"
record --family fastchat --port 8000 --host "$PUBLIC_HOST:8000" --case api-keys --url "http://127.0.0.1:$KEYED_PORT" --verdict unauthenticated \
  --description "FastChat's OpenAI-compatible API server with --api-keys, its controller holding one worker: /v1/models refuses (401, invalid_api_key), but the public OpenAPI document lists POST /api/v1/chat/completions, which the key does not cover and which runs the worker's model for anyone" \
  --how "$HOW; $HOW_SERVER --api-keys <key> ($IN_NETNS)"
record --family fastchat-controller --port 21001 --host "$PUBLIC_HOST:21001" --case open --url "$CONTROLLER" --verdict unauthenticated \
  --description "A FastChat controller holding one worker (it has no authentication): its OpenAPI document lists /register_worker, which anyone can call to put a worker of their own in front of its users" \
  --how "$HOW ($IN_NETNS)"
