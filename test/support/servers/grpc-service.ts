/**
 * A gRPC service that is not an AI service (python/grpc_service.py on real grpcio from .venv-ai): the standard
 * health protocol only, optionally behind a bearer-token interceptor. The negatives of the gRPC families.
 */
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const grpcioVersion = '1.85.3';

const service = fileURLToPath(new URL('./python/grpc_service.py', import.meta.url));

export function startGrpcService(options: { readonly token?: string } = {}): Promise<RunningServer> {
  return startPythonServer({
    label: 'grpc-service',
    binary: 'python',
    args: (port) => [service, String(port), ...(options.token === undefined ? [] : [options.token])],
    ready: (port) => new RegExp(`grpc service listening on 127\\.0\\.0\\.1:${port}`),
  });
}
