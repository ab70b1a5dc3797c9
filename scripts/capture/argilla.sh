#!/usr/bin/env bash
# Records the argilla fixtures from a real Argilla server: PyPI argilla-server==2.8.0 (the wheel ships the Nuxt UI in
# argilla_server/static, mounted at /), started as `python -m argilla_server start` (uvicorn argilla_server:app) in a
# venv at .venv-capture/argilla/venv, on SQLite (ARGILLA_DATABASE_URL=sqlite+aiosqlite:///<temp>/<case>.db).
# Its two backing services run beside it, on loopback in the same namespace, with nothing persisted:
#   - search engine: OpenSearch 2.19.4, the minimal distribution (integ-test-zip, no bundled JDK, no security plugin, so
#     no auth) from Maven Central, checked against the .sha512 and .sha1 published next to it (as opensearch.sh does),
#     unpacked into .venv-capture/argilla; run as nobody on the machine's Java 17 with a 512 MB heap;
#     ARGILLA_SEARCH_ENGINE=opensearch ARGILLA_ELASTICSEARCH=http://127.0.0.1:19692
#   - Redis: Debian's /usr/bin/redis-server, --save '' --appendonly no; ARGILLA_REDIS_URL=redis://127.0.0.1:19693/0
# The server's own start-up sequence (the server image's docker/server/scripts/start_argilla_server.sh, which creates the
# owner from USERNAME / PASSWORD / API_KEY / WORKSPACE):
# `python -m argilla_server database migrate`, then `python -m argilla_server database users create ... --role owner`,
# then `python -m argilla_server start --host 127.0.0.1 --port P`. At start it pings the search engine (backoff up to
# 60 s) and Redis and exits if either is missing. Telemetry (Hugging Face hub) is off: HF_HUB_DISABLE_TELEMETRY=1,
# HF_HUB_OFFLINE=1 (and the deprecated ARGILLA_ENABLE_TELEMETRY=0); the namespace blocks anything else anyway.
#   an owner created with `database users create --role owner` (random password via capture_password, random API key)
#                                                                          -> argilla/api-key
# There is no open mode: every /api/v1 route but /status and /version needs an API key or a login token. A fresh server
# before any user exists (migrate, no user, start: what the server image does without USERNAME/PASSWORD) was recorded
# once with this same setup and answered every request the catalog plans exactly as api-key does (only the dates, the
# search engine's cluster_uuid and the memory figures in /api/v1/status differed), so it is not kept as a case: with no
# user nobody can log in, and Argilla has no sign-up page. (`database users create_default` makes an owner argilla /
# 1234 / argilla.apikey, credentials the probe never tries.)
# Every path outside /api (the canary included) answers 200 with the UI shell; unknown /api/v1 paths answer 404 JSON.
# Traps: argilla-server 2.8.0's typer 0.9 needs click < 8.2 (pinned below); the integ-test-zip has only the
# transport-netty4 module, enough for Argilla's start (ping) and /status (GET /) but not for creating datasets; the
# server binds 0.0.0.0 unless --host is given.
# Everything runs in a fresh network namespace (`unshare -n`, root) whose only interface is lo.
# Usage: bash scripts/capture/argilla.sh   (needs root for unshare and setpriv; the network only for pip and the download)
set -euo pipefail

VERSION=2.8.0
# argilla-server pins typer<0.10 but not click; typer 0.9.4 breaks on click >= 8.2 ("TypeError: Secondary flag is not
# valid for non-boolean flag" on every CLI command), so click stays on the last 8.1 release.
CLICK_VERSION=8.1.8
OPENSEARCH_VERSION=2.19.4
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/argilla"
VENV="$PREFIX/venv"
OPENSEARCH_HOME="$PREFIX/opensearch-$OPENSEARCH_VERSION"
JAVA_DIR=/usr/lib/jvm/java-17-openjdk-amd64
MAVEN=https://repo1.maven.org/maven2/org/opensearch
ARGILLA_PORT=19690
OPENSEARCH_PORT=19692
REDIS_PORT=19693
PUBLIC_HOST=203.0.113.9

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"

if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  mkdir -p "$PREFIX"
  ensure_venv "$VENV" \
    "argilla-server==$VERSION" "click==$CLICK_VERSION"
  if ! grep -q "^opensearch.version=$OPENSEARCH_VERSION\$" "$OPENSEARCH_HOME/.installed" 2>/dev/null; then
    fetch_maven_checked "$MAVEN/distribution/integ-test-zip/opensearch/$OPENSEARCH_VERSION/opensearch-$OPENSEARCH_VERSION.zip"
    rm -rf "$OPENSEARCH_HOME"
    unzip -q "$PREFIX/downloads/opensearch-$OPENSEARCH_VERSION.zip" -d "$PREFIX"
    echo "opensearch.version=$OPENSEARCH_VERSION" >"$OPENSEARCH_HOME/.installed"
  fi
fi
enter_isolated_netns "$0" "$@"

make_workdir argilla
chmod 755 "$WORK"

