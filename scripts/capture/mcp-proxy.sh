#!/usr/bin/env bash
# Records a generic MCP fixture from a real mcp-proxy (PyPI mcp-proxy), the bridge that serves a stdio MCP server over
# Streamable HTTP and SSE, here in front of a one-tool FastMCP server of the same venv's MCP SDK, with HOME and PATH as its
# only environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   0.13.0 (it has no authentication of its own)   -> mcp-streamable-http/mcp-proxy-open
# No named family: it answers as the generic MCP families expect, which this fixture holds them to.
# The version the fixture expects is the one the proxied server names in its serverInfo: FastMCP names its SDK's (mcp).
# Usage: bash scripts/capture/mcp-proxy.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.13.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.37
# mcp-proxy listens on a random port unless told: any port will do, and this one no family lists.
PUBLIC_PORT=8096
PORT=19851
VENV="$ROOT/.venv-capture/mcp-proxy-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "mcp-proxy==$VERSION"
enter_isolated_netns "$0" "$@"
MCP_SDK_VERSION=$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("mcp"))')

make_workdir mcp-proxy
cat >"$WORK/stdio_server.py" <<'PYTHON'
from mcp.server.fastmcp import FastMCP

server = FastMCP("inventory-lookup")


@server.tool()
def lookup_part(part_number: str) -> str:
    """Looks up a part in the inventory."""
    return f"part {part_number}: 3 in stock"


server.run()
PYTHON
serve_tracked "$WORK/proxy.log" "http://127.0.0.1:$PORT/status" \
  env -i HOME="$WORK" PATH="$VENV/bin:/usr/bin:/bin" "$VENV/bin/mcp-proxy" --host 127.0.0.1 --port "$PORT" -- "$VENV/bin/python" "$WORK/stdio_server.py"
echo "--- listeners in the namespace:"
ss -ltnp

(cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family mcp-streamable-http --case mcp-proxy-open --url "http://127.0.0.1:$PORT" \
  --port "$PUBLIC_PORT" --host "$PUBLIC_HOST:$PUBLIC_PORT" --product mcp-proxy --version "$VERSION" --expect-version "$MCP_SDK_VERSION" --verdict unauthenticated --python-env "$VENV" \
  --description "An mcp-proxy serving a stdio MCP server of one tool over Streamable HTTP and SSE (it has no authentication): /mcp initializes and lists the tool to anyone" \
  --how "mcp-proxy --host 127.0.0.1 --port <port> -- python <a FastMCP stdio server of one tool> (PyPI mcp-proxy==$VERSION; environment: HOME and PATH only; in an unshare -n namespace with only lo)")
