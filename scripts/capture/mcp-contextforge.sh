#!/usr/bin/env bash
# Records the IBM MCP Context Forge fixtures from real gateways (PyPI mcp-contextforge-gateway, `mcpgateway`, a fresh SQLite
# database each), each with HOME, PATH, its database URL, its secrets and the settings named below as its only environment,
# in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   1.0.7.post20260921 with its defaults (AUTH_REQUIRED=true, admin UI off)                  -> default
#   the same with the admin UI and admin API on (MCPGATEWAY_UI_ENABLED=true, as its container
#     and quick-start guides run it)                                                          -> admin-ui
#   AUTH_REQUIRED=false, with one public REST tool the operator registered (with a token minted
#     from the JWT secret, as its docs show): /mcp lists it to anyone, the REST API answers 403 -> auth-disabled
#   AUTH_REQUIRED=false with ALLOW_UNAUTHENTICATED_ADMIN=true, nothing registered: anonymous
#     clients are platform admin, the REST listings answer [] and /mcp initializes            -> auth-disabled-admin
# The secrets (JWT_SECRET_KEY, AUTH_ENCRYPTION_SECRET, PLATFORM_ADMIN_PASSWORD, BASIC_AUTH_PASSWORD) are random for each
# run: the gateway refuses to start with a weak JWT secret, and no default credential is left in place. No public endpoint
# names the version (/version is admin-only whatever AUTH_REQUIRED says), so no fixture expects one.
# Usage: bash scripts/capture/mcp-contextforge.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=1.0.7.post20260921
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.32
VENV="$ROOT/.venv-capture/mcp-contextforge-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "mcp-contextforge-gateway==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir mcp-contextforge

# serve NAME PORT [ENV…]: `mcpgateway` on 127.0.0.1 with a home, a SQLite database and secrets of its own.
serve() {
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name"
  capture_password >"$WORK/$name/jwt-secret"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/health" \
    env -i HOME="$WORK/$name" PATH="$VENV/bin:/usr/bin:/bin" DATABASE_URL="sqlite:///$WORK/$name/mcp.db" \
    JWT_SECRET_KEY="$(cat "$WORK/$name/jwt-secret")" AUTH_ENCRYPTION_SECRET="$(capture_password)" \
    PLATFORM_ADMIN_PASSWORD="$(capture_password)" BASIC_AUTH_PASSWORD="$(capture_password)" "$@" \
    "$VENV/bin/mcpgateway" --host 127.0.0.1 --port "$port"
}
serve default 19840
serve admin-ui 19841 MCPGATEWAY_UI_ENABLED=true MCPGATEWAY_ADMIN_API_ENABLED=true
# The namespace has no DNS: without SSRF_DNS_FAIL_CLOSED=false the gateway refuses a tool whose host it cannot resolve.
serve auth-disabled 19842 AUTH_REQUIRED=false SSRF_DNS_FAIL_CLOSED=false
serve auth-disabled-admin 19843 AUTH_REQUIRED=false ALLOW_UNAUTHENTICATED_ADMIN=true
echo "--- listeners in the namespace:"
ss -ltnp

# The operator's step before auth-disabled is recorded: one public REST tool, registered with an admin token minted from the
# gateway's JWT secret (mcpgateway.utils.create_jwt_token, as its docs do). The gateway never calls its URL here.
TOKEN=$(env -i HOME="$WORK/auth-disabled" PATH=/usr/bin:/bin JWT_SECRET_KEY="$(cat "$WORK/auth-disabled/jwt-secret")" \
  "$VENV/bin/python" -m mcpgateway.utils.create_jwt_token --username admin@example.com --admin --exp 5 2>/dev/null | tail -1)
status=$(curl -s -o "$WORK/operator-answer" -w '%{http_code}' -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
  --data '{"tool":{"name":"weather_lookup","url":"https://weather.example.com/v1/current","description":"Looks up the current weather for a city","integration_type":"REST","request_type":"GET","visibility":"public","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}' \
  http://127.0.0.1:19842/v1/tools)
[ "$status" = 200 ] || { echo "registering the tool answered $status" >&2; cat "$WORK/operator-answer" >&2; exit 1; }
unset TOKEN
echo "--- with AUTH_REQUIRED=false, the REST tool list refuses an anonymous client, and /mcp lists the tool to it:"
curl -s -w ' (%{http_code})\n' 'http://127.0.0.1:19842/v1/tools?limit=1'
curl -s -w ' (%{http_code})\n' -H 'accept: application/json, text/event-stream' -H 'content-type: application/json' \
  --data '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' http://127.0.0.1:19842/mcp
echo "--- with its defaults, both refuse:"
curl -s -w ' (%{http_code})\n' 'http://127.0.0.1:19840/v1/tools?limit=1'
curl -s -w ' (%{http_code})\n' -H 'accept: application/json, text/event-stream' -H 'content-type: application/json' \
  --data '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' http://127.0.0.1:19840/mcp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family mcp-contextforge --port 4444 --host "$PUBLIC_HOST:4444" \
    --product "MCP Context Forge" --version "$VERSION" --python-env "$VENV" "$@")
}
HOW="mcpgateway --host 127.0.0.1 --port <port> (PyPI mcp-contextforge-gateway==$VERSION; environment: HOME, PATH, DATABASE_URL=sqlite:///<a fresh folder>/mcp.db, JWT_SECRET_KEY, AUTH_ENCRYPTION_SECRET, PLATFORM_ADMIN_PASSWORD and BASIC_AUTH_PASSWORD <random each>, and the settings named before the command, only; in an unshare -n namespace with only lo)"
record --case default --url http://127.0.0.1:19840 --verdict auth-required \
  --description "A Context Forge gateway with its defaults (AUTH_REQUIRED=true, admin UI off): /mcp and the REST API answer 401 without a token; /health and / stay public" \
  --how "$HOW"
record --case admin-ui --url http://127.0.0.1:19841 --verdict auth-required \
  --description "A Context Forge gateway with its admin UI and admin API on and auth on: / sends browsers to /admin/, which answers 401 without a session like /mcp and the REST API" \
  --how "MCPGATEWAY_UI_ENABLED=true MCPGATEWAY_ADMIN_API_ENABLED=true $HOW"
record --case auth-disabled --url http://127.0.0.1:19842 --verdict unauthenticated \
  --description "A Context Forge gateway with AUTH_REQUIRED=false and one public REST tool registered by its admin: /mcp initializes and lists the tool to anyone, while the REST API answers 403 to anonymous clients" \
  --how "AUTH_REQUIRED=false SSRF_DNS_FAIL_CLOSED=false $HOW; then one public REST tool (weather_lookup, https://weather.example.com/v1/current) registered with POST /v1/tools and an admin token minted from the JWT secret"
record --case auth-disabled-admin --url http://127.0.0.1:19843 --verdict unauthenticated \
  --description "A Context Forge gateway with AUTH_REQUIRED=false and ALLOW_UNAUTHENTICATED_ADMIN=true, nothing registered: anonymous clients are platform admin, its REST listings answer [] and /mcp initializes" \
  --how "AUTH_REQUIRED=false ALLOW_UNAUTHENTICATED_ADMIN=true $HOW"