# Redis, nothing persisted, its files in the work folder.
serve_redis() {
  (cd "$WORK" && exec setsid /usr/bin/redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --dir "$WORK" --daemonize no >"$WORK/redis.log" 2>&1) &
  PIDS+=($!)
  SERVER_PGID=$!
  wait_until_up "$WORK/redis.log" sh -c "redis-cli -h 127.0.0.1 -p $REDIS_PORT ping 2>/dev/null | grep -qx PONG"
  SERVER_PGID=""
}

# OpenSearch without the security plugin, from a copy of the install, as nobody (it refuses root).
serve_opensearch() {
  cp -a "$OPENSEARCH_HOME" "$WORK/opensearch"
  mkdir -p "$WORK/opensearch-data" "$WORK/opensearch-logs" "$WORK/opensearch-tmp"
  chown -R nobody:nogroup "$WORK/opensearch" "$WORK/opensearch-data" "$WORK/opensearch-logs" "$WORK/opensearch-tmp"
  serve_tracked "$WORK/opensearch.log" "http://127.0.0.1:$OPENSEARCH_PORT/" setpriv --reuid=nobody --regid=nogroup \
    --clear-groups env HOME="$WORK/opensearch-tmp" OPENSEARCH_JAVA_HOME=$JAVA_DIR OPENSEARCH_TMPDIR="$WORK/opensearch-tmp" \
    OPENSEARCH_JAVA_OPTS="-Xms512m -Xmx512m" "$WORK/opensearch/bin/opensearch" \
    -Ecluster.name=capture-argilla -Enode.name=capture-argilla -Ediscovery.type=single-node \
    -Enetwork.host=127.0.0.1 -Ehttp.port="$OPENSEARCH_PORT" -Etransport.port=$((OPENSEARCH_PORT + 100)) \
    -Epath.data="$WORK/opensearch-data" -Epath.logs="$WORK/opensearch-logs"
  wait_for_2xx "http://127.0.0.1:$OPENSEARCH_PORT/_cluster/health?wait_for_status=yellow&timeout=5s" 120
}

# argilla_env CASE: the environment of `python -m argilla_server` for CASE (its own database and home, the shared search
# engine and Redis, telemetry off), as `env` arguments in ARGILLA_ENV.
argilla_env() {
  ARGILLA_ENV=(HOME="$WORK/home" ARGILLA_HOME_PATH="$WORK/home/$1" ARGILLA_DATABASE_URL="sqlite+aiosqlite:///$WORK/$1.db"
    ARGILLA_SEARCH_ENGINE=opensearch ARGILLA_ELASTICSEARCH="http://127.0.0.1:$OPENSEARCH_PORT"
    ARGILLA_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
    HF_HUB_DISABLE_TELEMETRY=1 HF_HUB_OFFLINE=1 HF_DATASETS_OFFLINE=1 ARGILLA_ENABLE_TELEMETRY=0)
}
argilla() { env "${ARGILLA_ENV[@]}" "$VENV/bin/python" -m argilla_server "$@"; }

serve_redis
serve_opensearch

# The api-key case: migrate, an owner created the documented way, then the server.
argilla_env api-key
argilla database migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; exit 1; }
API_KEY="capture.$(openssl rand -hex 16)"
argilla database users create --first-name Capture --username capture-owner --role owner \
  --password "$(capture_password)" --api-key "$API_KEY" --workspace capture
serve_tracked "$WORK/argilla.log" "http://127.0.0.1:$ARGILLA_PORT/api/v1/version" \
  env "${ARGILLA_ENV[@]}" "$VENV/bin/python" -m argilla_server start --host 127.0.0.1 --port "$ARGILLA_PORT"
wait_for_2xx "http://127.0.0.1:$ARGILLA_PORT/api/v1/status" 120
echo "--- listeners in the namespace:"
ss -ltnp
# The owner's API key works (so the refusals recorded below are for the missing credentials).
curl -sf -m 5 -o /dev/null -H "X-Argilla-Api-Key: $API_KEY" "http://127.0.0.1:$ARGILLA_PORT/api/v1/me"

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family argilla --port 6900 \
    --host "$PUBLIC_HOST:6900" --product 'Argilla server' --version "$VERSION" "$@")
}
RAN="PyPI argilla-server==$VERSION on SQLite, OpenSearch $OPENSEARCH_VERSION integ-test-zip (no security plugin) and Debian redis-server on loopback, telemetry off; in an unshare -n namespace with only lo"
record --case api-key --url "http://127.0.0.1:$ARGILLA_PORT" --verdict auth-required --expect-version "$VERSION" \
  --description "Argilla server with an owner user (the only way it runs): GET / is the UI shell titled Argilla, /api/v1/status reports the version and search engine to anyone, /api/v1/me without an API key is refused 401 argilla.api.errors::UnauthorizedError" \
  --how "python -m argilla_server database migrate; python -m argilla_server database users create --role owner --username <owner> --password <random> --api-key <random>; python -m argilla_server start --host 127.0.0.1 ($RAN)"
