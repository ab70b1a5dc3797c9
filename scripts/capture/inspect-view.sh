#!/usr/bin/env bash
# Records the Inspect View fixtures from real log viewers (PyPI inspect-ai, `inspect view`) serving one throwaway eval log
# made offline with Inspect's mock model, each with HOME and PATH (and its token) as its only environment, in a fresh
# network namespace (`unshare -n`, root) whose only interface is lo:
#   0.3.285 exposed as its CLI allows without auth: --host 0.0.0.0 --unsafe-allow-unauthenticated --trusted-host <public>
#                                                                               -> open
#   0.3.285 with INSPECT_VIEW_AUTHORIZATION_TOKEN=<random>, --host 0.0.0.0 --trusted-host <public>  -> authorization
#   0.3.285 with its defaults (127.0.0.1:7575), asked with a public Host: 400 "Invalid host header"; asked again naming
#   Host: localhost:7575, /api/logs lists the logs                              -> defaults-public-host
# Since the network policy (0.3.2xx), a non-loopback bind needs the token or --unsafe-allow-unauthenticated, and a wildcard
# one a trusted host or origin; the Host check runs before the token check.
# Usage: bash scripts/capture/inspect-view.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.3.285
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.47
VENV="$ROOT/.venv-capture/inspect-view-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "inspect-ai==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir inspect-view
# One sample answered by the mock model, its usage given: mockllm otherwise counts tokens with tiktoken, which downloads
# its encoding.
cat >"$WORK/make_log.py" <<'PYTHON'
import sys

from inspect_ai import Task, eval
from inspect_ai.dataset import Sample
from inspect_ai.model import ModelOutput, ModelUsage, get_model
from inspect_ai.scorer import match
from inspect_ai.solver import generate

output = ModelOutput.from_content(model="mockllm", content="capture answer")
output.usage = ModelUsage(input_tokens=5, output_tokens=2, total_tokens=7)
task = Task(name="capture_demo", dataset=[Sample(input="Say the capture word.", target="capture answer")], solver=generate(), scorer=match())
eval(task, model=get_model("mockllm/model", custom_outputs=[output]), log_dir=sys.argv[1], display="none")
PYTHON
mkdir -p "$WORK/eval-home"
env -i HOME="$WORK/eval-home" PATH="$VENV/bin:/usr/bin:/bin" "$VENV/bin/python" "$WORK/make_log.py" "$WORK/logs"

# serve NAME PORT [ENV…] -- [ARG…]: `inspect view` on the log directory with a home of its own (its port pid file lives there).
serve() {
  local name=$1 port=$2 envs=()
  shift 2
  while [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  mkdir -p "$WORK/$name"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/" \
    env -i HOME="$WORK/$name" PATH="$VENV/bin:/usr/bin:/bin" "${envs[@]}" \
    "$VENV/bin/inspect" view --log-dir "$WORK/logs" "$@"
}
TOKEN=$(capture_password)
serve open 19575 -- --host 0.0.0.0 --port 19575 --unsafe-allow-unauthenticated --trusted-host "$PUBLIC_HOST:7575"
serve authorization 19576 INSPECT_VIEW_AUTHORIZATION_TOKEN="$TOKEN" -- --host 0.0.0.0 --port 19576 --trusted-host "$PUBLIC_HOST:7575"
serve defaults 7575 --
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- with the token, the viewer refuses a client without it and answers one with it:"
curl -s -w ' (%{http_code})\n' -H "Host: $PUBLIC_HOST:7575" http://127.0.0.1:19576/api/logs
curl -s -o /dev/null -w '(%{http_code})\n' -H "Host: $PUBLIC_HOST:7575" -H "Authorization: $TOKEN" http://127.0.0.1:19576/api/logs

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family inspect-view --port 7575 --host "$PUBLIC_HOST:7575" \
    --product Inspect --version "$VERSION" --python-env "$VENV" "$@")
}
HOW="--log-dir <a log of one mock-model sample> (PyPI inspect-ai==$VERSION; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19575 --verdict unauthenticated --expect-version "$VERSION" \
  --description "Inspect View exposed without a token (--unsafe-allow-unauthenticated, the public address trusted): /api/logs lists the eval logs to anyone, who can read them whole, edit their tags and metadata and delete them" \
  --how "inspect view --host 0.0.0.0 --port <port> --unsafe-allow-unauthenticated --trusted-host $PUBLIC_HOST:7575 $HOW"
record --case authorization --url http://127.0.0.1:19576 --verdict auth-required \
  --description "Inspect View with INSPECT_VIEW_AUTHORIZATION_TOKEN: every path answers 401 \"Unauthorized\" without that exact Authorization header; / keeps the viewer's Content-Security-Policy" \
  --how "INSPECT_VIEW_AUTHORIZATION_TOKEN=<random> inspect view --host 0.0.0.0 --port <port> --trusted-host $PUBLIC_HOST:7575 $HOW"
record --case defaults-public-host --url http://127.0.0.1:7575 --verdict unauthenticated --expect-version "$VERSION" \
  --description "Inspect View with its defaults (127.0.0.1:7575) asked with a public Host: 400 \"Invalid host header\" on every path is its Host policy, not auth; asked again naming Host: localhost:7575, /api/logs lists the eval logs to anyone: open" \
  --how "inspect view $HOW"
