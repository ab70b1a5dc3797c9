/**
 * Real MLflow tracking server (PyPI, .venv-ai) on 127.0.0.1: open, or `--app-name basic-auth`.
 * `allowedHosts: 'default'` keeps MLflow's DNS-rebinding guard (localhost and private addresses
 * only), which answers a public Host with 403 "Invalid Host header" — a Host policy, not auth.
 */
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const mlflowVersion = '3.17.2';

export interface MlflowOptions {
  readonly basicAuth: boolean;
  readonly allowedHosts: 'any' | 'default';
}

export function startMlflow(options: MlflowOptions): Promise<RunningServer> {
  return startPythonServer({
    label: `mlflow-${options.basicAuth ? 'auth' : 'open'}`,
    binary: 'mlflow',
    args: (port, dir) => [
      'server',
      '--host', '127.0.0.1',
      '--port', String(port),
      '--workers', '1',
      '--backend-store-uri', `sqlite:///${dir}/mlflow.db`,
      '--default-artifact-root', `${dir}/artifacts`,
      ...(options.allowedHosts === 'any' ? ['--allowed-hosts', '*'] : []),
      ...(options.basicAuth ? ['--app-name', 'basic-auth'] : []),
    ],
    env: () => ({
      // Background job runners are not needed to answer the REST API.
      MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false',
      // basic-auth refuses to start without an admin password and a CSRF secret; its user DB lands in cwd.
      ...(options.basicAuth ? { MLFLOW_AUTH_ADMIN_PASSWORD: 'conformance-Admin-pw1', MLFLOW_FLASK_SERVER_SECRET_KEY: 'conformance' } : {}),
    }),
    ready: (port) => new RegExp(`Uvicorn running on http://127\\.0\\.0\\.1:${port}`),
  });
}
