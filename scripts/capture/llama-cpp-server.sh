#!/usr/bin/env bash
# Records the llama-cpp-server fixtures from a real llama.cpp llama-server, build b11312 (commit 0c1e57098): the llama.cpp
# that the PyPI sdist of llama-cpp-python 0.3.36 vendors (its CHANGELOG: "update llama.cpp to ggml-org/llama.cpp@0c1e57098").
# Only the llama-server target is built, with cmake and -j2 (7 to 11 minutes on 2 cores), into .venv-capture/llama-cpp-server.
# The sdist carries no git metadata, so the build info is passed to cmake: the commit from that CHANGELOG line, the build
# number from llama.cpp's release tag b11312 for that commit. The embedded web UI is left out (LLAMA_BUILD_UI=OFF,
# LLAMA_USE_PREBUILT_UI=OFF: it is either npm-built or downloaded from Hugging Face at build time), so GET / answers the
# 404 JSON; release builds serve the gzip-only UI there. No server gets --no-webui: they run with the default, UI on, so a
# single-model /props says "ui":true although this build has none.
# No model can be downloaded, so the single-model cases serve a tiny random Llama made here, in the work folder, with the
# gguf-py that the same sdist vendors (vendor/llama.cpp/gguf-py, gguf 0.19.0, on PYTHONPATH) in a venv of its own
# (.venv-capture/llama-cpp-server/gguf-venv: PyPI numpy==2.2.6 and PyYAML==6.0.2, which gguf-py imports; about 100 MB):
# GGUFReader reads the vocabulary-only GGUF llama.cpp ships for its tokenizer tests (vendor/llama.cpp/models/
# ggml-vocab-llama-spm.gguf, in the sdist; SentencePiece, 32000 tokens), GGUFWriter writes arch llama with its
# tokenizer.* key/values copied, 2 layers, embedding 64, 4 heads, feed-forward 128, context 256 and seeded random F32
# tensors (17 MB; it loads and completes a few tokens of gibberish, checked before recording). The routers list that
# vocabulary file in --models-dir and never load it (llama-server has no vocabulary-only mode).
#   llama-server --models-dir DIR                                      -> llama-cpp-server/router-open
#   llama-server --models-dir DIR --api-key <key>                      -> llama-cpp-server/router-api-key
#   llama-server -m tiny.gguf -c 256 -np 1                             -> llama-cpp-server/open
#   llama-server -m tiny.gguf -c 256 -np 1 --api-key <random>          -> llama-cpp-server/api-key
# Timings on 2026-11-28 (2 cores): a cold run 7 min 14 s (the sdist 77 MB, the build 6 min 46 s, the numpy venv about
# 15 s; 408 MB in all), a run with the install in place 12-14 s: the model 1-3 s, each router answering within 1 s of its
# start, each single-model server's /health 200 within 1 s.
# Found against the transcription from commit aa6192d: at b11312 a single-model server with --api-key refuses /v1/models
# and /models too (only /health, /v1/health and the UI stay public), and /api/tags (the Ollama-style list) is gone (404).
# The recorder redacts values of keys that look secret, so /props shows bos_token, eos_token, timings_per_token and
# media_marker as [redacted].
# The servers run in a fresh network namespace (`unshare -n`, root) whose only interface is lo.
# Usage: bash scripts/capture/llama-cpp-server.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

SDIST_VERSION=0.3.36
BUILD_NUMBER=11312
COMMIT=0c1e57098
VERSION="b$BUILD_NUMBER-$COMMIT"
NUMPY_VERSION=2.2.6
PYYAML_VERSION=6.0.2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/llama-cpp-server"
SRC="$PREFIX/sdist/llama_cpp_python-$SDIST_VERSION/vendor/llama.cpp"
SERVER="$PREFIX/build/bin/llama-server"
GGUF_VENV="$PREFIX/gguf-venv"
OPEN_PORT=19570
KEYED_PORT=19571
MODEL_OPEN_PORT=19572
MODEL_KEYED_PORT=19573
PUBLIC_HOST=203.0.113.9
VOCAB=ggml-vocab-llama-spm.gguf

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  if [ ! -f "$SRC/CMakeLists.txt" ]; then
    python3 -m pip download -q --no-deps --no-binary :all: -d "$PREFIX/sdist" "llama-cpp-python==$SDIST_VERSION"
    tar -xzf "$PREFIX/sdist/llama_cpp_python-$SDIST_VERSION.tar.gz" -C "$PREFIX/sdist" "llama_cpp_python-$SDIST_VERSION/vendor/llama.cpp"
  fi
  if ! "$SERVER" --version 2>&1 | grep -qF "(build $BUILD_NUMBER, commit $COMMIT)"; then
    cmake -S "$SRC" -B "$PREFIX/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_TOOLS=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF \
      -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF -DGGML_NATIVE=OFF \
      -DLLAMA_BUILD_NUMBER="$BUILD_NUMBER" -DLLAMA_BUILD_COMMIT="$COMMIT"
    cmake --build "$PREFIX/build" --target llama-server -j2
  fi
  "$SERVER" --version
  ensure_venv "$GGUF_VENV" \
    "numpy==$NUMPY_VERSION" "PyYAML==$PYYAML_VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir llama-cpp-server
