#!/usr/bin/env bash
# Records the Kedro-Viz fixtures from real Kedro-Viz servers (PyPI kedro-viz with kedro and kedro-datasets, in a
# throwaway Kedro project written here: one pipeline of one node reading a small CSV and a parameter), each with HOME,
# PATH and KEDRO_DISABLE_TELEMETRY as its only environment, in a fresh network namespace (`unshare -n`, root) whose only
# interface is lo:
#   12.5.0 `kedro viz run` with its defaults (127.0.0.1:4141; there is no auth switch)  -> open
#   12.5.0 `kedro viz run --load-file build`, serving a saved `kedro viz build`           -> open-load-file
# Telemetry is off because kedro-telemetry would try to reach its collector (and fail here); the PyPI update check
# Kedro-Viz makes at start fails here too, harmlessly.
# Usage: bash scripts/capture/kedro-viz.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=12.5.0
KEDRO_VERSION=1.7.0
KEDRO_DATASETS_VERSION=9.6.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.36
VENV="$ROOT/.venv-capture/kedro-viz-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "kedro-viz==$VERSION" "kedro==$KEDRO_VERSION" "kedro-datasets==$KEDRO_DATASETS_VERSION"
enter_isolated_netns "$0" "$@"

make_workdir kedro-viz
PROJECT="$WORK/project"
mkdir -p "$WORK/home" "$PROJECT/src/churn_demo" "$PROJECT/conf/base" "$PROJECT/conf/local" "$PROJECT/data/01_raw"
cat >"$PROJECT/pyproject.toml" <<TOML
[project]
name = "churn_demo"
version = "0.1"

[tool.kedro]
package_name = "churn_demo"
project_name = "Churn Demo"
kedro_init_version = "$KEDRO_VERSION"
source_dir = "src"
TOML
echo '__version__ = "0.1"' >"$PROJECT/src/churn_demo/__init__.py"
: >"$PROJECT/src/churn_demo/settings.py"
cat >"$PROJECT/src/churn_demo/pipeline_registry.py" <<'PYTHON'
from kedro.pipeline import Pipeline, node, pipeline


def keep_active(customers, min_spend):
    return customers[customers["spend"] >= min_spend]


def register_pipelines() -> dict[str, Pipeline]:
    churn = pipeline([node(keep_active, ["customers", "params:min_spend"], "active_customers", name="keep_active")])
    return {"churn": churn, "__default__": churn}
PYTHON
cat >"$PROJECT/conf/base/catalog.yml" <<'YAML'
customers:
  type: pandas.CSVDataset
  filepath: data/01_raw/customers.csv
YAML
echo 'min_spend: 100' >"$PROJECT/conf/base/parameters.yml"
printf 'name,email,spend\nAda Example,ada@example.com,120\nBob Example,bob@example.com,80\n' >"$PROJECT/data/01_raw/customers.csv"

# The project's kedro CLI, run in the project with the minimal environment.
KEDRO=(env -i -C "$PROJECT" HOME="$WORK/home" PATH="$VENV/bin:/usr/bin:/bin" KEDRO_DISABLE_TELEMETRY=true "$VENV/bin/kedro")
# The saved visualisation (`kedro viz build`: the API's answers as files, without dataset previews) for --load-file.
"${KEDRO[@]}" viz build >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log"; exit 1; }

# --no-browser: no browser to open in a capture; the default would try one.
serve_tracked "$WORK/open.log" "http://127.0.0.1:4141/api/main" "${KEDRO[@]}" viz run --no-browser
serve_tracked "$WORK/load-file.log" "http://127.0.0.1:4142/api/main" "${KEDRO[@]}" viz run --no-browser --port 4142 --load-file build
echo "--- listeners in the namespace:"
ss -ltnp
echo "--- by hand: every node's details (task code, parameters, dataset rows), to anyone:"
for id in $(curl -s http://127.0.0.1:4141/api/main | "$VENV/bin/python" -c 'import json, sys; print(*(n["id"] for n in json.load(sys.stdin)["nodes"]))'); do
  curl -s "http://127.0.0.1:4141/api/nodes/$id"; echo
done

record() {
  (cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family kedro-viz --port 4141 --host "$PUBLIC_HOST:4141" \
    --product Kedro-Viz --version "$VERSION" --expect-version "$VERSION" --verdict unauthenticated --python-env "$VENV" "$@")
}
HOW="(PyPI kedro-viz==$VERSION, kedro==$KEDRO_VERSION, kedro-datasets==$KEDRO_DATASETS_VERSION; a project of one pipeline reading a 2-row CSV and a parameter; environment: HOME, PATH and KEDRO_DISABLE_TELEMETRY=true only; in an unshare -n namespace with only lo)"
record --case open --url http://127.0.0.1:4141 \
  --description "kedro viz run with its defaults (there is no auth switch): its API answers anyone with the pipeline graph, each node's source code, the parameters and dataset previews, and POST /api/deploy publishes it all" \
  --how "kedro viz run --no-browser, in the project $HOW"
record --case open-load-file --url http://127.0.0.1:4142 \
  --description "kedro viz run --load-file serving a saved kedro viz build: the same page and API, read from the build's files (graph, node code and parameters; previews only if built with --include-previews), with no deploy route" \
  --how "kedro viz build, then kedro viz run --no-browser --port <port> --load-file build, in the project $HOW"
