#!/usr/bin/env bash
# Records the OmniRoute fixtures from real gateways: npm omniroute@3.7.9 (`omniroute`, its Next.js standalone server), run
# with the Lambda runtime's Node 24, each with a DATA_DIR of its own (SQLite) and HOME, PATH and the settings named below as
# its only environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   its defaults on first start (REQUIRE_API_KEY unset, no INITIAL_PASSWORD, nothing configured)           -> default
#   INITIAL_PASSWORD set, and one OpenAI API key (fake) the operator added through the management API    -> provider-key
#   the same with REQUIRE_API_KEY=true                                                                     -> require-api-key
#   as require-api-key, then the dashboard login turned off (requireLogin=false) by the operator            -> login-disabled
# Install, into .venv-capture/omniroute-3.7.9 with a package.json of its own: `npm install --ignore-scripts` (the postinstall
# script would fetch better-sqlite3 binaries from GitHub), with better-sqlite3 overridden to 13.2.0, whose N-API prebuilt
# ships in the npm package, copied over the bundle's 12.9.0 in app/node_modules: 12.x aborts on Node 24.19+ when a statement
# is garbage-collected (`Assertion failed: (env) != nullptr` in RemoveEnvironmentCleanupHook, nodejs/node#65446), and the
# system's Node 20 lacks util.markAsUncloneable, which the bundle's undici calls at start.
# Usage: bash scripts/capture/omniroute.sh   (needs root for unshare; the network only for npm)
set -euo pipefail

VERSION=3.7.9
SQLITE_VERSION=13.2.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/omniroute-$VERSION"
APP="$PREFIX/node_modules/omniroute"
PUBLIC_HOST=203.0.113.41

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_npm_package "$PREFIX" omniroute "$VERSION" "{\"better-sqlite3\": \"$SQLITE_VERSION\"}"
  if [ "$("$NODE24" -p "require('$APP/app/node_modules/better-sqlite3/package.json').version" 2>/dev/null)" != "$SQLITE_VERSION" ]; then
    rm -rf "$APP/app/node_modules/better-sqlite3"
    cp -r "$PREFIX/node_modules/better-sqlite3" "$APP/app/node_modules/better-sqlite3"
  fi
fi
enter_isolated_netns "$0" "$@"

make_workdir omniroute

# serve NAME PORT [ENV…]: `omniroute` with a DATA_DIR and HOME of its own; its bin starts `node` from PATH (Node 24).
serve() {
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name/home" "$WORK/$name/data"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/api/monitoring/health" \
    env -i HOME="$WORK/$name/home" PATH="$NODE24_DIR/bin:/usr/bin:/bin" DATA_DIR="$WORK/$name/data" "$@" \
    "$NODE24" "$APP/bin/omniroute.mjs" --port "$port" --no-open
}
OWNER_PASSWORD=$(capture_password)
serve default 19950
serve provider-key 19951 INITIAL_PASSWORD="$OWNER_PASSWORD"
serve require-api-key 19952 INITIAL_PASSWORD="$OWNER_PASSWORD" REQUIRE_API_KEY=true
serve login-disabled 19953 INITIAL_PASSWORD="$OWNER_PASSWORD" REQUIRE_API_KEY=true
echo "--- listeners in the namespace:"
ss -ltnp

