#!/usr/bin/env bash
# Records the Magentic-UI fixtures from a real Magentic-UI (MagenticLite) server (PyPI magentic-ui, `magentic-ui --port`, SQLite in
# a temporary app directory), with HOME and PATH as its only environment, in a fresh network namespace (`unshare -n`, root)
# whose only interface is lo. 0.2.x has no sign-in (no auth switch): one server, asked with two Hosts:
#   Host 127.0.0.1:8081, as a reverse proxy passing its upstream's Host reaches it -> open (the page hands out the API token)
#   Host 203.0.113.17:8081, as a server started with --host 0.0.0.0 is asked     -> public-host (400 "Bad Host header": a
#                                                                                   Host policy; asked again naming Host: localhost:8081,
#                                                                                   the page with the API token: open)
# Its default sandbox, a Quicksand QEMU VM, pip-installs its image (quicksand-cua) from microsoft.github.io at start-up,
# unreachable here, and the server exits; config.yaml sets the documented `sandbox: type: null` (commands on the host).
# Usage: bash scripts/capture/magentic-ui.sh   (needs root for unshare; the network only for uv)
set -euo pipefail

VERSION=0.2.2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/magentic-ui-$VERSION"
PORT=19681

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  # 0.2.x needs Python 3.12 or newer.
  CAPTURE_PYTHON="$(pyenv root)/versions/3.12.1/bin/python3.12" ensure_venv_with_uv "$VENV" "magentic-ui==$VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir magentic-ui
mkdir -p "$WORK/home" "$WORK/app"
printf 'sandbox:\n  type: "null"\n' >"$WORK/config.yaml"
serve_tracked "$WORK/server.log" "http://127.0.0.1:$PORT/api/health" env -i HOME="$WORK/home" PATH=/usr/bin:/bin \
  "$VENV/bin/magentic-ui" --host 127.0.0.1 --port "$PORT" --appdir "$WORK/app" --config "$WORK/config.yaml"
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family magentic-ui --port 8081 --url "http://127.0.0.1:$PORT" \
    --product Magentic-UI --version "$VERSION" --python-env "$VENV" "$@")
}
HOW="magentic-ui --host 127.0.0.1 --port <port> --appdir <temp> --config config.yaml (sandbox type null; environment: HOME and PATH only; in an unshare -n namespace with only lo) (PyPI magentic-ui==$VERSION)"
record --case open --verdict unauthenticated --host 127.0.0.1:8081 --expect-version "$VERSION" \
  --description "Magentic-UI asked with a loopback Host, as through a reverse proxy passing its upstream's Host: the page hands anyone the API token" \
  --how "$HOW"
record --case public-host --verdict unauthenticated --host 203.0.113.17:8081 --expect-version "$VERSION" \
  --description "Magentic-UI asked with a public Host, as a server started with --host 0.0.0.0 is: 400 \"Bad Host header\" everywhere, a DNS-rebinding guard, not auth; asked again naming Host: localhost:8081, it serves its page handing anyone the API token, and /api/version its version: open" \
  --how "$HOW"
