/**
 * Real Cog (PyPI cog with its Rust server coglet, .venv-ai) on 127.0.0.1, serving an echo predictor, as a Cog container's
 * `python -m cog.server.http` does, from a temp working directory. Cog has no authentication, so there is one mode.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverVenvBinary } from './ai-venv.js';
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const cogVersion = '0.23.1';

const predictor = fileURLToPath(new URL('./python/cog_predict.py', import.meta.url));

export function startCog(): Promise<RunningServer> {
  return startPythonServer({
    label: 'cog',
    binary: 'python',
    args: () => ['-m', 'cog.server.http', '--host', '127.0.0.1'],
    env: (port) => ({
      PORT: String(port),
      // What `cog build` writes into the image; the server reads the predictor from it.
      COG_PREDICT_TYPE_STUB: `${predictor}:Predictor`,
      // coglet starts its worker as `python` from PATH, which in a Cog image is the image's Python: here, the venv's.
      PATH: `${dirname(serverVenvBinary('python'))}:${process.env.PATH ?? ''}`,
    }),
    ready: (port) => new RegExp(`Starting coglet server on 127\\.0\\.0\\.1:${port}`),
  });
}
