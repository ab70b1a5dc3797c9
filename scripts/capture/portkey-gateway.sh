#!/usr/bin/env bash
# Records the Portkey AI Gateway fixtures from real gateways: npm @portkey-ai/gateway@1.15.2 (build/start-server.js, what
# `npx @portkey-ai/gateway` starts), run with the Lambda runtime's Node 24, HOME and PATH as its only environment, in a fresh
# network namespace (`unshare -n`, root) whose only interface is lo. The open-source gateway has no authentication of its
# own (no API key setting; every caller brings the provider and its key in headers), so both cases are open:
#   its defaults (the request-log console at /public/ and the log stream /log/stream on)   -> default
#   --headless (the console and the log stream off; NODE_ENV=production does the same)    -> headless
# Install, into .venv-capture/portkey-gateway-1.15.2: `npm install --ignore-scripts` (its postinstall only runs
# patch-package, whose patches the npm package does not ship).
# Usage: bash scripts/capture/portkey-gateway.sh   (needs root for unshare; the network only for npm)
set -euo pipefail

VERSION=1.15.2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/portkey-gateway-$VERSION"
APP="$PREFIX/node_modules/@portkey-ai/gateway/build/start-server.js"
PUBLIC_HOST=203.0.113.42

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_npm_package "$PREFIX" @portkey-ai/gateway "$VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir portkey-gateway

# serve NAME PORT [ARG…]: the gateway with a HOME of its own; --port=PORT is how it takes a port (default 8787).
serve() {
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name/home"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/" \
    env -i HOME="$WORK/$name/home" PATH="$NODE24_DIR/bin:/usr/bin:/bin" "$NODE24" "$APP" --port="$port" "$@"
}
serve default 19960
serve headless 19961 --headless
echo "--- listeners in the namespace:"
ss -ltnp

echo "--- what an anonymous client gets from the outside (Host $PUBLIC_HOST): /, /v1/models, the console"
for port in 19960 19961; do
  curl -s -H "Host: $PUBLIC_HOST:8787" -w ' (%{http_code})\n' "http://127.0.0.1:$port/"
  curl -s -H "Host: $PUBLIC_HOST:8787" -w ' (%{http_code})\n' "http://127.0.0.1:$port/v1/models"
  curl -s -o /dev/null -H "Host: $PUBLIC_HOST:8787" -w '/public/ (%{http_code})\n' "http://127.0.0.1:$port/public/"
done

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family portkey-gateway --port 8787 --host "$PUBLIC_HOST:8787" \
    --product "Portkey AI Gateway" --version "$VERSION" "$@")
}
HOW="node build/start-server.js --port=<port> (npm @portkey-ai/gateway@$VERSION, --ignore-scripts, on Node 24; what npx @portkey-ai/gateway starts; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case default --url http://127.0.0.1:19960 --verdict unauthenticated \
  --description "Portkey AI Gateway with its defaults: / answers its greeting, /v1/models wants only a provider header (no key of the gateway's own exists), and the request-log console (/public/) and its log stream (/log/stream) answer anyone" \
  --how "$HOW"
record --case headless --url http://127.0.0.1:19961 --verdict unauthenticated \
  --description "Portkey AI Gateway with --headless: the console and the log stream are off (404), but the gateway relays anyone's requests as with its defaults" \
  --how "${HOW/--port=<port>/--port=<port> --headless}"
