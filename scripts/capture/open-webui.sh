#!/usr/bin/env bash
# Records the open-webui fixtures from a real Open WebUI (PyPI open-webui), bound to 127.0.0.1.
# The wheel pins torch-based packages (accelerate, sentence-transformers) that pull CUDA builds of
# torch from PyPI; they only serve local embedding/reranking models, so they are left out: the
# wheel is installed --no-deps with every other pinned requirement, and the server runs with
# USE_SLIM_DOCKER=true (the slim image's switch: no local models are loaded). Offline, no model
# backends (Ollama/OpenAI connections off), no telemetry: nothing leaves the machine.
# Cases:
#   auth-off     WEBUI_AUTH=False
#   no-user-yet  login on (the default), fresh database: /api/config says onboarding, the first
#                sign-up becomes admin
#   login        the same server after the first sign-up created the admin
#   bash scripts/capture/open-webui.sh      (from the repo root; ports 19270, 19271)
set -euo pipefail
# shellcheck source=scripts/capture/common.sh
. "$(dirname "$0")/common.sh"
cd "$(dirname "$0")/../.."
VERSION=0.12.4
VENV="$PWD/.venv-capture/open-webui"
if ! "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('open-webui') != '$VERSION')" 2>/dev/null; then
  python3.11 -m venv "$VENV"
  REQS="$(mktemp)"
  "$VENV/bin/pip" download -q --no-deps "open-webui==$VERSION" -d "$REQS.d"
  "$VENV/bin/python" - "$REQS.d"/open_webui-*.whl > "$REQS" <<'PY'
import sys, zipfile, email
wheel = zipfile.ZipFile(sys.argv[1])
meta = email.message_from_bytes(wheel.read(next(n for n in wheel.namelist() if n.endswith('.dist-info/METADATA'))))
for req in meta.get_all('Requires-Dist'):
    name = req.split('==')[0].split('[')[0].strip().lower()
    if 'extra ==' not in req and name not in ('accelerate', 'sentence-transformers'):
        print(req)
PY
  "$VENV/bin/pip" install -q -r "$REQS"
  "$VENV/bin/pip" install -q --no-deps "$REQS.d"/open_webui-*.whl
  rm -rf "$REQS" "$REQS.d"
fi
make_workdir open-webui
export OFFLINE_MODE=true HF_HUB_OFFLINE=1 USE_SLIM_DOCKER=true ENABLE_OLLAMA_API=false ENABLE_OPENAI_API=false \
  ANONYMIZED_TELEMETRY=false DO_NOT_TRACK=true SCARF_NO_ANALYTICS=true WEBUI_SECRET_KEY=capture-secret-key

wait_for() { wait_for_2xx "$1" 600; }
record() { npx tsx scripts/record-fixtures.ts --family open-webui --port 8080 --product 'Open WebUI' --version "$VERSION" "$@"; }
SLIM='OFFLINE_MODE=true HF_HUB_OFFLINE=1 USE_SLIM_DOCKER=true ENABLE_OLLAMA_API=false ENABLE_OPENAI_API=false'

DATA_DIR="$WORK/off" WEBUI_AUTH=False env -C "$WORK" "$VENV/bin/open-webui" serve --host 127.0.0.1 --port 19270 > "$WORK/off.out" 2>&1 &
PIDS+=($!)
wait_for http://127.0.0.1:19270/health
record --case auth-off --url http://127.0.0.1:19270 --verdict unauthenticated --expect-version "$VERSION" \
  --description 'Open WebUI with WEBUI_AUTH=False: /api/config says auth false, no login at all' \
  --how "WEBUI_AUTH=False $SLIM DATA_DIR=<temp> open-webui serve --host 127.0.0.1 --port 8080 (PyPI open-webui==$VERSION, torch-based extras left out)"

DATA_DIR="$WORK/on" env -C "$WORK" "$VENV/bin/open-webui" serve --host 127.0.0.1 --port 19271 > "$WORK/on.out" 2>&1 &
PIDS+=($!)
wait_for http://127.0.0.1:19271/health
ON_HOW="$SLIM DATA_DIR=<temp> open-webui serve --host 127.0.0.1 --port 8080 (PyPI open-webui==$VERSION, torch-based extras left out)"
record --case no-user-yet --url http://127.0.0.1:19271 --verdict unauthenticated --expect-version "$VERSION" \
  --description 'Open WebUI with login on, fresh: no user exists, /api/config says onboarding, the first sign-up becomes admin' \
  --how "$ON_HOW"
curl -sf -o /dev/null -X POST -H 'content-type: application/json' \
  -d '{"name":"Admin","email":"admin@example.com","password":"Capture-admin-pw-1"}' http://127.0.0.1:19271/api/v1/auths/signup
record --case login --url http://127.0.0.1:19271 --verdict auth-required --expect-version "$VERSION" \
  --description 'Open WebUI with login on after the admin signed up: /api/models answers 401' \
  --how "$ON_HOW; then POST /api/v1/auths/signup created the admin"
