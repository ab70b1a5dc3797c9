/**
 * Real Jupyter Kernel Gateway (PyPI jupyter-kernel-gateway with ipykernel, .venv-ai) on 127.0.0.1: without KG_AUTH_TOKEN,
 * its default, or with one. No kernel is started.
 */
import { randomBytes } from 'node:crypto';
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export type KernelGatewayAuth = 'none' | 'token';

export function startKernelGateway(auth: KernelGatewayAuth): Promise<RunningServer> {
  return startPythonServer({
    label: `kernel-gateway-${auth}`,
    binary: 'jupyter-kernelgateway',
    args: (port) => ['--KernelGatewayApp.ip=127.0.0.1', `--KernelGatewayApp.port=${port}`],
    env: (): Record<string, string> => (auth === 'token' ? { KG_AUTH_TOKEN: randomBytes(24).toString('hex') } : {}),
    ready: (port) => new RegExp(`Jupyter Kernel Gateway [\\d.]+ is available at http://127\\.0\\.0\\.1:${port}`),
  });
}
