#!/usr/bin/env bash
# Records the Mastra fixtures from a real Mastra server: a minimal project (one Agent on an OpenAI model with a fake key,
# never called, and one tool that returns a constant) built by `mastra build` and served by node from
# .mastra/output/index.mjs, with HOME, PATH, PORT, OPENAI_API_KEY (fake) and MASTRA_TELEMETRY_DISABLED as its only
# environment (and CAPTURE_TOKEN in the auth case), in a fresh network namespace (`unshare -n`, root) whose only
# interface is lo:
#   npm mastra 1.31.0 / @mastra/core 1.71.0, no `server.auth` (the default)                -> open
#   the same with `server.auth: new SimpleAuth({ tokens })` (core's static-token provider)  -> simple-auth
# Installed with the Lambda runtime's Node 24 and `npm install --ignore-scripts` (mastra's peer @mastra/core pinned by an
# npm override). `mastra build` runs before the namespace is entered, with telemetry off: its last step `npm install`s
# the bundle's externals from the registry (hence the CA bundle this machine's npm needs, passed through), and in the
# namespace it waits minutes on DNS before failing.
# After each recording, an anonymous caller lists the agents and executes the capture's own constant tool.
# Usage: bash scripts/capture/mastra.sh   (needs root for unshare; the network only for npm)
set -euo pipefail

VERSION=1.31.0
CORE_VERSION=1.71.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/mastra-$VERSION"
APP="$PREFIX/app"
PUBLIC_HOST=203.0.113.47

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"

if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_npm_package "$PREFIX" mastra "$VERSION" "{\"@mastra/core\": \"$CORE_VERSION\"}"
  mkdir -p "$APP/src/mastra"
  ln -sfn "$PREFIX/node_modules" "$APP/node_modules"
  printf '{"name": "capture-app", "private": true, "type": "module"}\n' >"$APP/package.json"
  # CAPTURE_TOKEN set: the server requires it (SimpleAuth); unset: the project's defaults.
  cat >"$APP/src/mastra/index.ts" <<'TS'
import { Agent } from '@mastra/core/agent';
import { SimpleAuth } from '@mastra/core/auth';
import { Mastra } from '@mastra/core/mastra';
import { createTool } from '@mastra/core/tools';
import { z } from 'zod';

const constantTool = createTool({
  id: 'capture-constant',
  description: 'Returns a constant',
  inputSchema: z.object({}),
  outputSchema: z.object({ value: z.string() }),
  execute: async () => ({ value: 'capture-constant-value' }),
});

const captureAgent = new Agent({
  id: 'capture-agent',
  name: 'Capture Agent',
  instructions: 'You are the capture agent.',
  model: 'openai/gpt-4o-mini',
  tools: { constantTool },
});

const token = process.env.CAPTURE_TOKEN;
export const mastra = new Mastra({
  agents: { captureAgent },
  ...(token ? { server: { auth: new SimpleAuth({ tokens: { [token]: { id: 'capture-user' } } }) } } : {}),
});
TS
  (cd "$APP" && env -i HOME="$PREFIX" PATH="$NODE24_DIR/bin:/usr/bin:/bin" MASTRA_TELEMETRY_DISABLED=1 \
    ${NODE_EXTRA_CA_CERTS:+NODE_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS"} \
    "$NODE24" node_modules/mastra/dist/index.js build >"$PREFIX/build.log" 2>&1) || { tail -40 "$PREFIX/build.log"; exit 1; }
fi
enter_isolated_netns "$0" "$@"

make_workdir mastra
TOKEN=$(capture_password)

# serve PORT [ENV…]: the built server on PORT, waited for until its root page answers.
serve() {
  local port=$1; shift
  serve_tracked "$WORK/server-$port.log" "http://127.0.0.1:$port/" \
    env -i HOME="$WORK" PATH="$NODE24_DIR/bin:/usr/bin:/bin" PORT="$port" OPENAI_API_KEY=sk-capture-fake \
    MASTRA_TELEMETRY_DISABLED=1 "$@" "$NODE24" "$APP/.mastra/output/index.mjs"
}
serve 19411
serve 19421 CAPTURE_TOKEN="$TOKEN"
echo "--- listeners in the namespace:"
ss -ltnp

# check PORT: what an anonymous caller gets from the agent list and from running the capture's own constant tool.
check() {
  echo "--- $1, no credentials: GET /api/agents -> $(curl -s -w ' [%{http_code}]' "http://127.0.0.1:$1/api/agents" | head -c 300)"
  echo "--- $1, no credentials: POST /api/tools/capture-constant/execute -> $(curl -s -w ' [%{http_code}]' \
    -H 'content-type: application/json' --data '{"data": {}}' "http://127.0.0.1:$1/api/tools/capture-constant/execute")"
}

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family mastra --port 4111 --host "$PUBLIC_HOST:4111" \
    --product Mastra --version "$VERSION" "$@")
}
HOW="node .mastra/output/index.mjs, built by \`mastra build\` from a project of one Agent (model openai/gpt-4o-mini, a fake key, never called) and one constant tool (npm mastra@$VERSION, @mastra/core@$CORE_VERSION, --ignore-scripts, on Node 24; environment: HOME, PATH, PORT, OPENAI_API_KEY and MASTRA_TELEMETRY_DISABLED only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19411 --verdict unauthenticated \
  --description "A Mastra server as a project builds it by default (no server.auth): its API lists the agents with their instructions and tools to anyone, and runs its tools and agents for anyone" \
  --how "$HOW"
check 19411
record --case simple-auth --url http://127.0.0.1:19421 --verdict auth-required \
  --description "A Mastra server with server.auth set to SimpleAuth (a static token): the root page still answers anyone, the API answers 401" \
  --how "$HOW, the project setting server.auth to new SimpleAuth({ tokens: { <random>: user } })"
check 19421
