#!/usr/bin/env bash
# Records the h2o fixtures from a real H2O-3 node (PyPI h2o bundles h2o.jar; needs Java 17).
# Cases: open (no login) and hash-login (-hash_login: HTTP basic auth). Binds 127.0.0.1 only;
# -flatfile names the node itself, so no multicast cloud discovery leaves the machine.
#   bash scripts/capture/h2o.sh      (from the repo root; ports 19210/19211 and 19220/19221)
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=3.46.0.12
VENV=.venv-capture/h2o
# shellcheck source=scripts/capture/common.sh
. scripts/capture/common.sh
ensure_venv "$VENV" "h2o==$VERSION"
JAR="$("$VENV/bin/python" -c 'import h2o, os; print(os.path.join(os.path.dirname(h2o.__file__), "backend", "bin", "h2o.jar"))')"
make_workdir h2o

# start_h2o PORT EXTRA-ARGS…: starts a one-node cloud and waits until /3/Cloud answers (any status).
start_h2o() {
  local port=$1; shift
  echo "127.0.0.1:$port" > "$WORK/flatfile-$port"
  java -Xmx1g -jar "$JAR" -name "capture-$port" -ip 127.0.0.1 -port "$port" -flatfile "$WORK/flatfile-$port" \
    -ice_root "$WORK/ice-$port" -log_dir "$WORK/log-$port" "$@" > "$WORK/h2o-$port.out" 2>&1 &
  PIDS+=($!)
  curl -s -o /dev/null --retry 120 --retry-delay 1 --retry-connrefused --retry-all-errors "http://127.0.0.1:$port/3/Cloud"
}

record() { npx tsx scripts/record-fixtures.ts --family h2o --port 54321 --product H2O-3 --version "$VERSION" "$@"; }

start_h2o 19210
record --case open --url http://127.0.0.1:19210 --verdict unauthenticated --expect-version "$VERSION" \
  --description 'H2O-3 node without login: /3/Cloud answers the CloudV3 schema to anyone' \
  --how "java -jar h2o.jar -ip 127.0.0.1 -port 54321 -flatfile <self> (PyPI h2o==$VERSION, OpenJDK 17)"

echo 'capture: capture-secret-password' > "$WORK/realm.properties"
start_h2o 19220 -hash_login -login_conf "$WORK/realm.properties"
record --case hash-login --url http://127.0.0.1:19220 --verdict auth-required \
  --description 'H2O-3 node with -hash_login (HTTP basic auth): every REST path answers 401' \
  --how "java -jar h2o.jar -ip 127.0.0.1 -port 54321 -flatfile <self> -hash_login -login_conf <temp>/realm.properties (PyPI h2o==$VERSION, OpenJDK 17)"
