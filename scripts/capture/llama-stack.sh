#!/usr/bin/env bash
# Records the Llama Stack server fixtures from real servers (PyPI llama-stack, `llama stack run <run.yaml>`, a fresh store
# folder each), each with HOME, PATH and STORE_DIR as its only environment, in a fresh network namespace (`unshare -n`,
# root) whose only interface is lo:
#   0.2.12 with no server.auth (the default)                                          -> open
#   0.2.12 with server.auth of provider_type custom (its auth endpoint on a closed port) -> custom-auth
# 0.2.12 is the newest release that installs on Python 3.11 (later ones need 3.12). Its templates need providers that fetch
# models or reach hosted APIs at start, so the run config is written here: a remote vLLM on a closed loopback port (it
# contacts vLLM only when asked), the inline sentence-transformers provider with its embedding model registered (loaded on
# first use, never here), local files, a FAISS vector store and the tavily-search and MCP tool runtimes, as the starter and
# remote-vllm templates have them. uv resolves as of the release (--exclude-newer): today's OpenTelemetry and FastAPI break it.
# Usage: bash scripts/capture/llama-stack.sh   (needs root for unshare; the network only for PyPI)
set -euo pipefail

VERSION=0.2.12
RELEASED=2025-06-30
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.87
VENV="$ROOT/.venv-capture/llama-stack-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
# The server imports the OpenTelemetry exporter and the chosen providers' packages, which llama-stack does not depend on;
# sqlite-vec is not used: this machine's Python cannot load SQLite extensions.
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv_with_uv "$VENV" --exclude-newer "$RELEASED" "llama-stack==$VERSION" \
  opentelemetry-sdk==1.34.1 opentelemetry-exporter-otlp-proto-http==1.34.1 faiss-cpu==1.11.0 aiosqlite==0.21.0 \
  "sqlalchemy[asyncio]==2.0.41" mcp==1.10.1
enter_isolated_netns "$0" "$@"

make_workdir llama-stack

# write_config FILE [AUTH_YAML]: the run config, with AUTH_YAML (indented for server:) appended to its server section.
write_config() {
  cat >"$1" <<'YAML'
version: '2'
image_name: capture
apis:
- files
- inference
- tool_runtime
- vector_io
providers:
  inference:
  - provider_id: vllm
    provider_type: remote::vllm
    config:
      url: http://127.0.0.1:9/v1
      api_token: capture-placeholder-token
  - provider_id: sentence-transformers
    provider_type: inline::sentence-transformers
    config: {}
  files:
  - provider_id: localfs
    provider_type: inline::localfs
    config:
      storage_dir: ${env.STORE_DIR}/files
      metadata_store:
        type: sqlite
        db_path: ${env.STORE_DIR}/files_metadata.db
  vector_io:
  - provider_id: faiss
    provider_type: inline::faiss
    config:
      kvstore:
        type: sqlite
        db_path: ${env.STORE_DIR}/faiss_store.db
  tool_runtime:
  - provider_id: tavily-search
    provider_type: remote::tavily-search
    config:
      api_key: capture-placeholder-key
      max_results: 3
  - provider_id: model-context-protocol
    provider_type: remote::model-context-protocol
    config: {}
metadata_store:
  type: sqlite
  db_path: ${env.STORE_DIR}/registry.db
models:
- metadata:
    embedding_dimension: 384
  model_id: all-MiniLM-L6-v2
  provider_id: sentence-transformers
  model_type: embedding
tool_groups:
- toolgroup_id: builtin::websearch
  provider_id: tavily-search
server:
  port: 8321
  host: 127.0.0.1
YAML
  if [ -n "${2:-}" ]; then printf '%s\n' "$2" >>"$1"; fi
}

# serve NAME PORT [AUTH_YAML]: `llama stack run` on the run config, in the venv's own packages (no --image-type).
serve() {
  local name=$1 port=$2
  mkdir -p "$WORK/$name/store"
  write_config "$WORK/$name/run.yaml" "${3:-}"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/v1/health" \
    env -i HOME="$WORK/$name" PATH="$VENV/bin:/usr/bin:/bin" STORE_DIR="$WORK/$name/store" \
    "$VENV/bin/llama" stack run "$WORK/$name/run.yaml" --port "$port"
}
serve open 19870
# Nothing listens on port 9: a bearer token would be refused as "Authentication service error"; none is sent here.
serve custom-auth 19871 '  auth:
    provider_type: custom
    config:
      endpoint: http://127.0.0.1:9/auth'
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- open: the providers with their config, to anyone; with auth, every path refuses a client without a bearer token:"
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19870/v1/providers
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19871/v1/health

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family llama-stack --port 8321 --host "$PUBLIC_HOST:8321" \
    --product "Llama Stack" --version "$VERSION" --python-env "$VENV" "$@")
}
HOW="llama stack run <run.yaml> --port <port> (PyPI llama-stack==$VERSION; the run config of scripts/capture/llama-stack.sh: remote vLLM on a closed port, sentence-transformers with all-MiniLM-L6-v2 registered, localfs files, FAISS, tavily-search and MCP tool runtimes; environment: HOME, PATH and STORE_DIR=<a fresh folder> only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19870 --verdict unauthenticated --expect-version "$VERSION" --expect-models all-MiniLM-L6-v2 \
  --description "A Llama Stack server with no server.auth (the default): /v1/providers lists every provider with its config (URLs and paths; api_key/api_token values masked), /v1/models its registry; files, vector stores, inference and the tool runtime answer anyone" \
  --how "$HOW"
# /v1/version refuses too: no version to read.
record --case custom-auth --url http://127.0.0.1:19871 --verdict auth-required \
  --description "A Llama Stack server with server.auth (provider_type custom): every path, /v1/health and the 404s included, answers 401 \"Missing or invalid Authorization header\" without a bearer token" \
  --how "server.auth: {provider_type: custom, config: {endpoint: http://127.0.0.1:9/auth}} in $HOW"
