#!/usr/bin/env bash
# Records the zeppelin fixtures from a real Apache Zeppelin server: org.apache.zeppelin:zeppelin-server:0.10.0 (the latest
# zeppelin-server on Maven Central; 0.11.x was never published there) with its dependencies resolved by Maven
# (`mvn dependency:copy-dependencies`, maven-dependency-plugin 3.6.1, --strict-checksums) from Maven Central into
# .venv-capture/zeppelin/lib (247 jars), and run as the distribution's bin/zeppelin.sh does: java -cp 'lib/*'
# org.apache.zeppelin.server.ZeppelinServer, on the machine's Java 17 (0.10 targets Java 8; it starts on 17 with no
# extra flags), as root, each server with its own ZEPPELIN_HOME/conf/notebook/logs/interpreter folders in the work folder:
#   no conf/shiro.ini (the default: anonymous access)                                   -> zeppelin/anonymous
#   conf/shiro.ini = conf/shiro.ini.template's [main] and [urls] (shiro.loginUrl = /api/login, /api/version = anon,
#   /** = authc) with one user of random password in [users]                          -> zeppelin/shiro
# Traps found:
# - The web UI is not on Maven Central (no zeppelin-web or zeppelin-web-angular war, jar or metadata; the wars ship only
#   in the binary tarball), and Zeppelin 0.10 mounts the REST API inside the UI's web app: with the default
#   zeppelin.war (zeppelin-web/dist) missing, that web app fails to start and every path, /api/version included, answers
#   Jetty's 503. So ZEPPELIN_WAR and ZEPPELIN_ANGULAR_WAR point at EMPTY folders (the server's "development mode", a
#   directory as the war): the REST API, CorsFilter and ShiroFilter are the server's own, but GET / finds no index.html
#   and answers Jetty's 403 (directory listing off), where a real install answers 200 with the UI's index.html. Both
#   carry CorsFilter's headers (it is mapped on /* for every dispatcher type), which is what the sweep hint reads.
# - The Lucene search index defaults to /tmp/zeppelin-index, outside the work folder: ZEPPELIN_SEARCH_INDEX_PATH moves it.
# - With shiro.ini, /api/notebook answers 302 to the login URL, absolute, with the request's Host (here the public
#   address the recorder sends), and Basic credentials are not accepted (the user is checked with POST /api/login).
# - ZeppelinServer's main waits on stdin unless ZEPPELIN_IDENT_STRING is set (bin/zeppelin-daemon.sh sets it).
# The servers run in a fresh network namespace (`unshare -n`, root) whose only interface is lo.
# Usage: bash scripts/capture/zeppelin.sh   (needs root for unshare; the network only for Maven)
set -euo pipefail

VERSION=0.10.0
DEPENDENCY_PLUGIN=3.6.1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/zeppelin"
LIB="$PREFIX/lib"
JAVA_DIR=/usr/lib/jvm/java-17-openjdk-amd64
ANONYMOUS_PORT=19680
SHIRO_PORT=19681
PUBLIC_HOST=203.0.113.9

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"

if [ "${CAPTURE_IN_NETNS:-}" != 1 ] && [ ! -f "$LIB/.installed-$VERSION" ]; then
  mkdir -p "$PREFIX"
  cat >"$PREFIX/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>capture</groupId>
  <artifactId>zeppelin-capture</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.zeppelin</groupId>
      <artifactId>zeppelin-server</artifactId>
      <version>$VERSION</version>
    </dependency>
  </dependencies>
</project>
EOF
  rm -rf "$LIB"
  mvn -B -q --strict-checksums -f "$PREFIX/pom.xml" -Dmaven.repo.local="$PREFIX/m2" \
    "org.apache.maven.plugins:maven-dependency-plugin:$DEPENDENCY_PLUGIN:copy-dependencies" -DoutputDirectory="$LIB"
  [ -f "$LIB/zeppelin-server-$VERSION.jar" ] || { echo "zeppelin-server-$VERSION.jar was not resolved" >&2; exit 1; }
  touch "$LIB/.installed-$VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir zeppelin

