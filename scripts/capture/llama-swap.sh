#!/usr/bin/env bash
# Records the llama-swap fixtures from a real llama-swap 0.1.5 (github.com/mostlygeek/llama-swap, the newest version the
# Go module proxy serves: later releases are tagged v80…vNNN, which are not Go module versions, and the proxy here
# refuses their pseudo-versions). `go install MODULE@v0.1.5` fails here, as it asks the proxy for the module's version
# list (refused) to look for a deprecation notice, so a throwaway module that requires v0.1.5 builds it instead (about 2
# minutes on 2 cores, capture only). Its one model's `cmd` is a stub upstream (python3, below), not a model server:
# it answers /v1/models and a chat completion, and anything else with llama-server's JSON 404.
#   defaults, one model configured, none loaded                              -> llama-swap/open
#   the same after the operator's one chat request loaded the stub upstream  -> llama-swap/open-model-loaded
# Once a model is loaded, 0.1.5 hands every path it has no route for (/, the canary, /props…) to that model's server.
# 0.1.5 has no auth switch (apiKeys came in later releases), so there is no auth-required case.
# The servers run in a fresh network namespace (`unshare -n`, root) whose only interface is lo.
# Usage: bash scripts/capture/llama-swap.sh   (needs root for unshare; the network only for the build)
set -euo pipefail

VERSION=0.1.5
MODULE=github.com/mostlygeek/llama-swap
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/llama-swap-$VERSION"
PORT=19500
UPSTREAM_PORT=19501
PUBLIC_HOST=203.0.113.41

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ] && ! go version -m "$PREFIX/bin/llama-swap" 2>/dev/null | grep -qP "^\tmod\t\Q$MODULE\E\tv\Q$VERSION\E\t"; then
  # As ensure_go_binary does, with the caches under PREFIX, but through a module of its own (see above).
  mkdir -p "$PREFIX/module"
  printf 'module capture/llama-swap\n\ngo 1.23.0\n\nrequire %s v%s\n' "$MODULE" "$VERSION" >"$PREFIX/module/go.mod"
  (cd "$PREFIX/module" && export GOPATH="$PREFIX/go" GOCACHE="$PREFIX/go-build" GOTOOLCHAIN=local GOFLAGS=-mod=mod &&
    go build -o "$PREFIX/bin/llama-swap" "$MODULE")
fi
enter_isolated_netns "$0" "$@"

make_workdir llama-swap
mkdir -p "$WORK/home"
cat >"$WORK/stub-upstream.py" <<'PYTHON'
import json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Stub(BaseHTTPRequestHandler):
    def answer(self, status, obj):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header('content-type', 'application/json')
        self.send_header('content-length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def not_found(self):
        self.answer(404, {'error': {'code': 404, 'message': 'File Not Found', 'type': 'not_found_error'}})

    def do_GET(self):
        if self.path == '/v1/models':
            self.answer(200, {'object': 'list', 'data': [{'id': 'capture-stub', 'object': 'model', 'owned_by': 'stub'}]})
        else:
            self.not_found()

    def do_POST(self):
        self.rfile.read(int(self.headers.get('content-length') or 0))
        if self.path == '/v1/chat/completions':
            self.answer(200, {'object': 'chat.completion', 'choices': [{'index': 0, 'message': {'role': 'assistant', 'content': 'stub'}, 'finish_reason': 'stop'}]})
        else:
            self.not_found()


HTTPServer(('127.0.0.1', int(sys.argv[1])), Stub).serve_forever()
PYTHON
cat >"$WORK/config.yaml" <<EOF
healthCheckTimeout: 15
models:
  "capture-stub":
    cmd: python3 $WORK/stub-upstream.py $UPSTREAM_PORT
    proxy: http://127.0.0.1:$UPSTREAM_PORT
    checkEndpoint: /v1/models
EOF
serve_tracked "$WORK/llama-swap.log" "http://127.0.0.1:$PORT/v1/models" \
  env -i HOME="$WORK/home" PATH=/usr/bin:/bin "$PREFIX/bin/llama-swap" --config "$WORK/config.yaml" --listen "127.0.0.1:$PORT"
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family llama-swap --url "http://127.0.0.1:$PORT" --port 8080 \
    --host "$PUBLIC_HOST:8080" --product llama-swap --version "$VERSION" --verdict unauthenticated --expect-models capture-stub "$@")
}
BUILT="llama-swap $VERSION built with go build from the Go module proxy; config: one model whose cmd is a python3 stub upstream; environment HOME and PATH only; in an unshare -n namespace with only lo"
record --case open \
  --description "llama-swap 0.1.5 with its defaults (no auth switch exists), one model configured and none loaded: /v1/models lists it owned_by llama-swap; paths it has no route for answer 400 with no body" \
  --how "llama-swap --config config.yaml --listen 127.0.0.1:<port> ($BUILT)"

# The operator's step: one chat request, which starts the model's cmd (the stub) and keeps it loaded.
operator_post 200 "http://127.0.0.1:$PORT/v1/chat/completions" '{"model":"capture-stub","messages":[{"role":"user","content":"hello"}]}'
record --case open-model-loaded \
  --description "llama-swap 0.1.5 with its one model loaded (after one chat request): /v1/models is still its own list; every path it has no route for (/, the canary) is handed to the loaded model's server, here the stub's 404" \
  --how "llama-swap --config config.yaml --listen 127.0.0.1:<port>, then one POST /v1/chat/completions naming the model ($BUILT)"
