#!/usr/bin/env bash
# Records the Letta fixtures from real Letta servers (PyPI letta[server,sqlite], `letta server`, a fresh SQLite home each),
# each with HOME, PATH and its password settings as its only environment, in a fresh network namespace (`unshare -n`,
# root) whose only interface is lo:
#   0.11.7 without --secure (Letta's default)                                       -> open
#   0.11.7 with --secure (here LETTA_SERVER_SECURE=true) and LETTA_SERVER_PASSWORD  -> secure
# 0.11.7 is the last release that runs on SQLite: from 0.12 the server needs PostgreSQL with pgvector, which this machine
# cannot install. 0.16.8's password middleware, health route and tool list answer as 0.11.7's do (read from its wheel).
# The requirements are resolved as of the day after 0.11.7's release (uv --exclude-newer): with today's, mcp and pydantic
# no longer import together.
# Usage: bash scripts/capture/letta.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.11.7
RESOLVED_AS_OF=2025-09-05T00:00:00Z
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.20
VENV="$ROOT/.venv-capture/letta-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv_with_uv "$VENV" --exclude-newer "$RESOLVED_AS_OF" "letta[server,sqlite]==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir letta

# serve NAME PORT [ENV…]: `letta server` on 127.0.0.1 with a home (and SQLite database) of its own.
serve() {
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name/home"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/v1/health/" \
    env -i HOME="$WORK/$name/home" PATH=/usr/bin:/bin "$@" "$VENV/bin/letta" server --host 127.0.0.1 --port "$port"
}
serve open 19740
# LETTA_SERVER_SECURE=true is what `letta server --secure` turns on (rest_api/app.py reads either).
serve secure 19741 LETTA_SERVER_SECURE=true LETTA_SERVER_PASSWORD="$(capture_password)"
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- with --secure, the tool list refuses a client without the password:"
curl -s -w ' (%{http_code})\n' 'http://127.0.0.1:19741/v1/tools/?limit=1'

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family letta --port 8283 --host "$PUBLIC_HOST:8283" \
    --product Letta --python-env "$VENV" "$@")
}
HOW="--host 127.0.0.1 --port <port>, a fresh home and SQLite database, no model key (PyPI letta[server,sqlite]==$VERSION, resolved with uv --exclude-newer $RESOLVED_AS_OF; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19740 --verdict unauthenticated --version "$VERSION" --expect-version "$VERSION" \
  --description "A Letta server started without --secure (the default): its agents, tools and the tool runner answer anyone" \
  --how "letta server $HOW"
record --case secure --url http://127.0.0.1:19741 --verdict auth-required --version "$VERSION" --expect-version "$VERSION" \
  --description "A Letta server started with --secure: every path but the health checks answers 401 \"Unauthorized\" without the password; /v1/health/ stays public with its version" \
  --how "LETTA_SERVER_SECURE=true LETTA_SERVER_PASSWORD=<random> letta server $HOW"
