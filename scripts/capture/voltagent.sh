#!/usr/bin/env bash
# Records the VoltAgent fixtures from real servers: npm @voltagent/server-hono@2.0.14 with @voltagent/core@2.10.0 (pinned by
# an npm override), a tiny app written here (one Agent on the model openai/gpt-4o-mini with a fake OPENAI_API_KEY, never
# called, and one tool returning a constant), run with the Lambda runtime's Node 24, HOME, PATH, PORT, the fake key and the
# settings named below as its only environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   honoServer's defaults (no auth option)                                                       -> default
#   authNext: jwtAuth({secret}) with NODE_ENV=production, as the docs deploy it                    -> auth-next
#   the same without NODE_ENV, as `npm run dev` and a bare `node` start it (dev header bypass)     -> auth-next-dev
# Usage: bash scripts/capture/voltagent.sh   (needs root for unshare; the network only for npm)
set -euo pipefail

VERSION=2.0.14
CORE_VERSION=2.10.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/voltagent-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_npm_package "$PREFIX" @voltagent/server-hono "$VERSION" "{\"@voltagent/core\": \"$CORE_VERSION\"}"
fi
enter_isolated_netns "$0" "$@"

make_workdir voltagent
# In PREFIX, so that its imports resolve from PREFIX/node_modules.
cat >"$PREFIX/capture-app.mjs" <<'APP'
import { Agent, VoltAgent, createTool } from '@voltagent/core';
import { honoServer, jwtAuth } from '@voltagent/server-hono';
import { z } from 'zod';

const captureConstant = createTool({
  name: 'capture_constant',
  description: 'Returns a constant (capture fixture tool)',
  parameters: z.object({}),
  execute: async () => ({ value: 'voltagent-capture-constant' }),
});
const agent = new Agent({
  name: 'capture-agent',
  instructions: 'Capture fixture agent: never called.',
  model: 'openai/gpt-4o-mini',
  tools: [captureConstant],
});
const auth = process.env.CAPTURE_JWT_SECRET ? { authNext: jwtAuth({ secret: process.env.CAPTURE_JWT_SECRET }) } : {};
new VoltAgent({ agents: { 'capture-agent': agent }, server: honoServer({ port: Number(process.env.PORT), ...auth }) });
APP

# serve NAME PORT [ENV…]: the app with a HOME of its own, started in WORK.
serve() {
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/" \
    env -i HOME="$WORK/$name" PATH="$NODE24_DIR/bin:/usr/bin:/bin" PORT="$port" OPENAI_API_KEY=sk-capture-not-a-real-key "$@" \
    "$NODE24" "$PREFIX/capture-app.mjs"
}
JWT_SECRET=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
serve default 19960
serve auth-next 19961 CAPTURE_JWT_SECRET="$JWT_SECRET" NODE_ENV=production
serve auth-next-dev 19962 CAPTURE_JWT_SECRET="$JWT_SECRET"
unset JWT_SECRET
echo "--- listeners in the namespace (honoServer binds 0.0.0.0 unless hostname is set):"
ss -ltnp

echo "--- what an anonymous client gets: the agent list, then the app's own constant tool run directly"
for port in 19960 19961 19962; do
  curl -s -w ' (%{http_code})\n' "http://127.0.0.1:$port/agents" | cut -c1-400
  curl -s -w ' (%{http_code})\n' -H 'content-type: application/json' --data '{"input":{}}' \
    "http://127.0.0.1:$port/tools/capture_constant/execute" | cut -c1-300
done
echo "--- the same on auth-next-dev with the dev header (no credentials)"
curl -s -w ' (%{http_code})\n' -H 'x-voltagent-dev: true' http://127.0.0.1:19962/agents | cut -c1-200
curl -s -w ' (%{http_code})\n' -H 'x-voltagent-dev: true' -H 'content-type: application/json' --data '{"input":{}}' \
  http://127.0.0.1:19962/tools/capture_constant/execute | cut -c1-300

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family voltagent --port 3141 \
    --product "VoltAgent @voltagent/server-hono" --version "$VERSION" "$@")
}
HOW="node capture-app.mjs (npm @voltagent/server-hono@$VERSION with @voltagent/core@$CORE_VERSION, --ignore-scripts, on Node 24: new VoltAgent({agents, server: honoServer({port})}) with one Agent, model openai/gpt-4o-mini, and one constant tool; environment: HOME, PATH, PORT, OPENAI_API_KEY=<fake> and the settings named before the command, only; in an unshare -n namespace with only lo)"
record --case default --url http://127.0.0.1:19960 --verdict unauthenticated --expect-models openai/gpt-4o-mini \
  --description "VoltAgent's Hono server with its defaults (no auth option): GET /agents lists the agent with its model, instructions and tools to anyone, who can also run the tool (POST /tools/:name/execute) and the agent" \
  --how "$HOW"
record --case auth-next --url http://127.0.0.1:19961 --verdict auth-required \
  --description "VoltAgent with authNext: jwtAuth({secret}) and NODE_ENV=production: the landing page and GET /agents (console routes) answer 401 asking for VOLTAGENT_CONSOLE_ACCESS_KEY; execution routes ask for a Bearer token" \
  --how "CAPTURE_JWT_SECRET=<random> NODE_ENV=production $HOW; the app passes authNext: jwtAuth({secret})"
record --case auth-next-dev --url http://127.0.0.1:19962 --verdict unauthenticated \
  --description "VoltAgent with authNext: jwtAuth({secret}) but NODE_ENV unset: the 401s add 'In development, you can set x-voltagent-dev: true.', and that header (or ?dev=true) lets anyone past authNext, to the agent list, the tools and the agents" \
  --how "CAPTURE_JWT_SECRET=<random> $HOW; the app passes authNext: jwtAuth({secret})"
