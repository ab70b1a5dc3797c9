/**
 * Real TorchServe (PyPI, .venv-ai; its Java frontend on the machine's JDK) with no models: the HTTP inference and
 * management APIs and both gRPC services, every listener on 127.0.0.1, token authorization on (its default) or off.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort, type RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const torchserveVersion = '0.12.0';

export interface RunningTorchServe extends RunningServer {
  /** `port` is the HTTP inference API. */
  readonly managementPort: number;
  readonly grpcInferencePort: number;
  readonly grpcManagementPort: number;
}

export async function startTorchServe(options: { readonly tokenAuth: boolean }): Promise<RunningTorchServe> {
  const [managementPort, metricsPort, grpcInferencePort, grpcManagementPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const server = await startPythonServer({
    label: 'torchserve',
    binary: 'torchserve',
    prepare: async (port, dir) => {
      await mkdir(join(dir, 'store'));
      const config = [
        `inference_address=http://127.0.0.1:${port}`,
        `management_address=http://127.0.0.1:${managementPort}`,
        `metrics_address=http://127.0.0.1:${metricsPort}`,
        'grpc_inference_address=127.0.0.1',
        'grpc_management_address=127.0.0.1',
        `grpc_inference_port=${grpcInferencePort}`,
        `grpc_management_port=${grpcManagementPort}`,
        'disable_system_metrics=true',
      ];
      await writeFile(join(dir, 'config.properties'), `${config.join('\n')}\n`);
    },
    args: (_port, dir) => [
      '--start',
      '--foreground',
      '--ncs',
      '--model-store',
      join(dir, 'store'),
      '--ts-config',
      join(dir, 'config.properties'),
      ...(options.tokenAuth ? [] : ['--disable-token-auth']),
    ],
    // TorchServe refuses to start while its pid file (in TMPDIR) names a live server: one per working directory.
    env: (_port, dir) => ({ TMPDIR: dir }),
    // Logged once every listener is bound, the gRPC ones included.
    ready: () => /Model server started\./,
  });
  return { ...server, managementPort, grpcInferencePort, grpcManagementPort };
}
