#!/usr/bin/env bash
# Records the InvokeAI fixtures from a real InvokeAI server: PyPI invokeai==6.14.2 (Python 3.11 or 3.12), which bundles
# the built UI, installed with uv (ensure_venv_with_uv, common.sh). Its torch dependency comes from PyPI,
# where the Linux x86_64 wheel pulls the nvidia-* CUDA wheels (the CPU-only torch index is not a package registry): about
# 3.3 GB downloaded, 6.7 GB installed, about 70 s here; the server runs on the CPU, and no model is installed or needed.
# Each server has an INVOKEAI_ROOT of its own in a temporary folder, whose invokeai.yaml sets host 127.0.0.1, the port
# and patchmatch off (nothing to compile); 6.14.2 has no telemetry or update check, and scan_models_on_startup is off by
# default, so the start fetches nothing (it takes about 45 s on 2 cores, mostly importing torch and the nodes):
#   default single-user mode (multiuser: false)                         -> invokeai/open               (19610)
#   multiuser: true before the first administrator is set up            -> invokeai/multiuser-no-admin (19611)
#   the same server after POST /api/v1/auth/setup created the admin     -> invokeai/multiuser          (19611)
# The admin is created as the UI's first-run page does it (POST /api/v1/auth/setup, which anyone may call while no
# admin exists); the same request is what makes the no-admin state open.
# The servers run in a fresh network namespace (`unshare -n`, root) whose only interface is lo.
# Usage: bash scripts/capture/invokeai.sh   (needs root for unshare; the network only for the install)
set -euo pipefail

VERSION=6.14.2
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VENV="$ROOT/.venv-capture/invokeai"
SINGLE_USER_PORT=19610
MULTIUSER_PORT=19611
PUBLIC_HOST=203.0.113.9

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv_with_uv "$VENV" "invokeai==$VERSION"
enter_isolated_netns "$0" "$@"

make_workdir invokeai

# serve PORT YAML…: starts one server with a root of its own (YAML… are extra invokeai.yaml lines) and waits until its
# API answers 2xx: the first start creates and migrates the SQLite database before it serves.
serve() {
  local port=$1; shift
  local root="$WORK/root-$port"
  mkdir -p "$root"
  {
    printf 'schema_version: 4.0.3\n'
    printf 'host: 127.0.0.1\nport: %s\npatchmatch: false\nlog_format: plain\n' "$port"
    printf '%s\n' "$@"
  } >"$root/invokeai.yaml"
  serve_tracked "$WORK/invokeai-$port.log" "http://127.0.0.1:$port/api/v1/app/version" env INVOKEAI_ROOT="$root" \
    "$VENV/bin/invokeai-web" --root "$root"
  wait_for_2xx "http://127.0.0.1:$port/api/v1/auth/status" 120
}
serve "$SINGLE_USER_PORT"
serve "$MULTIUSER_PORT" 'multiuser: true'
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family invokeai --port 9090 --host "$PUBLIC_HOST:9090" \
    --product InvokeAI --version "$VERSION" --expect-version "$VERSION" "$@")
}
INSTALLED="PyPI invokeai==$VERSION with its bundled UI, torch from PyPI on the CPU, no model installed; INVOKEAI_ROOT in a temporary folder; in an unshare -n namespace with only lo"
record --case open --url "http://127.0.0.1:$SINGLE_USER_PORT" --verdict unauthenticated \
  --description "InvokeAI in its default single-user mode (multiuser off): /api/v1/auth/status says multiuser_enabled false and every route runs as the built-in admin" \
  --how "invokeai-web with invokeai.yaml host: 127.0.0.1, port, patchmatch: false ($INSTALLED)"
record --case multiuser-no-admin --url "http://127.0.0.1:$MULTIUSER_PORT" --verdict unauthenticated \
  --description "InvokeAI with multiuser: true before the first administrator is set up: setup_required true, and POST /api/v1/auth/setup creates the admin for whoever calls it first" \
  --how "invokeai-web with invokeai.yaml multiuser: true, host: 127.0.0.1, port, patchmatch: false, no administrator yet ($INSTALLED)"

# The administrator, created as the UI's first-run page does; from then on set-up is refused and routes need a token.
operator_post '2??' "http://127.0.0.1:$MULTIUSER_PORT/api/v1/auth/setup" \
  '{"email":"capture-admin@example.com","display_name":"Capture Admin","password":"capture-secret-password"}'
echo "--- an API route without a token, now that the admin exists:"
curl -sS -w ' (%{http_code})\n' "http://127.0.0.1:$MULTIUSER_PORT/api/v1/boards/?all=true"
record --case multiuser --url "http://127.0.0.1:$MULTIUSER_PORT" --verdict auth-required \
  --description "InvokeAI with multiuser: true and an administrator set up: setup_required false, and routes need a Bearer token" \
  --how "invokeai-web with invokeai.yaml multiuser: true, host: 127.0.0.1, port, patchmatch: false, after POST /api/v1/auth/setup {email, display_name, password: <secret>} ($INSTALLED)"
