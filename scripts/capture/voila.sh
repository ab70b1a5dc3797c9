#!/usr/bin/env bash
# Records the Voilà fixtures from real Voilà servers (PyPI voila with ipykernel, the kernel its notebooks run on), each with
# HOME and PATH as its only environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   0.5.13 serving one notebook (the default: no token)   -> open
#   0.5.13 serving a folder (its notebook listing at /)   -> tree
#   0.5.13 serving one notebook with --token              -> token
# Every visit to a notebook's page starts a Python kernel that only the page's script shuts down; the script shows that the
# shutdown the engine sends (`endsWhatItStarts`) ends the kernel the recorder's visit started.
# Usage: bash scripts/capture/voila.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.5.13
IPYKERNEL_VERSION=7.4.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.36
VENV="$ROOT/.venv-capture/voila-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "voila==$VERSION" "ipykernel==$IPYKERNEL_VERSION"
enter_isolated_netns "$0" "$@"

make_workdir voila
mkdir -p "$WORK/home" "$WORK/reports"
cat >"$WORK/reports/report.ipynb" <<'JSON'
{"cells": [{"cell_type": "code", "execution_count": null, "id": "5e1f0a2b", "metadata": {}, "outputs": [], "source": ["print('weekly report')"]}],
 "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
JSON

# serve NAME PORT ARG…: voila on 127.0.0.1 from the reports folder, with a home of its own.
serve() {
  local name=$1 port=$2; shift 2
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/voila/static/" \
    env -i HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" \
    "$VENV/bin/voila" --no-browser --Voila.ip=127.0.0.1 "--port=$port" "$@"
}
serve open 19855 reports/report.ipynb
serve tree 19856 reports
serve token 19857 reports/report.ipynb "--token=$(capture_password)"
echo "--- listeners in the namespace:"
ss -ltnp

kernels() { pgrep -fc ipykernel_launcher || true; }
echo "--- a visit starts a kernel, which stays; the shutdown the engine sends ends it:"
curl -s -o "$WORK/page.html" http://127.0.0.1:19855/
kernel=$(grep -oP '"kernelId":\s*"\K[0-9a-f-]{36}' "$WORK/page.html")
echo "kernels after one visit: $(kernels)"
curl -s -o /dev/null -w 'POST /voila/api/shutdown/<kernel>: %{http_code}\n' -X POST \
  -H 'cookie: _xsrf=ai-exposure-monitor' -H 'x-xsrftoken: ai-exposure-monitor' "http://127.0.0.1:19855/voila/api/shutdown/$kernel"
echo "kernels after its shutdown: $(kernels)"

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family voila --port 8866 --host "$PUBLIC_HOST:8866" \
    --product Voilà --version "$VERSION" --python-env "$VENV" "$@")
}
HOW="(PyPI voila==$VERSION, ipykernel==$IPYKERNEL_VERSION; environment: HOME and PATH only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:19855 --verdict unauthenticated \
  --description "Voilà serving one notebook without a token (the default): the dashboard answers anyone, and every visit starts a Python kernel on the host" \
  --how "voila --no-browser --Voila.ip=127.0.0.1 --port=<port> report.ipynb $HOW"
record --case tree --url http://127.0.0.1:19856 --verdict unauthenticated --expect-version "$VERSION" \
  --description "Voilà serving a folder without a token: its notebook listing answers anyone, who can render every notebook under it" \
  --how "voila --no-browser --Voila.ip=127.0.0.1 --port=<port> <folder of one notebook> $HOW"
record --case token --url http://127.0.0.1:19857 --verdict auth-required \
  --description "Voilà started with --token: every page sends to the login form, which carries Voilà's stylesheets" \
  --how "voila --no-browser --Voila.ip=127.0.0.1 --port=<port> --token=<random> report.ipynb $HOW"
echo "kernels left by the recordings: $(kernels) (the recorder ends none; the engine does)"
