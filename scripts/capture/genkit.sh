#!/usr/bin/env bash
# Records the Genkit fixtures from a real `genkit start` (npm genkit-cli 1.43.0) running a tiny app on npm genkit 1.42.0
# (one flow that returns a constant, no model plugin), with HOME and PATH as its only environment (the CLI adds
# GENKIT_ENV=dev and its telemetry URL for the app), in a fresh network namespace (`unshare -n`, root) whose only
# interface is lo. Both servers it starts have no authentication and no Host or Origin check; their only restriction is
# the address they bind, 127.0.0.1 by default (GENKIT_REFLECTION_HOST, `--host` widen it):
#   the app's reflection API, port 3100 (GENKIT_ENV=dev)            -> reflection-default
#   the Developer UI, port 4000                                     -> dev-ui-default
# The Dev UI downloads its page from storage.googleapis.com at start, which is not reachable here, so its page (every
# path but /api) answers a 500 naming the missing file; its API, which the family reads, is served all the same.
# Installed with the Lambda runtime's Node 24 and `npm install --ignore-scripts` (genkit-cli's and genkit's dependencies
# need no install script to run). After recording, the script runs its own constant flow through both servers and
# lists the variable names (not values) the Dev UI hands out, as an anonymous client would.
# Usage: bash scripts/capture/genkit.sh   (needs root for unshare; the network only for npm)
set -euo pipefail

CLI_VERSION=1.43.0
VERSION=1.42.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/genkit-$VERSION"
PUBLIC_HOST=203.0.113.58

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"

if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_npm_package "$PREFIX/cli" genkit-cli "$CLI_VERSION"
  ensure_npm_package "$PREFIX/app" genkit "$VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir genkit

# The app: its own package.json makes its folder the CLI's project root (where it keeps .genkit/ traces).
mkdir -p "$WORK/app" "$WORK/home"
ln -s "$PREFIX/app/node_modules" "$WORK/app/node_modules"
echo '{"name": "genkit-capture", "private": true, "type": "module"}' >"$WORK/app/package.json"
cat >"$WORK/app/index.mjs" <<'JS'
import { genkit } from 'genkit';
const ai = genkit({});
ai.defineFlow({ name: 'captureConstant' }, async () => 'genkit-capture-constant');
JS

# --non-interactive: otherwise the CLI waits for Enter to acknowledge its analytics notice.
(cd "$WORK/app" && exec setsid env -i HOME="$WORK/home" PATH="$NODE24_DIR/bin:/usr/bin:/bin" \
  "$NODE24" "$PREFIX/cli/node_modules/genkit-cli/dist/bin/genkit.js" start --non-interactive -- node index.mjs >"$WORK/genkit.log" 2>&1) &
PIDS+=($!)
SERVER_PGID=$!
wait_until_up "$WORK/genkit.log" curl -sf -o /dev/null http://127.0.0.1:3100/api/__health
# The Dev UI finds the app through the runtime file the app writes once its reflection server is up.
wait_until_up "$WORK/genkit.log" sh -c 'curl -s http://127.0.0.1:4000/api/getCurrentRuntime | grep -q genkitVersion'
SERVER_PGID=""
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family genkit --product Genkit --version "$VERSION" "$@")
}
HOW="genkit start --non-interactive -- node index.mjs (npm genkit-cli@$CLI_VERSION; the app: npm genkit@$VERSION, genkit({}) and one flow returning a constant, no model plugin; --ignore-scripts, on Node 24; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case reflection-default --url http://127.0.0.1:3100 --port 3100 --host "$PUBLIC_HOST:3100" --verdict unauthenticated \
  --description "The reflection API of a Genkit app under genkit start (GENKIT_ENV=dev): GET /api/actions lists the app's flows and built-in actions to anyone, and POST /api/runAction runs any of them" \
  --how "$HOW; the app's reflection server, port 3100"
record --case dev-ui-default --url http://127.0.0.1:4000 --port 4000 --host "$PUBLIC_HOST:4000" --expect-version "$VERSION" --verdict unauthenticated \
  --description "The Genkit Developer UI of genkit start: its tRPC API answers anyone (GET /api/getCurrentRuntime names the app's reflection server and Genkit version); its page could not be downloaded here, so / answers a 500" \
  --how "$HOW; the Developer UI, port 4000"

echo "--- an anonymous client runs the app's own constant flow through the reflection API, then through the Dev UI:"
for port in 3100 4000; do
  curl -s -H "host: $PUBLIC_HOST:$port" -H 'content-type: application/json' --data '{"key": "/flow/captureConstant", "input": null}' \
    "http://127.0.0.1:$port/api/runAction"
  echo
done
echo "--- the Dev UI's environment, as GET /api/getGenkitEnvironment hands it out (names only):"
curl -s "http://127.0.0.1:4000/api/getGenkitEnvironment" | "$NODE24" -e \
  'const d = JSON.parse(require("fs").readFileSync(0, "utf8")).result.data; console.log(d.cliPackageVersion, d.environmentVars.map((v) => v.name).join(" "))'
