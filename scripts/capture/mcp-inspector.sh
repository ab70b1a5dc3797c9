#!/usr/bin/env bash
# Records the MCP Inspector fixtures from real Inspectors of three generations, each installed from npm
# (@modelcontextprotocol/inspector, install scripts off) into a folder of its own under .venv-capture/mcp-inspector:
#   0.13.0, the last release before the proxy's session token (CVE-2025-49596); its proxy listens on every
#          interface and has no authentication                               -> proxy-no-token-0-13
#   1.0.3, the v1 proxy (port 6277) with its session token                    -> proxy-token
#          and with DANGEROUSLY_OMIT_AUTH=true (then it refuses a request that carries no Origin)
#                                                                             -> proxy-auth-disabled
#          and its UI (port 6274), a static page                              -> ui-v1
#   2.12.0, the v2 web server (UI and API on 6274) on the Lambda runtime's Node 24 (it needs Node >= 22.19), with its
#          API token (written into the page it serves)                        -> web-token
#          and with DANGEROUSLY_OMIT_AUTH=true                                -> web-auth-disabled
#          asked under a DNS name it was not told of (refused), then again naming localhost (its page, the
#          token in it)                                                       -> web-token-dns-name
# Each server runs with a two-variable environment (HOME and PATH), so the launch environment it hands out names nothing
# of this machine, no browser and no MCP server; the servers run in a fresh network namespace (`unshare -n`, root)
# whose only interface is lo.
# Usage: bash scripts/capture/mcp-inspector.sh   (needs root for unshare; the network only for npm)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/mcp-inspector"
V0=0.13.0
V1=1.0.3
V2=2.12.0
PUBLIC_HOST=203.0.113.12
# The machine's Node, by its path: the servers' PATH names only /usr/bin and /bin.
NODE=$(command -v node)

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"

# package_dir VERSION: where that release's package is installed.
package_dir() { echo "$PREFIX/$1/node_modules/@modelcontextprotocol/inspector"; }

if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  for version in "$V0" "$V1" "$V2"; do
    if [ "$(node -p "require('$(package_dir "$version")/package.json').version" 2>/dev/null)" != "$version" ]; then
      mkdir -p "$PREFIX/$version"
      echo '{"private": true}' >"$PREFIX/$version/package.json"
      npm install --prefix "$PREFIX/$version" --ignore-scripts --no-audit --no-fund --save-exact "@modelcontextprotocol/inspector@$version"
    fi
  done
fi
enter_isolated_netns "$0" "$@"

make_workdir mcp-inspector

# serve URL ENV… -- CMD…: starts CMD with only HOME, PATH and ENV… set, tracked, until URL answers.
serve() {
  local url=$1 vars=(HOME="$WORK/home" PATH=/usr/bin:/bin); shift
  while [ "$1" != -- ]; do vars+=("$1"); shift; done
  shift
  mkdir -p "$WORK/home"
  serve_tracked "$WORK/server-${#PIDS[@]}.log" "$url" env -i "${vars[@]}" "$@"
}

serve http://127.0.0.1:19601/health PORT=19601 -- "$NODE" "$PREFIX/$V0/node_modules/@modelcontextprotocol/inspector-server/build/index.js"
V1_SERVER="$PREFIX/$V1/node_modules/@modelcontextprotocol/inspector-server/build/index.js"
serve http://127.0.0.1:19602/health HOST=127.0.0.1 SERVER_PORT=19602 -- "$NODE" "$V1_SERVER"
serve http://127.0.0.1:19603/health HOST=127.0.0.1 SERVER_PORT=19603 DANGEROUSLY_OMIT_AUTH=true -- "$NODE" "$V1_SERVER"
serve http://127.0.0.1:19604/ HOST=127.0.0.1 CLIENT_PORT=19604 MCP_AUTO_OPEN_ENABLED=false -- \
  "$NODE" "$PREFIX/$V1/node_modules/@modelcontextprotocol/inspector-client/bin/client.js"
V2_WEB=(env MCP_AUTO_OPEN_ENABLED=false MCP_INSPECTOR_SECRET_STORE=memory MCP_SANDBOX_PORT=0 MCP_APP_ORIGIN_PORT=0
  "$NODE24" "$(package_dir "$V2")/clients/launcher/build/index.js" --web)
serve http://127.0.0.1:19605/healthz HOST=127.0.0.1 CLIENT_PORT=19605 MCP_STORAGE_DIR="$WORK/v2-token" -- "${V2_WEB[@]}"
serve http://127.0.0.1:19606/healthz HOST=127.0.0.1 CLIENT_PORT=19606 MCP_STORAGE_DIR="$WORK/v2-open" DANGEROUSLY_OMIT_AUTH=true -- "${V2_WEB[@]}"
echo "--- listeners in the namespace:"
ss -ltnp

