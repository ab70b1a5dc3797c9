#!/usr/bin/env bash
# Records the label-studio fixtures from a real Label Studio (PyPI label-studio, Django dev server
# from `label-studio start`), bound to 127.0.0.1, each with a fresh data dir in a temp folder.
# Case recorded: signup-by-link (LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK=true, an admin created at start).
# The open case (defaults: the login page offers sign-up) is NOT recorded: the one difference, the
# "Sign up" link on /user/login/, comes after 16 KB of inline script, past the recorder's body cap
# (the probe itself reads 128 KB), so a recording cannot show it; test/fixtures/label-studio/
# open-signup.json is derived from the 1.23.2 templates instead. The recorded signup-by-link page is
# cut before its login form too, so it replays as "identified, nothing served" (auth-required).
# Sentry, analytics and the PyPI version check are switched off, so nothing leaves the machine.
#   bash scripts/capture/label-studio.sh      (from the repo root; port 19251)
set -euo pipefail
# shellcheck source=scripts/capture/common.sh
. "$(dirname "$0")/common.sh"
cd "$(dirname "$0")/../.."
VERSION=1.23.2
VENV="$PWD/.venv-capture/label-studio"
ensure_venv "$VENV" "label-studio==$VERSION"
make_workdir label-studio
export SENTRY_DSN= FRONTEND_SENTRY_DSN= LATEST_VERSION_CHECK=false COLLECT_ANALYTICS=false
# Label Studio runs `git describe` in its package folder for /version (and rewrites core/version_.py):
# the venv lives inside this repo, so stop git at the repo root and the wheel's own version info is used.
export GIT_CEILING_DIRECTORIES="$PWD"

wait_for() { wait_for_2xx "$1" 1200; }
record() { npx tsx scripts/record-fixtures.ts --family label-studio --port 8080 --product 'Label Studio' --version "$VERSION" "$@"; }

mkdir "$WORK/link"
LABEL_STUDIO_BASE_DATA_DIR="$WORK/link" LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK=true env -C "$WORK" "$VENV/bin/label-studio" start \
  --host 127.0.0.1 --port 19251 --no-browser --data-dir "$WORK/link" \
  --username admin@example.com --password capture-admin-pw > "$WORK/link.out" 2>&1 &
PIDS+=($!)
wait_for http://127.0.0.1:19251/health
record --case signup-by-link --url http://127.0.0.1:19251 --verdict auth-required --expect-version "$VERSION" \
  --description 'Label Studio with LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK=true and an admin: the login page no longer offers sign-up' \
  --how "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK=true label-studio start --host 127.0.0.1 --port 8080 --no-browser --data-dir <temp> --username <admin> --password <secret> (PyPI label-studio==$VERSION)"
