/**
 * Real marimo (PyPI, .venv-ai) on 127.0.0.1, headless, update check off, in a temp working directory: a notebook
 * server (`marimo edit`) with or without its access token, or a published app (`marimo run`), which serves the same
 * login form but runs no code a visitor writes, without a token (its default) or with one.
 */
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const marimoVersion = '0.25.2';

const app = fileURLToPath(new URL('./python/marimo_app.py', import.meta.url));

export type MarimoMode = 'edit-without-token' | 'edit-with-token' | 'run-app' | 'run-app-with-token';

const commands: Record<MarimoMode, readonly string[]> = {
  'edit-without-token': ['edit', '--no-token'],
  // The access token is on by default; marimo makes one up and prints it in the URL it logs.
  'edit-with-token': ['edit'],
  'run-app': ['run', app],
  // A published app can ask a token too (marimo derives it from the notebook's code).
  'run-app-with-token': ['run', app, '--token'],
};

export function startMarimo(mode: MarimoMode): Promise<RunningServer> {
  return startPythonServer({
    label: `marimo-${mode}`,
    binary: 'marimo',
    args: (port) => [...commands[mode], '--headless', '--host', '127.0.0.1', '--port', String(port)],
    env: () => ({ MARIMO_SKIP_UPDATE_CHECK: '1' }),
    ready: (port) => new RegExp(`URL: http://localhost:${port}`),
  });
}
