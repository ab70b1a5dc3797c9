"""A LangServe app for the conformance suite, no LLM: a RunnableLambda that adds one, mounted at
/add_one. PORT sets the loopback port. LangServe has no authentication of its own; with
LANGSERVE_TOKEN set, the routes refuse requests without that x-token header the two ways LangServe's
auth examples show: LANGSERVE_AUTH=api-key (default) an app-level dependency on FastAPI's
APIKeyHeader, LANGSERVE_AUTH=header a plain Header() dependency passed to add_routes."""
import os
from typing import Annotated

import uvicorn
from fastapi import Depends, FastAPI, Header, HTTPException
from fastapi.security import APIKeyHeader
from langchain_core.runnables import RunnableLambda
from langserve import add_routes

token = os.environ.get("LANGSERVE_TOKEN") or None
mode = os.environ.get("LANGSERVE_AUTH", "api-key")


async def verify_api_key(presented: str = Depends(APIKeyHeader(name="x-token"))) -> None:
    if presented != token:
        raise HTTPException(status_code=401, detail="X-Token header invalid")


async def verify_header(x_token: Annotated[str, Header()]) -> None:
    if x_token != token:
        raise HTTPException(status_code=401, detail="X-Token header invalid")


app_dependencies = [Depends(verify_api_key)] if token and mode == "api-key" else []
route_dependencies = [Depends(verify_header)] if token and mode == "header" else []

app = FastAPI(title="conformance LangServe", version="0.0.1", dependencies=app_dependencies)
add_routes(
    app,
    RunnableLambda(lambda x: x + 1).with_types(input_type=int, output_type=int),
    path="/add_one",
    dependencies=route_dependencies,
)

uvicorn.run(app, host="127.0.0.1", port=int(os.environ["PORT"]), log_level="info")
