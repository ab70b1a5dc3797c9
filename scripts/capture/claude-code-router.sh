#!/usr/bin/env bash
# Records the Claude Code Router fixtures from real routers (npm @musistudio/claude-code-router), each with a home of its own
# whose ~/.claude-code-router/config.json names one OpenAI-compatible provider with a fake API key at a loopback listener,
# with HOME and PATH as their only environment, on the Lambda runtime's Node 24, in a fresh network namespace (`unshare -n`,
# root) whose only interface is lo:
#   1.0.73, `ccr start`, no APIKEY (HOST 0.0.0.0 is forced to 127.0.0.1; reached as through a proxy) -> v1-default
#   1.0.73, `ccr start`, APIKEY set (HOST 0.0.0.0 then binds all interfaces)                           -> v1-apikey
#   3.1.1, `ccr serve --no-open` (the gateway generates an API key at first start)                      -> v3-default
#   3.1.1, the same with APIKEY set in config.json                                                      -> v3-apikey
# 3.1.1 declares two dependencies this registry does not hold (@the-next-ai/ai-gateway and bot-gateway-sdk): its bundle
# ships the gateway (dist/main/next-ai-gateway.js) and loads the bot SDK optionally, so npm "overrides" stand an empty
# package in for both; better-sqlite3 is overridden to 13.2.0, whose N-API prebuilt ships in the npm package (install
# scripts are off). After the recordings, an anonymous GET /api/config and /v1/messages go to each router, and the fake
# provider's log shows which messages reached it, with which key.
# Usage: bash scripts/capture/claude-code-router.sh   (needs root for unshare; the network only for npm)
set -euo pipefail

V1=1.0.73
V3=3.1.1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
V1_PREFIX="$ROOT/.venv-capture/claude-code-router-$V1"
V3_PREFIX="$ROOT/.venv-capture/claude-code-router-$V3"
PUBLIC_HOST=203.0.113.46
PROVIDER_PORT=19979

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_npm_package "$V1_PREFIX" @musistudio/claude-code-router "$V1"
  ensure_npm_package "$V3_PREFIX" @musistudio/claude-code-router "$V3" \
    '{"@the-next-ai/ai-gateway": "npm:empty-npm-package@1.0.0", "@the-next-ai/bot-gateway-sdk": "npm:empty-npm-package@1.0.0", "better-sqlite3": "13.2.0"}'
fi
enter_isolated_netns "$0" "$@"

make_workdir claude-code-router

# The provider: answers any POST with one chat completion and logs each request's path and bearer key.
cat >"$WORK/provider.py" <<'PYTHON'
import http.server, json, sys
class Provider(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get('content-length') or 0))
        print(f'{self.command} {self.path} authorization: {self.headers.get("authorization")}', flush=True)
        body = json.dumps({'id': 'chatcmpl-capture', 'object': 'chat.completion', 'created': 0, 'model': 'capture-model',
                           'choices': [{'index': 0, 'message': {'role': 'assistant', 'content': 'from the provider'}, 'finish_reason': 'stop'}],
                           'usage': {'prompt_tokens': 1, 'completion_tokens': 3, 'total_tokens': 4}}).encode()
        self.send_response(200); self.send_header('content-type', 'application/json'); self.send_header('content-length', str(len(body)))
        self.end_headers(); self.wfile.write(body)
    def log_message(self, *args): pass
http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), Provider).serve_forever()
PYTHON
serve_tracked "$WORK/provider.log" "http://127.0.0.1:$PROVIDER_PORT/" python3 "$WORK/provider.py" "$PROVIDER_PORT"

