/** Real TensorBoard (PyPI, .venv-ai) on 127.0.0.1 over an empty log dir. TensorBoard has no auth switch. */
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const tensorboardVersion = '2.21.0';

export function startTensorboard(): Promise<RunningServer> {
  return startPythonServer({
    label: 'tensorboard',
    binary: 'tensorboard',
    args: (port, dir) => ['--logdir', dir, '--host', '127.0.0.1', '--port', String(port)],
    ready: (port) => new RegExp(`TensorBoard ${tensorboardVersion.replace(/\./g, '\\.')} at http://127\\.0\\.0\\.1:${port}/`),
  });
}
