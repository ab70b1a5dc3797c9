#!/usr/bin/env bash
# Records the Jupyter Kernel Gateway fixtures from real gateways (PyPI jupyter-kernel-gateway with ipykernel, the kernel it
# offers, and jupyter-enterprise-gateway, built on it), each with HOME, PATH and its token settings as its only
# environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   Kernel Gateway 3.0.1 without KG_AUTH_TOKEN (the default)       -> open
#   Kernel Gateway 3.0.1 with KG_AUTH_TOKEN                        -> token
#   Enterprise Gateway 3.3.0 without EG_AUTH_TOKEN (the default)   -> enterprise-open
#   Enterprise Gateway 3.3.0 with EG_AUTH_TOKEN                    -> enterprise-token
# Until this family, the Jupyter Server family read an open gateway as auth-required: the gateway answers /api as Jupyter
# Server does, but not /api/status, and it does not list kernels (KG_LIST_KERNELS is off), while it starts them for anyone.
# Usage: bash scripts/capture/jupyter-kernel-gateway.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=3.0.1
IPYKERNEL_VERSION=7.4.0
EG_VERSION=3.3.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.22
VENV="$ROOT/.venv-capture/kernel-gateway-$VERSION"
EG_VENV="$ROOT/.venv-capture/enterprise-gateway-$EG_VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" "jupyter-kernel-gateway==$VERSION" "ipykernel==$IPYKERNEL_VERSION"
  ensure_venv "$EG_VENV" "jupyter-enterprise-gateway==$EG_VERSION"
fi
enter_isolated_netns "$0" "$@"
# Enterprise Gateway will not start without an address that is not loopback (it picks one for its remote kernels to
# answer to); one more address on lo gives it that, and the namespace still reaches nothing.
ip addr add 10.255.255.1/32 dev lo

make_workdir jupyter-kernel-gateway

# serve NAME VENV APP PORT [ENV…]: `jupyter kernelgateway` or `jupyter enterprisegateway` (APP, its config class
# KernelGatewayApp or EnterpriseGatewayApp) on 127.0.0.1 with a home of its own; kernels would start from the venv's Python.
serve() {
  local name=$1 venv=$2 app=$3 port=$4 config; shift 4
  config=$([ "$app" = kernelgateway ] && echo KernelGatewayApp || echo EnterpriseGatewayApp)
  mkdir -p "$WORK/$name"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/" \
    env -i HOME="$WORK/$name" PATH="$venv/bin:/usr/bin:/bin" "$@" \
    "$venv/bin/jupyter" "$app" "--$config.ip=127.0.0.1" "--$config.port=$port"
}
serve open "$VENV" kernelgateway 19760
serve token "$VENV" kernelgateway 19761 KG_AUTH_TOKEN="$(capture_password)"
serve enterprise-open "$EG_VENV" enterprisegateway 19762
serve enterprise-token "$EG_VENV" enterprisegateway 19763 EG_AUTH_TOKEN="$(capture_password)"
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- with KG_AUTH_TOKEN, the kernel specs refuse a client without the token:"
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19761/api/kernelspecs

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family jupyter-kernel-gateway --port 8888 --host "$PUBLIC_HOST:8888" "$@")
}
KG=(--product "Jupyter Kernel Gateway" --version "$VERSION" --python-env "$VENV")
EG=(--product "Jupyter Enterprise Gateway" --version "$EG_VERSION" --python-env "$EG_VENV")
ENV="environment: HOME and PATH only; in an unshare -n namespace with only lo"
HOW="jupyter kernelgateway --KernelGatewayApp.ip=127.0.0.1 --KernelGatewayApp.port=<port> (PyPI jupyter-kernel-gateway==$VERSION, ipykernel==$IPYKERNEL_VERSION; $ENV)"
EG_HOW="jupyter enterprisegateway --EnterpriseGatewayApp.ip=127.0.0.1 --EnterpriseGatewayApp.port=<port> (PyPI jupyter-enterprise-gateway==$EG_VERSION; $ENV, which also holds 10.255.255.1 on lo)"
record "${KG[@]}" --case open --url http://127.0.0.1:19760 --verdict unauthenticated \
  --description "A Jupyter Kernel Gateway without KG_AUTH_TOKEN (the default): its kernel specs answer anyone, who can start a kernel and run code" \
  --how "$HOW"
record "${KG[@]}" --case token --url http://127.0.0.1:19761 --verdict auth-required \
  --description "A Jupyter Kernel Gateway with KG_AUTH_TOKEN: every API path, /api included, answers 401 without the token" \
  --how "KG_AUTH_TOKEN=<random> $HOW"
record "${EG[@]}" --case enterprise-open --url http://127.0.0.1:19762 --verdict unauthenticated --expect-version "$EG_VERSION" \
  --description "A Jupyter Enterprise Gateway without EG_AUTH_TOKEN (the default): its kernel specs answer anyone, who can start a kernel and run code; /api names its version" \
  --how "$EG_HOW"
record "${EG[@]}" --case enterprise-token --url http://127.0.0.1:19763 --verdict auth-required \
  --description "A Jupyter Enterprise Gateway with EG_AUTH_TOKEN: every API path, /api included, answers 401 without the token" \
  --how "EG_AUTH_TOKEN=<random> $EG_HOW"
