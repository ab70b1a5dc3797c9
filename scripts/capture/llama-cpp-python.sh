#!/usr/bin/env bash
# Records the llama-cpp-python fixtures from a real llama-cpp-python server (PyPI llama-cpp-python[server]==0.3.36,
# built from its sdist, which compiles the llama.cpp it vendors: about 10 minutes on 2 cores). It serves the
# vocabulary-only GGUF llama.cpp ships for its tokenizer tests (vendor/llama.cpp/models/ggml-vocab-llama-spm.gguf,
# in the sdist; --vocab_only true loads no weights), so no model is downloaded.
#   python -m llama_cpp.server                        -> llama-cpp-python/open
#   python -m llama_cpp.server --api_key <key>        -> llama-cpp-python/api-key
# The servers run in a fresh network namespace (`unshare -n`, root) whose only interface is lo.
# Usage: bash scripts/capture/llama-cpp-python.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.3.36
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/llama-cpp-python"
OPEN_PORT=19410
KEYED_PORT=19411
PUBLIC_HOST=203.0.113.9
VOCAB=ggml-vocab-llama-spm.gguf

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" \
    --no-binary llama-cpp-python "llama-cpp-python[server]==$VERSION"
  # The vocabulary file comes from the same sdist pip built from.
  mkdir -p "$ROOT/.venv-capture/llama-cpp-python-models"
  if [ ! -f "$ROOT/.venv-capture/llama-cpp-python-models/$VOCAB" ]; then
    SDIST_DIR=$(mktemp -d)
    "$VENV/bin/pip" download --no-deps --no-binary :all: -d "$SDIST_DIR" "llama-cpp-python==$VERSION"
    tar -xzf "$SDIST_DIR"/llama_cpp_python-"$VERSION".tar.gz -C "$SDIST_DIR" "llama_cpp_python-$VERSION/vendor/llama.cpp/models/$VOCAB"
    mv "$SDIST_DIR/llama_cpp_python-$VERSION/vendor/llama.cpp/models/$VOCAB" "$ROOT/.venv-capture/llama-cpp-python-models/"
    rm -rf "$SDIST_DIR"
  fi
fi
enter_isolated_netns "$0" "$@"

make_workdir llama-cpp-python
MODEL="$ROOT/.venv-capture/llama-cpp-python-models/$VOCAB"

# serve PORT ARGS…: starts one server and waits until it answers (it loads the vocabulary before it listens).
serve() {
  local port=$1; shift
  serve_tracked "$WORK/server-$port.log" "http://127.0.0.1:$port/openapi.json" "$VENV/bin/python" -m llama_cpp.server \
    --model "$MODEL" --model_alias capture-vocab-only --vocab_only true --host 127.0.0.1 --port "$port" "$@"
}

serve "$OPEN_PORT"
serve "$KEYED_PORT" --api_key capture-secret-key
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family llama-cpp-python --port 8000 \
    --host "$PUBLIC_HOST:8000" --product llama-cpp-python --version "$VERSION" --expect-version "$VERSION" "$@")
}
record --case open --url "http://127.0.0.1:$OPEN_PORT" --verdict unauthenticated --expect-models capture-vocab-only \
  --description "llama-cpp-python server without --api_key: /v1/models lists the model to anyone; its OpenAPI title names it" \
  --how "python -m llama_cpp.server --model $VOCAB --model_alias capture-vocab-only --vocab_only true (PyPI llama-cpp-python[server]==$VERSION built from the sdist; the vocabulary-only GGUF from its vendored llama.cpp; in an unshare -n namespace with only lo)"
record --case api-key --url "http://127.0.0.1:$KEYED_PORT" --verdict auth-required \
  --description "llama-cpp-python with --api_key refuses /v1/models with FastAPI's {\"detail\":\"Invalid API key\"}, not the OpenAI error object; its public OpenAPI document names it, so the refusal reads auth-required" \
  --how "python -m llama_cpp.server --model $VOCAB --model_alias capture-vocab-only --vocab_only true --api_key <key> (PyPI llama-cpp-python[server]==$VERSION built from the sdist; in an unshare -n namespace with only lo)"
