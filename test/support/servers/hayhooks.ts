/**
 * Real Hayhooks (PyPI, .venv-ai), deepset's server for Haystack pipelines, on 127.0.0.1 with an empty pipelines folder
 * and Haystack's telemetry off. Hayhooks has no authentication of its own.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const hayhooksVersion = '2.1.0';

export function startHayhooks(): Promise<RunningServer> {
  return startPythonServer({
    label: 'hayhooks',
    binary: 'hayhooks',
    args: (port) => ['run', '--host', '127.0.0.1', '--port', String(port)],
    env: (_port, dir) => ({ HAYHOOKS_PIPELINES_DIR: join(dir, 'pipelines') }),
    prepare: (_port, dir) => mkdir(join(dir, 'pipelines')).then(() => undefined),
    // Its log colours the address (an ANSI escape before it).
    ready: (port) => new RegExp(`Uvicorn running on \\S*http://127\\.0\\.0\\.1:${port}`),
  });
}
