/** Real Streamlit (PyPI, .venv-ai) running python/streamlit_app.py on 127.0.0.1. Streamlit has no server-side auth switch. */
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const streamlitVersion = '1.67.0';

const app = fileURLToPath(new URL('./python/streamlit_app.py', import.meta.url));

export function startStreamlit(): Promise<RunningServer> {
  return startPythonServer({
    label: 'streamlit',
    binary: 'streamlit',
    args: (port) => ['run', app, '--server.address', '127.0.0.1', '--server.port', String(port), '--server.headless', 'true', '--browser.gatherUsageStats', 'false'],
    ready: (port) => new RegExp(`URL: http://127\\.0\\.0\\.1:${port}`),
  });
}
