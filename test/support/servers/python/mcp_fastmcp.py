"""A tiny MCP server on the official Python SDK (FastMCP, Streamable HTTP at /mcp), with one tool, `echo`.
PORT sets the loopback port. Stateful, as FastMCP is by default: each initialize opens a session that the
server keeps until the client ends it with DELETE, and requests other than initialize are refused before
the client's `notifications/initialized`. MCP_STATELESS=1 runs it stateless instead. It answers any Host, as
FastMCP does when bound to 0.0.0.0 (an exposed server); HOST_CHECK=1 keeps the DNS-rebinding Host check
FastMCP turns on by itself when bound to 127.0.0.1. GET /test/sessions tells the test how many sessions are open."""
import os

from mcp.server.fastmcp import FastMCP
from mcp.server.transport_security import TransportSecuritySettings
from starlette.requests import Request
from starlette.responses import JSONResponse

port = int(os.environ["PORT"])
mcp = FastMCP(
    "conformance-fastmcp",
    host="127.0.0.1",
    port=port,
    stateless_http=os.environ.get("MCP_STATELESS") == "1",
    transport_security=None if os.environ.get("HOST_CHECK") == "1" else TransportSecuritySettings(enable_dns_rebinding_protection=False),
)


@mcp.tool()
def echo(text: str) -> str:
    """Returns its input."""
    return text


@mcp.custom_route("/test/sessions", methods=["GET"])
async def sessions(_request: Request) -> JSONResponse:
    # The session manager keeps one server instance per open session (no public count in the SDK).
    return JSONResponse({"open": len(mcp.session_manager._server_instances)})


mcp.run(transport="streamable-http")