# record PORT VERSION ARGS…: one case, as the internet would ask the given port.
record() {
  local port=$1 version=$2; shift 2
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family mcp-inspector --port "$port" --host "$PUBLIC_HOST:$port" \
    --product "MCP Inspector" --version "$version" "$@")
}
INSTALLED="npm @modelcontextprotocol/inspector@VERSION (npm install --ignore-scripts); environment: HOME and PATH only; in an unshare -n namespace with only lo"
installed() { echo "${INSTALLED/VERSION/$1}"; }
record 6277 "$V0" --case proxy-no-token-0-13 --url http://127.0.0.1:19601 --verdict unauthenticated \
  --description "MCP Inspector 0.13.0's proxy, the last release before the session token (CVE-2025-49596): the launch configuration is served to anyone, and its /stdio route starts any command" \
  --how "PORT=<port> node inspector-server/build/index.js (listens on every interface; $(installed "$V0") on Node $(node --version))"
record 6277 "$V1" --case proxy-token --url http://127.0.0.1:19602 --verdict auth-required \
  --description "MCP Inspector 1.0.3's proxy with its session token (the default): 401 \"Authentication required. Use the session token shown in the console\"" \
  --how "HOST=127.0.0.1 SERVER_PORT=<port> node inspector-server/build/index.js ($(installed "$V1") on Node $(node --version))"
record 6277 "$V1" --case proxy-auth-disabled --url http://127.0.0.1:19603 --verdict unauthenticated \
  --description "MCP Inspector 1.0.3's proxy with DANGEROUSLY_OMIT_AUTH=true: a request without an Origin is refused as 'invalid origin', which 1.x does only when authentication is off; any client that sends the expected Origin is served" \
  --how "HOST=127.0.0.1 SERVER_PORT=<port> DANGEROUSLY_OMIT_AUTH=true node inspector-server/build/index.js ($(installed "$V1") on Node $(node --version))"
record 6274 "$V1" --case ui-v1 --url http://127.0.0.1:19604 --verdict auth-required \
  --description "MCP Inspector 1.0.3's UI: a static page on every path; what it controls is the proxy on 6277, a target of its own" \
  --how "HOST=127.0.0.1 CLIENT_PORT=<port> MCP_AUTO_OPEN_ENABLED=false node inspector-client/bin/client.js ($(installed "$V1") on Node $(node --version))"
V2_HOW="HOST=127.0.0.1 CLIENT_PORT=<port> MCP_AUTO_OPEN_ENABLED=false MCP_INSPECTOR_SECRET_STORE=memory MCP_SANDBOX_PORT=0 MCP_APP_ORIGIN_PORT=0 MCP_STORAGE_DIR=<temp> node clients/launcher/build/index.js --web"
record 6274 "$V2" --case web-token --url http://127.0.0.1:19605 --verdict unauthenticated \
  --description "MCP Inspector 2.12.0 with its API token (the default): /api answers 401 without it, but the page on every other path carries it (window.__INSPECTOR_API_TOKEN__), so anyone who can load the page holds it" \
  --how "$V2_HOW ($(installed "$V2") on Node $("$NODE24" --version))"
record 6274 "$V2" --case web-auth-disabled --url http://127.0.0.1:19606 --verdict unauthenticated --expect-version "$V2" \
  --description "MCP Inspector 2.12.0 with DANGEROUSLY_OMIT_AUTH=true: /api/config answers with the launch environment and the version" \
  --how "$V2_HOW, DANGEROUSLY_OMIT_AUTH=true ($(installed "$V2") on Node $("$NODE24" --version))"
(cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family mcp-inspector --port 6274 --host "inspector.example.net:6274" \
  --product "MCP Inspector" --version "$V2" --case web-token-dns-name --url http://127.0.0.1:19605 --verdict unauthenticated \
  --description "MCP Inspector 2.12.0 with its API token (the default) asked under a DNS name it was not told of: 403 'Host \"…\" is not allowed' on every path but /healthz (a DNS-rebinding guard that IP literals and localhost pass), not authentication; asked again naming Host: localhost:6274, it serves its page with the API token in it (window.__INSPECTOR_API_TOKEN__), so it is open as web-token is" \
  --how "$V2_HOW ($(installed "$V2") on Node $("$NODE24" --version)), asked with Host: inspector.example.net:6274")
