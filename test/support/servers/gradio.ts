/** Real Gradio (PyPI, .venv-ai) serving python/gradio_app.py on 127.0.0.1, open or with launch(auth=…). */
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const gradioVersion = '5.50.0';

const app = fileURLToPath(new URL('./python/gradio_app.py', import.meta.url));

export function startGradio(options: { readonly password?: string } = {}): Promise<RunningServer> {
  return startPythonServer({
    label: `gradio-${options.password === undefined ? 'open' : 'auth'}`,
    binary: 'python',
    args: () => [app],
    env: (port) => ({ PORT: String(port), ...(options.password !== undefined ? { GRADIO_PASSWORD: options.password } : {}) }),
    ready: (port) => new RegExp(`Running on local URL:\\s+http://127\\.0\\.0\\.1:${port}`),
  });
}
