#!/usr/bin/env bash
# Records the SkyPilot API server fixtures from real servers (PyPI skypilot, `sky api start --deploy --foreground`, as its
# Docker and VM deployment guides run a remote server, a fresh home each, no cloud credentials), each with HOME, PATH and the
# settings named below as its only environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   0.14.1 with its defaults (no authentication)                                        -> open
#   0.14.1 with --enable-basic-auth and SKYPILOT_INITIAL_BASIC_AUTH=admin:<htpasswd hash>  -> basic-auth
#   0.14.1 with SKYPILOT_AUTH_OAUTH2_PROXY_ENABLED=true and a real OAuth2 Proxy (Go module
#     github.com/oauth2-proxy/oauth2-proxy/v7, Google provider, nothing signed in)        -> oauth2-proxy
# The server lets every connection from a loopback address through without credentials (sky/server/auth/loopback.py), so
# it is recorded through a relay: the recorder asks 127.0.0.1, and the relay connects to the server at 203.0.113.36, an
# address of lo in this namespace, which is what the server sees the client as, as it sees a prober's address.
# Usage: bash scripts/capture/skypilot-api-server.sh   (needs root for unshare; the network only for pip and the Go proxy)
set -euo pipefail

VERSION=0.14.1
OAUTH2_PROXY_VERSION=7.15.6
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.36
VENV="$ROOT/.venv-capture/skypilot-$VERSION"
OAUTH2_PROXY="$ROOT/.venv-capture/oauth2-proxy-$OAUTH2_PROXY_VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" "skypilot==$VERSION"
  # Not ensure_go_binary: a module path ending in its major version (/v7) names the binary after the path before it.
  if ! go version -m "$OAUTH2_PROXY/bin/oauth2-proxy" 2>/dev/null | grep -qP "^\tmod\tgithub.com/oauth2-proxy/oauth2-proxy/v7\tv\Q$OAUTH2_PROXY_VERSION\E\t"; then
    GOPATH="$OAUTH2_PROXY/go" GOCACHE="$OAUTH2_PROXY/go-build" GOBIN="$OAUTH2_PROXY/bin" GOTOOLCHAIN=local \
      go install "github.com/oauth2-proxy/oauth2-proxy/v7@v$OAUTH2_PROXY_VERSION"
  fi
fi
enter_isolated_netns "$0" "$@"
ip addr add "$PUBLIC_HOST/32" dev lo

make_workdir skypilot-api-server
# In deploy mode the server starts its jobs controllers in sessions of their own, outside its process group: at exit, every
# process of this namespace that runs the venv's Python is stopped too, by its id.
stop_controllers() {
  local net proc
  net=$(readlink /proc/$$/ns/net)
  for proc in /proc/[0-9]*; do
    [ "$(readlink "$proc/ns/net" 2>/dev/null)" = "$net" ] || continue
    [[ "$(tr '\0' ' ' <"$proc/cmdline" 2>/dev/null)" == "$VENV/bin/python"* ]] && kill "${proc#/proc/}" 2>/dev/null || true
  done
}
trap 'stop_server; stop_tracked; stop_controllers; rm -rf "$WORK"' EXIT

cat >"$WORK/relay.py" <<'PYTHON'
"""relay.py LISTEN_PORT HOST PORT: relays each connection to 127.0.0.1:LISTEN_PORT to HOST:PORT, byte for byte."""
import asyncio
import sys


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    finally:
        writer.close()


async def main(listen_port, host, port):
    async def relay(reader, writer):
        upstream_reader, upstream_writer = await asyncio.open_connection(host, port)
        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer), return_exceptions=True)

    server = await asyncio.start_server(relay, '127.0.0.1', listen_port)
    await server.serve_forever()


asyncio.run(main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3])))
PYTHON

