#!/usr/bin/env bash
# Records the Chainlit fixtures from real Chainlit apps (PyPI chainlit, `chainlit run --headless`, the conformance suite's
# one-handler echo app), each with HOME, PATH and its sign-in settings as its only environment, in a fresh network
# namespace (`unshare -n`, root) whose only interface is lo:
#   2.12.0, the app without an auth callback (Chainlit's default)                   -> open
#   2.12.0, the app with @cl.password_auth_callback and CHAINLIT_AUTH_SECRET set    -> password-sign-in
#   2.9.3, the last release before the ChainLeak fixes (CVE-2026-22218, -22219)     -> open-2.9.3
#   1.3.2, the last 1.x release                                                    -> open-1.3.2
# Usage: bash scripts/capture/chainlit.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=2.12.0
LEAK_VERSION=2.9.3
V1_VERSION=1.3.2
V1_PYDANTIC=2.9.2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.18

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
venv_of() { echo "$ROOT/.venv-capture/chainlit-$1"; }
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  for version in "$VERSION" "$LEAK_VERSION"; do
    ensure_venv "$(venv_of "$version")" "chainlit==$version"
  done
  # With today's newest requirements 1.3.2 does not start: pydantic 2.10 and later fail its config at import ("CodeSettings
  # is not fully defined"), and asyncer imports sniffio, which anyio no longer installs.
  ensure_venv "$(venv_of "$V1_VERSION")" \
    "chainlit==$V1_VERSION" "pydantic==$V1_PYDANTIC" "sniffio==1.3.1"
fi
enter_isolated_netns "$0" "$@"

make_workdir chainlit

# serve NAME VERSION PORT SIGN_IN [ENV…]: `chainlit run` of the conformance suite's echo app (CONFORMANCE_SIGN_IN picks its
# sign-in) in a folder of its own (it writes .chainlit/ there) on 127.0.0.1.
serve() {
  local name=$1 version=$2 port=$3 sign_in=$4; shift 4
  mkdir -p "$WORK/$name/home"
  cp "$ROOT/test/support/servers/python/chainlit_app.py" "$WORK/$name/app.py"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/auth/config" \
    env -i HOME="$WORK/$name/home" PATH=/usr/bin:/bin CONFORMANCE_SIGN_IN="$sign_in" "$@" \
    sh -c "cd '$WORK/$name' && exec '$(venv_of "$version")/bin/chainlit' run app.py --headless --host 127.0.0.1 --port $port"
}
serve open "$VERSION" 19690 none
serve password-sign-in "$VERSION" 19691 password CHAINLIT_AUTH_SECRET="$(capture_password)"
serve open-2.9.3 "$LEAK_VERSION" 19692 none
serve open-1.3.2 "$V1_VERSION" 19693 none
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- with sign-in, the settings the UI loads refuse a client without a token:"
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19691/project/settings

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family chainlit --port 8000 --host "$PUBLIC_HOST:8000" \
    --product Chainlit "$@")
}
HOW="--headless --host 127.0.0.1 --port <port>, the echo app test/support/servers/python/chainlit_app.py (environment: HOME, PATH and CONFORMANCE_SIGN_IN only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19690 --verdict unauthenticated --version "$VERSION" --python-env "$(venv_of "$VERSION")" \
  --description "A Chainlit app without an auth callback (the default): /auth/config says requireLogin null and the project settings answer anyone" \
  --how "chainlit run app.py $HOW (PyPI chainlit==$VERSION)"
record --case password-sign-in --url http://127.0.0.1:19691 --verdict auth-required --version "$VERSION" --python-env "$(venv_of "$VERSION")" \
  --description "A Chainlit app with @cl.password_auth_callback and CHAINLIT_AUTH_SECRET: /auth/config says requireLogin true" \
  --how "CHAINLIT_AUTH_SECRET=<random> CONFORMANCE_SIGN_IN=password chainlit run app.py $HOW, its password callback accepting no one (PyPI chainlit==$VERSION)"
record --case open-2.9.3 --url http://127.0.0.1:19692 --verdict unauthenticated --version "$LEAK_VERSION" --python-env "$(venv_of "$LEAK_VERSION")" \
  --description "Chainlit $LEAK_VERSION, the last release before the ChainLeak fixes, without an auth callback: served to anyone" \
  --how "chainlit run app.py $HOW (PyPI chainlit==$LEAK_VERSION)"
record --case open-1.3.2 --url http://127.0.0.1:19693 --verdict unauthenticated --version "$V1_VERSION" --python-env "$(venv_of "$V1_VERSION")" \
  --description "Chainlit $V1_VERSION, the last 1.x release, without an auth callback: served to anyone" \
  --how "chainlit run app.py $HOW (PyPI chainlit==$V1_VERSION, pydantic==$V1_PYDANTIC, sniffio==1.3.1)"
