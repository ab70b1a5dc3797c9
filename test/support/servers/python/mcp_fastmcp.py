"""A tiny MCP server on the official Python SDK (FastMCP, Streamable HTTP at /mcp), with one tool, `echo`.
PORT sets the loopback port. Stateful, as FastMCP is by default: each initialize opens a session that the
server keeps until the client ends it with DELETE, and requests other than initialize are refused before
the client's `notifications/initialized`. MCP_STATELESS=1 runs it stateless instead. It answers any Host, as
FastMCP does when bound to 0.0.0.0 (an exposed server); HOST_CHECK=1 keeps the DNS-rebinding Host check
FastMCP turns on by itself when bound to 127.0.0.1. MOUNTED=1 serves it as web apps mount it instead: at / inside a
Starlette app that mounts it at /mcp, where POST /mcp is redirected (307) to /mcp/. GET /test/sessions tells the test
how many sessions are open."""
import os

import uvicorn
from mcp.server.fastmcp import FastMCP
from mcp.server.transport_security import TransportSecuritySettings
from starlette.requests import Request
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route

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


async def sessions(_request: Request) -> JSONResponse:
    # The session manager keeps one server instance per open session (no public count in the SDK).
    return JSONResponse({"open": len(mcp.session_manager._server_instances)})


if os.environ.get("MOUNTED") == "1":
    mcp.settings.streamable_http_path = "/"
    mounted = mcp.streamable_http_app()
    # A mounted app's lifespan is not run by the app that mounts it: the session manager is started here.
    app = Starlette(
        routes=[Route("/test/sessions", sessions), Mount("/mcp", app=mounted)],
        lifespan=lambda _app: mcp.session_manager.run(),
    )
    uvicorn.run(app, host="127.0.0.1", port=port)
else:
    mcp.custom_route("/test/sessions", methods=["GET"])(sessions)
    mcp.run(transport="streamable-http")