# serve NAME PORT: ZeppelinServer with ZEPPELIN_HOME=WORK/NAME (conf/ as prepared there) on 127.0.0.1:PORT, the UI wars
# set to empty folders (see the header), waiting until /api/version answers 2xx and the log says the server is done.
serve() {
  local name=$1 port=$2 home="$WORK/$1"
  mkdir -p "$home/conf" "$home/notebook" "$home/logs" "$home/interpreter" "$home/run" "$home/web" "$home/web-angular"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/api/version" env HOME="$home" ZEPPELIN_HOME="$home" \
    ZEPPELIN_CONF_DIR="$home/conf" ZEPPELIN_NOTEBOOK_DIR="$home/notebook" ZEPPELIN_LOG_DIR="$home/logs" \
    ZEPPELIN_PID_DIR="$home/run" ZEPPELIN_INTERPRETER_DIR="$home/interpreter" ZEPPELIN_SEARCH_INDEX_PATH="$home/index" \
    ZEPPELIN_WAR="$home/web" ZEPPELIN_ANGULAR_WAR="$home/web-angular" ZEPPELIN_ADDR=127.0.0.1 ZEPPELIN_PORT="$port" \
    ZEPPELIN_IDENT_STRING=capture "$JAVA_DIR/bin/java" -XX:-UsePerfData -Xms256m -Xmx512m -cp "$LIB/*" \
    org.apache.zeppelin.server.ZeppelinServer
  wait_for_2xx "http://127.0.0.1:$port/api/version" 120
  for _ in $(seq 120); do grep -q 'Done, zeppelin server started' "$WORK/$name.log" && return 0; sleep 1; done
  tail -40 "$WORK/$name.log"; echo "$name never finished starting" >&2; exit 1
}

START=$(date +%s)
serve anonymous "$ANONYMOUS_PORT"
echo "--- anonymous server up in $(($(date +%s) - START)) s"

# The Shiro server: the template's configuration (comments dropped) with one user of random password, never recorded.
PASSWORD=$(capture_password)
mkdir -p "$WORK/shiro/conf"
cat >"$WORK/shiro/conf/shiro.ini" <<EOF
[users]
capture = $PASSWORD, admin

[main]
sessionManager = org.apache.shiro.web.session.mgt.DefaultWebSessionManager
cookie = org.apache.shiro.web.servlet.SimpleCookie
cookie.name = JSESSIONID
cookie.httpOnly = true
sessionManager.sessionIdCookie = \$cookie
securityManager.sessionManager = \$sessionManager
securityManager.sessionManager.globalSessionTimeout = 86400000
shiro.loginUrl = /api/login

[roles]
role1 = *
role2 = *
role3 = *
admin = *

[urls]
/api/version = anon
/api/cluster/address = anon
/api/interpreter/setting/restart/** = authc
/api/interpreter/** = authc, roles[admin]
/api/notebook-repositories/** = authc, roles[admin]
/api/configurations/** = authc, roles[admin]
/api/credential/** = authc, roles[admin]
/api/admin/** = authc, roles[admin]
/** = authc
EOF
START=$(date +%s)
serve shiro "$SHIRO_PORT"
echo "--- shiro server up in $(($(date +%s) - START)) s"
grep -q 'Starting Shiro environment initialization' "$WORK/shiro.log" || { echo "Shiro was not initialised" >&2; exit 1; }
# The user logs in (so the refusal recorded below is for the missing session, not a broken realm).
curl -sf -m 10 --data-urlencode userName=capture --data-urlencode "password=$PASSWORD" \
  "http://127.0.0.1:$SHIRO_PORT/api/login" | grep -q '"principal":"capture"' || { echo "the Shiro user cannot log in" >&2; exit 1; }
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family zeppelin --port 8080 --host "$PUBLIC_HOST:8080" \
    --product "Apache Zeppelin" --version "$VERSION" --expect-version "$VERSION" "$@")
}
RAN="Maven Central org.apache.zeppelin:zeppelin-server:$VERSION with its dependencies, java -cp 'lib/*' org.apache.zeppelin.server.ZeppelinServer on Java 17 as root, ZEPPELIN_ADDR=127.0.0.1, ZEPPELIN_HOME/CONF/NOTEBOOK/LOG/INTERPRETER dirs in a temp folder; ZEPPELIN_WAR and ZEPPELIN_ANGULAR_WAR are EMPTY folders because the UI wars are not on Maven Central (without them the REST API is not served either), so GET / answers Jetty's 403 instead of the UI's index.html; in an unshare -n namespace with only lo"
record --case anonymous --url "http://127.0.0.1:$ANONYMOUS_PORT" --verdict unauthenticated \
  --description "Apache Zeppelin without conf/shiro.ini (anonymous access, the default): /api/version names Zeppelin and its version, /api/notebook lists the notes to anyone (none in a fresh install)" \
  --how "no conf/shiro.ini ($RAN)"
record --case shiro --url "http://127.0.0.1:$SHIRO_PORT" --verdict auth-required \
  --description "Apache Zeppelin with conf/shiro.ini from the template (one user): /api/version stays anonymous, /api/notebook answers 302 to the login URL /api/login" \
  --how "conf/shiro.ini = shiro.ini.template's [main], [roles] and [urls] (shiro.loginUrl = /api/login, /api/version = anon, /** = authc) with one user of random password ($RAN)"
