#!/usr/bin/env bash
# Records the label-studio-ml-backend fixture from a real Label Studio ML backend (PyPI label-studio-ml, the last release on
# PyPI; the 2.x line the docs now install from GitHub is not on any registry), with HOME and PATH as its only environment,
# in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   1.0.9 (a backend made by `label-studio-ml init` around a dummy model; 1.x has no authentication)   -> open
# Its /setup and /predict, by hand: see lambdas/probe/fingerprints/label-studio-ml-backend.ts.
# Usage: bash scripts/capture/label-studio-ml-backend.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=1.0.9
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.91
PORT=19090
VENV="$ROOT/.venv-capture/label-studio-ml-backend-$VERSION"
# api.py imports rq, which 1.0.9 does not declare; rq and gunicorn as its generated requirements.txt pins them.
PACKAGES=("label-studio-ml==$VERSION" "rq==1.10.1" "gunicorn==20.1.0")

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "${PACKAGES[@]}"
enter_isolated_netns "$0" "$@"

make_workdir label-studio-ml-backend
mkdir -p "$WORK/home"
# 1.x ships no default model: `init` wraps the script it is given (copying it, writing _wsgi.py; nothing is downloaded).
cat >"$WORK/model.py" <<'PYTHON'
from label_studio_ml.model import LabelStudioMLBase


class DummyModel(LabelStudioMLBase):
    def predict(self, tasks, **kwargs):
        return [{'result': [], 'score': 0.5} for _ in tasks]
PYTHON
run() { env -C "$WORK" -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" "$@"; }
run "$VENV/bin/label-studio-ml" init backend --script model.py:DummyModel
# `start` runs the generated _wsgi.py (Flask's server, every address unless --host); no Redis here, so no training queue.
serve_tracked "$WORK/backend.log" "http://127.0.0.1:$PORT/health" \
  env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" "$VENV/bin/label-studio-ml" start backend --host 127.0.0.1 -p "$PORT"
echo "--- listeners in the namespace:"
ss -ltnp

(cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family label-studio-ml-backend --case open --url "http://127.0.0.1:$PORT" \
  --port 9090 --host "$PUBLIC_HOST:9090" --product 'Label Studio ML backend' --version "$VERSION" --verdict unauthenticated \
  --python-env "$VENV" \
  --description "A Label Studio ML backend 1.0.9 (no authentication in 1.x): / and /health answer its status and model directory, and /setup and /predict answer anyone" \
  --how "label-studio-ml init backend --script model.py:DummyModel (a model returning empty predictions), then label-studio-ml start backend --host 127.0.0.1 -p <port> (PyPI label-studio-ml==$VERSION, rq==1.10.1, gunicorn==20.1.0; environment: HOME and PATH only; in an unshare -n namespace with only lo)")
