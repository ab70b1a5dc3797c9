#!/usr/bin/env bash
# Records the OpenSearch fixtures from a real OpenSearch node: the minimal distribution (integ-test-zip, no bundled JDK,
# run on the machine's Java 17) opensearch-2.19.4.zip and the security plugin opensearch-security-2.19.4.0.zip from
# Maven Central, each checked against the .sha512 and .sha1 published next to it, unpacked into
# .venv-capture/opensearch with the plugin installed offline (`opensearch-plugin install --batch file://…`). One install
# serves both cases, as the official image does: the plugin is always there and DISABLE_SECURITY_PLUGIN=true only writes
# plugins.security.disabled: true, so the open node is what such an image answers:
#   plugins.security.disabled: true                                        -> opensearch/security-disabled
#   the plugin's demo configuration (install_demo_configuration.sh -y -i: demo certificates, internal users with a
#   random OPENSEARCH_INITIAL_ADMIN_PASSWORD, the security index created at start), HTTPS on the REST port turned off
#   (plugins.security.ssl.http.enabled: false) so the recorder (plain HTTP) gets the plugin's 401; transport TLS stays on
#                                                                           -> opensearch/security
# Each node runs from a copy of the install in the work folder, as nobody (OpenSearch refuses root), with a 512 MB heap,
# bound to 127.0.0.1 in a fresh network namespace (`unshare -n`, root) whose only interface is lo.
# Usage: bash scripts/capture/opensearch.sh   (needs root for unshare and setpriv; the network only for the download)
set -euo pipefail

VERSION=2.19.4
PLUGIN_VERSION=$VERSION.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/opensearch"
HOME_DIR="$PREFIX/opensearch-$VERSION"
JAVA_DIR=/usr/lib/jvm/java-17-openjdk-amd64
MAVEN=https://repo1.maven.org/maven2/org/opensearch
DISABLED_PORT=19540
SECURE_PORT=19541
PUBLIC_HOST=203.0.113.9

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"

if [ "${CAPTURE_IN_NETNS:-}" != 1 ] && ! grep -qx "version=$PLUGIN_VERSION" "$HOME_DIR/plugins/opensearch-security/plugin-descriptor.properties" 2>/dev/null; then
  fetch_maven_checked "$MAVEN/distribution/integ-test-zip/opensearch/$VERSION/opensearch-$VERSION.zip"
  fetch_maven_checked "$MAVEN/plugin/opensearch-security/$PLUGIN_VERSION/opensearch-security-$PLUGIN_VERSION.zip"
  rm -rf "$HOME_DIR"
  unzip -q "$PREFIX/downloads/opensearch-$VERSION.zip" -d "$PREFIX"
  OPENSEARCH_JAVA_HOME=$JAVA_DIR "$HOME_DIR/bin/opensearch-plugin" install --batch \
    "file://$PREFIX/downloads/opensearch-security-$PLUGIN_VERSION.zip"
fi
enter_isolated_netns "$0" "$@"

make_workdir opensearch
chmod 755 "$WORK"

# prepare NAME: a copy of the install at $WORK/NAME for one node, its data, logs and temp folders beside it.
prepare() {
  cp -a "$HOME_DIR" "$WORK/$1"
  mkdir -p "$WORK/$1-data" "$WORK/$1-logs" "$WORK/$1-tmp"
}

# serve NAME PORT: starts the node at $WORK/NAME as nobody (every file it writes chowned to it first) on 127.0.0.1:PORT,
# transport on PORT+100, and waits until the REST port answers at all.
serve() {
  local name=$1 port=$2
  chown -R nobody:nogroup "$WORK/$name" "$WORK/$name-data" "$WORK/$name-logs" "$WORK/$name-tmp"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/" setpriv --reuid=nobody --regid=nogroup --clear-groups \
    env HOME="$WORK/$name-tmp" OPENSEARCH_JAVA_HOME=$JAVA_DIR OPENSEARCH_TMPDIR="$WORK/$name-tmp" \
    OPENSEARCH_JAVA_OPTS="-Xms512m -Xmx512m" "$WORK/$name/bin/opensearch" \
    -Ecluster.name="capture-$name" -Enode.name="capture-$name" -Ediscovery.type=single-node \
    -Enetwork.host=127.0.0.1 -Ehttp.port="$port" -Etransport.port=$((port + 100)) \
    -Epath.data="$WORK/$name-data" -Epath.logs="$WORK/$name-logs"
}

