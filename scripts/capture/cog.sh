#!/usr/bin/env bash
# Records the Cog fixtures from real Cog servers (PyPI cog, `python -m cog.server.http` as a Cog image runs it, the
# conformance suite's echo predictor), each with HOME, PATH and the predictor's reference as its only environment, in a
# fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   0.23.1, whose HTTP server is coglet (Rust; from 0.17)          -> open
#   0.16.12, the last release whose HTTP server is Python's (FastAPI) -> open-0.16.12
# Cog has no authentication, so there is no other mode to record.
# Usage: bash scripts/capture/cog.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.23.1
PYTHON_SERVER_VERSION=0.16.12
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.21

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
venv_of() { echo "$ROOT/.venv-capture/cog-$1"; }
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$(venv_of "$VERSION")" "cog==$VERSION"
  ensure_venv "$(venv_of "$PYTHON_SERVER_VERSION")" "cog==$PYTHON_SERVER_VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir cog

# serve NAME VERSION PORT: the echo predictor in a folder of its own, named both ways a Cog image names it (cog.yaml, read
# by Python's server; COG_PREDICT_TYPE_STUB, read by coglet), on 127.0.0.1. coglet starts its worker as `python` from
# PATH, which in a Cog image is the image's Python: here, the venv's.
serve() {
  local name=$1 version=$2 port=$3
  mkdir -p "$WORK/$name"
  cp "$ROOT/test/support/servers/python/cog_predict.py" "$WORK/$name/predict.py"
  printf 'build:\n  python_version: "3.11"\npredict: "predict.py:Predictor"\n' >"$WORK/$name/cog.yaml"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/health-check" \
    env -i HOME="$WORK/$name" PATH="$(venv_of "$version")/bin:/usr/bin:/bin" PORT="$port" COG_PREDICT_TYPE_STUB=predict.py:Predictor \
    sh -c "cd '$WORK/$name' && exec python -m cog.server.http --host 127.0.0.1"
}
serve open "$VERSION" 19750
serve open-0.16.12 "$PYTHON_SERVER_VERSION" 19751
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family cog --port 5000 --host "$PUBLIC_HOST:5000" --product Cog "$@")
}
HOW="python -m cog.server.http --host 127.0.0.1, PORT=<port>, the echo predictor test/support/servers/python/cog_predict.py named by cog.yaml and COG_PREDICT_TYPE_STUB (environment: HOME, PATH, PORT and COG_PREDICT_TYPE_STUB only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19750 --verdict unauthenticated --version "$VERSION" --expect-version "$VERSION" --python-env "$(venv_of "$VERSION")" \
  --description "A Cog server (coglet, Cog's Rust HTTP server): its API index and predictions answer anyone; Cog has no authentication" \
  --how "$HOW (PyPI cog==$VERSION)"
record --case open-0.16.12 --url http://127.0.0.1:19751 --verdict unauthenticated --version "$PYTHON_SERVER_VERSION" --expect-version "$PYTHON_SERVER_VERSION" \
  --python-env "$(venv_of "$PYTHON_SERVER_VERSION")" \
  --description "Cog $PYTHON_SERVER_VERSION, the last release whose HTTP server is Python's (FastAPI): served to anyone" \
  --how "$HOW (PyPI cog==$PYTHON_SERVER_VERSION)"
