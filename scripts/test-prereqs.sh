#!/usr/bin/env bash
# Installs what the test suite needs and that npm does not: the pinned Python
# virtualenv (moto server, cfn-lint) and the Debian packages of the real servers
# the conformance tests start on loopback. Idempotent and quick when up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

# install_pinned WHAT PINS STAMP COMMAND…: runs COMMAND unless STAMP holds the hash of PINS (the file that pins what
# COMMAND installs), then writes that hash to STAMP. A COMMAND that changes PINS fails the run: it installed other versions.
install_pinned() {
  local what=$1 pins=$2 stamp=$3 want
  shift 3
  want=$(sha256sum "$pins" | cut -d' ' -f1)
  [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && return 0
  echo "test-prereqs: installing $what from $pins" >&2
  "$@"
  if [ "$(sha256sum "$pins" | cut -d' ' -f1)" != "$want" ]; then
    echo "test-prereqs: installing $what changed $pins" >&2
    exit 1
  fi
  echo "$want" > "$stamp"
}

# venv_install DIR REQUIREMENTS: a virtualenv with exactly the pinned packages (--no-deps: the pins are the whole set).
# --no-compile: pip would byte-compile every module of every package (minutes on a clean checkout for .venv-ai's 342);
# Python compiles the few the tests import when they first do.
venv_install() {
  python3 -m venv "$1"
  "$1/bin/pip" install --quiet --disable-pip-version-check --no-deps --no-compile -r "$2"
}

# The three virtualenvs are independent: installed side by side (downloads overlap unpacking), each checked.
venv_jobs=()
install_pinned "the Python virtualenv" test/support/requirements.txt .venv/.requirements.sha256 \
  venv_install .venv test/support/requirements.txt &
venv_jobs+=($!)

# Real AI servers from PyPI for the conformance suite (MLflow, ChromaDB, Gradio, MLServer, marimo, …),
# in their own virtualenv so their pins never meet moto's.
install_pinned "the AI-server virtualenv" test/support/ai-servers-requirements.txt .venv-ai/.requirements.sha256 \
  venv_install .venv-ai test/support/ai-servers-requirements.txt &
venv_jobs+=($!)

# Real Chainlit for the conformance suite, in a virtualenv of its own: no Chainlit 2.x fits .venv-ai's pins.
install_pinned "the Chainlit virtualenv" test/support/chainlit-requirements.txt .venv-chainlit/.requirements.sha256 \
  venv_install .venv-chainlit test/support/chainlit-requirements.txt &
venv_jobs+=($!)

for job in "${venv_jobs[@]}"; do wait "$job"; done

# The Node.js major of the Lambda runtime, pinned by its own lock file, so the
# Lambda code's tests also run on what runs in AWS (scripts/test-lambda-runtime.sh).
if [ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ]; then
  runtime=scripts/lambda-runtime
  install_pinned "the Lambda runtime's Node.js" "$runtime/package-lock.json" "$runtime/node_modules/.lock.sha256" \
    npm ci --prefix "$runtime" --no-audit --no-fund --loglevel=error
fi

# Real MCP Inspectors for the conformance suite (the v1 proxy and the v2 web server, which runs on the Node.js above),
# pinned by their own lock file. Not `npm ci`: the lock names an optional dependency of Vite's that the registry does
# not serve (napi-windows-process-start-time, Windows only), and `npm ci` refuses a lock it cannot fill whole;
# `npm install --no-save` installs the lock's versions, checked against its hashes, and leaves the lock as it is.
inspector=test/support/mcp-inspector
install_pinned "the MCP Inspectors" "$inspector/package-lock.json" "$inspector/node_modules/.lock.sha256" \
  npm install --prefix "$inspector" --no-save --ignore-scripts --no-audit --no-fund --loglevel=error

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
