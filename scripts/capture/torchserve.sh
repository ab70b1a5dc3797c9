#!/usr/bin/env bash
# Records the torchserve fixtures from a real TorchServe (PyPI torchserve==0.12.0, Java 17 from the
# machine; no torch: no model is loaded) on 127.0.0.1 only:
#   default start (token authorization on)  -> token-auth (8081), inference-token-auth (8080)
#     (/api-description, with the version, answers even then)
#   --disable-token-auth                    -> management-open (8081), inference-open (8080)
# and the same from the two gRPC ports (cleartext HTTP/2, TorchServe's default):
#   default start   -> torchserve-grpc-management/token-auth (7071), torchserve-grpc-inference/token-auth (7070)
#     (PERMISSION_DENIED "Token Authorization failed…" on both services)
#   --disable-token-auth -> torchserve-grpc-management/open (7071: ListModels answers, always an empty page: the empty
#     request asks for 0 models), torchserve-grpc-inference/open (7070: Ping answers Healthy)
# The gRPC answers carry no version, so those cases expect none.
# Every listener (inference, management, metrics, both gRPC ports) is set to 127.0.0.1 in the
# config file and checked with ss before anything is recorded. Ports 19160-19166.
# Usage: bash scripts/capture/torchserve.sh   (from anywhere; needs the network only for pip)
set -euo pipefail

VERSION=0.12.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/torchserve"
INFERENCE_PORT=19160
MANAGEMENT_PORT=19161
GRPC_INFERENCE_PORT=19163
GRPC_MANAGEMENT_PORT=19164
PUBLIC_HOST=203.0.113.7

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
ensure_venv "$VENV" "torchserve==$VERSION"

make_workdir torchserve

mkdir -p "$WORK/store"
cat >"$WORK/config.properties" <<EOF
inference_address=http://127.0.0.1:$INFERENCE_PORT
management_address=http://127.0.0.1:$MANAGEMENT_PORT
metrics_address=http://127.0.0.1:19162
grpc_inference_address=127.0.0.1
grpc_management_address=127.0.0.1
grpc_inference_port=$GRPC_INFERENCE_PORT
grpc_management_port=$GRPC_MANAGEMENT_PORT
initial_worker_port=19166
disable_system_metrics=true
EOF

START="torchserve --start --foreground --ncs --model-store <temp>/store --ts-config <temp>/config.properties"
CONFIG_NOTE="config.properties: inference_address=http://127.0.0.1:P, management_address=http://127.0.0.1:P, metrics_address, grpc_*_address=127.0.0.1 (PyPI torchserve==$VERSION, OpenJDK 17, no torch, no models)"

start_server() { # $@: extra torchserve flags
  rm -f "$WORK/key_file.json" "$WORK/ts.log"
  # cwd = WORK: TorchServe writes key_file.json there; TMPDIR: its pid file.
  (cd "$WORK" && TMPDIR="$WORK" exec setsid "$VENV/bin/torchserve" --start --foreground --ncs \
    --model-store "$WORK/store" --ts-config "$WORK/config.properties" "$@" >"$WORK/ts.log" 2>&1) &
  SERVER_PGID=$!
  wait_until_up "$WORK/ts.log" grep -q "Model server started" "$WORK/ts.log"
  echo "--- listeners of torchserve (must all be 127.0.0.1):"
  ss -ltnp | grep -F "pid=" | grep -E ":1916[0-6] " | tee "$WORK/listen.txt"
  if grep -v -E "(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):1916[0-6] " "$WORK/listen.txt" | grep -q .; then
    echo "a listener is not on loopback; not recording" >&2; exit 1
  fi
}

record() { # family case port url-port verdict description how [option…]
  (cd "$ROOT" && npx tsx scripts/record-fixtures.ts --family "$1" --case "$2" --port "$3" \
    --url "http://127.0.0.1:$4" --host "$PUBLIC_HOST:$3" --product TorchServe --version "$VERSION" \
    --verdict "$5" --description "$6" --how "$7" "${@:8}")
}

start_server
record torchserve token-auth 8081 "$MANAGEMENT_PORT" auth-required \
  "TorchServe management API with default token authorization: every path, the canary too, 400 InvalidKeyException" \
  "$START ($CONFIG_NOTE)" --expect-version "$VERSION"
record torchserve inference-token-auth 8080 "$INFERENCE_PORT" auth-required \
  "TorchServe inference API with default token authorization: /ping and every other path 400 InvalidKeyException" \
  "$START ($CONFIG_NOTE)" --expect-version "$VERSION"
record torchserve-grpc-management token-auth 7071 "$GRPC_MANAGEMENT_PORT" auth-required \
  "TorchServe gRPC management API with default token authorization: ListModels PERMISSION_DENIED \"Token Authorization failed\"; an unknown method UNIMPLEMENTED" \
  "$START ($CONFIG_NOTE)"
record torchserve-grpc-inference token-auth 7070 "$GRPC_INFERENCE_PORT" auth-required \
  "TorchServe gRPC inference API with default token authorization: Ping PERMISSION_DENIED \"Token Authorization failed\"; an unknown method UNIMPLEMENTED" \
  "$START ($CONFIG_NOTE)"
stop_server

start_server --disable-token-auth
record torchserve management-open 8081 "$MANAGEMENT_PORT" unauthenticated \
  "TorchServe management API with --disable-token-auth: GET /models lists the (empty) model set" \
  "$START --disable-token-auth ($CONFIG_NOTE)" --expect-version "$VERSION"
record torchserve inference-open 8080 "$INFERENCE_PORT" unauthenticated \
  "TorchServe inference API with --disable-token-auth: GET /ping 200 Healthy, /models is 404 on this port" \
  "$START --disable-token-auth ($CONFIG_NOTE)" --expect-version "$VERSION"
record torchserve-grpc-management open 7071 "$GRPC_MANAGEMENT_PORT" unauthenticated \
  "TorchServe gRPC management API with --disable-token-auth: ListModels answers the model list (an empty page: the empty request asks for 0 models)" \
  "$START --disable-token-auth ($CONFIG_NOTE)"
record torchserve-grpc-inference open 7070 "$GRPC_INFERENCE_PORT" unauthenticated \
  "TorchServe gRPC inference API with --disable-token-auth: Ping answers {\"status\": \"Healthy\"}" \
  "$START --disable-token-auth ($CONFIG_NOTE)"
stop_server
