#!/usr/bin/env bash
# Records the GPUStack fixtures from real GPUStack servers (PyPI gpustack, `gpustack start`, a fresh data dir and PostgreSQL
# database each), each with HOME and PATH as its only environment, in a fresh network namespace (`unshare -n`, root) whose
# only interface is lo:
#   2.3.0 with its defaults on first start (a random admin password, written to <data-dir>/initial_admin_password) -> default
#   2.3.0 with --bootstrap-password <random> and --disable-openapi-docs (no /docs, /redoc, /openapi.json)           -> hardened
# GPUStack has no switch that turns its authentication off, so no case is open.
# What the container image adds is left out: its s6 services run the embedded Higress gateway on port 80 (an Envoy build
# that is on no package registry), PostgreSQL, Prometheus and Grafana. So each server runs with --gateway-mode disabled, which
# serves the API server itself on --api-port (the gateway's catch-all route forwards /, /v1/models and /v2 to it unchanged),
# --disable-builtin-observability, --disable-update-check, and a PostgreSQL of its own (2.x supports no SQLite): Debian's
# postgresql-15 from this machine, run as its postgres user. --advertise-address 127.0.0.1 because the server otherwise
# looks for a non-loopback address, which the namespace has none of, and exits. The only outside address it tries is its OTA
# content index (https://ota.gpustack.ai/latest/index.yaml, for catalogs and backends), which fails here and is logged.
# Usage: bash scripts/capture/gpustack.sh   (needs root for unshare and PostgreSQL's postgres user; the network only for pip)
set -euo pipefail

VERSION=2.3.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.33
VENV="$ROOT/.venv-capture/gpustack-$VERSION"
PG_BIN=/usr/lib/postgresql/15/bin
PG_PORT=19859

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ -x "$PG_BIN/postgres" ] || { echo "needs Debian's postgresql-15 ($PG_BIN)" >&2; exit 1; }
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "gpustack==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir gpustack
# PostgreSQL refuses to run as root: its cluster belongs to the postgres user, who must reach it through WORK. pg_ctl
# daemonizes it, so it is stopped (fast: it would otherwise wait for the servers' connections) after the servers.
chmod 755 "$WORK"
mkdir -p "$WORK/pg" "$WORK/pg-run"
chown postgres "$WORK/pg" "$WORK/pg-run"
pg() { runuser -u postgres -- "$PG_BIN/$1" "${@:2}"; }
trap 'stop_server; stop_tracked; pg pg_ctl -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
pg initdb -D "$WORK/pg" -U gpustack --auth=trust -E UTF8 >"$WORK/pg-run/initdb.log"
pg pg_ctl -D "$WORK/pg" -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $WORK/pg-run" -l "$WORK/pg-run/postgres.log" -w start

# serve NAME PORT [FLAG…]: `gpustack start` with its API server on PORT, a data dir and database of its own.
serve() {
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name/home" "$WORK/$name/data"
  pg createdb -h 127.0.0.1 -p "$PG_PORT" -U gpustack "$name"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/readyz" \
    env -i HOME="$WORK/$name/home" PATH="$VENV/bin:/usr/bin:/bin" \
    "$VENV/bin/gpustack" start --gateway-mode disabled --advertise-address 127.0.0.1 --api-port "$port" \
    --proxy-port $((port + 100)) --metrics-port $((port + 200)) --data-dir "$WORK/$name/data" \
    --database-url "postgresql://gpustack@127.0.0.1:$PG_PORT/$name" --disable-builtin-observability --disable-update-check "$@"
  wait_for_2xx "http://127.0.0.1:$port/readyz" 60
}
serve default 19850
serve hardened 19851 --bootstrap-password "$(capture_password)" --disable-openapi-docs
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- an anonymous caller: the version and the login page's settings answer, the APIs refuse (worker registration too):"
for path in /version /auth/config /v1/models /v2/users '/v2/workers?page=1'; do
  curl -s -w " (%{http_code} GET $path)\n" "http://127.0.0.1:19850$path"
done
curl -s -w ' (%{http_code} POST /v2/workers {})\n' -H 'content-type: application/json' --data '{}' http://127.0.0.1:19850/v2/workers
echo "--- the first start generated the admin password into the data dir:"
ls -l "$WORK/default/data/initial_admin_password"

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family gpustack --port 80 --host "$PUBLIC_HOST" \
    --product GPUStack --version "$VERSION" --expect-version "$VERSION" --python-env "$VENV" "$@")
}
HOW="--gateway-mode disabled --advertise-address 127.0.0.1 --api-port <port> --data-dir <a fresh folder> --database-url postgresql://…/<a fresh database> --disable-builtin-observability --disable-update-check (PyPI gpustack==$VERSION, Debian PostgreSQL 15; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case default --url http://127.0.0.1:19850 --verdict auth-required \
  --description "A GPUStack server on first start with its defaults (a random admin password in the data dir): / is its console and /version, /healthz, /auth/config and /openapi.json answer anyone; /v1/models and every /v2 path answer 401 without an API key or session" \
  --how "gpustack start $HOW"
record --case hardened --url http://127.0.0.1:19851 --verdict auth-required \
  --description "A GPUStack server with --bootstrap-password and --disable-openapi-docs: no OpenAPI document, the console at / and the 401 on /v1/models unchanged" \
  --how "gpustack start --bootstrap-password <random> --disable-openapi-docs $HOW"
