#!/usr/bin/env bash
# Records the AstrBot fixtures from real AstrBot instances (PyPI astrbot, a fresh data folder each), each with a minimal
# environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   4.14.6, first start with its defaults (login astrbot / astrbot, dashboard on 0.0.0.0)    -> default
#   3.5.12, the same (inside CVE-2025-48957's range, >= 3.4.4 < 3.5.13)                     -> v3-default
#   4.29.3, first start with its defaults (a random initial password, printed in the log)    -> v4-29-default
#   4.29.3 with ASTRBOT_DASHBOARD_SKIP_DEFAULT_PASSWORD_AUTH=1 and DASHBOARD_HOST=127.0.0.1 (the skip is honoured only on
#     loopback, so it is published only through a same-host proxy), before its first-start setup  -> v4-29-setup-open
#   the same instance once the owner has done that setup (POST /api/auth/setup, as its setup page does) -> v4-29-setup-done
# 4.14.6 is the last release for Python 3.10 and 3.11 (4.14.7 on need 3.12), so 4.29.3 runs on pyenv's 3.12. The
# dashboard has no switch that turns its login off: the defaults read auth-required; 4.29.3 names its version without a
# login (/api/stat/versions). With the skip variable, though, anyone may do 4.29.3's first-start setup (POST
# /api/auth/setup sets the admin login, no password asked) until the owner has, which GET /api/auth/setup-status tells
# (setup_required and skip_default_password_auth both true): that instance reads open.
# Offline, 3.5.12 and 4.14.6 start without their WebUI: `astrbot run` downloads it (data/dist) from
# astrbot-registry.soulter.top, then github.com, and exits when that fails, so they are started as the source tree's
# main.py starts once its download failed (below). The UI is only static files; the API, its auth check and the 404 answer
# are the same with it. 4.29.3 ships the WebUI in its wheel, so it starts with `astrbot init -y` and `astrbot run`. At
# start, AstrBot also tries api.soulter.top (text-to-image endpoints) and models.dev (LLM metadata), and goes on.
# 3.5.12 is installed as of its release week (uv --exclude-newer): its requirements have no upper bounds.
# Usage: bash scripts/capture/astrbot.sh   (needs root for unshare, pyenv's Python 3.12.1; the network only for pip)
set -euo pipefail

VERSION=4.14.6
OLD_VERSION=3.5.12
OLD_RESOLVED_AS_OF=2025-05-30
NEW_VERSION=4.29.3
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.185
VENV="$ROOT/.venv-capture/astrbot-$VERSION"
OLD_VENV="$ROOT/.venv-capture/astrbot-$OLD_VERSION"
NEW_VENV="$ROOT/.venv-capture/astrbot-$NEW_VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  ensure_venv "$VENV" "astrbot==$VERSION"
  ensure_venv_with_uv "$OLD_VENV" --exclude-newer "$OLD_RESOLVED_AS_OF" "astrbot==$OLD_VERSION"
  CAPTURE_PYTHON="$(pyenv root)/versions/3.12.1/bin/python3.12" ensure_venv "$NEW_VENV" "astrbot==$NEW_VERSION"
fi
enter_isolated_netns "$0" "$@"

make_workdir astrbot
# main.py's start once check_dashboard_files() has given up on the download, from the root folder as main.py is run (some
# paths are relative to it): its data folders, the log broker, the loader.
cat >"$WORK/launch.py" <<'PYTHON'
import asyncio
import os

os.chdir(os.environ["ASTRBOT_ROOT"])
from astrbot.core import LogBroker, LogManager, db_helper, logger
from astrbot.core.initial_loader import InitialLoader

for folder in ("data/config", "data/plugins", "data/temp"):
    os.makedirs(folder, exist_ok=True)
log_broker = LogBroker()
LogManager.set_queue_handler(logger, log_broker)
asyncio.run(InitialLoader(db_helper, log_broker).start())
PYTHON

