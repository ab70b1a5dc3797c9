#!/usr/bin/env bash
# Records the openai-compatible fixtures from a real FastChat OpenAI-compatible API server (PyPI
# fschat==0.2.36), the generic family's example of a server no named family covers. Its /v1/models asks
# a FastChat controller for the models of its workers; a controller with no worker (no model) lists none.
#   openai_api_server                               -> openai-compatible/fastchat-open
#   openai_api_server --api-keys capture-secret-key -> openai-compatible/fastchat-api-keys
# The servers run in a fresh network namespace (`unshare -n`, root) whose only interface is lo.
# Usage: bash scripts/capture/fastchat.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.2.36
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/fastchat"
CONTROLLER_PORT=19400
OPEN_PORT=19401
KEYED_PORT=19402
PUBLIC_HOST=203.0.113.9

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "fschat==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir fastchat

# serve PORT MODULE ARGS…: starts one FastChat server and waits until it answers.
serve() {
  local port=$1 module=$2; shift 2
  serve_tracked "$WORK/$module-$port.log" "http://127.0.0.1:$port/" "$VENV/bin/python" -m "$module" --host 127.0.0.1 --port "$port" "$@"
}

serve "$CONTROLLER_PORT" fastchat.serve.controller
serve "$OPEN_PORT" fastchat.serve.openai_api_server --controller-address "http://127.0.0.1:$CONTROLLER_PORT"
serve "$KEYED_PORT" fastchat.serve.openai_api_server --controller-address "http://127.0.0.1:$CONTROLLER_PORT" --api-keys capture-secret-key
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family openai-compatible --port 8000 \
    --host "$PUBLIC_HOST:8000" --product FastChat --version "$VERSION" "$@")
}
record --case fastchat-open --url "http://127.0.0.1:$OPEN_PORT" --verdict unauthenticated \
  --description "FastChat's OpenAI-compatible API server without --api-keys: /v1/models answers anyone (here an empty list: its controller has no model worker); nothing in its answers names the product, so the generic family reports it" \
  --how "python -m fastchat.serve.controller; python -m fastchat.serve.openai_api_server --controller-address <that controller> (PyPI fschat==$VERSION, no model worker; in an unshare -n namespace with only lo)"
record --case fastchat-api-keys --url "http://127.0.0.1:$KEYED_PORT" --verdict auth-required \
  --description "FastChat's OpenAI-compatible API server with --api-keys: /v1/models refuses with an OpenAI-style error object inside FastAPI's \"detail\", which identifies the API and reads auth-required" \
  --how "python -m fastchat.serve.openai_api_server --controller-address <controller> --api-keys <key> (PyPI fschat==$VERSION, no model worker; in an unshare -n namespace with only lo)"
