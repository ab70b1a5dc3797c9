#!/usr/bin/env bash
# Records the MCPJam Inspector fixture from a real MCPJam Inspector: npm @mcpjam/inspector@1.0.24 (the newest release
# this registry serves; install scripts off, about 1 min, 1.2 GB), its server run as its launcher runs it (NODE_ENV=production,
# from the package folder, which holds the built page and .env.production) with HOME and PATH as its only other
# environment. 1.0.x has no authentication and always listens on every interface (CVE-2026-23744), so it runs in a fresh
# network namespace (`unshare -n`, root) whose only interface is lo; the telemetry it starts cannot leave it.
#   the API answers without a token                                      -> open
# The session-token releases (1.5.0 and later) are not served here; their fixture is transcribed from source
# (test/fixtures/mcpjam-inspector/session-token.json).
# Usage: bash scripts/capture/mcpjam-inspector.sh   (needs root for unshare; the network only for npm)
set -euo pipefail

VERSION=1.0.24
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/mcpjam-inspector"
APP="$PREFIX/node_modules/@mcpjam/inspector"
PORT=19610
PUBLIC_HOST=203.0.113.13

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  if [ "$(node -p "require('$APP/package.json').version" 2>/dev/null)" != "$VERSION" ]; then
    mkdir -p "$PREFIX"
    echo '{"private": true}' >"$PREFIX/package.json"
    npm install --prefix "$PREFIX" --ignore-scripts --no-audit --no-fund --save-exact "@mcpjam/inspector@$VERSION"
  fi
fi
enter_isolated_netns "$0" "$@"

make_workdir mcpjam-inspector
mkdir -p "$WORK/home"
(cd "$APP" && exec setsid env -i HOME="$WORK/home" PATH=/usr/bin:/bin NODE_ENV=production PORT="$PORT" \
  "$(command -v node)" dist/server/index.js >"$WORK/server.log" 2>&1) &
SERVER_PGID=$!
wait_until_up "$WORK/server.log" curl -sf -o /dev/null "http://127.0.0.1:$PORT/health"
echo "--- listeners in the namespace:"
ss -ltnp

(cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family mcpjam-inspector --port 6274 --host "$PUBLIC_HOST:6274" \
  --product "MCPJam Inspector" --version "$VERSION" --case open --url "http://127.0.0.1:$PORT" --verdict unauthenticated \
  --description "MCPJam Inspector 1.0.24, which has no authentication (CVE-2026-23744): its API answers anyone, /api/mcp-cli-config with the MCP server it was started with (none here)" \
  --how "NODE_ENV=production PORT=<port> node dist/server/index.js in the package folder (npm @mcpjam/inspector@$VERSION, npm install --ignore-scripts, on Node $(node --version); environment: HOME and PATH only; in an unshare -n namespace with only lo)")
