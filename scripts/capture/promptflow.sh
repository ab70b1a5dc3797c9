#!/usr/bin/env bash
# Records the prompt flow fixtures from a real prompt flow service and a real served flow (PyPI promptflow and
# promptflow-devkit, a fresh HOME each), with HOME and PATH as their only environment, in a fresh network namespace
# (`unshare -n`, root) whose only interface is lo:
#   1.18.5 `pf service start` (the trace UI and API; no authentication), with one OpenAI connection the operator
#     created (a made-up key)                                                               -> promptflow/default
#   1.18.5 `pf flow serve` of a flow whose one Python node returns a constant (no authentication) -> promptflow-serve/default
# keyrings.alt is installed beside them, as prompt flow's FAQ says for Linux without a system keyring: creating a
# connection needs one to keep its encryption key.
# Usage: bash scripts/capture/promptflow.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=1.18.5
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.36
SERVICE_PORT=19850
SERVE_PORT=19851
VENV="$ROOT/.venv-capture/promptflow-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "promptflow==$VERSION" "promptflow-devkit==$VERSION" "keyrings.alt==5.0.2"
enter_isolated_netns "$0" "$@"

make_workdir promptflow
mkdir -p "$WORK/service-home" "$WORK/serve-home" "$WORK/flow"
cat >"$WORK/flow/flow.dag.yaml" <<'YAML'
inputs:
  question:
    type: string
    default: hello
outputs:
  answer:
    type: string
    reference: ${constant.output}
nodes:
- name: constant
  type: python
  source:
    type: code
    path: constant.py
  inputs:
    question: ${inputs.question}
YAML
cat >"$WORK/flow/constant.py" <<'PYTHON'
from promptflow.core import tool


@tool
def constant(question: str) -> str:
    return "a constant answer"
PYTHON
cat >"$WORK/connection.yaml" <<'YAML'
name: capture_openai
type: open_ai
api_key: sk-capture-made-up-key-0000000000
YAML

# pf CLI with HOME, PATH and the plaintext keyring (keyrings.alt) only; telemetry off, as it would try to reach Azure.
pf() { env -i HOME="$1" PATH="$VENV/bin:/usr/bin:/bin" PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring "$VENV/bin/pf" "${@:2}"; }
pf "$WORK/service-home" config set telemetry.enabled=false >/dev/null
pf "$WORK/serve-home" config set telemetry.enabled=false >/dev/null
# `pf service start` detaches waitress into a session of its own; --debug keeps it in the foreground (same app, same server).
serve_tracked "$WORK/service.log" "http://127.0.0.1:$SERVICE_PORT/heartbeat" \
  env -i HOME="$WORK/service-home" PATH="$VENV/bin:/usr/bin:/bin" PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring \
  "$VENV/bin/pf" service start --debug --port "$SERVICE_PORT"
serve_tracked "$WORK/serve.log" "http://127.0.0.1:$SERVE_PORT/health" \
  env -i HOME="$WORK/serve-home" PATH="$VENV/bin:/usr/bin:/bin" \
  "$VENV/bin/pf" flow serve --source "$WORK/flow" --host 127.0.0.1 --port "$SERVE_PORT" --skip-open-browser
echo "--- listeners in the namespace:"
ss -ltnp

# The operator's step before the service is recorded: one connection, as `pf connection create` stores it.
pf "$WORK/service-home" connection create --file "$WORK/connection.yaml" >/dev/null
echo "--- an anonymous client lists the connections, and reads one with its key in clear (made up here):"
curl -s -w ' (%{http_code})\n' "http://127.0.0.1:$SERVICE_PORT/v1.0/Connections/"
curl -s -w ' (%{http_code})\n' "http://127.0.0.1:$SERVICE_PORT/v1.0/Connections/capture_openai"
echo "--- and runs the served flow:"
curl -s -w ' (%{http_code})\n' -H 'content-type: application/json' --data '{"question":"hi"}' "http://127.0.0.1:$SERVE_PORT/score"

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --product "Prompt flow" --version "$VERSION" \
    --expect-version "$VERSION" --verdict unauthenticated --python-env "$VENV" "$@")
}
ENVIRONMENT="(PyPI promptflow==$VERSION, promptflow-devkit==$VERSION, keyrings.alt==5.0.2; environment: HOME (fresh) and PATH only, telemetry.enabled=false; in an unshare -n namespace with only lo)"
record --family promptflow --case default --url "http://127.0.0.1:$SERVICE_PORT" --port 23333 --host "$PUBLIC_HOST:23333" \
  --description "A prompt flow service (no authentication) with one OpenAI connection: its API answers anyone, who can read connections with their keys, traces and files, and run flows on the host" \
  --how "pf service start --debug --port <port>, then pf connection create (an OpenAI connection with a made-up key) $ENVIRONMENT"
record --family promptflow-serve --case default --url "http://127.0.0.1:$SERVE_PORT" --port 8080 --host "$PUBLIC_HOST:8080" \
  --description "A flow served by pf flow serve (no authentication): anyone can run it with POST /score" \
  --how "pf flow serve --source <a flow of one Python node returning a constant> --host 127.0.0.1 --port <port> --skip-open-browser $ENVIRONMENT"