# serve NAME PORT RELAY_PORT [ENV…] [-- SKY_API_START_ARG…]: the server on every address (deploy mode) with a home (~/.sky,
# its SQLite databases) of its own, and its relay on 127.0.0.1:RELAY_PORT.
serve() {
  local name=$1 port=$2 relay_port=$3 env=() ; shift 3
  while [ $# -gt 0 ] && [ "$1" != -- ]; do env+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  mkdir -p "$WORK/$name"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/api/health" \
    env -i HOME="$WORK/$name" PATH="$VENV/bin:/usr/bin:/bin" "${env[@]}" \
    "$VENV/bin/sky" api start --deploy --foreground --port "$port" "$@"
  wait_for_2xx "http://127.0.0.1:$port/api/health" 120
  serve_tracked "$WORK/$name-relay.log" "http://127.0.0.1:$relay_port/api/health" \
    "$VENV/bin/python" "$WORK/relay.py" "$relay_port" "$PUBLIC_HOST" "$port"
}

# The basic-auth user: SKYPILOT_INITIAL_BASIC_AUTH takes the password hashed, as `htpasswd -nb` writes it in its guides.
PASSWORD=$(capture_password)
HASH=$("$VENV/bin/python" -c 'import sys; from passlib.hash import apr_md5_crypt; print(apr_md5_crypt.hash(sys.argv[1]))' "$PASSWORD")

serve open 46580 19870
serve basic-auth 46581 19871 SKYPILOT_INITIAL_BASIC_AUTH="admin:$HASH" -- --enable-basic-auth
serve_tracked "$WORK/oauth2-proxy.log" "http://127.0.0.1:4180/ping" \
  env -i HOME="$WORK" PATH=/usr/bin:/bin "$OAUTH2_PROXY/bin/oauth2-proxy" --http-address=127.0.0.1:4180 --provider=google \
  --client-id=capture --client-secret="$(capture_password)" --cookie-secret="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
  --email-domain='*' --upstream=static://202
serve oauth2-proxy 46582 19872 SKYPILOT_AUTH_OAUTH2_PROXY_ENABLED=true SKYPILOT_AUTH_OAUTH2_PROXY_BASE_URL=http://127.0.0.1:4180
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- with basic auth, the user list refuses a client without credentials, and answers one with them (through the relay):"
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19871/users
curl -s -o /dev/null -w '(%{http_code})\n' -u "admin:$PASSWORD" http://127.0.0.1:19871/users
echo "--- and answers anyone on loopback (straight to the server, bypassing the relay):"
curl -s -o /dev/null -w '(%{http_code})\n' http://127.0.0.1:46581/users
echo "--- with OAuth2 Proxy, the user list sends a client without its cookie to sign in:"
curl -s -o /dev/null -w '(%{http_code}) %{redirect_url}\n' http://127.0.0.1:19872/users

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family skypilot-api-server --port 46580 --host "$PUBLIC_HOST:46580" \
    --product SkyPilot --version "$VERSION" --python-env "$VENV" "$@")
}
HOW="sky api start --deploy --foreground --port <port>, a fresh home (PyPI skypilot==$VERSION; environment: HOME and PATH and the settings named before the command only, no cloud credentials; in an unshare -n namespace with only lo, recorded through a relay so that the server sees a client at $PUBLIC_HOST, not loopback)"
record --case open --url http://127.0.0.1:19870 --verdict unauthenticated --expect-version "$VERSION" \
  --description "A SkyPilot API server with its defaults (no authentication): its API answers anyone, who can launch clusters and run commands on them with the owner's cloud credentials" \
  --how "$HOW"
record --case basic-auth --url http://127.0.0.1:19871 --verdict auth-required --expect-version "$VERSION" \
  --description "A SkyPilot API server with --enable-basic-auth: every path but /api/health answers 401 with WWW-Authenticate: Basic realm=\"SkyPilot\"; /api/health still names the version" \
  --how "SKYPILOT_INITIAL_BASIC_AUTH=admin:<htpasswd hash> $HOW --enable-basic-auth"
record --case oauth2-proxy --url http://127.0.0.1:19872 --verdict auth-required \
  --description "A SkyPilot API server with OAuth2 Proxy: every path but /api/health redirects a client without the proxy's cookie to /oauth2/start; /api/health answers only its status" \
  --how "SKYPILOT_AUTH_OAUTH2_PROXY_ENABLED=true SKYPILOT_AUTH_OAUTH2_PROXY_BASE_URL=http://127.0.0.1:4180 $HOW; oauth2-proxy $OAUTH2_PROXY_VERSION (Go module github.com/oauth2-proxy/oauth2-proxy/v7) --http-address=127.0.0.1:4180 --provider=google --client-id=capture --client-secret=<random> --cookie-secret=<random> --email-domain='*' --upstream=static://202"
