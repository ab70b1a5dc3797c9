#!/usr/bin/env bash
# Records the Agno AgentOS fixtures from real AgentOS instances (PyPI agno[os] with openai, the model package its Agent
# defaults to; the conformance suite's app, one agent that never runs), each with HOME, PATH and AGNO_TELEMETRY=false as
# its only other environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   3.1.10 without OS_SECURITY_KEY or JWT (AgentOS's default)                 -> open
#   3.1.10 with OS_SECURITY_KEY                                               -> security-key
#   3.1.10 with authorization=True and JWT_VERIFICATION_KEY (RBAC)            -> jwt
#   2.9.0, the last 2.x release, without a key (no home route, no os_version)  -> open-2.9.0
# Usage: bash scripts/capture/agno-agentos.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=3.1.10
OLD_VERSION=2.9.0
OPENAI_VERSION=3.57.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.19

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
venv_of() { echo "$ROOT/.venv-capture/agno-$1"; }
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  for version in "$VERSION" "$OLD_VERSION"; do
    ensure_venv "$(venv_of "$version")" \
      "agno[os]==$version" "openai==$OPENAI_VERSION"
  done
fi
enter_isolated_netns "$0" "$@"

make_workdir agno-agentos
# RBAC checks JWTs against a public key; its private half signs nothing here.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/jwt-private.pem" 2>/dev/null
openssl pkey -in "$WORK/jwt-private.pem" -pubout -out "$WORK/jwt-public.pem"

# serve NAME VERSION PORT [ENV…]: the conformance suite's AgentOS app from a folder of its own, on 127.0.0.1.
serve() {
  local name=$1 version=$2 port=$3; shift 3
  mkdir -p "$WORK/$name/home"
  cp "$ROOT/test/support/servers/python/agentos_app.py" "$WORK/$name/"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/health" \
    env -i HOME="$WORK/$name/home" PATH=/usr/bin:/bin AGNO_TELEMETRY=false "$@" \
    sh -c "cd '$WORK/$name' && exec '$(venv_of "$version")/bin/python' agentos_app.py $port"
}
serve open "$VERSION" 19720
serve security-key "$VERSION" 19721 OS_SECURITY_KEY="$(capture_password)"
serve jwt "$VERSION" 19722 CONFORMANCE_RBAC=1 JWT_VERIFICATION_KEY="$(cat "$WORK/jwt-public.pem")"
serve open-2.9.0 "$OLD_VERSION" 19723
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family agno-agentos --port 7777 --host "$PUBLIC_HOST:7777" \
    --product "Agno AgentOS" "$@")
}
HOW="(test/support/servers/python/agentos_app.py: one Agent, default model, never run; AgentOS(agents=[agent]).serve(host=127.0.0.1, port=<port>); environment: HOME, PATH and AGNO_TELEMETRY=false only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19720 --verdict unauthenticated --version "$VERSION" --expect-version "$VERSION" --python-env "$(venv_of "$VERSION")" \
  --description "AgentOS without OS_SECURITY_KEY or JWT (the default): its configuration, agents and models answer anyone" \
  --how "python agentos_app.py $HOW (PyPI agno[os]==$VERSION, openai==$OPENAI_VERSION)"
record --case security-key --url http://127.0.0.1:19721 --verdict auth-required --version "$VERSION" --expect-version "$VERSION" --python-env "$(venv_of "$VERSION")" \
  --description "AgentOS with OS_SECURITY_KEY: the API answers 401 \"Authorization header required\"; /info stays public with its version" \
  --how "OS_SECURITY_KEY=<random> python agentos_app.py $HOW (PyPI agno[os]==$VERSION, openai==$OPENAI_VERSION)"
record --case jwt --url http://127.0.0.1:19722 --verdict auth-required --version "$VERSION" --expect-version "$VERSION" --python-env "$(venv_of "$VERSION")" \
  --description "AgentOS with authorization=True (RBAC on JWTs): the API answers 401 without a token; /info stays public with its version" \
  --how "JWT_VERIFICATION_KEY=<a fresh RSA public key> CONFORMANCE_RBAC=1 python agentos_app.py, AgentOS(..., authorization=True) $HOW (PyPI agno[os]==$VERSION, openai==$OPENAI_VERSION)"
record --case open-2.9.0 --url http://127.0.0.1:19723 --verdict unauthenticated --version "$OLD_VERSION" --expect-version "$OLD_VERSION" --python-env "$(venv_of "$OLD_VERSION")" \
  --description "AgentOS $OLD_VERSION, the last 2.x release, without a key: served to anyone" \
  --how "python agentos_app.py $HOW (PyPI agno[os]==$OLD_VERSION, openai==$OPENAI_VERSION)"