# The operator's step on the two configured gateways: log in with INITIAL_PASSWORD, then add one OpenAI API key (fake; the
# namespace has no route to OpenAI) with POST /api/providers, as the dashboard's Providers page does.
add_provider() {
  local port=$1
  curl -sf -o /dev/null -c "$WORK/cookies-$port" -H 'content-type: application/json' \
    --data "{\"password\":\"$OWNER_PASSWORD\"}" "http://127.0.0.1:$port/api/auth/login"
  status=$(curl -s -o "$WORK/operator-answer" -w '%{http_code}' -b "$WORK/cookies-$port" -H 'content-type: application/json' \
    --data '{"provider":"openai","apiKey":"sk-capture-not-a-real-key-0000000000000000","name":"capture-openai"}' \
    "http://127.0.0.1:$port/api/providers")
  [ "$status" = 201 ] || { echo "adding the provider answered $status" >&2; cat "$WORK/operator-answer" >&2; exit 1; }
}
add_provider 19951
add_provider 19952
add_provider 19953
# Then, on login-disabled, the dashboard's "Require login" switch turned off (Settings → Security).
status=$(curl -s -o "$WORK/operator-answer" -w '%{http_code}' -b "$WORK/cookies-19953" -H 'content-type: application/json' \
  --data '{"requireLogin":false}' http://127.0.0.1:19953/api/settings/require-login)
[ "$status" = 200 ] || { echo "turning the login off answered $status" >&2; cat "$WORK/operator-answer" >&2; exit 1; }
unset OWNER_PASSWORD

echo "--- what an anonymous client gets from the outside (Host $PUBLIC_HOST): the model list, the management API"
for port in 19950 19951 19952 19953; do
  curl -s -H "Host: $PUBLIC_HOST:20128" -w ' (%{http_code})\n' "http://127.0.0.1:$port/v1/models" | cut -c1-160
  curl -s -H "Host: $PUBLIC_HOST:20128" -w ' (%{http_code})\n' "http://127.0.0.1:$port/api/providers" | cut -c1-160
done

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family omniroute --port 20128 --host "$PUBLIC_HOST:20128" \
    --product OmniRoute --version "$VERSION" --expect-version "$VERSION" "$@")
}
# The first 20 (the most an alert lists) of the 21 models 3.7.9's catalog names for an OpenAI API key.
OPENAI_MODELS=openai/gpt-5.5,openai/gpt-5.4,openai/gpt-5.4-mini,openai/gpt-5.4-nano,openai/gpt-4.1,openai/gpt-4o,openai/o4-mini,openai/o3,openai/text-embedding-3-small,openai/text-embedding-3-large,openai/text-embedding-ada-002,openai/gpt-image-2,openai/gpt-image-1.5,openai/gpt-image-1-mini,openai/whisper-1,openai/gpt-4o-transcription,openai/tts-1,openai/tts-1-hd,openai/gpt-4o-mini-tts,openai/omni-moderation-latest
HOW="omniroute --port <port> --no-open (npm omniroute@$VERSION, --ignore-scripts, better-sqlite3 $SQLITE_VERSION in the bundle, on Node 24; environment: HOME, PATH, DATA_DIR=<a fresh folder> and the settings named before the command, only; in an unshare -n namespace with only lo)"
record --case default --url http://127.0.0.1:19950 --verdict unauthenticated \
  --description "OmniRoute on first start with its defaults (REQUIRE_API_KEY off, no INITIAL_PASSWORD, no provider yet): the OpenAI-compatible /v1 API answers without a key (an empty model list), the management API answers 401" \
  --how "$HOW"
record --case provider-key --url http://127.0.0.1:19951 --verdict unauthenticated --expect-models "$OPENAI_MODELS" \
  --description "OmniRoute with a dashboard password (INITIAL_PASSWORD) and one OpenAI API key, REQUIRE_API_KEY off (the default): /v1/models lists the provider's models to anyone, and /v1/chat/completions routes anonymous requests through the owner's key; the management API answers 401" \
  --how "INITIAL_PASSWORD=<random> $HOW; then POST /api/auth/login and POST /api/providers {provider: openai, apiKey: <fake>} as the operator"
record --case require-api-key --url http://127.0.0.1:19952 --verdict auth-required \
  --description "OmniRoute as provider-key but with REQUIRE_API_KEY=true: /v1/models answers 401 AUTH_002 without one of its API keys" \
  --how "INITIAL_PASSWORD=<random> REQUIRE_API_KEY=true $HOW; then POST /api/auth/login and POST /api/providers {provider: openai, apiKey: <fake>} as the operator"
record --case login-disabled --url http://127.0.0.1:19953 --verdict unauthenticated \
  --description "OmniRoute as require-api-key, then the dashboard login turned off (requireLogin=false): /v1/models still wants an API key, but the whole management API answers anyone (GET /api/cache, /api/providers, /api/settings; writes too)" \
  --how "INITIAL_PASSWORD=<random> REQUIRE_API_KEY=true $HOW; then POST /api/auth/login, POST /api/providers {provider: openai, apiKey: <fake>} and POST /api/settings/require-login {requireLogin: false} as the operator"
