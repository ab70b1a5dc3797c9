#!/usr/bin/env bash
# Records the ChainForge fixtures from real servers (PyPI chainforge, `chainforge serve`, a fresh home and --dir each), each
# with HOME, PATH and a fake OPENAI_API_KEY (the server hands its environment's keys to its page) as its only environment,
# in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   0.3.7.7 on every interface, reached by the name it was told (--host 0.0.0.0 --allowed-hosts <public>)  -> open
#   0.3.7.7 with its defaults (localhost), asked with a public Host: 403 "ChainForge refused a request addressed to …";
#   asked again naming Host: localhost:8000, its page with the session token                -> defaults-public-host
# ChainForge has no authentication. Its local-access guard (0.3.7.x) refuses Hosts other than localhost, its --host and
# --allowed-hosts (so --host 0.0.0.0 alone answers a public Host the same 403), and wants a session token on every API
# call, which it writes into the page at /.
# Usage: bash scripts/capture/chainforge.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.3.7.7
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.187
VENV="$ROOT/.venv-capture/chainforge-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "chainforge==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir chainforge

# serve NAME PORT [ARG…]: `chainforge serve` with a home and a flows folder of its own.
serve() {
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name/home"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/" \
    env -i HOME="$WORK/$name/home" PATH="$VENV/bin:/usr/bin:/bin" OPENAI_API_KEY=sk-fake-chainforge-capture \
    "$VENV/bin/chainforge" serve --port "$port" --dir "$WORK/$name/flows" "$@"
}
serve open 19970 --host 0.0.0.0 --allowed-hosts "$PUBLIC_HOST"
serve defaults 19971
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- an API call needs the session token, which the page at / hands to whoever loads it:"
curl -s -w ' (%{http_code})\n' -H "Host: $PUBLIC_HOST:8000" -X POST http://127.0.0.1:19970/app/fetchEnvironAPIKeys
token=$(curl -s -H "Host: $PUBLIC_HOST:8000" http://127.0.0.1:19970/ | grep -o '__CF_SESSION_TOKEN="[^"]*"' | cut -d'"' -f2)
curl -s -o /dev/null -w '(%{http_code})\n' -H "Host: $PUBLIC_HOST:8000" -H "X-ChainForge-Token: $token" -X POST \
  http://127.0.0.1:19970/app/fetchEnvironAPIKeys

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family chainforge --port 8000 --host "$PUBLIC_HOST:8000" \
    --product ChainForge --version "$VERSION" --python-env "$VENV" "$@")
}
HOW="--port <port> --dir <an empty folder> (PyPI chainforge==$VERSION; environment: HOME, PATH and a fake OPENAI_API_KEY only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19970 --verdict unauthenticated \
  --description "ChainForge on every interface, told the name it is reached by: its page answers anyone, with the session token that lets them run Python (/app/executepy) and read the environment's API keys" \
  --how "chainforge serve --host 0.0.0.0 --allowed-hosts $PUBLIC_HOST $HOW"
record --case defaults-public-host --url http://127.0.0.1:19971 --verdict unauthenticated \
  --description "ChainForge with its defaults (localhost), asked with a public Host: its local-access guard answers 403 on every path, a Host policy, not authentication; asked again naming Host: localhost:8000, it serves its page with the session token that lets anyone run Python (/app/executepy) and read the environment's API keys: open" \
  --how "chainforge serve $HOW"
