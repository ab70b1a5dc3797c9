#!/usr/bin/env bash
# Records the marimo fixtures from real marimo servers (PyPI marimo, headless, update check off), each with HOME and PATH as
# its only other environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   `marimo edit --no-token`: a notebook server without its access token   -> open
#   `marimo edit` (its access token on, the default)                        -> token
#   `marimo run app.py`: a published app (read-only, no token by default)   -> negative-published-app (not a notebook server)
# Usage: bash scripts/capture/marimo.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.25.2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/marimo"
PUBLIC_HOST=203.0.113.15

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" "marimo==$VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir marimo
mkdir -p "$WORK/home" "$WORK/notebooks"
# A one-cell app for `marimo run`.
printf 'import marimo\n\napp = marimo.App()\n\n\n@app.cell\ndef _():\n    x = 1\n    return (x,)\n\n\nif __name__ == "__main__":\n    app.run()\n' \
  >"$WORK/notebooks/app.py"

# serve PORT ARG…: a headless marimo server on 127.0.0.1:PORT, working in the notebooks folder.
serve() {
  local port=$1; shift
  serve_tracked "$WORK/marimo-$port.log" "http://127.0.0.1:$port/health" \
    bash -c 'cd "$0/notebooks" && exec env -i HOME="$0/home" PATH=/usr/bin:/bin MARIMO_SKIP_UPDATE_CHECK=1 "$@"' "$WORK" \
    "$VENV/bin/marimo" "$@" --headless --host 127.0.0.1 --port "$port"
}
serve 19630 edit --no-token
serve 19631 edit
serve 19632 run app.py
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family marimo --port 2718 --host "$PUBLIC_HOST:2718" \
    --product marimo --version "$VERSION" --python-env "$VENV" "$@")
}
HOW="--headless --host 127.0.0.1 --port <port> in a folder holding one app (PyPI marimo==$VERSION; environment: HOME, PATH and MARIMO_SKIP_UPDATE_CHECK=1 only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19630 --verdict unauthenticated --expect-version "$VERSION" \
  --description "marimo edit --no-token: the notebook server answers anyone, /api/status in edit mode with its version" \
  --how "marimo edit --no-token $HOW"
record --case token --url http://127.0.0.1:19631 --verdict auth-required \
  --description "marimo edit with its access token (the default): every page sends to /auth/login, the API answers 401" \
  --how "marimo edit $HOW"
record --case negative-published-app --url http://127.0.0.1:19632 --verdict not-ai \
  --description "marimo run app.py: a published read-only app (mode \"read\"), which is what marimo run is for; not a notebook server" \
  --how "marimo run app.py $HOW"
