#!/usr/bin/env bash
# Records the Jupyter Kernel Gateway fixtures from real gateways (PyPI jupyter-kernel-gateway with ipykernel, the kernel it
# offers), each with HOME, PATH and its token settings as its only environment, in a fresh network namespace
# (`unshare -n`, root) whose only interface is lo:
#   3.0.1 without KG_AUTH_TOKEN (the default)   -> open
#   3.0.1 with KG_AUTH_TOKEN                    -> token
# Until this family, the Jupyter Server family read an open gateway as auth-required: the gateway answers /api as Jupyter
# Server does, but not /api/status, and it does not list kernels (KG_LIST_KERNELS is off), while it starts them for anyone.
# Usage: bash scripts/capture/jupyter-kernel-gateway.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=3.0.1
IPYKERNEL_VERSION=7.4.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.22
VENV="$ROOT/.venv-capture/kernel-gateway-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "jupyter-kernel-gateway==$VERSION" "ipykernel==$IPYKERNEL_VERSION"
enter_isolated_netns "$0" "$@"

make_workdir jupyter-kernel-gateway

# serve NAME PORT [ENV…]: the gateway on 127.0.0.1 with a home of its own; its kernels would start from the venv's Python.
serve() {
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/api" \
    env -i HOME="$WORK/$name" PATH="$VENV/bin:/usr/bin:/bin" "$@" \
    "$VENV/bin/jupyter" kernelgateway --KernelGatewayApp.ip=127.0.0.1 "--KernelGatewayApp.port=$port"
}
serve open 19760
serve token 19761 KG_AUTH_TOKEN="$(capture_password)"
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- with KG_AUTH_TOKEN, the kernel specs refuse a client without the token:"
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19761/api/kernelspecs

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family jupyter-kernel-gateway --port 8888 --host "$PUBLIC_HOST:8888" \
    --product "Jupyter Kernel Gateway" --version "$VERSION" --python-env "$VENV" "$@")
}
HOW="jupyter kernelgateway --KernelGatewayApp.ip=127.0.0.1 --KernelGatewayApp.port=<port> (PyPI jupyter-kernel-gateway==$VERSION, ipykernel==$IPYKERNEL_VERSION; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19760 --verdict unauthenticated \
  --description "A Jupyter Kernel Gateway without KG_AUTH_TOKEN (the default): its kernel specs answer anyone, who can start a kernel and run code" \
  --how "$HOW"
record --case token --url http://127.0.0.1:19761 --verdict auth-required \
  --description "A Jupyter Kernel Gateway with KG_AUTH_TOKEN: every API path, /api included, answers 401 without the token" \
  --how "KG_AUTH_TOKEN=<random> $HOW"
