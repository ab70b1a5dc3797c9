#!/usr/bin/env bash
# Records the OpenHands fixture from a real OpenHands server (PyPI openhands-ai, `uvicorn openhands.server.listen:app`, its
# defaults: no config.toml, in-memory file store, the Docker runtime), with HOME, PATH and an LLM model and key as its only
# environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   0.9.8 (the newest release for Python 3.11; 0.10 and later need 3.12), which has no authentication -> open
# The wheel ships no web UI: the server mounts ./frontend/dist (built into the Docker image) and refuses to start without
# it, so it gets an empty folder and / answers 404 here. No Docker here, so no session reaches a runtime.
# Pins: the release's dependencies as of its date (2024-10-03); e2b 0.17.1, which it needs, is yanked; the litellm of that
# date is gone from PyPI and litellm 1.14.4 downloads its tokenizer at import, so litellm 1.53.1 (the oldest left that
# bundles it) and the openai it needs. LITELLM_LOCAL_MODEL_COST_MAP=True keeps litellm from fetching its price list.
# Usage: bash scripts/capture/openhands.sh   (needs root for unshare; the network only for uv)
set -euo pipefail

VERSION=0.9.8
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.36
PORT=19799
VENV="$ROOT/.venv-capture/openhands-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv_with_uv "$VENV" --exclude-newer 2024-10-04 \
  --exclude-newer-package litellm=2024-11-29 --exclude-newer-package openai=2024-11-29 \
  "openhands-ai==$VERSION" e2b==0.17.1 litellm==1.53.1
enter_isolated_netns "$0" "$@"

make_workdir openhands
mkdir -p "$WORK/home" "$WORK/frontend/dist"
LLM_KEY=$(capture_password)
serve_tracked "$WORK/server.log" "http://127.0.0.1:$PORT/api/options/agents" \
  env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" LITELLM_LOCAL_MODEL_COST_MAP=True LLM_MODEL=gpt-4o LLM_API_KEY="$LLM_KEY" \
  "$VENV/bin/uvicorn" openhands.server.listen:app --host 127.0.0.1 --port "$PORT"
echo "--- listeners in the namespace:"
ss -ltnp

# What an anonymous client gets: /api/* asks for a token, which the WebSocket at /ws hands to anyone (any Origin), and which
# then opens /api/* (the session's files, its task, the config defaults). No answer carries the owner's LLM key.
echo "--- without a token, and with the one GET /ws handed out:"
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

(cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family openhands --case open --url "http://127.0.0.1:$PORT" \
  --port 3000 --host "$PUBLIC_HOST:3000" --product OpenHands --version "$VERSION" --verdict unauthenticated --python-env "$VENV" \
  --description "An OpenHands 0.9 server (no authentication): /api/options/* answers anyone, and GET /ws hands any WebSocket client a session whose runtime runs the shell commands it sends" \
  --how "uvicorn openhands.server.listen:app --host 127.0.0.1 --port <port>, in a folder with an empty frontend/dist (PyPI openhands-ai==$VERSION with e2b==0.17.1, litellm==1.53.1, uv --exclude-newer 2024-10-04; environment: HOME, PATH, LITELLM_LOCAL_MODEL_COST_MAP=True, LLM_MODEL=gpt-4o and LLM_API_KEY=<random> only; no Docker; in an unshare -n namespace with only lo)")
