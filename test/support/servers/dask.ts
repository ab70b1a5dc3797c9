/**
 * A real Dask scheduler (PyPI distributed, .venv-ai) on tcp://127.0.0.1, as `dask scheduler` starts without TLS certificates,
 * with no dashboard (bokeh is not in the venv): a scheduler on tcp:// takes any client, so there is one mode.
 */
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export function startDaskScheduler(): Promise<RunningServer> {
  return startPythonServer({
    label: 'dask-scheduler',
    binary: 'dask',
    args: (port) => ['scheduler', '--host', '127.0.0.1', '--port', String(port), '--no-dashboard'],
    ready: (port) => new RegExp(`Scheduler at:\\s+tcp://127\\.0\\.0\\.1:${port}`),
  });
}
