#!/usr/bin/env bash
# Records the Aim fixture from a real `aim up` (PyPI aim) over a fresh repository (`aim init`), with HOME and PATH as its
# only environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   aim up (Aim has no authentication)   -> open
# Usage: bash scripts/capture/aim.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=3.29.1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/aim"
PUBLIC_HOST=203.0.113.17

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" "aim==$VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir aim
mkdir -p "$WORK/home" "$WORK/repo"
env -i HOME="$WORK/home" PATH=/usr/bin:/bin "$VENV/bin/aim" init --repo "$WORK/repo"
serve_tracked "$WORK/aim.log" http://127.0.0.1:19680/ env -i HOME="$WORK/home" PATH=/usr/bin:/bin \
  "$VENV/bin/aim" up --host 127.0.0.1 --port 19680 --repo "$WORK/repo"
echo "--- listeners in the namespace:"
ss -ltnp

(cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family aim --port 43800 --host "$PUBLIC_HOST:43800" \
  --product Aim --version "$VERSION" --case open --url http://127.0.0.1:19680 --verdict unauthenticated --python-env "$VENV" \
  --description "aim up over a fresh repository: the project, its runs and their metrics answer anyone (Aim has no authentication)" \
  --how "aim init --repo <temp>; aim up --host 127.0.0.1 --port <port> --repo <temp> (PyPI aim==$VERSION; environment: HOME and PATH only; in an unshare -n namespace with only lo)")
