#!/usr/bin/env bash
# Records the OpenClaw fixtures from real gateways (`gateway run`), each set up by the product's own non-interactive
# onboarding (a fake model key, no network) in a fresh home, with HOME and PATH as their only environment, in a fresh
# network namespace (`unshare -n`, root) whose only interface is lo:
#   npm openclaw 2026.9.6 with onboarding's defaults (gateway.auth.mode token, bind loopback)  -> default
#   the same onboarded with --gateway-auth password --gateway-bind lan                         -> password
#   the same with `config set gateway.auth.mode none` (onboarding does not offer it; bind lan
#     is refused without auth, so it stays on loopback)                                        -> auth-none
#   npm clawdbot 2026.1.24-3 (the product's January 2026 name) with onboarding's defaults       -> clawdbot-default
#   the same onboarded with --gateway-auth off                                                -> clawdbot-auth-off
# Both clawdbot cases read as auth-required: before 2026.4.22 the gateway answers HTTP alike in every auth mode (it checks
# credentials on its WebSocket only), so HTTP tells the product but not its auth mode; the WebSocket check below shows it.
# Installed with the Lambda runtime's Node 24 and `npm install --ignore-scripts`: openclaw's own scripts only tidy its
# package; clawdbot's postinstall only sets an executable bit and git hooks, and one of its WhatsApp library's dependencies
# (libsignal) is a GitHub URL, which cannot be fetched here, so an npm "overrides" entry takes npm's libsignal 2.0.1
# (the upstream it was forked from) instead; the WhatsApp channel it serves is never started.
# After each recording, a WebSocket client with a device identity of its own (as any client can make one up) and no
# credentials connects and asks for operator.read, printing the scopes it was given or the refusal; it calls no method.
# 2026.9.x keeps empty lock files in /tmp/openclaw-state-locks-<uid> (a fixed path, shared by every gateway of the user).
# Usage: bash scripts/capture/openclaw.sh   (needs root for unshare; the network only for npm)
set -euo pipefail

VERSION=2026.9.6
CLAWDBOT_VERSION=2026.1.24-3
LIBSIGNAL_VERSION=2.0.1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/openclaw-$VERSION"
CLAWDBOT_PREFIX="$ROOT/.venv-capture/openclaw-clawdbot-$CLAWDBOT_VERSION"
OPENCLAW="$PREFIX/node_modules/openclaw/openclaw.mjs"
CLAWDBOT="$CLAWDBOT_PREFIX/node_modules/clawdbot/dist/entry.js"
PUBLIC_HOST=203.0.113.44

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"

if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_npm_package "$PREFIX" openclaw "$VERSION"
  ensure_npm_package "$CLAWDBOT_PREFIX" clawdbot "$CLAWDBOT_VERSION" "{\"libsignal\": \"$LIBSIGNAL_VERSION\"}"
fi
enter_isolated_netns "$0" "$@"

make_workdir openclaw

# cli ENTRY NAME ARG…: the CLI in NAME's home, with HOME and PATH only.
cli() {
  local entry=$1 name=$2; shift 2
  env -i HOME="$WORK/$name" PATH="$NODE24_DIR/bin:/usr/bin:/bin" "$NODE24" "$entry" "$@"
}
# setup ENTRY NAME CONFIG_DIR PORT ONBOARD_ARG…: a fresh home whose config sends the log file into it (not /tmp), then the
# non-interactive onboarding, for a gateway on PORT.
setup() {
  local entry=$1 name=$2 config_dir=$3 port=$4; shift 4
  mkdir -p "$WORK/$name/$config_dir"
  printf '{"logging": {"file": "%s"}}\n' "$WORK/$name/gateway.log" >"$WORK/$name/$config_dir/${config_dir#.}.json"
  cli "$entry" "$name" onboard --non-interactive --accept-risk --mode local --skip-daemon --skip-channels --skip-skills \
    --skip-health --skip-ui --gateway-port "$port" "$@" >"$WORK/$name-onboard.log" 2>&1 || { cat "$WORK/$name-onboard.log"; exit 1; }
}
# serve ENTRY NAME PORT: `gateway run` (on the port onboarding set), waited for until the UI shell answers.
serve() {
  local entry=$1 name=$2 port=$3
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/" \
    env -i HOME="$WORK/$name" PATH="$NODE24_DIR/bin:/usr/bin:/bin" "$NODE24" "$entry" gateway run
}

