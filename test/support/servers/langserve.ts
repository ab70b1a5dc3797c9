/**
 * Real LangServe (PyPI, .venv-ai) serving python/langserve_app.py on 127.0.0.1: a RunnableLambda at
 * /add_one, open, or behind an app-level APIKeyHeader dependency (LangServe has no auth of its own).
 */
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const langserveVersion = '0.3.3';

const app = fileURLToPath(new URL('./python/langserve_app.py', import.meta.url));

export function startLangserve(options: { readonly token?: string } = {}): Promise<RunningServer> {
  return startPythonServer({
    label: `langserve-${options.token === undefined ? 'open' : 'auth'}`,
    binary: 'python',
    args: () => [app],
    env: (port) => ({ PORT: String(port), ...(options.token !== undefined ? { LANGSERVE_TOKEN: options.token } : {}) }),
    ready: (port) => new RegExp(`Uvicorn running on http://127\\.0\\.0\\.1:${port}`),
  });
}
