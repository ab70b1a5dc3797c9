#!/usr/bin/env bash
# Records the Ollama fixtures from a real Ollama server, built with `go install github.com/ollama/ollama@v0.17.4` from
# the Go module proxy (cgo compiles the llama.cpp it carries: about 5 minutes on 2 cores, capture only). The version is
# stamped with the -ldflags of Ollama's own scripts/env.sh. Module zips leave out every directory named vendor
# (go.dev/ref/mod, "File path and size constraints"), so the headers llama.cpp keeps there (nlohmann/json, miniaudio,
# stb_image) come from the llama.cpp vendored in the llama-cpp-python sdist on PyPI, which also carries the
# vocabulary-only GGUF that `ollama create` turns into a listed model (no weights, nothing downloaded).
#   OLLAMA_HOST=0.0.0.0, no model                            -> ollama/open-no-models
#   OLLAMA_HOST=0.0.0.0, one model created                   -> ollama/open
#   OLLAMA_HOST=127.0.0.1, asked with a public Host (refused by its DNS-rebinding guard), then again naming
#     Host: localhost:11434 (open, listing the model created for ollama/open) -> ollama/loopback-public-host
#   nginx auth_basic in front of the open one but for /      -> ollama/api-gated
# The servers run in a fresh network namespace (`unshare -n`, root) whose only interface is lo, so 0.0.0.0 is loopback.
# Usage: bash scripts/capture/ollama.sh   (needs root for unshare, nginx, and the network only for the build)
set -euo pipefail

VERSION=0.17.4
SDIST_VERSION=0.3.36
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/ollama"
OLLAMA="$PREFIX/bin/ollama"
OPEN_PORT=19434
LOOPBACK_PORT=19435
GATE_PORT=19436
PUBLIC_HOST=203.0.113.9
VOCAB=ggml-vocab-llama-spm.gguf

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  SDIST="$PREFIX/sdist/llama_cpp_python-$SDIST_VERSION"
  if [ ! -f "$SDIST/vendor/llama.cpp/models/$VOCAB" ]; then
    python3 -m pip download -q --no-deps --no-binary :all: -d "$PREFIX/sdist" "llama-cpp-python==$SDIST_VERSION"
    tar -xzf "$SDIST.tar.gz" -C "$PREFIX/sdist" "llama_cpp_python-$SDIST_VERSION/vendor/llama.cpp/vendor" \
      "llama_cpp_python-$SDIST_VERSION/vendor/llama.cpp/models/$VOCAB"
  fi
  CGO_CPPFLAGS="-I$SDIST/vendor/llama.cpp/vendor" ensure_go_binary "$PREFIX" github.com/ollama/ollama "$VERSION" github.com/ollama/ollama \
    -ldflags="-w -s -X=github.com/ollama/ollama/version.Version=$VERSION -X=github.com/ollama/ollama/server.mode=release"
fi
enter_isolated_netns "$0" "$@"

make_workdir ollama
export HOME="$WORK" OLLAMA_MODELS="$WORK/models"

# serve BIND: starts one `ollama serve` on BIND (host:port) and waits until it answers.
serve() {
  local bind=$1
  serve_tracked "$WORK/ollama-${bind##*:}.log" "http://127.0.0.1:${bind##*:}/" env OLLAMA_HOST="$bind" "$OLLAMA" serve
}
serve "0.0.0.0:$OPEN_PORT"
serve "127.0.0.1:$LOOPBACK_PORT"

# The gate: nginx auth_basic on every path but the banner, as an operator guards Ollama's API (it has no auth of its own).
mkdir -p "$WORK/nginx/logs"
echo "probe:{SHA}$(printf s3cret | openssl dgst -sha1 -binary | base64)" >"$WORK/nginx/htpasswd"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1; daemon off; pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 64; }
http {
  access_log $WORK/nginx/logs/access.log; server_tokens off;
  client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy; fastcgi_temp_path $WORK/nginx/fcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;
  server {
    listen 127.0.0.1:$GATE_PORT;
    location = / { proxy_pass http://127.0.0.1:$OPEN_PORT; }
    location / { auth_basic "Ollama"; auth_basic_user_file $WORK/nginx/htpasswd; proxy_pass http://127.0.0.1:$OPEN_PORT; }
  }
}
EOF
serve_tracked "$WORK/nginx/stdout.log" "http://127.0.0.1:$GATE_PORT/" nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family ollama --port 11434 --product Ollama --version "$VERSION" "$@")
}
BUILT="go install github.com/ollama/ollama@v$VERSION with Ollama's release -ldflags; in an unshare -n namespace with only lo"
record --case open-no-models --url "http://127.0.0.1:$OPEN_PORT" --host "$PUBLIC_HOST:11434" --verdict unauthenticated \
  --expect-version "$VERSION" \
  --description "Ollama as installed, no model yet, reachable (OLLAMA_HOST=0.0.0.0): banner and version; /api/tags lists no model, /v1/models answers data null; no auth of its own, so pulls are open" \
  --how "OLLAMA_HOST=0.0.0.0:11434 ollama serve ($BUILT)"

cp "$PREFIX/sdist/llama_cpp_python-$SDIST_VERSION/vendor/llama.cpp/models/$VOCAB" "$WORK/"
printf 'FROM %s/%s\n' "$WORK" "$VOCAB" >"$WORK/Modelfile"
OLLAMA_HOST="127.0.0.1:$OPEN_PORT" "$OLLAMA" create capture-vocab-only -f "$WORK/Modelfile" >"$WORK/create.log" 2>&1 || { cat "$WORK/create.log"; exit 1; }
record --case open --url "http://127.0.0.1:$OPEN_PORT" --host "$PUBLIC_HOST:11434" --verdict unauthenticated --expect-version "$VERSION" \
  --expect-models capture-vocab-only:latest \
  --description "Ollama reachable (OLLAMA_HOST=0.0.0.0) with one model: banner, version, the model list on /api/tags and /v1/models; no auth of its own" \
  --how "OLLAMA_HOST=0.0.0.0:11434 ollama serve, then ollama create capture-vocab-only from llama.cpp's vocabulary-only $VOCAB ($BUILT)"

record --case loopback-public-host --url "http://127.0.0.1:$LOOPBACK_PORT" --host "$PUBLIC_HOST:11434" --verdict unauthenticated \
  --expect-version "$VERSION" --expect-models capture-vocab-only:latest \
  --description "Ollama bound to loopback behind a port forward, asked with a public Host: 403 with an empty body on every path (its DNS-rebinding guard, a Host policy, not auth); asked again naming Host: localhost:11434, it is open: banner, version, the model list on /api/tags and /v1/models" \
  --how "OLLAMA_HOST=127.0.0.1:11434 ollama serve, asked with Host $PUBLIC_HOST:11434 ($BUILT)"

record --case api-gated --url "http://127.0.0.1:$GATE_PORT" --host "$PUBLIC_HOST:11434" --verdict auth-required \
  --description "Ollama behind nginx auth_basic on every path except the banner: the service is identified, its API demands credentials" \
  --how "nginx (Debian) with 'location = / { proxy_pass }' and 'location / { auth_basic \"Ollama\"; proxy_pass }', server_tokens off, in front of the open Ollama ($BUILT)"
