"""A LangServe app for the conformance suite, no LLM: a RunnableLambda that adds one, mounted at
/add_one. PORT sets the loopback port. With LANGSERVE_TOKEN set, the app refuses every route without
that x-token header, through a FastAPI app-level dependency on APIKeyHeader as LangServe's own
auth example does (LangServe has no authentication of its own)."""
import os

import uvicorn
from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import APIKeyHeader
from langchain_core.runnables import RunnableLambda
from langserve import add_routes

token = os.environ.get("LANGSERVE_TOKEN") or None
x_token = APIKeyHeader(name="x-token")


async def verify_token(presented: str = Depends(x_token)) -> None:
    if presented != token:
        raise HTTPException(status_code=401, detail="X-Token header invalid")


app = FastAPI(title="conformance LangServe", version="0.0.1", dependencies=[Depends(verify_token)] if token else [])
add_routes(app, RunnableLambda(lambda x: x + 1).with_types(input_type=int, output_type=int), path="/add_one")

uvicorn.run(app, host="127.0.0.1", port=int(os.environ["PORT"]), log_level="info")
