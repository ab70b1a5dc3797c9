/** Real ChromaDB (PyPI `chromadb`, the Rust frontend behind `chroma run`, .venv-ai) on 127.0.0.1. Chroma 1.x has no auth switch. */
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const chromaVersion = '1.5.9';

export function startChroma(): Promise<RunningServer> {
  return startPythonServer({
    label: 'chroma',
    binary: 'chroma',
    args: (port, dir) => ['run', '--host', '127.0.0.1', '--port', String(port), '--path', `${dir}/db`],
    ready: (port) => new RegExp(`listening on address.*127\\.0\\.0\\.1:${port}`),
  });
}
