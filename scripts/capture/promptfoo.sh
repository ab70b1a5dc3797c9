#!/usr/bin/env bash
# Records the promptfoo fixture from a real `promptfoo view` (npm promptfoo, on the Lambda runtime's Node 24) over a
# fresh home holding one eval of promptfoo's echo provider (no model is called), with HOME, PATH and promptfoo's
# telemetry and update-check switches as its only environment, in a fresh network namespace (`unshare -n`, root) whose
# only interface is lo:
#   promptfoo view (it has no authentication, and listens on every interface)   -> open
# Usage: bash scripts/capture/promptfoo.sh   (needs root for unshare; the network only for npm)
set -euo pipefail

VERSION=0.123.1
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/promptfoo"
PUBLIC_HOST=203.0.113.20

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  installed=$(node -p "require('$PREFIX/node_modules/promptfoo/package.json').version" 2>/dev/null || true)
  if [ "$installed" != "$VERSION" ]; then
    mkdir -p "$PREFIX"
    printf '{"name":"promptfoo-capture","private":true,"dependencies":{"promptfoo":"%s"}}\n' "$VERSION" >"$PREFIX/package.json"
    # Install scripts off: none is needed to serve (libsql's binary is an npm package of its own).
    (cd "$PREFIX" && PATH="$NODE24_DIR/bin:$PATH" npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
fi
enter_isolated_netns "$0" "$@"

make_workdir promptfoo
mkdir -p "$WORK/home" "$WORK/project"
cat >"$WORK/project/promptfooconfig.yaml" <<'YAML'
description: Capture eval
prompts:
  - 'Say hello to {{name}}'
providers:
  - echo
tests:
  - vars:
      name: the capture
YAML
(cd "$WORK/project" && env -i HOME="$WORK/home" PATH="$NODE24_DIR/bin:/usr/bin:/bin" PROMPTFOO_DISABLE_TELEMETRY=1 \
  PROMPTFOO_DISABLE_UPDATE=1 "$PREFIX/node_modules/.bin/promptfoo" eval --no-progress-bar --no-table)
serve_tracked "$WORK/promptfoo.log" http://127.0.0.1:19740/health env -i HOME="$WORK/home" \
  PATH="$NODE24_DIR/bin:/usr/bin:/bin" PROMPTFOO_DISABLE_TELEMETRY=1 PROMPTFOO_DISABLE_UPDATE=1 \
  "$PREFIX/node_modules/.bin/promptfoo" view --port 19740 -n
echo "--- listeners in the namespace:"
ss -ltnp

(cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family promptfoo --port 15500 --host "$PUBLIC_HOST:15500" \
  --product promptfoo --version "$VERSION" --expect-version "$VERSION" --case open --url http://127.0.0.1:19740 --verdict unauthenticated \
  --description "promptfoo view over a home holding one eval: its eval history answers anyone (promptfoo view has no authentication)" \
  --how "promptfoo eval (one prompt, the echo provider, one test), then promptfoo view --port <port> -n (npm promptfoo@$VERSION on Node 24; environment: HOME, PATH, PROMPTFOO_DISABLE_TELEMETRY=1 and PROMPTFOO_DISABLE_UPDATE=1 only; in an unshare -n namespace with only lo)")
