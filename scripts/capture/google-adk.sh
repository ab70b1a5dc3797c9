#!/usr/bin/env bash
# Records the Google ADK fixtures from real ADK servers (PyPI google-adk, `adk web` and `adk api_server` on an agents folder
# of one agent, weather_agent, whose model is never reached), each with HOME and PATH as its only environment, in a fresh
# network namespace (`unshare -n`, root) whose only interface is lo. ADK has no authentication switch, so the cases are
# its binds and commands:
#   2.13.0 adk web --host 0.0.0.0 (dev UI and API)                                      -> web-open
#   2.13.0 adk api_server --host 0.0.0.0 (API only)                                     -> api-server-open
#   2.13.0 adk web on its default 127.0.0.1: its DNS-rebinding guard refuses a public Host; asked again naming
#     Host: localhost:8000, the same open dev UI and API                                  -> web-default-public-host
#   1.18.0 (November 2025) adk web on its default 127.0.0.1: no Host guard yet, the open
#     /builder routes, /openapi.json answers 500                                          -> web-1.18.0
# 1.18.0 is installed with uv as of its release day (--exclude-newer): its dependencies as they were then.
# Usage: bash scripts/capture/google-adk.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=2.13.0
OLD_VERSION=1.18.0
OLD_RELEASED=2025-11-06
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.41
VENV="$ROOT/.venv-capture/google-adk-$VERSION"
OLD_VENV="$ROOT/.venv-capture/google-adk-$OLD_VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" "google-adk==$VERSION"
  ensure_venv_with_uv "$OLD_VENV" --exclude-newer "$OLD_RELEASED" "google-adk==$OLD_VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir google-adk
mkdir -p "$WORK/agents/weather_agent"
echo 'from . import agent' >"$WORK/agents/weather_agent/__init__.py"
cat >"$WORK/agents/weather_agent/agent.py" <<'PYTHON'
from google.adk.agents import Agent


def get_weather(city: str) -> dict:
    """Returns a canned weather report for a city."""
    return {"city": city, "report": "sunny"}


root_agent = Agent(
    name="weather_agent",
    model="gemini-2.5-flash",
    description="Answers questions about the weather.",
    instruction="Answer questions about the weather with the get_weather tool.",
    tools=[get_weather],
)
PYTHON

# serve NAME VENV PORT ADK_ARG…: `adk …` on the agents folder, with a home of its own.
serve() {
  local name=$1 venv=$2 port=$3; shift 3
  mkdir -p "$WORK/$name/home"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/health" \
    env -i HOME="$WORK/$name/home" PATH="$venv/bin:/usr/bin:/bin" "$venv/bin/adk" "$@" --port "$port" "$WORK/agents"
}
serve web-open "$VENV" 19850 web --host 0.0.0.0
serve api-server-open "$VENV" 19851 api_server --host 0.0.0.0
serve web-default "$VENV" 19852 web
# 1.18.0 has no /health: any answer will do.
serve_tracked "$WORK/web-old.log" "http://127.0.0.1:19853/list-apps" \
  env -i HOME="$WORK/web-old-home" PATH="$OLD_VENV/bin:/usr/bin:/bin" "$OLD_VENV/bin/adk" web --port 19853 "$WORK/agents"
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- the agents, to anyone, and on a loopback bind of $VERSION only with a loopback Host:"
curl -s -w ' (%{http_code})\n' -H "Host: $PUBLIC_HOST:8000" http://127.0.0.1:19850/list-apps
curl -s -w ' (%{http_code})\n' -H "Host: $PUBLIC_HOST:8000" http://127.0.0.1:19852/list-apps
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19852/list-apps

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family google-adk --port 8000 --host "$PUBLIC_HOST:8000" \
    --product "Google ADK" "$@")
}
HOW="--port <port> <an agents folder of one agent> (environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case web-open --url http://127.0.0.1:19850 --version "$VERSION" --expect-version "$VERSION" --python-env "$VENV" \
  --verdict unauthenticated \
  --description "adk web bound to all interfaces (no authentication exists): / redirects to the dev UI, /list-apps names the agents, and anyone can read sessions and run the agents" \
  --how "adk web --host 0.0.0.0 $HOW (PyPI google-adk==$VERSION)"
record --case api-server-open --url http://127.0.0.1:19851 --version "$VERSION" --expect-version "$VERSION" --python-env "$VENV" \
  --verdict unauthenticated \
  --description "adk api_server bound to all interfaces: no dev UI (/ is FastAPI's 404), the same open API, its OpenAPI document listing /list-apps" \
  --how "adk api_server --host 0.0.0.0 $HOW (PyPI google-adk==$VERSION)"
record --case web-default-public-host --url http://127.0.0.1:19852 --version "$VERSION" --expect-version "$VERSION" --python-env "$VENV" \
  --verdict unauthenticated \
  --description "adk web on its default 127.0.0.1 bind (behind a port forward), asked with a public Host: every path answers 403 \"Forbidden: host not allowed\" (its DNS-rebinding guard, a Host policy, not authentication); asked again naming Host: localhost:8000, it is open: / redirects to the dev UI, /version names $VERSION and /list-apps names the agents" \
  --how "adk web $HOW (PyPI google-adk==$VERSION)"
record --case "web-$OLD_VERSION" --url http://127.0.0.1:19853 --version "$OLD_VERSION" --python-env "$OLD_VENV" \
  --verdict unauthenticated \
  --description "adk web $OLD_VERSION on its default 127.0.0.1 bind, which has no Host guard yet: / redirects to the dev UI, /openapi.json answers 500, /list-apps names the agents; its /builder/save lets anyone write agent code" \
  --how "adk web $HOW (PyPI google-adk==$OLD_VERSION, installed with uv --exclude-newer $OLD_RELEASED)"
