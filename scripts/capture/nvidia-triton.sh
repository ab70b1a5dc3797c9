#!/usr/bin/env bash
# Records the nvidia-triton fixtures from a real NVIDIA Triton Inference Server: the tritonserver 2.51.0 binary bundled
# in PyPI nvidia-pytriton==0.7.0 (with numpy==1.26.4), started by PyTriton with one Python-defined identity model
# (CPU, no weights, no GPU: Triton logs that NVML/DCGM are unavailable and goes on):
#   PyTriton defaults                                        -> nvidia-triton/open (HTTP, port 8000)
#                                                               and nvidia-triton-grpc/open (gRPC, port 8001)
#     (PyTriton 0.7.0 itself passes --http-restricted-api=shared-memory,model-repository,statistics,trace,logging:
#     triton-access-token=<random>, and the same list as --grpc-restricted-protocol; the metadata API, GET /v2 and
#     gRPC ServerMetadata, stays open as in a bare tritonserver, while gRPC RepositoryIndex is refused for the header)
#   --http-restricted-api=metadata:admin-key=<secret>        -> nvidia-triton/restricted-metadata
#     (passed through TritonConfig(http_restricted_api=…); PyTriton only keeps it with
#     TritonSecurityConfig(restricted_endpoints=[]), otherwise its own restriction above replaces it)
#   --grpc-restricted-protocol=metadata:admin-key=<secret>   -> nvidia-triton-grpc/restricted-metadata
#     (passed through TritonConfig(grpc_restricted_protocol=…), kept the same way; ServerMetadata without the header
#     answers UNAVAILABLE (14) "This protocol is restricted, expecting header 'triton-grpc-protocol-admin-key'")
# Where RepositoryIndex answers (only the gRPC restricted-metadata case), it is OK with no models: PyTriton loads the
# identity model through the load API with its config and files in the request, so the model store Triton indexes stays
# empty (POST /v2/repository/index answers [] on the same server).
# The gRPC cases are recorded over cleartext HTTP/2 (no TLS: Triton's default), as the engine's gRPC probe sends them.
# HTTP, gRPC and metrics are bound to 127.0.0.1 (ports 19560-19582) and checked with ss, inside a network namespace
# whose only interface is lo (root). The bundled Python backend stub links libpython3.11.so.1.0 and would load
# Debian's (3.11.2) under the venv's pyenv 3.11.7 stdlib (the model then fails to load: RLock has no
# _recursion_count), so LD_LIBRARY_PATH points at the venv interpreter's own LIBDIR.
# Usage: bash scripts/capture/nvidia-triton.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

PYTRITON_VERSION=0.7.0
NUMPY_VERSION=1.26.4
TRITON_VERSION=2.51.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/nvidia-triton"
OPEN_PORT=19560
RESTRICTED_PORT=19561
GRPC_RESTRICTED_PORT=19562
PUBLIC_HOST=203.0.113.9

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" \
    "nvidia-pytriton==$PYTRITON_VERSION" "numpy==$NUMPY_VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir nvidia-triton
LIBPYTHON_DIR=$("$VENV/bin/python" -c "import sysconfig; print(sysconfig.get_config_var('LIBDIR'))")

cat >"$WORK/identity.py" <<'EOF'
"""PyTriton serving one identity model (FP32 in, the same out; no weights) with every Triton listener on 127.0.0.1.

Usage: python identity.py WORKSPACE HTTP_PORT GRPC_PORT METRICS_PORT [HTTP_RESTRICTED_API [GRPC_RESTRICTED_PROTOCOL]]
(an empty HTTP_RESTRICTED_API: none, to restrict gRPC only)
"""
import sys

import numpy as np
from pytriton.decorators import batch
from pytriton.model_config import ModelConfig, Tensor
from pytriton.triton import Triton, TritonConfig, TritonSecurityConfig

workspace, http_port, grpc_port, metrics_port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
restricted_api = (sys.argv[5] if len(sys.argv) > 5 else None) or None
restricted_protocol = (sys.argv[6] if len(sys.argv) > 6 else None) or None

config = TritonConfig(http_address="127.0.0.1", http_port=http_port, grpc_address="127.0.0.1", grpc_port=grpc_port,
                      metrics_address="127.0.0.1", metrics_port=metrics_port, http_restricted_api=restricted_api,
                      grpc_restricted_protocol=restricted_protocol)
# None: PyTriton's default security config (its own restriction of the admin APIs, on HTTP and gRPC alike). With our
# own restriction (either), an empty endpoint list keeps PyTriton from replacing it (it would replace both).
restricted = restricted_api is not None or restricted_protocol is not None
security = TritonSecurityConfig(restricted_endpoints=[]) if restricted else None


@batch
def identity(x):
    return {"y": x}


with Triton(config=config, workspace=workspace, security_config=security) as triton:
    triton.bind(model_name="identity", infer_func=identity,
                inputs=[Tensor(name="x", dtype=np.float32, shape=(-1,))],
                outputs=[Tensor(name="y", dtype=np.float32, shape=(-1,))],
                config=ModelConfig(max_batch_size=8))
    triton.serve()
EOF