# No cached models from this machine: the router lists only what --models-dir holds.
export HOME="$WORK" LLAMA_CACHE="$WORK/cache"
mkdir -p "$WORK/models" "$LLAMA_CACHE"
cp "$SRC/models/$VOCAB" "$WORK/models/"

# The tiny random Llama the single-model servers load (nothing is downloaded): the vocabulary file's tokenizer, random weights.
started=$SECONDS
PYTHONPATH="$SRC/gguf-py" "$GGUF_VENV/bin/python" - "$SRC/models/$VOCAB" "$WORK/tiny.gguf" <<'PY'
import sys
import numpy as np
from gguf import GGUFReader, GGUFValueType, GGUFWriter

vocab_path, out = sys.argv[1], sys.argv[2]
n_layer, n_embd, n_head, n_ff, n_ctx = 2, 64, 4, 128, 256
reader = GGUFReader(vocab_path)
writer = GGUFWriter(out, 'llama')
writer.add_name('capture-tiny-llama')
writer.add_context_length(n_ctx)
writer.add_embedding_length(n_embd)
writer.add_block_count(n_layer)
writer.add_feed_forward_length(n_ff)
writer.add_head_count(n_head)
writer.add_head_count_kv(n_head)
writer.add_rope_dimension_count(n_embd // n_head)
writer.add_layer_norm_rms_eps(1e-5)
writer.add_file_type(0)  # all F32
for key, field in reader.fields.items():
    if key.startswith('tokenizer.'):
        main = field.types[0]
        sub = field.types[1] if main == GGUFValueType.ARRAY else None
        writer.add_key_value(key, field.contents(), main, sub_type=sub)
n_vocab = len(reader.fields['tokenizer.ggml.tokens'].contents())
writer.add_vocab_size(n_vocab)
rng = np.random.default_rng(0)
def rand(*shape):  # numpy shape: the reverse of ggml's ne
    return (rng.standard_normal(shape) * 0.02).astype(np.float32)
ones = np.ones(n_embd, dtype=np.float32)
writer.add_tensor('token_embd.weight', rand(n_vocab, n_embd))
for i in range(n_layer):
    writer.add_tensor(f'blk.{i}.attn_norm.weight', ones)
    for name in ('attn_q', 'attn_k', 'attn_v', 'attn_output'):
        writer.add_tensor(f'blk.{i}.{name}.weight', rand(n_embd, n_embd))
    writer.add_tensor(f'blk.{i}.ffn_norm.weight', ones)
    writer.add_tensor(f'blk.{i}.ffn_gate.weight', rand(n_ff, n_embd))
    writer.add_tensor(f'blk.{i}.ffn_up.weight', rand(n_ff, n_embd))
    writer.add_tensor(f'blk.{i}.ffn_down.weight', rand(n_embd, n_ff))
writer.add_tensor('output_norm.weight', ones)
writer.add_tensor('output.weight', rand(n_vocab, n_embd))
writer.write_header_to_file()
writer.write_kv_data_to_file()
writer.write_tensors_to_file()
writer.close()
print(f'{out}: arch llama, {n_layer} layers, embedding {n_embd}, {n_head} heads, ff {n_ff}, context {n_ctx}, vocabulary {n_vocab}')
PY
echo "--- the tiny model took $((SECONDS - started)) s: $(du -h "$WORK/tiny.gguf" | cut -f1)"

# serve PORT ARGS…: starts one router and waits until it answers (it only scans --models-dir before it listens).
serve() {
  local port=$1 started=$SECONDS; shift
  serve_tracked "$WORK/server-$port.log" "http://127.0.0.1:$port/health" "$SERVER" --host 127.0.0.1 --port "$port" \
    --models-dir "$WORK/models" "$@"
  echo "--- router on port $port answered $((SECONDS - started)) s after its start"
}
# serve_model PORT ARGS…: starts one single-model server on tiny.gguf (relative to WORK, its working folder) and waits
# until /health answers 200 (it answers 503 while the model loads).
serve_model() {
  local port=$1 started=$SECONDS; shift
  serve_tracked "$WORK/server-$port.log" "http://127.0.0.1:$port/health" "$SERVER" --host 127.0.0.1 --port "$port" \
    -m tiny.gguf -c 256 -np 1 "$@"
  wait_for_2xx "http://127.0.0.1:$port/health" 120
  echo "--- single-model server on port $port: /health 200 $((SECONDS - started)) s after its start"
}
serve "$OPEN_PORT"
serve "$KEYED_PORT" --api-key capture-secret-key
serve_model "$MODEL_OPEN_PORT"
API_KEY=$(capture_password)
serve_model "$MODEL_KEYED_PORT" --api-key "$API_KEY"
echo "--- listeners in the namespace:"
ss -ltnp
# The model loads and generates (gibberish: random weights), and the key works (so the refusals recorded are for the missing key).
echo "--- a short completion from the tiny model:"
curl -sf -m 60 "http://127.0.0.1:$MODEL_OPEN_PORT/completion" -H 'content-type: application/json' \
  -d '{"prompt":"hello","n_predict":4}' | head -c 200; echo
curl -sf -m 60 -o /dev/null -H "Authorization: Bearer $API_KEY" "http://127.0.0.1:$MODEL_KEYED_PORT/props"

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family llama-cpp-server --port 8080 \
    --host "$PUBLIC_HOST:8080" --product "llama.cpp llama-server" --version "$VERSION" "$@")
}
BUILT="llama.cpp $VERSION from the llama-cpp-python $SDIST_VERSION sdist, cmake --target llama-server, without the embedded web UI"
ROUTER="$BUILT; router mode, --models-dir holding the vocabulary-only $VOCAB (never loaded); in an unshare -n namespace with only lo"
SINGLE="$BUILT; tiny.gguf is a random 2-layer Llama (embedding 64) made locally with the vendored gguf-py and the tokenizer of $VOCAB; in an unshare -n namespace with only lo"
record --case router-open --url "http://127.0.0.1:$OPEN_PORT" --verdict unauthenticated --expect-version "$VERSION" --expect-models "${VOCAB%.gguf}" \
  --description "llama-server in router mode (no -m) without --api-key: /props answers the router's own props (role router, dummy default_generation_settings, build_info, no total_slots), /v1/models and /models list the models it can load, owned_by llamacpp; GET / is the 404 JSON of a build without the web UI" \
  --how "llama-server --host 127.0.0.1 --port 8080 --models-dir DIR ($ROUTER)"
