#!/usr/bin/env bash
# Records the generic openai-compatible family's fixtures from a real OpenAI-compatible server that no named family covers:
# gpt4free's API server (PyPI g4f, `g4f api`, its GUI on as by default), each with HOME and PATH as its only environment,
# in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   g4f api                                   -> g4f-open
#   g4f api --g4f-api-key capture-secret-key  -> g4f-api-key
# 8.7.7 is the last release before 8.8.0 put an MCP server on the API (/mcp, open without a key), which the
# mcp-streamable-http family names: 8.8.x is no longer a server only this family reads.
# g4f reads its default provider's settings from https://g4f.dev/dist/js/providers.json when it is imported
# (client/factory.py) and exits when that fails, unless today's copy is in its cache (~/.g4f/cache/.models/<date>/):
# the capture puts there the one entry it needs, as g4f.dev publishes it ("default", served by https://g4f.space/v1,
# which nothing here can reach). Its GUI page (/) fetches its HTML from GitHub at each visit, so it answers 500 here.
# Its model list is built in: no model is downloaded, and no provider is called.
# Usage: bash scripts/capture/openai-compatible.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=8.7.7
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/g4f-$VERSION"
OPEN_PORT=19410
KEYED_PORT=19411
PUBLIC_HOST=203.0.113.41

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "g4f[api,gui]==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir openai-compatible
CACHE="$WORK/home/.g4f/cache/.models/$(date +%Y-%m-%d)"
mkdir -p "$CACHE"
echo '{"providers": {"default": {"backupUrl": "https://g4f.space/v1", "quotaEndpoint": null}}, "defaultModels": {"default": "auto"}}' >"$CACHE/providers.json"

# serve PORT ARGS…: starts one `g4f api` and waits until it answers.
serve() {
  local port=$1; shift
  serve_tracked "$WORK/g4f-$port.log" "http://127.0.0.1:$port/v1" env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" \
    "$VENV/bin/g4f" api --bind "127.0.0.1:$port" "$@"
}
serve "$OPEN_PORT"
serve "$KEYED_PORT" --g4f-api-key capture-secret-key
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- with the key set, GET /v1/models without it, then with it (header g4f-api-key):"
curl -s -w ' (%{http_code})\n' "http://127.0.0.1:$KEYED_PORT/v1/models"
curl -s -o /dev/null -w '(%{http_code})\n' -H 'g4f-api-key: capture-secret-key' "http://127.0.0.1:$KEYED_PORT/v1/models"

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family openai-compatible --port 1337 --host "$PUBLIC_HOST:1337" \
    --product gpt4free --version "$VERSION" --python-env "$VENV" "$@")
}
HOW="--bind 127.0.0.1:<port> (PyPI g4f[api,gui]==$VERSION; its cache holding g4f.dev's entry for the default provider; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case g4f-open --url "http://127.0.0.1:$OPEN_PORT" --verdict unauthenticated \
  --description "gpt4free's API server without an API key (its default): GET /v1/models lists its 271 built-in models and providers to anyone, who can send chat, image and audio requests through the providers (and the provider accounts) it is set up with, and read its request log (/api/logs); nothing in the answers the probe reads names the product" \
  --how "g4f api $HOW"
record --case g4f-api-key --url "http://127.0.0.1:$KEYED_PORT" --verdict not-ai \
  --description "gpt4free's API server with --g4f-api-key: every path, the canary included, answers 401 {\"error\": {\"message\": \"Not authenticated\"}} with WWW-Authenticate: Basic, which names neither the product nor an AI API: a credential gate of an unidentified service" \
  --how "g4f api --g4f-api-key <key> $HOW"
