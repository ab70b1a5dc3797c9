/**
 * Real LangServe (PyPI, .venv-ai) serving python/langserve_app.py on 127.0.0.1: a RunnableLambda at
 * /add_one, open, or with an x-token check (LangServe has no auth of its own) as its auth examples do:
 * `api-key` an app-level APIKeyHeader dependency, `header` a Header() dependency given to add_routes.
 */
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const langserveVersion = '0.3.3';

export type LangserveAuth = 'api-key' | 'header';

const app = fileURLToPath(new URL('./python/langserve_app.py', import.meta.url));

export function startLangserve(options: { readonly token?: string; readonly auth?: LangserveAuth } = {}): Promise<RunningServer> {
  return startPythonServer({
    label: `langserve-${options.token === undefined ? 'open' : (options.auth ?? 'api-key')}`,
    binary: 'python',
    args: () => [app],
    env: (port) => ({
      PORT: String(port),
      ...(options.token !== undefined ? { LANGSERVE_TOKEN: options.token, LANGSERVE_AUTH: options.auth ?? 'api-key' } : {}),
    }),
    ready: (port) => new RegExp(`Uvicorn running on http://127\\.0\\.0\\.1:${port}`),
  });
}