record --case router-api-key --url "http://127.0.0.1:$KEYED_PORT" --verdict auth-required \
  --description "llama-server in router mode with --api-key: every path but /health, /v1/health and the web UI's (here only /, a 404 without the UI) answers 401 \"Invalid API Key\", /props and the model lists included; Server: llama.cpp on every answer" \
  --how "llama-server --host 127.0.0.1 --port 8080 --models-dir DIR --api-key <key> ($ROUTER)"
record --case open --url "http://127.0.0.1:$MODEL_OPEN_PORT" --verdict unauthenticated --expect-version "$VERSION" --expect-models tiny.gguf \
  --description "llama-server with one model (-m) without --api-key: /props answers default_generation_settings, total_slots and build_info, /v1/models and /models list the model owned_by llamacpp; GET / is the 404 JSON of a build without the web UI" \
  --how "llama-server -m tiny.gguf -c 256 -np 1 --host 127.0.0.1 --port 8080 ($SINGLE)"
record --case api-key --url "http://127.0.0.1:$MODEL_KEYED_PORT" --verdict auth-required \
  --description "llama-server with one model (-m) and --api-key: every path but /health, /v1/health and the web UI's (here only /, a 404 without the UI) answers 401 \"Invalid API Key\", /props and the model lists included; Server: llama.cpp on every answer" \
  --how "llama-server -m tiny.gguf -c 256 -np 1 --host 127.0.0.1 --port 8080 --api-key <random> ($SINGLE)"