# The open node: the plugin installed, switched off as the image's DISABLE_SECURITY_PLUGIN=true does.
prepare disabled
echo "plugins.security.disabled: true" >>"$WORK/disabled/config/opensearch.yml"
serve disabled "$DISABLED_PORT"
wait_for_2xx "http://127.0.0.1:$DISABLED_PORT/_cluster/health?wait_for_status=yellow&timeout=5s" 120

# The secured node: the demo configuration with a random admin password (never sent by the recorder), HTTPS off.
prepare secure
ADMIN_PASSWORD="Capture-$(openssl rand -hex 12)-9z"
OPENSEARCH_JAVA_HOME=$JAVA_DIR OPENSEARCH_INITIAL_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  bash "$WORK/secure/plugins/opensearch-security/tools/install_demo_configuration.sh" -y -i >"$WORK/demo.log" 2>&1 \
  || { cat "$WORK/demo.log"; exit 1; }
sed -i 's/^plugins\.security\.ssl\.http\.enabled: true$/plugins.security.ssl.http.enabled: false/' "$WORK/secure/config/opensearch.yml"
grep -qx 'plugins.security.ssl.http.enabled: false' "$WORK/secure/config/opensearch.yml" || { echo "HTTPS still on" >&2; exit 1; }
echo "--- security settings of the secured node:"
grep '^plugins\.security' "$WORK/secure/config/opensearch.yml"
serve secure "$SECURE_PORT"
# Up once the admin's credentials are accepted (before the security index exists every request answers 503).
for _ in $(seq 120); do
  curl -sf -m 5 -o /dev/null -u "admin:$ADMIN_PASSWORD" "http://127.0.0.1:$SECURE_PORT/_cluster/health?wait_for_status=yellow&timeout=5s" && break
  sleep 1
done
curl -sf -m 5 -o /dev/null -u "admin:$ADMIN_PASSWORD" "http://127.0.0.1:$SECURE_PORT/" || { tail -40 "$WORK/secure.log"; echo "the secured node never let admin in" >&2; exit 1; }
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family opensearch --port 9200 --host "$PUBLIC_HOST:9200" \
    --product OpenSearch --version "$VERSION" "$@")
}
RAN="opensearch-$VERSION.zip (integ-test-zip) + opensearch-security-$PLUGIN_VERSION.zip from Maven Central, Java 17, as nobody, -Ediscovery.type=single-node -Enetwork.host=127.0.0.1, in an unshare -n namespace with only lo"
record --case security-disabled --url "http://127.0.0.1:$DISABLED_PORT" --verdict unauthenticated --expect-version "$VERSION" \
  --description "OpenSearch with the security plugin installed but plugins.security.disabled: true (the image's DISABLE_SECURITY_PLUGIN=true): GET / banner with \"distribution\": \"opensearch\" and the version, every index open" \
  --how "plugins.security.disabled: true in opensearch.yml ($RAN)"
record --case security --url "http://127.0.0.1:$SECURE_PORT" --verdict auth-required \
  --description "OpenSearch with the security plugin's demo configuration (HTTPS on the REST port off): routed requests answer 401 \"Unauthorized\", WWW-Authenticate Basic realm=\"OpenSearch Security\"" \
  --how "install_demo_configuration.sh -y -i with OPENSEARCH_INITIAL_ADMIN_PASSWORD=<random>, then plugins.security.ssl.http.enabled: false ($RAN)"
