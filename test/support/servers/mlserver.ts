/**
 * Real MLServer (PyPI, .venv-ai) on 127.0.0.1 serving python/mlserver-models (an echo model, no
 * weights): an Open Inference Protocol v2 server. HTTP, gRPC and metrics all bind to loopback.
 */
import { fileURLToPath } from 'node:url';
import { freePort, type RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const mlserverVersion = '1.7.1';

const models = fileURLToPath(new URL('./python/mlserver-models', import.meta.url));

/** `port` is the HTTP port; `grpcPort` serves the same protocol over gRPC. */
export async function startMlserver(): Promise<RunningServer & { readonly grpcPort: number }> {
  const [grpcPort, metricsPort] = [await freePort(), await freePort()];
  const server = await startPythonServer({
    label: 'mlserver',
    binary: 'mlserver',
    args: () => ['start', models],
    env: (port) => ({
      MLSERVER_HOST: '127.0.0.1',
      MLSERVER_HTTP_PORT: String(port),
      MLSERVER_GRPC_PORT: String(grpcPort),
      MLSERVER_METRICS_PORT: String(metricsPort),
      // Models load in the main process: no worker pool to fork.
      MLSERVER_PARALLEL_WORKERS: '0',
    }),
    // MLServer starts its gRPC server before the HTTP one logs this.
    ready: (port) => new RegExp(`Uvicorn running on http://127\\.0\\.0\\.1:${port}`),
  });
  return { ...server, grpcPort };
}
