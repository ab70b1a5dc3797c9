#!/usr/bin/env bash
# Records the LitServe fixtures from real LitServe servers (PyPI litserve, `LitServer(...).run()` of a throwaway LitAPI that
# answers a constant, no model, no torch), each with HOME, PATH and its key setting as its only environment, in a fresh
# network namespace (`unshare -n`, root) whose only interface is lo:
#   0.2.19, no LIT_SERVER_API_KEY (LitServe's default)                                  -> open
#   0.2.19 with LIT_SERVER_API_KEY: every route it registers needs X-API-Key           -> api-key
#   0.2.19 serving the LitAPI through OpenAISpec (/v1/chat/completions), no key          -> openai-spec
#   0.2.10 (May 2025, the last release before the multi-endpoint rework; its /info and
#     OpenAPI operation differ), resolved as of its release day, no key                  -> open-0.2.10
#   0.2.10 with LIT_SERVER_API_KEY: that day's FastAPI refuses a missing key with 403   -> api-key-0.2.10
# Usage: bash scripts/capture/litserve.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.2.19
OLD_VERSION=0.2.10
OLD_RESOLVED_AS_OF=2025-05-14
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.96
venv_of() { echo "$ROOT/.venv-capture/litserve-$1"; }

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$(venv_of "$VERSION")" "litserve==$VERSION"
  # With today's requirements 0.2.10 gets a FastAPI that answers a missing key with 401; its users had 403.
  ensure_venv_with_uv "$(venv_of "$OLD_VERSION")" --exclude-newer "$OLD_RESOLVED_AS_OF" "litserve==$OLD_VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir litserve

# The owner's model stands in as a constant; OpenAISpec is passed to the LitAPI, as 0.2.11 and later take it.
cat >"$WORK/server.py" <<'EOF'
import sys

import litserve as ls


class ConstantAPI(ls.LitAPI):
    def setup(self, device):
        pass

    def predict(self, x):
        return {"output": "constant"}


class ChatAPI(ls.LitAPI):
    def setup(self, device):
        pass

    def predict(self, prompt):
        yield "constant"


if __name__ == "__main__":
    port, mode = int(sys.argv[1]), sys.argv[2]
    api = ChatAPI(spec=ls.OpenAISpec()) if mode == "openai" else ConstantAPI()
    ls.LitServer(api, accelerator="cpu").run(host="127.0.0.1", port=port, generate_client_file=False)
EOF

# serve NAME VERSION PORT MODE [ENV…]: the app on 127.0.0.1, in a folder of its own; waits until its workers are ready
# (/health answers 200 once they are, with the key when one is set).
serve() {
  local name=$1 version=$2 port=$3 mode=$4; shift 4
  local venv
  venv=$(venv_of "$version")
  mkdir -p "$WORK/$name"
  cp "$WORK/server.py" "$WORK/$name/"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/" \
    env -i HOME="$WORK/$name" PATH="$venv/bin:/usr/bin:/bin" "$@" "$venv/bin/python" "$WORK/$name/server.py" "$port" "$mode"
}
API_KEY=$(capture_password)
serve open "$VERSION" 19960 plain
serve api-key "$VERSION" 19961 plain LIT_SERVER_API_KEY="$API_KEY"
serve openai-spec "$VERSION" 19962 openai
serve open-0.2.10 "$OLD_VERSION" 19963 plain
serve api-key-0.2.10 "$OLD_VERSION" 19964 plain LIT_SERVER_API_KEY="$API_KEY"
for port in 19960 19962 19963; do wait_for_2xx "http://127.0.0.1:$port/health" 60; done
for port in 19961 19964; do
  for _ in $(seq 60); do curl -sf -o /dev/null -H "X-API-Key: $API_KEY" "http://127.0.0.1:$port/health" && break; sleep 1; done
done
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- with the key set, / and /info refuse a client without it, and answer one with it:"
for port in 19961 19964; do
  curl -s -w ' (%{http_code})\n' "http://127.0.0.1:$port/info"
  curl -s -w ' (%{http_code})\n' -H "X-API-Key: $API_KEY" "http://127.0.0.1:$port/info"
done
unset API_KEY

record() {
  local version=$1; shift
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family litserve --port 8000 --host "$PUBLIC_HOST:8000" \
    --product LitServe --version "$version" --python-env "$(venv_of "$version")" "$@")
}
HOW="python server.py: a LitAPI whose predict returns a constant, LitServer(api, accelerator=\"cpu\").run(host=\"127.0.0.1\", port=<port>, generate_client_file=False) (environment: HOME, PATH and the settings named before the command only; in an unshare -n namespace with only lo)"
record "$VERSION" --case open --url http://127.0.0.1:19960 --verdict unauthenticated \
  --description "A LitServe server with no LIT_SERVER_API_KEY (the default): / answers \"litserve running\", /info its configuration and POST /predict runs the model for anyone" \
  --how "$HOW; PyPI litserve==$VERSION"
record "$VERSION" --case api-key --url http://127.0.0.1:19961 --verdict auth-required \
  --description "A LitServe server with LIT_SERVER_API_KEY: /, /health, /info and /predict answer 401 without X-API-Key; /openapi.json stays public and names the key" \
  --how "LIT_SERVER_API_KEY=<random> $HOW; PyPI litserve==$VERSION"
record "$VERSION" --case openai-spec --url http://127.0.0.1:19962 --verdict unauthenticated \
  --description "A LitServe server with the LitAPI behind OpenAISpec and no key: POST /v1/chat/completions runs the model for anyone; it serves no /v1/models" \
  --how "${HOW/a LitAPI whose predict returns a constant/a LitAPI(spec=ls.OpenAISpec()) whose predict yields a constant}; PyPI litserve==$VERSION"
record "$OLD_VERSION" --case open-0.2.10 --url http://127.0.0.1:19963 --verdict unauthenticated \
  --description "A LitServe 0.2.10 server with no key: / answers \"litserve running\", /info its configuration (stream a boolean) and POST /predict runs the model for anyone" \
  --how "$HOW; PyPI litserve==$OLD_VERSION resolved with uv --exclude-newer $OLD_RESOLVED_AS_OF"
record "$OLD_VERSION" --case api-key-0.2.10 --url http://127.0.0.1:19964 --verdict auth-required \
  --description "A LitServe 0.2.10 server with LIT_SERVER_API_KEY, on FastAPI of its day: every route it registers answers 403 {\"detail\":\"Not authenticated\"} without X-API-Key; /openapi.json stays public" \
  --how "LIT_SERVER_API_KEY=<random> $HOW; PyPI litserve==$OLD_VERSION resolved with uv --exclude-newer $OLD_RESOLVED_AS_OF"
