#!/usr/bin/env bash
# Records the milvus fixtures from a real Milvus: PyPI milvus==2.3.5, the "embedded Milvus" (Milvus Lite 2.3.x) whose
# wheel (58 MB, no dependencies) bundles the standalone server binary `milvus` (v2.3.5-lite, GitCommit 9aceff5a6, built
# 2024-01-19) and its shared libraries as .lzma files. Its `milvus-server` command writes <data>/configs/milvus.yaml from
# the template in the wheel, unpacks the binary into <data>/bin (246 MB) and runs `milvus run standalone` with embedded
# etcd, local storage and RocksMQ: nothing is downloaded at start. Each case has its own --data folder in the
# temporary work folder; the two run one after the other (their embedded etcd's 2379/2380 are fixed), the second with
# its proxy on another port (see the traps).
#   milvus-server --data <dir> --proxy-port 19530                                    -> milvus/open
#     (the template's default: common.security.authorizationEnabled: false; one collection "docs" is created first,
#     as the operator's step, so the list has something in it)
#   milvus-server --data <dir> --proxy-port 19630 --authorization-enabled true       -> milvus/auth
#     (writes common.security.authorizationEnabled: true; the default root:Milvus user is checked to get in)
# Facts and traps found with the real server:
# - 2.3.5 serves the RESTful v1 API (proxy.http.enabled: true by default) on the gRPC port 19530 itself; there is no
#   separate HTTP port. 9091 (the wrapper's METRICS_PORT) answers /healthz "OK" and 404 for /v1/vector/collections.
# - Every Milvus port listens on all interfaces (*:19530, *:9091, …; only the embedded etcd's 2379/2380 are on
#   127.0.0.1): 2.3.5 has no listen-address setting (proxy.ip etc. are only the addresses it advertises), so the
#   namespace below, whose only interface is lo, is what keeps it on loopback.
# - With authorization on, the check is a middleware in front of every path: unknown paths (the canary) answer 401
#   {"code":1800,"message":"user hasn't authenticated"} too, not gin's "404 page not found".
# - On SIGTERM the server starts a graceful stop (proxy.gracefulStopTimeout: 1800 s); tried by hand, one was still up
#   after 10 s, which stop_server's KILL covers. The wrapper's `--authorization-enabled` is argparse type=bool (any
#   non-empty value is true), so the open case leaves the flag out.
# - The wrapper's port flags (--proxy-port …) are only where its search for a free port starts: it test-binds
#   127.0.0.1 without SO_REUSEADDR and silently moves to the next port when that fails. After the first server is
#   killed, the recorder's connections leave 19530 (and 9091, 19529, …) in TIME_WAIT on the server side, so a second
#   server asked for 19530 came up on 19531. The second case therefore asks for a port nothing used before (19630);
#   its other ports may move up by one or two, which only its own components see.
# Usage: bash scripts/capture/milvus.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=2.3.5
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/milvus"
OPEN_PORT=19530
AUTH_PORT=19630
PUBLIC_HOST=203.0.113.9

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "milvus==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir milvus

# serve NAME PORT FLAG…: milvus-server with its data folder at WORK/NAME and the proxy (gRPC and REST) on PORT; waits
# until /v1/vector/collections answers at all, then leaves the server's process group in SERVER_PGID for stop_server.
serve() {
  local name=$1 port=$2 started=$SECONDS; shift 2
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/v1/vector/collections" \
    "$VENV/bin/milvus-server" --data "$WORK/$name" --proxy-port "$port" "$@"
  SERVER_PGID=${PIDS[-1]}
  echo "--- $name: the REST API answered $((SECONDS - started)) s after the start (unpacking included)"
  echo "--- $name: security settings in its milvus.yaml:"
  grep -E '^\s*authorizationEnabled:' "$WORK/$name/configs/milvus.yaml"
}

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family milvus --port 19530 \
    --host "$PUBLIC_HOST:19530" --product Milvus --version "$VERSION" "$@")
}
BUILT="PyPI milvus==$VERSION (embedded Milvus: the bundled standalone binary v$VERSION-lite, GitCommit 9aceff5a6, with embedded etcd and local storage); in an unshare -n namespace with only lo"
# No --expect-version: none of the answers the probe asks for carries the version.

# The open server: the template's defaults (authorization off), with one collection made by the operator.
serve open "$OPEN_PORT"
wait_for_2xx "http://127.0.0.1:$OPEN_PORT/v1/vector/collections" 60
operator_post 200 "http://127.0.0.1:$OPEN_PORT/v1/vector/collections/create" '{"collectionName":"docs","dimension":4}'
grep -q '"code":200' "$WORK/operator-answer" || { cat "$WORK/operator-answer" >&2; exit 1; }
curl -sf -m 5 "http://127.0.0.1:$OPEN_PORT/v1/vector/collections" | grep -q '"docs"' || { echo "the collection is not listed" >&2; exit 1; }
echo "--- listeners in the namespace:"
ss -ltnp
record --case open --url "http://127.0.0.1:$OPEN_PORT" --verdict unauthenticated \
  --description "Milvus with authorization off (common.security.authorizationEnabled: false, the default): the RESTful v1 API on the gRPC port lists collections to anyone, GET /v1/vector/collections 200 {\"code\":200,\"data\":[\"docs\"]}; unknown paths answer gin's \"404 page not found\"" \
  --how "milvus-server --data <temp> --proxy-port 19530, then POST /v1/vector/collections/create {\"collectionName\":\"docs\",\"dimension\":4} ($BUILT)"
stop_server

# The secured server: authorization on; the default root user gets in, so the refusals recorded are for no credentials.
serve auth "$AUTH_PORT" --authorization-enabled true
for _ in $(seq 60); do
  curl -s -m 5 -u root:Milvus "http://127.0.0.1:$AUTH_PORT/v1/vector/collections" | grep -q '"code":200' && break
  sleep 1
done
curl -s -m 5 -u root:Milvus "http://127.0.0.1:$AUTH_PORT/v1/vector/collections" | grep -q '"code":200' \
  || { tail -40 "$WORK/auth/logs/milvus-stdout.log"; echo "root:Milvus was not let in" >&2; exit 1; }
echo "--- listeners in the namespace (the auth server's other ports may have moved up):"
ss -ltnp
record --case auth --url "http://127.0.0.1:$AUTH_PORT" --verdict auth-required \
  --description "Milvus with common.security.authorizationEnabled: true: every path of the RESTful API on the gRPC port, /v1/vector/collections and unknown ones alike, answers 401 {\"code\":1800,\"message\":\"user hasn't authenticated\"} without credentials" \
  --how "milvus-server --data <temp> --proxy-port $AUTH_PORT --authorization-enabled true ($BUILT)"
stop_server
