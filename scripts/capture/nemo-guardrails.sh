#!/usr/bin/env bash
# Records the NeMo Guardrails fixtures from real servers (PyPI nemoguardrails with its server extra, and chat-ui or openai), each with
# HOME, PATH, a placeholder OPENAI_API_KEY (the owner's model key) and NEMO_GUARDRAILS_NO_USAGE_STATS=1 (its usage stats
# would try to reach NVIDIA) as its only environment, in a fresh network namespace (`unshare -n`, root) whose only
# interface is lo. The rails config is one OpenAI model on a closed loopback port: the server loads configs per request,
# and nothing in it needs an embedding model. The servers have no auth switch at all; both bind 0.0.0.0 (hard-coded).
#   0.24.1 `nemoguardrails server` (the Chainlit chat UI at /chat, / redirects there)  -> open
#   0.24.1 `nemoguardrails server --disable-chat-ui` (/ answers {"status":"ok"})         -> open-no-chat-ui
#   0.24.1 `nemoguardrails actions-server` with one action of the owner's in actions.py  -> actions-server
#   0.21.0 `nemoguardrails server`, the last release before its Next.js chat UI gave way to Chainlit's -> open-0.21.0
# Usage: bash scripts/capture/nemo-guardrails.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.24.1
OLD_VERSION=0.21.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.91
CLOSED_MODEL_PORT=19889
VENV="$ROOT/.venv-capture/nemo-guardrails-$VERSION"
OLD_VENV="$ROOT/.venv-capture/nemo-guardrails-$OLD_VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" "nemoguardrails[server,chat-ui]==$VERSION"
  # 0.21.0 imports dataclasses_json without requiring it (langchain-community used to bring it); its OpenAI models need
  # the openai extra (langchain-openai).
  ensure_venv "$OLD_VENV" "nemoguardrails[server,openai]==$OLD_VERSION" "dataclasses-json==0.6.7"
fi
enter_isolated_netns "$0" "$@"

make_workdir nemo-guardrails
mkdir -p "$WORK/configs/assistant" "$WORK/actions-server"
cat >"$WORK/configs/assistant/config.yml" <<YAML
models:
  - type: main
    engine: openai
    model: gpt-4o-mini
    parameters:
      base_url: http://127.0.0.1:$CLOSED_MODEL_PORT/v1
instructions:
  - type: general
    content: You are a helpful assistant.
YAML
# The actions server registers the actions of actions.py in its working folder, beside the library's.
cat >"$WORK/actions-server/actions.py" <<'PYTHON'
from nemoguardrails.actions import action


@action(name="lookup_order")
async def lookup_order(order_id: str = ""):
    return f"order {order_id}: shipped"
PYTHON

# serve NAME VENV PORT READY_PATH ARG…: `nemoguardrails ARG… --port PORT` from VENV in the folder WORK/NAME (the chat UI
# writes .chainlit/ there), waiting until READY_PATH answers.
serve() {
  local name=$1 venv=$2 port=$3 ready=$4; shift 4
  mkdir -p "$WORK/$name/home"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port$ready" \
    env -i HOME="$WORK/$name/home" PATH="$venv/bin:/usr/bin:/bin" OPENAI_API_KEY=sk-capture-placeholder NEMO_GUARDRAILS_NO_USAGE_STATS=1 \
    sh -c 'cd "$0" && exec "$@"' "$WORK/$name" "$venv/bin/nemoguardrails" "$@" --port "$port"
}
serve open "$VENV" 19880 /healthz server --config "$WORK/configs"
serve open-no-chat-ui "$VENV" 19881 /healthz server --config "$WORK/configs" --disable-chat-ui
serve actions-server "$VENV" 19882 /openapi.json actions-server
serve open-0.21.0 "$OLD_VENV" 19883 /v1/rails/configs server --config "$WORK/configs"
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- no key asked: the configs, and a chat completion that reaches the configured model (a closed port here, so 500):"
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19880/v1/rails/configs
curl -s -w ' (%{http_code})\n' -H 'content-type: application/json' \
  -d '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"guardrails":{"config_id":"assistant"}}' \
  http://127.0.0.1:19880/v1/chat/completions
echo "--- the actions server runs an action of the owner's for anyone:"
curl -s -w ' (%{http_code})\n' -H 'content-type: application/json' -d '{"action_name":"lookup_order","action_parameters":{"order_id":"42"}}' \
  http://127.0.0.1:19882/v1/actions/run

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family nemo-guardrails --product "NeMo Guardrails" \
    --verdict unauthenticated "$@")
}
SETUP="one rails config of an OpenAI model on a closed loopback port; environment: HOME, PATH, OPENAI_API_KEY=<placeholder> and NEMO_GUARDRAILS_NO_USAGE_STATS=1 only; in an unshare -n namespace with only lo"
HOW="(PyPI nemoguardrails[server,chat-ui]==$VERSION; $SETUP)"
record --case open --url http://127.0.0.1:19880 --port 8000 --host "$PUBLIC_HOST:8000" --version "$VERSION" --python-env "$VENV" \
  --description "A NeMo Guardrails server as started by default (it has no auth switch): anyone can list its rails configs and run chat completions through them on the owner's model and key; the Chainlit chat UI is at /chat" \
  --how "nemoguardrails server --config <configs dir> --port <port> $HOW"
record --case open-no-chat-ui --url http://127.0.0.1:19881 --port 8000 --host "$PUBLIC_HOST:8000" --version "$VERSION" --python-env "$VENV" \
  --description "A NeMo Guardrails server with --disable-chat-ui: / answers {\"status\":\"ok\"}, the API is as open as by default" \
  --how "nemoguardrails server --config <configs dir> --port <port> --disable-chat-ui $HOW"
record --case actions-server --url http://127.0.0.1:19882 --port 8001 --host "$PUBLIC_HOST:8001" --version "$VERSION" --python-env "$VENV" \
  --description "A NeMo Guardrails actions server (no auth switch): anyone can list and run its registered actions, the library's and the owner's, with parameters of their choosing" \
  --how "nemoguardrails actions-server --port <port>, in a folder holding an actions.py of one action $HOW"
record --case open-0.21.0 --url http://127.0.0.1:19883 --port 8000 --host "$PUBLIC_HOST:8000" --version "$OLD_VERSION" --python-env "$OLD_VENV" \
  --description "A NeMo Guardrails 0.21.0 server as started by default: its Next.js chat UI (\"NeMo Guardrails Chat\") answers /, and the API is as open as in 0.24" \
  --how "nemoguardrails server --config <configs dir> --port <port> (PyPI nemoguardrails[server,openai]==$OLD_VERSION, dataclasses-json==0.6.7; $SETUP)"
