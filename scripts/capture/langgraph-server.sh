#!/usr/bin/env bash
# Records the langgraph-server fixtures from a real LangGraph Agent Server: the in-memory server that
# `langgraph dev` starts (PyPI langgraph-cli[inmem]==0.4.40 with langgraph-api==0.16.7,
# langgraph-runtime-inmem==0.36.7, langgraph==1.2.24), serving a project written here: langgraph.json and a
# one-node StateGraph that returns its input (no model, no API key).
#   langgraph.json without "auth"                                   -> langgraph-server/open
#   langgraph.json "auth": {"path": "./auth.py:auth"}, a langgraph_sdk
#   Auth handler that raises 401 "Invalid API key" without x-api-key  -> langgraph-server/custom-auth
# Only in `langgraph dev` (API variant local_dev, no "disable_studio_auth"), a request with the header
# x-auth-scheme: langsmith skips the custom handler (Studio's no-op auth); the probe never sends it.
# Analytics, the version check, LangSmith tracing and the browser are off; the servers run in a fresh network
# namespace (`unshare -n`, root) whose only interface is lo, so nothing they try to reach leaves the machine.
# Usage: bash scripts/capture/langgraph-server.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.16.7
CLI_VERSION=0.4.40
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/langgraph-server"
OPEN_PORT=19520
AUTH_PORT=19521
PUBLIC_HOST=203.0.113.9

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" \
  "langgraph-cli[inmem]==$CLI_VERSION" "langgraph-api==$VERSION" "langgraph-runtime-inmem==0.36.7" "langgraph==1.2.24"
enter_isolated_netns "$0" "$@"

make_workdir langgraph-server

# project DIR [AUTH_JSON]: a LangGraph project in WORK/DIR: langgraph.json, the graph, and with AUTH_JSON (the
# langgraph.json "auth" entry) the auth handler it names.
project() {
  local dir="$WORK/$1" auth=${2:-}
  mkdir -p "$dir"
  cat >"$dir/graph.py" <<'EOF'
from typing import TypedDict

from langgraph.graph import END, START, StateGraph


class State(TypedDict, total=False):
    text: str


def echo(state: State) -> State:
    return state


builder = StateGraph(State)
builder.add_node("echo", echo)
builder.add_edge(START, "echo")
builder.add_edge("echo", END)
graph = builder.compile()
EOF
  if [ -n "$auth" ]; then
    cat >"$dir/auth.py" <<'EOF'
from langgraph_sdk import Auth

auth = Auth()


@auth.authenticate
async def authenticate(headers: dict) -> str:
    if headers.get(b"x-api-key") != b"capture-secret-key":
        raise Auth.exceptions.HTTPException(status_code=401, detail="Invalid API key")
    return "capture-user"
EOF
    auth=", \"auth\": $auth"
  fi
  printf '{"dependencies": ["."], "graphs": {"echo": "./graph.py:graph"}%s}\n' "$auth" >"$dir/langgraph.json"
}

# serve PORT DIR: `langgraph dev` for the project in WORK/DIR, waiting until /ok answers 2xx.
serve() {
  local port=$1 dir=$2
  serve_tracked "$WORK/langgraph-$port.log" "http://127.0.0.1:$port/ok" env -C "$WORK/$dir" \
    LANGGRAPH_CLI_NO_ANALYTICS=1 LANGGRAPH_NO_VERSION_CHECK=true LANGSMITH_TRACING=false LANGCHAIN_TRACING_V2=false \
    "$VENV/bin/langgraph" dev --no-browser --no-reload --host 127.0.0.1 --port "$port"
  wait_for_2xx "http://127.0.0.1:$port/ok" 60
}

project open
project custom-auth '{"path": "./auth.py:auth"}'
serve "$OPEN_PORT" open
serve "$AUTH_PORT" custom-auth
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family langgraph-server --port 8123 \
    --host "$PUBLIC_HOST:8123" --product langgraph-api --version "$VERSION" "$@")
}
BUILT="PyPI langgraph-cli[inmem]==$CLI_VERSION langgraph-api==$VERSION; a one-node StateGraph that returns its input; in an unshare -n namespace with only lo"
DEV="LANGGRAPH_CLI_NO_ANALYTICS=1 LANGSMITH_TRACING=false langgraph dev --no-browser --no-reload --host 127.0.0.1"
record --case open --url "http://127.0.0.1:$OPEN_PORT" --verdict unauthenticated --expect-version "$VERSION" \
  --description "LangGraph Agent Server (langgraph-api, here the in-memory server of langgraph dev) without custom auth: /info reports the version and flags, and the agent API answers anyone" \
  --how "$DEV (langgraph.json without \"auth\"; $BUILT)"
record --case custom-auth --url "http://127.0.0.1:$AUTH_PORT" --verdict auth-required --expect-version "$VERSION" \
  --description "LangGraph Agent Server with a custom auth handler (langgraph.json \"auth\") that rejects a request without credentials with 401; the meta routes (/, /info, /ok, /openapi.json) still answer" \
  --how "$DEV (langgraph.json \"auth\": {\"path\": \"./auth.py:auth\"}, a langgraph_sdk Auth handler raising HTTPException 401 \"Invalid API key\" without x-api-key; $BUILT)"