# 2026.9.x: an OpenAI-compatible provider at a closed loopback port, with a fake key.
OPENCLAW_MODEL=(--auth-choice custom-api-key --custom-base-url http://127.0.0.1:9/v1 --custom-model-id capture-model
  --custom-api-key sk-capture-fake --secret-input-mode plaintext --custom-compatibility openai --skip-hooks --skip-search)
setup "$OPENCLAW" default .openclaw 19890 "${OPENCLAW_MODEL[@]}"
setup "$OPENCLAW" password .openclaw 19900 "${OPENCLAW_MODEL[@]}" --gateway-auth password --gateway-password "$(capture_password)" --gateway-bind lan
setup "$OPENCLAW" auth-none .openclaw 19910 "${OPENCLAW_MODEL[@]}"
cli "$OPENCLAW" auth-none config set gateway.auth.mode none >/dev/null
setup "$CLAWDBOT" clawdbot-default .clawdbot 19920 --auth-choice openai-api-key --openai-api-key sk-capture-fake
setup "$CLAWDBOT" clawdbot-auth-off .clawdbot 19930 --auth-choice openai-api-key --openai-api-key sk-capture-fake --gateway-auth off

serve "$OPENCLAW" default 19890
serve "$OPENCLAW" password 19900
serve "$OPENCLAW" auth-none 19910
serve "$CLAWDBOT" clawdbot-default 19920
serve "$CLAWDBOT" clawdbot-auth-off 19930
# 2026.9.x refuses WebSocket connects until its startup sidecars are done, which /readyz reports.
for port in 19890 19900 19910; do wait_for_2xx "http://127.0.0.1:$port/readyz" 60; done
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- gateway settings as onboarded (secrets left out):"
for name in default password auth-none; do
  echo "$name: $(cli "$OPENCLAW" "$name" config get gateway --json 2>/dev/null | "$NODE24" -e 'const g = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(JSON.stringify({ bind: g.bind, auth: g.auth?.mode }))')"
done
for name in clawdbot-default clawdbot-auth-off; do
  echo "$name: $("$NODE24" -e 'const g = require(process.argv[1]).gateway; console.log(JSON.stringify({ bind: g.bind, auth: g.auth?.mode ?? "(none)" }))' "$WORK/$name/.clawdbot/clawdbot.json")"
done

