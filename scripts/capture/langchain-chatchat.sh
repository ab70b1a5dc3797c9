#!/usr/bin/env bash
# Records the Langchain-Chatchat fixture from a real Langchain-Chatchat API server (PyPI langchain-chatchat,
# `chatchat init` then `chatchat start --api`, its default settings: 0.0.0.0:7861), with HOME, PATH and CHATCHAT_ROOT as its
# only environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   0.3.1.3 (its API server has no authentication)   -> open
# No model platform answers here; the API server starts without one. Its requirements are resolved as of 0.3.1.3's release
# day (uv --exclude-newer): it pins the langchain of its time.
# Usage: bash scripts/capture/langchain-chatchat.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.3.1.3
RESOLVED_AS_OF=2024-07-24T00:00:00Z
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.36
PORT=7861
VENV="$ROOT/.venv-capture/langchain-chatchat-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv_with_uv "$VENV" --exclude-newer "$RESOLVED_AS_OF" "langchain-chatchat==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir langchain-chatchat
CHATCHAT_ENV=(env -i HOME="$WORK" PATH="$VENV/bin:/usr/bin:/bin" CHATCHAT_ROOT="$WORK")
echo "--- chatchat init (its settings files and sample knowledge base, in CHATCHAT_ROOT):"
(cd "$WORK" && "${CHATCHAT_ENV[@]}" "$VENV/bin/chatchat" init 2>&1 | tail -3)
serve_tracked "$WORK/api.log" "http://127.0.0.1:$PORT/openapi.json" "${CHATCHAT_ENV[@]}" "$VENV/bin/chatchat" start --api
echo "--- listeners in the namespace (its default host is 0.0.0.0):"
ss -ltnp

(cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family langchain-chatchat --case open --url "http://127.0.0.1:$PORT" \
  --port "$PORT" --host "$PUBLIC_HOST:$PORT" --product Langchain-Chatchat --version "$VERSION" --expect-version "$VERSION" \
  --verdict unauthenticated --python-env "$VENV" \
  --description "A Langchain-Chatchat API server with its default settings (no authentication, bound to 0.0.0.0): its knowledge bases and tools answer anyone" \
  --how "chatchat init; chatchat start --api (PyPI langchain-chatchat==$VERSION, resolved with uv --exclude-newer $RESOLVED_AS_OF; default settings; environment: HOME, PATH and CHATCHAT_ROOT only; in an unshare -n namespace with only lo)")
