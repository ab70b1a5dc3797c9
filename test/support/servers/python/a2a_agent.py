"""A tiny A2A agent on the official a2a-sdk (Starlette), no LLM: it echoes the text it is sent.
PORT sets the loopback port; A2A_CARD_PATH mounts the SDK's card route at another path (default: the
SDK's /.well-known/agent-card.json). With A2A_TOKEN set, the agent card declares a bearer security scheme
and a middleware refuses every request but the (public by design) agent card without that token."""
import os

import uvicorn
from starlette.applications import Starlette
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import JSONResponse

from a2a.helpers import new_text_message
from a2a.server.agent_execution import AgentExecutor
from a2a.server.request_handlers import DefaultRequestHandler
from a2a.server.routes import create_agent_card_routes, create_jsonrpc_routes
from a2a.server.tasks import InMemoryTaskStore
from a2a.types import (
    AgentCapabilities,
    AgentCard,
    AgentInterface,
    AgentSkill,
    HTTPAuthSecurityScheme,
    SecurityRequirement,
    SecurityScheme,
    StringList,
)
from a2a.utils import AGENT_CARD_WELL_KNOWN_PATH

port = int(os.environ["PORT"])
token = os.environ.get("A2A_TOKEN") or None
base = f"http://127.0.0.1:{port}/"
card_path = os.environ.get("A2A_CARD_PATH") or AGENT_CARD_WELL_KNOWN_PATH


class EchoExecutor(AgentExecutor):
    async def execute(self, context, event_queue):
        await event_queue.enqueue_event(new_text_message(context.get_user_input()))

    async def cancel(self, context, event_queue):
        raise NotImplementedError("echo tasks finish at once")


# The card declares the bearer scheme and requires it for every call (A2A 1.0 securitySchemes and securityRequirements).
security = (
    {
        "security_schemes": {"bearer": SecurityScheme(http_auth_security_scheme=HTTPAuthSecurityScheme(scheme="Bearer"))},
        "security_requirements": [SecurityRequirement(schemes={"bearer": StringList()})],
    }
    if token
    else {}
)

card = AgentCard(
    name="conformance echo agent",
    description="Echoes the text it is sent",
    version="0.0.1",
    supported_interfaces=[AgentInterface(url=base, protocol_binding="JSONRPC", protocol_version="1.0")],
    capabilities=AgentCapabilities(streaming=False),
    default_input_modes=["text/plain"],
    default_output_modes=["text/plain"],
    skills=[AgentSkill(id="echo", name="echo", description="Returns its input", tags=["echo"])],
    **security,
)


class RequireBearer(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        if request.url.path == card_path or request.headers.get("authorization") == f"Bearer {token}":
            return await call_next(request)
        return JSONResponse({"error": "unauthorized"}, status_code=401, headers={"WWW-Authenticate": "Bearer"})


handler = DefaultRequestHandler(agent_executor=EchoExecutor(), task_store=InMemoryTaskStore(), agent_card=card)
app = Starlette(routes=[*create_agent_card_routes(card, card_url=card_path), *create_jsonrpc_routes(handler, rpc_url="/")])
if token:
    app.add_middleware(RequireBearer)

uvicorn.run(app, host="127.0.0.1", port=port, log_level="info")
