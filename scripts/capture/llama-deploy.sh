#!/usr/bin/env bash
# Records the LlamaDeploy fixtures from real servers, each serving one workflow (one step that returns a fixed string, no
# LLM) from a local folder, with HOME and PATH (and the API server's rc and deployments folders) as their only environment,
# in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   llama-deploy 0.9.2, `python -m llama_deploy.apiserver` with the workflow deployed from its rc folder  -> llama-deploy/open
#   llama-agents-appserver 0.12.2 (what `llamactl serve` runs; formerly llama-deploy-appserver), the
#     workflow named in a llama_agents.toml                                                  -> llama-agents-appserver/open
# Neither has an authentication switch. The API server also serves Prometheus metrics on 0.0.0.0:9000 (its default).
# Usage: bash scripts/capture/llama-deploy.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.9.2
APPSERVER_VERSION=0.12.2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.36
VENV="$ROOT/.venv-capture/llama-deploy-$VERSION"
APPSERVER_VENV="$ROOT/.venv-capture/llama-agents-appserver-$APPSERVER_VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" "llama-deploy==$VERSION"
  ensure_venv "$APPSERVER_VENV" "llama-agents-appserver==$APPSERVER_VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir llama-deploy
mkdir -p "$WORK/home" "$WORK/rc/src" "$WORK/app" "$WORK/deployments"
cat >"$WORK/rc/src/workflow.py" <<'PYTHON'
from workflows import Workflow, step
from workflows.events import StartEvent, StopEvent


class Greeting(Workflow):
    @step
    async def greet(self, ev: StartEvent) -> StopEvent:
        return StopEvent(result="hello from the owner's workflow")


greeting = Greeting()
PYTHON
cat >"$WORK/rc/greeting.yml" <<'YAML'
name: greeting
default-service: greet
services:
  greet:
    name: Greeting
    source:
      type: local
      location: src
    import-path: src/workflow:greeting
YAML
cp "$WORK/rc/src/workflow.py" "$WORK/app/"
cat >"$WORK/app/llama_agents.toml" <<'TOML'
name = "greeting"

[workflows]
greet = "workflow:greeting"
TOML

serve_tracked "$WORK/apiserver.log" "http://127.0.0.1:19451/status/" \
  env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" LLAMA_DEPLOY_APISERVER_PORT=19451 \
  LLAMA_DEPLOY_APISERVER_RC_PATH="$WORK/rc" LLAMA_DEPLOY_APISERVER_DEPLOYMENTS_PATH="$WORK/deployments" \
  "$VENV/bin/python" -m llama_deploy.apiserver
# The app server imports the workflow module from its working folder, as `llamactl serve` runs it in the project.
serve_tracked "$WORK/appserver.log" "http://127.0.0.1:19452/health" \
  env -i -C "$WORK/app" HOME="$WORK/home" PATH="$APPSERVER_VENV/bin:/usr/bin:/bin" LLAMA_DEPLOY_APISERVER_PORT=19452 \
  "$APPSERVER_VENV/bin/python" -m llama_agents.appserver.app
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- each server lists its deployment's workflow and runs it for an anonymous client:"
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19451/deployments/
curl -s -w ' (%{http_code})\n' -H 'content-type: application/json' --data '{"input":"{}"}' http://127.0.0.1:19451/deployments/greeting/tasks/run
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19452/deployments/greeting/workflows

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --port 4501 --host "$PUBLIC_HOST:4501" "$@")
}
record --family llama-deploy --case open --url http://127.0.0.1:19451 --verdict unauthenticated --product llama-deploy --version "$VERSION" --python-env "$VENV" \
  --description "A llama-deploy API server (no authentication) with one deployment: anyone lists and runs its workflows and creates deployments, whose Python code it loads and runs" \
  --how "python -m llama_deploy.apiserver with LLAMA_DEPLOY_APISERVER_PORT=<port>, LLAMA_DEPLOY_APISERVER_RC_PATH=<a folder with one deployment YAML of a local one-step workflow> and LLAMA_DEPLOY_APISERVER_DEPLOYMENTS_PATH=<empty folder> (PyPI llama-deploy==$VERSION; environment: HOME, PATH and those only; in an unshare -n namespace with only lo)"
record --family llama-agents-appserver --case open --url http://127.0.0.1:19452 --verdict unauthenticated --product llama-agents-appserver --version "$APPSERVER_VERSION" \
  --python-env "$APPSERVER_VENV" \
  --description "A LlamaDeploy app server (llama-agents-appserver, what llamactl serve runs; no authentication) serving one workflow: / redirects to /deployments/<name>/, and anyone lists and runs its workflows" \
  --how "python -m llama_agents.appserver.app in a folder holding the workflow module and a llama_agents.toml naming it, with LLAMA_DEPLOY_APISERVER_PORT=<port> (PyPI llama-agents-appserver==$APPSERVER_VERSION; environment: HOME, PATH and the port only; in an unshare -n namespace with only lo)"
