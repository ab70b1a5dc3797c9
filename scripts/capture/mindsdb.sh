#!/usr/bin/env bash
# Records the MindsDB fixtures from real MindsDB servers (PyPI mindsdb, `python -m mindsdb --api=http`, its HTTP API only,
# a fresh storage folder and SQLite database each), each with HOME, PATH, MINDSDB_STORAGE_DIR and the settings named below
# as its only environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   26.1.0 with its defaults (no HTTP auth)                                        -> open
#   26.1.0 with MINDSDB_USERNAME and MINDSDB_PASSWORD (its documented switch)      -> auth-env
#   26.1.0 with auth.http_auth_enabled, a username and a password in its config    -> auth-config
# Each config file sets only the HTTP API's address and turns the GUI's start-up download off: MindsDB fetches the GUI
# (compatible-config.json, then a zip, from mindsdb-web-builds.s3.amazonaws.com), which fails here after ~20 s of DNS
# errors all the same. So / and unknown paths answer Werkzeug's 404 rather than the GUI shell a deployed instance serves.
# Usage: bash scripts/capture/mindsdb.sh   (needs root for unshare; the network only for uv)
set -euo pipefail

VERSION=26.1.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.36
VENV="$ROOT/.venv-capture/mindsdb-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
# uv: pip backtracks for long over its large dependency set.
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv_with_uv "$VENV" "mindsdb==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir mindsdb

# serve NAME PORT AUTH_JSON [ENV…]: the HTTP API on 127.0.0.1:PORT with a config file (its "auth" section AUTH_JSON) and a
# storage folder of its own.
serve() {
  local name=$1 port=$2 auth=$3; shift 3
  mkdir -p "$WORK/$name/home" "$WORK/$name/storage"
  printf '{"api": {"http": {"host": "127.0.0.1", "port": "%s"}}, "gui": {"autoupdate": false, "open_on_start": false}, "auth": %s}\n' \
    "$port" "$auth" >"$WORK/$name/config.json"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/api/util/ping" \
    env -i HOME="$WORK/$name/home" PATH="$VENV/bin:/usr/bin:/bin" MINDSDB_STORAGE_DIR="$WORK/$name/storage" "$@" \
    "$VENV/bin/python" -m mindsdb --api=http --config="$WORK/$name/config.json"
}
serve open 19820 '{}'
serve auth-env 19821 '{}' MINDSDB_USERNAME=admin MINDSDB_PASSWORD="$(capture_password)"
serve auth-config 19822 "{\"http_auth_enabled\": true, \"username\": \"admin\", \"password\": \"$(capture_password)\"}"
echo "--- listeners in the namespace (the HTTP API only: no MySQL API on 47335):"
ss -ltnp
echo "--- anonymous SQL on the open server, and the same refused with auth on:"
curl -s -w ' (%{http_code})\n' -H 'content-type: application/json' --data '{"query": "SELECT 1"}' http://127.0.0.1:19820/api/sql/query
curl -s -w ' (%{http_code})\n' -H 'content-type: application/json' --data '{"query": "SELECT 1"}' http://127.0.0.1:19821/api/sql/query

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family mindsdb --port 47334 --host "$PUBLIC_HOST:47334" \
    --product MindsDB --version "$VERSION" --expect-version "$VERSION" --python-env "$VENV" "$@")
}
HOW="python -m mindsdb --api=http --config=<a file setting api.http.host 127.0.0.1, its port, and gui.autoupdate and gui.open_on_start false> (PyPI mindsdb==$VERSION; environment: HOME, PATH and MINDSDB_STORAGE_DIR=<a fresh folder>, and the settings named before the command, only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19820 --verdict unauthenticated \
  --description "A MindsDB server with its defaults (no HTTP auth): its API answers anyone, who can run SQL, read stored database credentials and write files on the host" \
  --how "$HOW"
record --case auth-env --url http://127.0.0.1:19821 --verdict auth-required \
  --description "A MindsDB server with MINDSDB_USERNAME and MINDSDB_PASSWORD: every /api namespace but status and login answers 401; /api/status (with the version) stays public" \
  --how "MINDSDB_USERNAME=admin MINDSDB_PASSWORD=<random> $HOW"
record --case auth-config --url http://127.0.0.1:19822 --verdict auth-required \
  --description "A MindsDB server with auth.http_auth_enabled, a username and a password in its config file: the same 401 as with the environment variables" \
  --how "$HOW, the config's auth section {http_auth_enabled: true, username: admin, password: <random>}"