# serve NAME CLI PORT EXTRA_CONFIG ARG…: a home whose config.json names the provider, then the CLI with HOME and PATH only.
serve() {
  local name=$1 cli=$2 port=$3 extra=$4; shift 4
  mkdir -p "$WORK/$name/.claude-code-router"
  cat >"$WORK/$name/.claude-code-router/config.json" <<JSON
{"PORT": $port, "HOST": "0.0.0.0", $extra
 "Providers": [{"name": "capture", "api_base_url": "http://127.0.0.1:$PROVIDER_PORT/v1/chat/completions", "api_key": "sk-capture-fake-provider-key", "models": ["capture-model"]}],
 "Router": {"default": "capture,capture-model"}}
JSON
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/health" \
    env -i HOME="$WORK/$name" PATH="$NODE24_DIR/bin:/usr/bin:/bin" "$NODE24" "$cli" "$@"
}
V1_CLI="$V1_PREFIX/node_modules/@musistudio/claude-code-router/dist/cli.js"
V3_CLI="$V3_PREFIX/node_modules/@musistudio/claude-code-router/dist/main/cli.js"
serve v1-default "$V1_CLI" 19970 '' start
serve v1-apikey "$V1_CLI" 19971 '"APIKEY": "capture-owner-key",' start
serve v3-default "$V3_CLI" 19972 '' serve --no-open
serve v3-apikey "$V3_CLI" 19973 '"APIKEY": "capture-owner-key",' serve --no-open
echo "--- listeners in the namespace (1.x without APIKEY on 127.0.0.1 only; 3.x's web UI on 3458, loopback, with a token):"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family claude-code-router --port 3456 --host "$PUBLIC_HOST:3456" \
    --product "Claude Code Router" "$@")
}
V1_HOW="node dist/cli.js start in a home whose ~/.claude-code-router/config.json names PORT, HOST 0.0.0.0 and one provider with a fake api_key (npm @musistudio/claude-code-router@$V1, --ignore-scripts, on Node 24; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
V3_HOW="node dist/main/cli.js serve --no-open in a home whose ~/.claude-code-router/config.json names PORT, HOST 0.0.0.0 and one provider with a fake api_key (npm @musistudio/claude-code-router@$V3 with overrides @the-next-ai/ai-gateway and bot-gateway-sdk → empty-npm-package@1.0.0, better-sqlite3@13.2.0, --ignore-scripts, on Node 24; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case v1-default --url http://127.0.0.1:19970 --version "$V1" --verdict unauthenticated \
  --description "Claude Code Router 1.x without APIKEY (it then binds 127.0.0.1 only), reached as through a proxy or port forward: GET /api/config answers anyone with the config and the provider API keys" \
  --how "$V1_HOW"
record --case v1-apikey --url http://127.0.0.1:19971 --version "$V1" --verdict auth-required \
  --description "Claude Code Router 1.x with APIKEY set (HOST 0.0.0.0 then binds every interface): every route but /, /health and /ui answers 401 APIKEY is missing" \
  --how "$V1_HOW, plus APIKEY"
record --case v3-default --url http://127.0.0.1:19972 --version "$V3" --verdict auth-required \
  --description "Claude Code Router 3.x with its defaults: the gateway generates an API key at first start and answers /v1/models and /v1/messages 401 without it" \
  --how "$V3_HOW"
record --case v3-apikey --url http://127.0.0.1:19973 --version "$V3" --verdict auth-required \
  --description "Claude Code Router 3.x with APIKEY set in config.json: the gateway answers /v1/models and /v1/messages 401 without it" \
  --how "$V3_HOW, plus APIKEY"

echo "--- an anonymous GET /api/config to each router (Host $PUBLIC_HOST; the provider key is the fake one):"
for port in 19970 19971 19972 19973; do
  printf '%s: ' "$port"
  curl -s -m 5 -H "Host: $PUBLIC_HOST:3456" -w ' (%{http_code})\n' "http://127.0.0.1:$port/api/config" | cut -c1-300
done
echo "--- an anonymous /v1/messages to each router (Host $PUBLIC_HOST), then what reached the provider:"
for port in 19970 19971 19972 19973; do
  printf '%s: ' "$port"
  curl -s -m 20 -H "Host: $PUBLIC_HOST:3456" -H 'content-type: application/json' -H 'anthropic-version: 2023-06-01' \
    -w ' (%{http_code})\n' --data '{"model":"claude-sonnet-4","max_tokens":8,"messages":[{"role":"user","content":"hi"}]}' \
    "http://127.0.0.1:$port/v1/messages" | cut -c1-200
done
cat "$WORK/provider.log"
