#!/usr/bin/env bash
# Records the llama-cpp-server fixtures from a real llama.cpp llama-server, build b11312 (commit 0c1e57098): the llama.cpp
# that the PyPI sdist of llama-cpp-python 0.3.36 vendors (its CHANGELOG: "update llama.cpp to ggml-org/llama.cpp@0c1e57098").
# Only the llama-server target is built, with cmake and -j2 (about 11 minutes on 2 cores), into .venv-capture/llama-cpp-server.
# The sdist carries no git metadata, so the build info is passed to cmake: the commit from that CHANGELOG line, the build
# number from llama.cpp's release tag b11312 for that commit. The embedded web UI is left out (LLAMA_BUILD_UI=OFF,
# LLAMA_USE_PREBUILT_UI=OFF: it is either npm-built or downloaded from Hugging Face at build time), so GET / answers the
# 404 JSON; release builds serve the gzip-only UI there. llama-server has no vocabulary-only mode, so it runs in router mode
# (started without -m, it loads no model in its own process): --models-dir lists the vocabulary-only GGUF llama.cpp ships
# for its tokenizer tests (vendor/llama.cpp/models/ggml-vocab-llama-spm.gguf, in the sdist), which is never loaded.
#   llama-server --models-dir DIR                      -> llama-cpp-server/router-open
#   llama-server --models-dir DIR --api-key <key>      -> llama-cpp-server/router-api-key
# Router mode cannot reproduce the single-model answers (/props with total_slots), so the transcribed single-model
# fixtures open and api-key stay. The servers run in a fresh network namespace (`unshare -n`, root) whose only interface is lo.
# Usage: bash scripts/capture/llama-cpp-server.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

SDIST_VERSION=0.3.36
BUILD_NUMBER=11312
COMMIT=0c1e57098
VERSION="b$BUILD_NUMBER-$COMMIT"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/llama-cpp-server"
SRC="$PREFIX/sdist/llama_cpp_python-$SDIST_VERSION/vendor/llama.cpp"
SERVER="$PREFIX/build/bin/llama-server"
OPEN_PORT=19570
KEYED_PORT=19571
PUBLIC_HOST=203.0.113.9
VOCAB=ggml-vocab-llama-spm.gguf

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  if ! "$SERVER" --version 2>&1 | grep -qF "(build $BUILD_NUMBER, commit $COMMIT)"; then
    if [ ! -f "$SRC/CMakeLists.txt" ]; then
      python3 -m pip download -q --no-deps --no-binary :all: -d "$PREFIX/sdist" "llama-cpp-python==$SDIST_VERSION"
      tar -xzf "$PREFIX/sdist/llama_cpp_python-$SDIST_VERSION.tar.gz" -C "$PREFIX/sdist" "llama_cpp_python-$SDIST_VERSION/vendor/llama.cpp"
    fi
    cmake -S "$SRC" -B "$PREFIX/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF \
      -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF -DGGML_NATIVE=OFF \
      -DLLAMA_BUILD_NUMBER="$BUILD_NUMBER" -DLLAMA_BUILD_COMMIT="$COMMIT"
    cmake --build "$PREFIX/build" --target llama-server -j2
  fi
  "$SERVER" --version
fi
enter_isolated_netns "$0" "$@"

make_workdir llama-cpp-server
# No cached models from this machine: the router lists only what --models-dir holds.
export HOME="$WORK" LLAMA_CACHE="$WORK/cache"
mkdir -p "$WORK/models" "$LLAMA_CACHE"
cp "$SRC/models/$VOCAB" "$WORK/models/"

# serve PORT ARGS…: starts one router and waits until it answers (it only scans --models-dir before it listens).
serve() {
  local port=$1; shift
  serve_tracked "$WORK/server-$port.log" "http://127.0.0.1:$port/health" "$SERVER" --host 127.0.0.1 --port "$port" \
    --models-dir "$WORK/models" "$@"
}
serve "$OPEN_PORT"
serve "$KEYED_PORT" --api-key capture-secret-key
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family llama-cpp-server --port 8080 \
    --host "$PUBLIC_HOST:8080" --product "llama.cpp llama-server" --version "$VERSION" "$@")
}
BUILT="llama.cpp $VERSION from the llama-cpp-python $SDIST_VERSION sdist, cmake --target llama-server, without the embedded web UI; router mode, --models-dir holding the vocabulary-only $VOCAB (never loaded); in an unshare -n namespace with only lo"
record --case router-open --url "http://127.0.0.1:$OPEN_PORT" --verdict unauthenticated --expect-version "$VERSION" \
  --description "llama-server in router mode (no -m) without --api-key: /props answers the router's own props (role router, dummy default_generation_settings, build_info, no total_slots), /v1/models and /models list the models it can load, owned_by llamacpp; GET / is the 404 JSON of a build without the web UI" \
  --how "llama-server --host 127.0.0.1 --port 8080 --models-dir DIR ($BUILT)"
record --case router-api-key --url "http://127.0.0.1:$KEYED_PORT" --verdict auth-required \
  --description "llama-server in router mode with --api-key: every path but /health, /v1/health and the web UI's (here only /, a 404 without the UI) answers 401 \"Invalid API Key\", /props and the model lists included; Server: llama.cpp on every answer" \
  --how "llama-server --host 127.0.0.1 --port 8080 --models-dir DIR --api-key <key> ($BUILT)"