# serve HTTP_PORT [HTTP_RESTRICTED_API [GRPC_RESTRICTED_PROTOCOL]]: starts PyTriton (gRPC on HTTP_PORT+10, metrics on
# HTTP_PORT+20), waits until the identity model is ready (a health API, never restricted here), and checks that every
# listener is on 127.0.0.1.
serve() {
  local port=$1; shift
  (cd "$WORK" && exec setsid env LD_LIBRARY_PATH="$LIBPYTHON_DIR" "$VENV/bin/python" identity.py "$WORK/workspace-$port" \
    "$port" $((port + 10)) $((port + 20)) "$@" >"$WORK/triton-$port.log" 2>&1) &
  SERVER_PGID=$!
  wait_until_up "$WORK/triton-$port.log" curl -s -o /dev/null "http://127.0.0.1:$port/v2/health/live"
  wait_for_2xx "http://127.0.0.1:$port/v2/models/identity/ready" 120
  echo "--- listeners of the PyTriton process group $SERVER_PGID (must all be 127.0.0.1):"
  local pids
  pids=$(ps -o pid= -g "$SERVER_PGID" | tr -s ' \n' '|' | sed 's/^|//; s/|$//')
  ss -ltnp | grep -E "pid=($pids)," | tee "$WORK/listen-$port.txt"
  grep -q . "$WORK/listen-$port.txt" || { echo "no listener found" >&2; exit 1; }
  # gRPC listens on an IPv6 socket bound to the IPv4-mapped 127.0.0.1.
  if grep -v -E "\s(\[::ffff:)?127\.0\.0\.1\]?:($port|$((port + 10))|$((port + 20)))\s" "$WORK/listen-$port.txt" | grep -q .; then
    echo "Triton listens on something other than 127.0.0.1; not recording" >&2; exit 1
  fi
}

# record FAMILY PORT OPTION…: records one case of FAMILY (nvidia-triton: HTTP, planned for port 8000; nvidia-triton-grpc:
# gRPC, planned for port 8001), sent with the public host:PORT as Host header (gRPC :authority).
record() {
  local family=$1 port=$2; shift 2
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family "$family" --port "$port" --host "$PUBLIC_HOST:$port" \
    --product "NVIDIA Triton Inference Server" --version "$TRITON_VERSION" "$@")
}
STARTED="python identity.py (PyPI nvidia-pytriton==$PYTRITON_VERSION, its bundled tritonserver $TRITON_VERSION; identity.py: Triton(config=TritonConfig(http_address=127.0.0.1, grpc_address=127.0.0.1, metrics_address=127.0.0.1, …)).bind() of a Python identity model, no weights, CPU)"

serve "$OPEN_PORT"
record nvidia-triton 8000 --case open --url "http://127.0.0.1:$OPEN_PORT" --verdict unauthenticated --expect-version "$TRITON_VERSION" \
  --description "Triton with PyTriton's defaults (only the admin APIs restricted): GET /v2 server metadata answers anyone" \
  --how "$STARTED; PyTriton's default TritonSecurityConfig: tritonserver --http-restricted-api=shared-memory,model-repository,statistics,trace,logging:triton-access-token=<random>"
# The same server's gRPC listener (HTTP_PORT+10).
record nvidia-triton-grpc 8001 --case open --url "http://127.0.0.1:$((OPEN_PORT + 10))" --verdict unauthenticated \
  --expect-version "$TRITON_VERSION" \
  --description "Triton's gRPC endpoint with PyTriton's defaults (only the admin protocols restricted): ServerMetadata answers anyone; RepositoryIndex is refused, PyTriton restricting model-repository on gRPC too" \
  --how "$STARTED; PyTriton's default TritonSecurityConfig: tritonserver --grpc-restricted-protocol=shared-memory,model-repository,statistics,trace,logging:triton-access-token=<random> (and the same --http-restricted-api)"
stop_server

serve "$RESTRICTED_PORT" "metadata:admin-key=capture-secret-key"
record nvidia-triton 8000 --case restricted-metadata --url "http://127.0.0.1:$RESTRICTED_PORT" --verdict auth-required \
  --description "Triton started with --http-restricted-api=metadata:admin-key=<secret>: GET /v2 without the header is refused 403" \
  --how "$STARTED; TritonConfig(http_restricted_api='metadata:admin-key=<secret>') with TritonSecurityConfig(restricted_endpoints=[]): tritonserver --http-restricted-api metadata:admin-key=<secret>"
stop_server

# gRPC restricted only (no HTTP restriction: the readiness check in serve stays on HTTP).
serve "$GRPC_RESTRICTED_PORT" "" "metadata:admin-key=capture-secret-key"
record nvidia-triton-grpc 8001 --case restricted-metadata --url "http://127.0.0.1:$((GRPC_RESTRICTED_PORT + 10))" --verdict auth-required \
  --description "Triton started with --grpc-restricted-protocol=metadata:admin-key=<secret>: gRPC ServerMetadata without the header is refused UNAVAILABLE (14) \"This protocol is restricted\"" \
  --how "$STARTED; TritonConfig(grpc_restricted_protocol='metadata:admin-key=<secret>') with TritonSecurityConfig(restricted_endpoints=[]): tritonserver --grpc-restricted-protocol metadata:admin-key=<secret>"
stop_server
