#!/usr/bin/env bash
# Records Jupyter Server fixtures from today's JupyterLab (PyPI jupyterlab with ipykernel, on Jupyter Server 2.x; the
# Debian bookworm packages the test run starts are Jupyter Server 1.23 and the classic Notebook 6.4), each with HOME and
# PATH as its only environment, remote access allowed as a server bound to a public address has it, in a fresh network
# namespace (`unshare -n`, root) whose only interface is lo:
#   JupyterLab 4.6.6 with an empty token                 -> lab-open
#   JupyterLab 4.6.6 with a token                        -> lab-token
# Usage: bash scripts/capture/jupyter-server.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

LAB_VERSION=4.6.6
SERVER_VERSION=2.21.1
IPYKERNEL_VERSION=7.4.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.23
VENV="$ROOT/.venv-capture/jupyterlab-$LAB_VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] ||
  ensure_venv "$VENV" "jupyterlab==$LAB_VERSION" "jupyter-server==$SERVER_VERSION" "ipykernel==$IPYKERNEL_VERSION"
enter_isolated_netns "$0" "$@"

make_workdir jupyter-server

# serve NAME PORT TOKEN: `jupyter lab` on 127.0.0.1 with a home of its own, remote access allowed (a public Host is not refused).
serve() {
  local name=$1 port=$2 token=$3
  mkdir -p "$WORK/$name"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/api" \
    env -i HOME="$WORK/$name" PATH="$VENV/bin:/usr/bin:/bin" \
    "$VENV/bin/jupyter" lab --allow-root --no-browser --ServerApp.ip=127.0.0.1 "--ServerApp.port=$port" \
    --ServerApp.allow_remote_access=True "--IdentityProvider.token=$token" "--ServerApp.root_dir=$WORK/$name"
}
serve lab-open 19770 ''
serve lab-token 19771 "$(capture_password)"
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family jupyter-server --port 8888 --host "$PUBLIC_HOST:8888" \
    --product "JupyterLab" --version "$LAB_VERSION" --python-env "$VENV" --expect-version "$SERVER_VERSION" "$@")
}
HOW="--allow-root --no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port=<port> --ServerApp.allow_remote_access=True (PyPI jupyterlab==$LAB_VERSION, jupyter-server==$SERVER_VERSION, ipykernel==$IPYKERNEL_VERSION; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case lab-open --url http://127.0.0.1:19770 --verdict unauthenticated \
  --description "JupyterLab $LAB_VERSION (Jupyter Server $SERVER_VERSION) with an empty token, remote access allowed: kernels open to anyone; /api names the server's version" \
  --how "jupyter lab --IdentityProvider.token='' $HOW"
record --case lab-token --url http://127.0.0.1:19771 --verdict auth-required \
  --description "JupyterLab $LAB_VERSION (Jupyter Server $SERVER_VERSION) with a token: /api answers, /api/status is refused" \
  --how "jupyter lab --IdentityProvider.token=<random> $HOW"
