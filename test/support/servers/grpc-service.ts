/**
 * A gRPC service that is not an AI service (python/grpc_service.py on real grpcio from .venv-ai): the standard
 * health protocol only, optionally behind a bearer-token interceptor, optionally over TLS. The negatives of the
 * gRPC families.
 */
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const grpcioVersion = '1.85.3';

const service = fileURLToPath(new URL('./python/grpc_service.py', import.meta.url));

export interface GrpcServiceOptions {
  readonly token?: string;
  /** Serve TLS with this certificate and key (PEM). */
  readonly tls?: { readonly cert: string; readonly key: string };
}

export function startGrpcService(options: GrpcServiceOptions = {}): Promise<RunningServer> {
  const { token, tls } = options;
  return startPythonServer({
    label: 'grpc-service',
    binary: 'python',
    args: (port) => [service, String(port), ...(token === undefined ? [] : ['--token', token]), ...(tls === undefined ? [] : ['--tls'])],
    env: (): Record<string, string> => (tls === undefined ? {} : { TLS_CERT_PEM: tls.cert, TLS_KEY_PEM: tls.key }),
    ready: (port) => new RegExp(`grpc service listening on 127\\.0\\.0\\.1:${port}`),
  });
}