cat >"$WORK/ws-check.mjs" <<'JS'
// node ws-check.mjs WS_PACKAGE_JSON URL PAYLOAD_VERSION: connect with a made-up device identity and no credentials.
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
const [packageJson, url, version] = process.argv.slice(2);
const WebSocket = createRequire(packageJson)('ws');
const ws = new WebSocket(url, { headers: { host: process.env.PUBLIC_HOST } });
const client = { id: 'cli', version: '0.0.0', platform: 'linux', mode: 'cli' }, role = 'operator', scopes = ['operator.read'];
setTimeout(() => { console.log('no answer'); process.exit(1); }, 10000).unref();
ws.on('message', (data) => {
  const frame = JSON.parse(String(data));
  if (frame.event === 'connect.challenge') {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    const id = crypto.createHash('sha256').update(raw).digest('hex');
    const { nonce, ts: signedAt } = frame.payload;
    // The signed fields (src/gateway/device-auth): v2 in 2026.1, v3 adds platform and device family.
    const fields = [version, id, client.id, client.mode, role, scopes.join(','), String(signedAt), '', nonce, ...(version === 'v3' ? ['linux', ''] : [])];
    const device = { id, publicKey: raw.toString('base64url'), signature: crypto.sign(null, Buffer.from(fields.join('|')), privateKey).toString('base64url'), signedAt, nonce };
    ws.send(JSON.stringify({ type: 'req', id: 'connect', method: 'connect', params: { minProtocol: 1, maxProtocol: 99, client, role, scopes, caps: [], device } }));
  } else if (frame.id === 'connect') {
    console.log(frame.ok ? `hello-ok, scopes ${JSON.stringify(frame.payload.auth?.scopes)}` : `refused: ${frame.error.code} ${frame.error.message}`);
    ws.close();
  }
});
JS
ws_check() {
  local package_json=$1 port=$2 version=$3
  echo "--- WebSocket on $port, no credentials: $(PUBLIC_HOST="$PUBLIC_HOST:18789" "$NODE24" "$WORK/ws-check.mjs" "$package_json" "ws://127.0.0.1:$port/" "$version")"
}

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family openclaw --port 18789 --host "$PUBLIC_HOST:18789" "$@")
}
HOW="node openclaw.mjs gateway run in a home set up by \`openclaw onboard --non-interactive --accept-risk --mode local --gateway-port <port> --auth-choice custom-api-key --custom-base-url http://127.0.0.1:9/v1 --custom-api-key <fake> …\` (npm openclaw@$VERSION, --ignore-scripts, on Node 24; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case default --url http://127.0.0.1:19890 --product OpenClaw --version "$VERSION" --verdict auth-required \
  --description "An OpenClaw gateway as its non-interactive onboarding leaves it (a generated gateway token, loopback bind): the Control UI shell answers anyone, its settings answer 401" \
  --how "$HOW"
ws_check "$OPENCLAW" 19890 v3
record --case password --url http://127.0.0.1:19900 --product OpenClaw --version "$VERSION" --verdict auth-required \
  --description "An OpenClaw gateway onboarded with a gateway password and bind lan (0.0.0.0): the Control UI shell answers anyone, its settings answer 401" \
  --how "$HOW, onboarded with --gateway-auth password --gateway-password <random> --gateway-bind lan"
ws_check "$OPENCLAW" 19900 v3
record --case auth-none --url http://127.0.0.1:19910 --product OpenClaw --version "$VERSION" --expect-version "$VERSION" --verdict unauthenticated \
  --description "An OpenClaw gateway with gateway.auth.mode none on loopback: its Control UI settings answer anyone, and its WebSocket makes a local-looking client with a made-up device identity an operator" \
  --how "$HOW, then \`openclaw config set gateway.auth.mode none\`"
ws_check "$OPENCLAW" 19910 v3
CLAWDBOT_HOW="node dist/entry.js gateway run in a home set up by \`clawdbot onboard --non-interactive --accept-risk --mode local --gateway-port <port> --auth-choice openai-api-key --openai-api-key <fake> …\` (npm clawdbot@$CLAWDBOT_VERSION with overrides libsignal@$LIBSIGNAL_VERSION, --ignore-scripts, on Node 24; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case clawdbot-default --url http://127.0.0.1:19920 --product Clawdbot --version "$CLAWDBOT_VERSION" --verdict auth-required \
  --description "A Clawdbot (OpenClaw's January 2026 name) gateway as its onboarding leaves it (a generated gateway token, loopback bind): every path answers the Control UI shell, and auth happens on the WebSocket only" \
  --how "$CLAWDBOT_HOW"
ws_check "$CLAWDBOT" 19920 v2
record --case clawdbot-auth-off --url http://127.0.0.1:19930 --product Clawdbot --version "$CLAWDBOT_VERSION" --verdict auth-required \
  --description "A Clawdbot gateway onboarded with --gateway-auth off (loopback): open on its WebSocket, yet over HTTP it answers exactly as with a token, so the probe identifies it without proving it open" \
  --how "$CLAWDBOT_HOW, onboarded with --gateway-auth off"
ws_check "$CLAWDBOT" 19930 v2
