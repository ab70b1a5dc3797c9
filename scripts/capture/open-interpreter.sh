#!/usr/bin/env bash
# Records the Open Interpreter fixtures from real Open Interpreter servers (PyPI open-interpreter[server],
# `interpreter --server`), each with HOME, PATH and its own settings as its only environment, in a fresh network
# namespace (`unshare -n`, root) whose only interface is lo:
#   0.4.3 without INTERPRETER_API_KEY (the default)   -> open
#   0.4.3 with INTERPRETER_API_KEY                     -> api-key
# No model is configured: the server starts without one, and nothing here sends it a message.
# 0.4.3's own requirements as of its release day are not all on the registry (litellm), so they are today's (uv).
# Usage: bash scripts/capture/open-interpreter.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.4.3
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.34
VENV="$ROOT/.venv-capture/open-interpreter-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv_with_uv "$VENV" "open-interpreter[server]==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir open-interpreter

# serve NAME PORT [SETTING…]: `interpreter --server` on 127.0.0.1 (its default host) with a home of its own.
serve() {
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/heartbeat" \
    env -i HOME="$WORK/$name" PATH="$VENV/bin:/usr/bin:/bin" INTERPRETER_PORT="$port" "$@" "$VENV/bin/interpreter" --server
}
serve open 19796
serve api-key 19797 INTERPRETER_API_KEY="$(capture_password)"
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family open-interpreter --port 8000 --host "$PUBLIC_HOST:8000" \
    --product "Open Interpreter" --version "$VERSION" --python-env "$VENV" "$@")
}
HOW="INTERPRETER_PORT=<port> interpreter --server (PyPI open-interpreter[server]==$VERSION with today's requirements; no model configured; environment: HOME, PATH and the settings named only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19796 --verdict unauthenticated \
  --description "An Open Interpreter server without INTERPRETER_API_KEY (the default): its conversation answers anyone, who can also have it write and run code on the host" \
  --how "$HOW"
record --case api-key --url http://127.0.0.1:19797 --verdict auth-required \
  --description "An Open Interpreter server with INTERPRETER_API_KEY: every path but /heartbeat refuses without the key" \
  --how "INTERPRETER_API_KEY=<random> $HOW"
