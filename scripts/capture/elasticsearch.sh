#!/usr/bin/env bash
# Records the Elasticsearch fixtures from real Elasticsearch nodes: Elastic's minimal distribution, the integ-test-zip
# that Maven Central carries (org.elasticsearch.distribution.integ-test-zip:elasticsearch, ~80-105 MB, no bundled JDK:
# run on the machine's Java 17), each zip checked against the checksum Maven Central publishes for it, pinned below:
#   8.7.1,  xpack.security.enabled=false   -> elasticsearch/open
#   8.19.21, xpack.security.enabled=true   -> elasticsearch/security
# Two versions because the zip holds only the server and four modules (transport-netty4, x-pack-core, x-pack-security,
# apm): GET / (RestMainAction, the "You Know, for Search" banner) was in the server jar up to 8.7 and then moved to the
# module rest-root, which every real distribution (tar.gz, deb, rpm, Docker) ships and the zip does not, so from 8.9.0
# (8.8 is not on Maven Central) an open zip answers GET / with 405 "allowed: [DELETE]", which no real cluster does.
# With security on, 8.19 authenticates at the HTTP layer before routing, so every path is a 401 there whatever the
# modules, and the newest zip stands for the real product.
# Elasticsearch refuses to run as root: each node runs as nobody:nogroup (setpriv) with its config (copied from the
# zip), data, logs and temp dir in a work dir owned by nobody, bound to 127.0.0.1 with discovery.type=single-node and
# a 512 MB heap, in a fresh network namespace (`unshare -n`, root) whose only interface is lo.
# Usage: bash scripts/capture/elasticsearch.sh   (needs root for unshare and setpriv; the network only for the downloads)
set -euo pipefail

OPEN_VERSION=8.7.1
OPEN_SHA1=e4f4c1075900b5977d1755028a027235b454dc5b
SECURITY_VERSION=8.19.21
SECURITY_SHA512=cf6b0a93860d329937ae7f913ec5073b0c726c77639764b93fc83a304aa1dd9d4defcfa2849948eea3b0b47c2065f994908603939fc2a4774c9c4d868c5ec1dd
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/elasticsearch"
JAVA_HOME_17=/usr/lib/jvm/java-17-openjdk-amd64
OPEN_PORT=19530
SECURITY_PORT=19531
PUBLIC_HOST=203.0.113.9
BOOTSTRAP_PASSWORD=capture-bootstrap-password

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"

# ensure_es VERSION ALGORITHM CHECKSUM: unless PREFIX holds the unpacked VERSION, downloads its integ-test-zip from
# Maven Central, checks it with ALGORITHM (sha1 or sha512) against CHECKSUM, and unpacks it.
ensure_es() {
  local version=$1 algorithm=$2 checksum=$3
  [ -f "$PREFIX/elasticsearch-$version/lib/elasticsearch-$version.jar" ] && return 0
  local zip="$PREFIX/elasticsearch-$version.zip"
  mkdir -p "$PREFIX"
  curl -sSfL -o "$zip" \
    "https://repo1.maven.org/maven2/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$version/elasticsearch-$version.zip"
  echo "$checksum  $zip" | "${algorithm}sum" -c --quiet || { rm -f "$zip"; echo "checksum mismatch for $zip" >&2; exit 1; }
  rm -rf "$PREFIX/unpack-$version" "$PREFIX/elasticsearch-$version"
  unzip -q "$zip" -d "$PREFIX/unpack-$version"
  mv "$PREFIX/unpack-$version/elasticsearch-$version" "$PREFIX/elasticsearch-$version"
  rm -rf "$PREFIX/unpack-$version" "$zip"
}
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_es "$OPEN_VERSION" sha1 "$OPEN_SHA1"
  ensure_es "$SECURITY_VERSION" sha512 "$SECURITY_SHA512"
fi
enter_isolated_netns "$0" "$@"

make_workdir elasticsearch
chmod 755 "$WORK"

