#!/usr/bin/env bash
# Records the JupyterHub fixtures from real hubs: PyPI jupyterhub==6.1.1 (pip, about 30 s) behind its default proxy,
# npm configurable-http-proxy@5.3.0 (npm install --ignore-scripts, a few seconds; run with the Lambda runtime's Node 24,
# as its commander 15 asks for Node >= 22.12). The proxy listens where the probe knocks and sends everything outside
# /hub/ to the Hub, as in a stock deployment; no user ever logs in, so no single-user server is spawned.
#   jupyterhub (default PAMAuthenticator, no allow list)              -> jupyterhub/login-required
#   jupyterhub with DummyAuthenticator, allow_all (any name/password) -> jupyterhub/dummy-authenticator
# The hubs run in a fresh network namespace (`unshare -n`, root) whose only interface is lo.
# Usage: bash scripts/capture/jupyterhub.sh   (needs root for unshare; the network only for pip and npm)
set -euo pipefail

VERSION=6.1.1
CHP_VERSION=5.3.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/jupyterhub"
CHP_PREFIX="$VENV/configurable-http-proxy"
CHP="$CHP_PREFIX/node_modules/configurable-http-proxy/bin/configurable-http-proxy"
PAM_PORT=19490    # the proxy's public port; the Hub itself on +1, the proxy's REST API on +2
DUMMY_PORT=19493
PUBLIC_HOST=203.0.113.9

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" "jupyterhub==$VERSION"
  if [ "$("$NODE24" "$CHP" --version 2>/dev/null)" != "$CHP_VERSION" ]; then
    npm install --prefix "$CHP_PREFIX" --ignore-scripts --no-audit --no-fund --save-exact "configurable-http-proxy@$CHP_VERSION"
  fi
fi
enter_isolated_netns "$0" "$@"

make_workdir jupyterhub

# serve PORT CONFIG…: writes a jupyterhub_config.py (the proxy on PORT, the Hub on PORT+1, the proxy's API on PORT+2,
# database, cookie secret and proxy pid in a folder of its own) plus the CONFIG… lines, starts the hub (which starts
# the proxy) and waits until the Hub answers through the proxy.
serve() {
  local port=$1; shift
  local dir="$WORK/hub-$port"
  mkdir -p "$dir"
  {
    echo "c.JupyterHub.bind_url = 'http://127.0.0.1:$port'"
    echo "c.JupyterHub.hub_bind_url = 'http://127.0.0.1:$((port + 1))'"
    echo "c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:$((port + 2))'"
    echo "c.ConfigurableHTTPProxy.command = ['$NODE24', '$CHP']"
    echo "c.ConfigurableHTTPProxy.pid_file = '$dir/proxy.pid'"
    echo "c.JupyterHub.db_url = 'sqlite:///$dir/jupyterhub.sqlite'"
    echo "c.JupyterHub.cookie_secret_file = '$dir/jupyterhub_cookie_secret'"
    printf '%s\n' "$@"
  } >"$dir/jupyterhub_config.py"
  serve_tracked "$WORK/hub-$port.log" "http://127.0.0.1:$port/hub/health" "$VENV/bin/jupyterhub" -f "$dir/jupyterhub_config.py"
  wait_for_2xx "http://127.0.0.1:$port/hub/api" 60
}

serve "$PAM_PORT"
serve "$DUMMY_PORT" "c.JupyterHub.authenticator_class = 'dummy'" "c.Authenticator.allow_all = True"
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family jupyterhub --port 8000 --host "$PUBLIC_HOST:8000" \
    --product JupyterHub --version "$VERSION" --expect-version "$VERSION" "$@")
}
INSTALLED="PyPI jupyterhub==$VERSION, npm configurable-http-proxy@$CHP_VERSION on Node 24; the proxy on the probed port, the Hub and the proxy API on loopback ports of their own; in an unshare -n namespace with only lo"
record --case login-required --url "http://127.0.0.1:$PAM_PORT" --verdict auth-required \
  --description "JupyterHub behind configurable-http-proxy with its default PAM authenticator: the API root tells the version to anyone, the user list needs a token (403, scopes); paths outside /hub/ redirect to /hub/<path>" \
  --how "jupyterhub -f jupyterhub_config.py (bind_url, hub_bind_url, proxy api_url on 127.0.0.1; default PAMAuthenticator, no allow list; $INSTALLED)"
record --case dummy-authenticator --url "http://127.0.0.1:$DUMMY_PORT" --verdict auth-required \
  --description "JupyterHub with DummyAuthenticator and allow_all (any name and password logs in): its REST API still wants a token, so without a login attempt it reads like any hub (auth-required)" \
  --how "jupyterhub -f jupyterhub_config.py (as login-required, plus c.JupyterHub.authenticator_class = 'dummy', c.Authenticator.allow_all = True; $INSTALLED)"
