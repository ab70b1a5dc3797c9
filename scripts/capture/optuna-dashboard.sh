#!/usr/bin/env bash
# Records the Optuna Dashboard fixture from a real Optuna Dashboard (PyPI optuna-dashboard) on a SQLite storage that
# holds one study of three trials, with HOME and PATH as its only environment, in a fresh network namespace
# (`unshare -n`, root) whose only interface is lo:
#   0.21.0 (it has no authentication)   -> open
# Usage: bash scripts/capture/optuna-dashboard.sh   (needs root for unshare; the network only for pip)
set -euo pipefail

VERSION=0.21.0
OPTUNA_VERSION=5.0.0
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PUBLIC_HOST=203.0.113.33
PORT=19790
VENV="$ROOT/.venv-capture/optuna-dashboard-$VERSION"

# shellcheck source=scripts/capture/common.sh
. "$ROOT/scripts/capture/common.sh"
[ "${CAPTURE_IN_NETNS:-}" = 1 ] || ensure_venv "$VENV" "optuna-dashboard==$VERSION" "optuna==$OPTUNA_VERSION"
enter_isolated_netns "$0" "$@"

make_workdir optuna-dashboard
STORAGE="sqlite:///$WORK/optuna.sqlite3"
echo "--- a study of three trials, as a tuning script leaves it:"
"$VENV/bin/python" - "$STORAGE" <<'PYTHON'
import sys, optuna
optuna.logging.set_verbosity(optuna.logging.WARNING)
study = optuna.create_study(study_name="capture-study", storage=sys.argv[1])
study.optimize(lambda trial: (trial.suggest_float("learning_rate", 1e-5, 1e-1, log=True) - 1e-3) ** 2, n_trials=3)
print(len(study.trials), "trials")
PYTHON
serve_tracked "$WORK/dashboard.log" "http://127.0.0.1:$PORT/api/meta" \
  env -i HOME="$WORK" PATH="$VENV/bin:/usr/bin:/bin" "$VENV/bin/optuna-dashboard" "$STORAGE" --host 127.0.0.1 --port "$PORT"
echo "--- listeners in the namespace:"
ss -ltnp

(cd "$ROOT" && node_modules/.bin/tsx scripts/record-fixtures.ts --family optuna-dashboard --case open --url "http://127.0.0.1:$PORT" \
  --port 8080 --host "$PUBLIC_HOST:8080" --product "Optuna Dashboard" --version "$VERSION" --verdict unauthenticated --python-env "$VENV" \
  --description "An Optuna Dashboard (it has no authentication): its studies answer anyone, who can also rename and delete them" \
  --how "optuna-dashboard sqlite:///<a storage holding one study of three trials> --host 127.0.0.1 --port <port> (PyPI optuna-dashboard==$VERSION, optuna==$OPTUNA_VERSION; environment: HOME and PATH only; in an unshare -n namespace with only lo)")