# serve NAME VENV PORT: AstrBot in a fresh root folder of its own, its dashboard on PORT.
serve() {
  local name=$1 venv=$2 port=$3
  mkdir -p "$WORK/$name/home" "$WORK/$name/root"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/" \
    env -i HOME="$WORK/$name/home" PATH="$venv/bin:/usr/bin:/bin" ASTRBOT_ROOT="$WORK/$name/root" DASHBOARD_PORT="$port" \
    "$venv/bin/python" "$WORK/launch.py"
}
# serve_cli NAME PORT ENV…: 4.29.3 as its CLI runs it (the root folder is the working directory), with ENV… added.
serve_cli() {
  local name=$1 port=$2; shift 2
  mkdir -p "$WORK/$name/home" "$WORK/$name/root"
  local base=(env -i -C "$WORK/$name/root" HOME="$WORK/$name/home" PATH="$NEW_VENV/bin:/usr/bin:/bin")
  "${base[@]}" astrbot init -y >"$WORK/$name-init.log"
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/" "${base[@]}" DASHBOARD_PORT="$port" "$@" astrbot run
}
serve default "$VENV" 19850
serve v3-default "$OLD_VENV" 19851
serve_cli v4-29-default 19852
serve_cli v4-29-skip 19853 ASTRBOT_DASHBOARD_SKIP_DEFAULT_PASSWORD_AUTH=1 DASHBOARD_HOST=127.0.0.1
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- the dashboard login and host each wrote on first start (the MD5 of \"astrbot\" is 77b90590a8945a7d36c963981a307dc9; DASHBOARD_HOST overrides the host):"
for name in default v3-default v4-29-default v4-29-skip; do
  "$VENV/bin/python" -c 'import json, sys; d = json.load(open(sys.argv[1], encoding="utf-8-sig"))["dashboard"]; print(sys.argv[2], d["username"], d["password"], d["host"])' \
    "$WORK/$name/root/data/cmd_config.json" "$name"
done
echo "--- $NEW_VERSION prints a random initial password instead (redacted here):"
grep -ho 'Initial password: .*' "$WORK"/v4-29-*.log | sed 's/: .*/: <redacted>/'
echo "--- setup without the password: refused on the defaults, let through with the skip (a too-short name: nothing is written):"
for port in 19852 19853; do
  curl -s -w ' (%{http_code})\n' "http://127.0.0.1:$port/api/auth/setup-status"
  curl -s -w ' (%{http_code})\n' -H 'content-type: application/json' \
    --data '{"username":"ab","password":"x","confirm_password":"y"}' "http://127.0.0.1:$port/api/auth/setup"
done
echo "--- the skipped instance answers a public Host header (as behind a proxy) the same:"
curl -s -w ' (%{http_code})\n' -H "Host: $PUBLIC_HOST:6185" http://127.0.0.1:19853/api/auth/setup-status
echo "--- CVE-2025-48957 on $OLD_VERSION: /api/chat/get_file reads a file of its data folder without a login:"
echo "a file the capture wrote" >"$WORK/v3-default/root/data/capture-marker.txt"
curl -s -w ' (%{http_code})\n' 'http://127.0.0.1:19851/api/chat/get_file?filename=../../capture-marker.txt'
echo "--- on $VERSION the route needs a login:"
curl -s -w ' (%{http_code})\n' 'http://127.0.0.1:19850/api/chat/get_file?filename=../../cmd_config.json'

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family astrbot --port 6185 --host "$PUBLIC_HOST:6185" \
    --product AstrBot "$@")
}
HOW="python <main.py's start without the WebUI download: InitialLoader(db_helper, LogBroker()).start()> in an empty root folder (environment: HOME, PATH, ASTRBOT_ROOT=<that folder> and DASHBOARD_PORT=<port> only; in an unshare -n namespace with only lo)"
record --case default --url http://127.0.0.1:19850 --version "$VERSION" --python-env "$VENV" --verdict auth-required \
  --description "AstrBot $VERSION on first start with its defaults: every dashboard /api path but a few public ones answers 401 without a login (the login is astrbot / astrbot until changed); unknown paths get its own 404 text" \
  --how "PyPI astrbot==$VERSION; $HOW"
record --case v3-default --url http://127.0.0.1:19851 --version "$OLD_VERSION" --python-env "$OLD_VENV" --verdict auth-required \
  --description "AstrBot $OLD_VERSION on first start with its defaults: the dashboard API answers 401 without a login, but /api/chat/get_file reads any file without one (CVE-2025-48957), which the probe never asks" \
  --how "PyPI astrbot==$OLD_VERSION resolved with uv --exclude-newer $OLD_RESOLVED_AS_OF; $HOW"
CLI_HOW="astrbot init -y, then astrbot run, in an empty root folder (its working directory; environment: HOME, PATH and DASHBOARD_PORT=<port> only; in an unshare -n namespace with only lo)"
record --case v4-29-default --url http://127.0.0.1:19852 --version "$NEW_VERSION" --expect-version "$NEW_VERSION" --python-env "$NEW_VENV" --verdict auth-required \
  --description "AstrBot $NEW_VERSION on first start with its defaults: every dashboard /api path but a few public ones answers 401 without a login (the initial password is random, printed in the log); setup-status says setup is required but not without that password; /api/stat/versions names the version without one; unknown paths get its missing-WebUI 404 page" \
  --how "PyPI astrbot==$NEW_VERSION on Python 3.12; $CLI_HOW"
SKIP_HOW="PyPI astrbot==$NEW_VERSION on Python 3.12; ${CLI_HOW/DASHBOARD_PORT=<port> only/DASHBOARD_PORT=<port>, DASHBOARD_HOST=127.0.0.1 and ASTRBOT_DASHBOARD_SKIP_DEFAULT_PASSWORD_AUTH=1 only}; requests sent with the Host header a same-host proxy would pass on"
record --case v4-29-setup-open --url http://127.0.0.1:19853 --version "$NEW_VERSION" --expect-version "$NEW_VERSION" --python-env "$NEW_VENV" --verdict unauthenticated \
  --description "AstrBot $NEW_VERSION with ASTRBOT_DASHBOARD_SKIP_DEFAULT_PASSWORD_AUTH on a loopback dashboard (published through a proxy), before its first-start setup: the API answers 401, but GET /api/auth/setup-status says setup is required and may skip the password, so anyone may POST /api/auth/setup to set the admin login" \
  --how "$SKIP_HOW"
echo "--- the owner does the first-start setup as the setup page does (its answer carries an admin token, redacted here):"
curl -s -w ' (%{http_code})\n' -H 'content-type: application/json' \
  --data '{"username":"owner","password":"Capture-Owner-1","confirm_password":"Capture-Owner-1"}' http://127.0.0.1:19853/api/auth/setup |
  sed -E 's/"token" *: *"[^"]*"/"token":"<redacted>"/g'
curl -s -w ' (%{http_code})\n' http://127.0.0.1:19853/api/auth/setup-status
record --case v4-29-setup-done --url http://127.0.0.1:19853 --version "$NEW_VERSION" --expect-version "$NEW_VERSION" --python-env "$NEW_VENV" --verdict auth-required \
  --description "AstrBot $NEW_VERSION with ASTRBOT_DASHBOARD_SKIP_DEFAULT_PASSWORD_AUTH on a loopback dashboard once the owner has done its first-start setup: setup-status says setup is no longer required, and the API answers 401 without a login" \
  --how "$SKIP_HOW; then POST /api/auth/setup with the owner's username and password, as its setup page sends it"
