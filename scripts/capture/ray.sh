#!/usr/bin/env bash
# Records the ray-dashboard and ray-serve fixtures from a real Ray (PyPI ray[default,serve]==2.60.0):
#   default (token auth off)            -> ray-dashboard/open (8265), ray-serve/open (8000)
#   RAY_AUTH_MODE=token RAY_AUTH_TOKEN  -> ray-dashboard/token-auth (8265), ray-serve/token-mode-open (8000)
# Ray binds several of its own ports (GCS, raylet, agents) to every interface whatever
# --node-ip-address says, so everything after the install runs in a fresh network namespace
# (`unshare -n`, root) whose only interface is lo: nothing can be reached from, or sent to, a
# non-loopback address. Ports 19100-19139 (Ray internals), 19165 (dashboard), 19180 (Serve proxy).
# Usage: bash scripts/capture/ray.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=2.60.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/ray"
DASHBOARD_PORT=19165
SERVE_PORT=19180
PUBLIC_HOST=203.0.113.7

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "ray[default,serve]==$VERSION"
enter_isolated_netns "$0" "$@"

WORK=$(mktemp -d /tmp/capture-ray.XXXXXX)
RAY_PGID=""
stop_ray() {
  if [ -n "$RAY_PGID" ]; then
    # `ray start --block` stops its children on SIGTERM; the process group catches stragglers.
    kill -TERM "$RAY_PGID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 -- "-$RAY_PGID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$RAY_PGID" 2>/dev/null || true
    RAY_PGID=""
  fi
  # Not `ray stop`: it kills Ray processes by name machine-wide; every process of this run is in the group.
}
cleanup() { stop_ray; rm -rf "$WORK"; }
trap cleanup EXIT

cat >"$WORK/hello.py" <<'EOF'
from ray import serve


@serve.deployment(ray_actor_options={"num_cpus": 0})
class Hello:
    def __call__(self, request) -> str:
        return "hello"


app = Hello.bind()
EOF
cat >"$WORK/serve.yaml" <<EOF
proxy_location: HeadOnly
http_options:
  host: 127.0.0.1
  port: $SERVE_PORT
applications:
  - name: hello
    route_prefix: /hello
    import_path: hello:app
EOF

RAY_FLAGS=(--head --block --node-ip-address=127.0.0.1 --port=19100 --ray-client-server-port=19101
  --node-manager-port=19102 --object-manager-port=19103 --runtime-env-agent-port=19104
  --dashboard-agent-grpc-port=19105 --dashboard-agent-listen-port=19106 --metrics-export-port=19107
  --min-worker-port=19120 --max-worker-port=19139 --dashboard-host=127.0.0.1 --dashboard-port=$DASHBOARD_PORT
  --include-dashboard=true --num-cpus=1 --object-store-memory=100000000 --disable-usage-stats)
HOW_RAY="RAY_USAGE_STATS_ENABLED=0 ray start ${RAY_FLAGS[*]} --temp-dir=<temp> (PyPI ray[default,serve]==$VERSION, in an unshare -n namespace with only lo)"
HOW_SERVE="serve deploy serve.yaml (proxy_location HeadOnly, http_options host 127.0.0.1, one app 'hello' at /hello)"

start_ray() { # extra env assignments for ray start
  (cd "$WORK" && exec env RAY_USAGE_STATS_ENABLED=0 PYTHONPATH="$WORK" "$@" setsid "$VENV/bin/ray" start "${RAY_FLAGS[@]}" \
    --temp-dir="$WORK/t" >"$WORK/ray.log" 2>&1) &
  RAY_PGID=$!
  for _ in $(seq 240); do
    curl -s -o /dev/null "http://127.0.0.1:$DASHBOARD_PORT/api/version" && break
    kill -0 "$RAY_PGID" 2>/dev/null || { tail -40 "$WORK/ray.log"; echo "ray start exited" >&2; exit 1; }
    sleep 0.5
  done
  echo "--- listeners in the namespace:"
  ss -ltnp
}

deploy_serve() { # extra env assignments for serve
  (cd "$WORK" && env "$@" "$VENV/bin/serve" deploy --address "http://127.0.0.1:$DASHBOARD_PORT" serve.yaml)
  for _ in $(seq 240); do
    curl -s "http://127.0.0.1:$SERVE_PORT/-/routes" | grep -q '"/hello"' && return 0
    sleep 0.5
  done
  echo "Serve application did not come up" >&2; exit 1
}

record() { # family case port url-port verdict description how [expect-version]
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family "$1" --case "$2" --port "$3" \
    --url "http://127.0.0.1:$4" --host "$PUBLIC_HOST:$3" --product Ray --version "$VERSION" \
    --verdict "$5" --description "$6" --how "$7" ${8:+--expect-version "$8"})
}

start_ray env
deploy_serve env
record ray-dashboard open 8265 "$DASHBOARD_PORT" unauthenticated \
  "Ray dashboard with token auth off (the default): /api/version and the Jobs API answer anyone" "$HOW_RAY" "$VERSION"
record ray-serve open 8000 "$SERVE_PORT" unauthenticated \
  "Ray Serve HTTP proxy with one application at /hello: /-/healthz and /-/routes answer anyone" "$HOW_RAY; $HOW_SERVE"
stop_ray

TOKEN=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
start_ray RAY_AUTH_MODE=token RAY_AUTH_TOKEN="$TOKEN"
deploy_serve RAY_AUTH_MODE=token RAY_AUTH_TOKEN="$TOKEN"
record ray-dashboard token-auth 8265 "$DASHBOARD_PORT" auth-required \
  "Ray with RAY_AUTH_MODE=token, asked without a token" "RAY_AUTH_MODE=token RAY_AUTH_TOKEN=<secret> $HOW_RAY"
record ray-serve token-mode-open 8000 "$SERVE_PORT" unauthenticated \
  "Ray Serve HTTP proxy of a cluster with RAY_AUTH_MODE=token: the proxy still answers without a token" \
  "RAY_AUTH_MODE=token RAY_AUTH_TOKEN=<secret> $HOW_RAY; $HOW_SERVE"
stop_ray
