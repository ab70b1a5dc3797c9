#!/usr/bin/env bash
# Records the SillyTavern fixtures from real SillyTavern servers: npm sillytavern@1.19.0 (the SillyTavern server itself,
# repository github.com/SillyTavern/SillyTavern; npm install --ignore-scripts, about 30 s, 430 MB), run with the
# machine's Node (engines: node >= 20). Each server has its own config.yaml (the stock default/config.yaml with the keys
# below changed) and data root in the temporary folder. The recorder connects from 127.0.0.1, which the stock whitelist
# allows, so each configuration is set up the way SillyTavern treats a remote visitor:
#   listen: true, whitelistMode: false, basicAuthMode: false (securityOverride: true, without which this setup exits
#   at start)                                                              -> sillytavern/open
#   listen: true, basicAuthMode: true (user and password set), whitelistMode: false
#                                                                          -> sillytavern/basic-auth
#   listen: true, whitelistMode: true with only 192.0.2.10 listed (so 127.0.0.1 is refused, as a remote probe would be)
#                                                                          -> sillytavern/whitelist
# Every server is started twice: the first start copies the error pages into the data root (and compiles the frontend
# bundle); the whitelist middleware reads its page before that, so on a very first start it refuses with an empty 403.
# Recorded is the second start, as after any restart. Browser launch, extension and plugin auto-update, model and
# tokenizer downloads and the Docker-host lookup are off; the servers run in a fresh network namespace
# (`unshare -n`, root) whose only interface is lo.
# Usage: bash scripts/capture/sillytavern.sh   (needs root for unshare; the network only for npm)
set -euo pipefail

VERSION=1.19.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PREFIX="$ROOT/.venv-capture/sillytavern"
ST="$PREFIX/node_modules/sillytavern"
OPEN_PORT=19590
BASIC_PORT=19591
WHITELIST_PORT=19592
PUBLIC_HOST=203.0.113.9

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  if [ "$(node -p "require('$ST/package.json').version" 2>/dev/null)" != "$VERSION" ]; then
    npm install --prefix "$PREFIX" --ignore-scripts --no-audit --no-fund --save-exact "sillytavern@$VERSION"
  fi
fi
enter_isolated_netns "$0" "$@"

make_workdir sillytavern

# write_config FILE KEY=JSON…: the package's default/config.yaml with each KEY (a dotted path) set to the JSON value,
# written in full, so SillyTavern adds nothing from its defaults (which would merge lists such as the whitelist).
write_config() {
  local file=$1; shift
  (cd "$PREFIX" && node -e '
    const fs = require("node:fs"), yaml = require("yaml"), _ = require("lodash");
    const [stDir, file, ...pairs] = process.argv.slice(1);
    const config = yaml.parse(fs.readFileSync(stDir + "/default/config.yaml", "utf8"));
    for (const pair of pairs) { const i = pair.indexOf("="); _.set(config, pair.slice(0, i), JSON.parse(pair.slice(i + 1))); }
    fs.writeFileSync(file, yaml.stringify(config));
  ' "$ST" "$file" "$@")
}

# serve PORT NAME KEY=JSON…: writes NAME's config (listening on 127.0.0.1:PORT, nothing that calls out, plus KEY=JSON…),
# starts it once to populate its data root, stops it, and starts it again (tracked) until / answers.
serve() {
  local port=$1 name=$2; shift 2
  local dir="$WORK/$name"
  mkdir -p "$dir"
  write_config "$dir/config.yaml" listen=true 'listenAddress.ipv4="127.0.0.1"' "port=$port" \
    'dataRoot="'"$dir/data"'"' browserLaunch.enabled=false whitelistDockerHosts=false \
    extensions.autoUpdate=false extensions.models.autoDownload=false enableDownloadableTokenizers=false \
    enableServerPlugins=false enableServerPluginsAutoUpdate=false "$@"
  # No git repository above the package's folder is taken for SillyTavern's own (/version reads `git rev-parse`).
  local cmd=(env GIT_CEILING_DIRECTORIES="$PREFIX/node_modules" node "$ST/server.js" --configPath "$dir/config.yaml" --dataRoot "$dir/data")
  serve_tracked "$WORK/$name-first.log" "http://127.0.0.1:$port/" "${cmd[@]}"
  local first=${PIDS[-1]}
  kill -TERM -- "-$first"; wait "$first" 2>/dev/null || true
  serve_tracked "$WORK/$name.log" "http://127.0.0.1:$port/" "${cmd[@]}"
  test -s "$dir/data/_errors/forbidden-by-whitelist.html"
}

serve "$OPEN_PORT" open whitelistMode=false basicAuthMode=false securityOverride=true
serve "$BASIC_PORT" basic-auth whitelistMode=false basicAuthMode=true \
  'basicAuthUser.username="capture-user"' 'basicAuthUser.password="capture-secret-password"'
serve "$WHITELIST_PORT" whitelist whitelistMode=true basicAuthMode=false 'whitelist=["192.0.2.10"]'
echo "--- listeners in the namespace:"
ss -ltnp

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family sillytavern --port 8000 --host "$PUBLIC_HOST:8000" \
    --product SillyTavern --version "$VERSION" "$@")
}
INSTALLED="npm sillytavern@$VERSION (npm install --ignore-scripts) on Node $(node --version); config.yaml = default/config.yaml with the keys named, browser launch, extension auto-update and downloads off; the data root populated by a first start; in an unshare -n namespace with only lo"
record --case open --url "http://127.0.0.1:$OPEN_PORT" --verdict unauthenticated \
  --description "SillyTavern with listen: true, whitelistMode: false, no basic auth and no user accounts (securityOverride: true, as it needs to start so): the UI is served to anyone" \
  --how "node server.js --configPath config.yaml --dataRoot <temp>/data (listen: true, whitelistMode: false, basicAuthMode: false, securityOverride: true; $INSTALLED)"
record --case basic-auth --url "http://127.0.0.1:$BASIC_PORT" --verdict auth-required \
  --description "SillyTavern with listen: true and basicAuthMode: true, visited without credentials: 401 with realm=\"SillyTavern\" on every path" \
  --how "node server.js --configPath config.yaml --dataRoot <temp>/data (listen: true, basicAuthMode: true, basicAuthUser <user>/<secret>, whitelistMode: false; $INSTALLED)"
record --case whitelist --url "http://127.0.0.1:$WHITELIST_PORT" --verdict auth-required \
  --description "SillyTavern with listen: true and whitelistMode: true (the default) refusing a visitor outside the whitelist: 403 and the forbidden-by-whitelist page on every path" \
  --how "node server.js --configPath config.yaml --dataRoot <temp>/data (listen: true, whitelistMode: true, whitelist: [192.0.2.10] so that the recorder's 127.0.0.1 is outside it as a remote probe would be; $INSTALLED)"
