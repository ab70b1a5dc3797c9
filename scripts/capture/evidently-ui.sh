#!/usr/bin/env bash
# Records the Evidently UI fixtures from real Evidently UI services (PyPI evidently, `evidently ui`, a fresh workspace each),
# each with HOME and PATH as its only environment, in a fresh network namespace (`unshare -n`, root) whose only
# interface is lo:
#   0.7.23 without --secret (the default)   -> open
#   0.7.23 with --secret                    -> secret (reads stay open: the secret guards only writes)
# The requirements are resolved as of 0.7.23's release day (uv --exclude-newer): with today's, pandas 3 breaks its import.
# Usage: bash scripts/capture/evidently-ui.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.7.23
RESOLVED_AS_OF=2026-09-11T23:59:59Z
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.24
VENV="$ROOT/.venv-capture/evidently-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv_with_uv "$VENV" --exclude-newer "$RESOLVED_AS_OF" "evidently==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir evidently-ui

# serve NAME PORT [ARG…]: `evidently ui` on 127.0.0.1 with a home and an empty workspace of its own.
serve() {
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/api/version" \
    env -i HOME="$WORK/$name" PATH="$VENV/bin:/usr/bin:/bin" \
    "$VENV/bin/evidently" ui --host 127.0.0.1 --port "$port" --workspace "$WORK/$name/workspace" "$@"
}
serve open 19780
serve secret 19781 --secret "$(capture_password)"
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- with --secret, creating a project is refused without the secret:"
curl -s -w ' (%{http_code})\n' -H 'content-type: application/json' --data '{"name":"capture"}' http://127.0.0.1:19781/api/projects

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family evidently-ui --port 8000 --host "$PUBLIC_HOST:8000" \
    --product "Evidently UI" --version "$VERSION" --expect-version "$VERSION" --python-env "$VENV" "$@")
}
HOW="--host 127.0.0.1 --port <port> --workspace <an empty folder> (PyPI evidently==$VERSION, resolved with uv --exclude-newer $RESOLVED_AS_OF; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19780 --verdict unauthenticated \
  --description "An Evidently UI service without --secret (the default): its projects answer anyone, who can also create and delete them" \
  --how "evidently ui $HOW"
record --case secret --url http://127.0.0.1:19781 --verdict unauthenticated \
  --description "An Evidently UI service with --secret: writes need the secret, but its projects still answer anyone" \
  --how "evidently ui --secret <random> $HOW"