# node VERSION PORT SETTING…: lays out a node's config (the zip's, GC log moved into the node's logs, SETTING… lines
# appended to elasticsearch.yml), data and logs under WORK/node-PORT, owned by nobody; sets ES_HOME, NODE and AS_NOBODY
# (the prefix that runs a command as nobody:nogroup with only the environment Elasticsearch's scripts read).
node() {
  local version=$1 port=$2; shift 2
  ES_HOME="$PREFIX/elasticsearch-$version"
  NODE="$WORK/node-$port"
  AS_NOBODY=(setpriv --reuid=nobody --regid=nogroup --clear-groups env -i PATH=/usr/bin:/bin HOME="$NODE"
    ES_PATH_CONF="$NODE/config" ES_TMPDIR="$NODE/tmp" ES_JAVA_HOME="$JAVA_HOME_17" ES_JAVA_OPTS="-Xms512m -Xmx512m")
  mkdir -p "$NODE/data" "$NODE/logs" "$NODE/tmp"
  cp -r "$ES_HOME/config" "$NODE/config"
  sed -i -E "s|file=[^:]*gc\.log|file=$NODE/logs/gc.log|" "$NODE/config/jvm.options"
  printf '%s\n' "cluster.name: capture" "node.name: capture-node" "network.host: 127.0.0.1" "http.port: $port" \
    "transport.port: $((port + 100))" "discovery.type: single-node" "path.data: $NODE/data" "path.logs: $NODE/logs" \
    "$@" >>"$NODE/config/elasticsearch.yml"
  chown -R nobody:nogroup "$NODE"
}

# serve PORT: starts the node laid out last and waits until it answers at all; the EXIT trap stops its process group
# (the CLI launcher and the server JVM it starts).
serve() {
  local port=$1
  serve_tracked "$NODE/stdout.log" "http://127.0.0.1:$port/" "${AS_NOBODY[@]}" "$ES_HOME/bin/elasticsearch"
  SERVER_PGID=${PIDS[-1]}
}

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family elasticsearch --port 9200 --host "$PUBLIC_HOST:9200" \
    --product Elasticsearch "$@")
}
ZIP="Maven Central's integ-test-zip, run as nobody on OpenJDK 17 with -Xms512m -Xmx512m, network.host 127.0.0.1, discovery.type single-node; in an unshare -n namespace with only lo"

# open: security off, as a cluster left with xpack.security.enabled: false.
node "$OPEN_VERSION" "$OPEN_PORT" "xpack.security.enabled: false"
serve "$OPEN_PORT"
wait_for_2xx "http://127.0.0.1:$OPEN_PORT/_cluster/health?wait_for_status=yellow&timeout=50s" 120
echo "--- listeners in the namespace:"
ss -ltnp
record --case open --url "http://127.0.0.1:$OPEN_PORT" --version "$OPEN_VERSION" --verdict unauthenticated --expect-version "$OPEN_VERSION" \
  --description "Elasticsearch with xpack.security.enabled=false: GET / answers the cluster banner (name, cluster, version, \"You Know, for Search\") to anyone; one-segment paths are read as index names (404 index_not_found), other unrouted GETs 400 or 405" \
  --how "elasticsearch $OPEN_VERSION with xpack.security.enabled: false ($ZIP)"
stop_server

# security: on, no TLS (allowed with single-node discovery); the bootstrap password only lets the readiness check in.
node "$SECURITY_VERSION" "$SECURITY_PORT" "xpack.security.enabled: true"
printf '%s' "$BOOTSTRAP_PASSWORD" | "${AS_NOBODY[@]}" "$ES_HOME/bin/elasticsearch-keystore" create >/dev/null
printf '%s' "$BOOTSTRAP_PASSWORD" | "${AS_NOBODY[@]}" "$ES_HOME/bin/elasticsearch-keystore" add -x bootstrap.password
serve "$SECURITY_PORT"
wait_for_2xx "http://elastic:$BOOTSTRAP_PASSWORD@127.0.0.1:$SECURITY_PORT/_cluster/health?wait_for_status=yellow&timeout=50s" 120
echo "--- listeners in the namespace:"
ss -ltnp
record --case security --url "http://127.0.0.1:$SECURITY_PORT" --version "$SECURITY_VERSION" --verdict auth-required \
  --description "Elasticsearch with security on (xpack.security.enabled=true): every request without credentials, routed or not, is 401 security_exception with WWW-Authenticate ApiKey and Basic realm=\"security\"" \
  --how "elasticsearch $SECURITY_VERSION with xpack.security.enabled: true, bootstrap.password in the keystore, no TLS ($ZIP)"
stop_server
