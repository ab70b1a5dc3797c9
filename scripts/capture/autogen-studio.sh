#!/usr/bin/env bash
# Records the AutoGen Studio fixtures from real AutoGen Studio servers (PyPI autogenstudio, `autogenstudio ui`, SQLite in a
# temporary app directory), each with HOME and PATH as its only environment, in a fresh network namespace (`unshare -n`,
# root) whose only interface is lo:
#   0.4.2.2 without --auth-config (sign-in type "none", the default)      -> open
#   0.4.2.2 with --auth-config, GitHub sign-in (made-up client id/secret) -> github-sign-in
#   0.4.1.11, the last release before sign-in existed                     -> open-before-sign-in
# Usage: bash scripts/capture/autogen-studio.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.4.2.2
OLD_VERSION=0.4.1.11
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/autogen-studio"
OLD_VENV="$ROOT/.venv-capture/autogen-studio-$OLD_VERSION"
PUBLIC_HOST=203.0.113.16

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" "autogenstudio==$VERSION"
  ensure_venv "$OLD_VENV" "autogenstudio==$OLD_VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir autogen-studio
# Sign-in as its documentation configures it; nothing here reaches GitHub (no one signs in, and there is no route out).
cat >"$WORK/auth.yaml" <<YAML
type: github
jwt_secret: $(capture_password)
github:
  client_id: capture-client-id
  client_secret: $(capture_password)
  callback_url: http://127.0.0.1:19671/api/auth/callback
YAML

# serve NAME VENV PORT ARG…: an AutoGen Studio with its own home and app directory, listening on 127.0.0.1.
serve() {
  local name=$1 venv=$2 port=$3; shift 3
  mkdir -p "$WORK/$name/home" "$WORK/$name/app"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/api/health" env -i HOME="$WORK/$name/home" PATH=/usr/bin:/bin \
    "$venv/bin/autogenstudio" ui --host 127.0.0.1 --port "$port" --appdir "$WORK/$name/app" "$@"
}
serve open "$VENV" 19670
serve github-sign-in "$VENV" 19671 --auth-config "$WORK/auth.yaml"
serve open-before-sign-in "$OLD_VENV" 19672
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family autogen-studio --port 8081 --host "$PUBLIC_HOST:8081" \
    --product "AutoGen Studio" "$@")
}
HOW="--host 127.0.0.1 --port <port> --appdir <temp> (environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19670 --verdict unauthenticated --version "$VERSION" --expect-version "$VERSION" --python-env "$VENV" \
  --description "AutoGen Studio without --auth-config (sign-in type \"none\", the default): the API serves teams and runs to anyone" \
  --how "autogenstudio ui $HOW (PyPI autogenstudio==$VERSION)"
record --case github-sign-in --url http://127.0.0.1:19671 --verdict auth-required --version "$VERSION" --expect-version "$VERSION" --python-env "$VENV" \
  --description "AutoGen Studio with --auth-config (GitHub sign-in): the API answers 401 \"Authentication token is missing\"; its version stays public" \
  --how "autogenstudio ui --auth-config auth.yaml (type github, made-up client id and secret, a random jwt_secret) $HOW (PyPI autogenstudio==$VERSION)"
record --case open-before-sign-in --url http://127.0.0.1:19672 --verdict unauthenticated --version "$OLD_VERSION" --expect-version "$OLD_VERSION" --python-env "$OLD_VENV" \
  --description "AutoGen Studio $OLD_VERSION, the last release without sign-in: the API serves anyone" \
  --how "autogenstudio ui $HOW (PyPI autogenstudio==$OLD_VERSION)"
