/**
 * Starts a real moto server (AWS emulator) from the project's virtualenv on a
 * free loopback port, one per test file, so files never share AWS state.
 * A missing virtualenv or a server that does not come up fails the test file:
 * nothing here skips.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stopProcess, waitForLine } from './process.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const venvPython = `${projectRoot}.venv/bin/python`;
/** moto_server with DynamoDB's writes made atomic per request (see the script's docstring). */
const motoServerScript = fileURLToPath(new URL('./moto_server.py', import.meta.url));

export interface MotoServer {
  /** e.g. http://127.0.0.1:45783 — pass as `endpoint` to every AWS SDK client. */
  readonly endpoint: string;
  /** Static test credentials for SDK clients (moto accepts any). */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Wipes all emulated state. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export async function startMoto(): Promise<MotoServer> {
  if (!existsSync(venvPython)) {
    throw new Error(`moto's virtualenv is not installed at ${projectRoot}.venv: run scripts/test-prereqs.sh (npm test does)`);
  }
  const child: ChildProcess = spawn(venvPython, [motoServerScript, '-H', '127.0.0.1', '-p', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MOTO_ALLOW_NONEXISTENT_REGION: 'false', AWS_DEFAULT_REGION: 'us-east-1' },
  });
  const line = await waitForLine(child, /Running on (http:\/\/127\.0\.0\.1:\d+)/, 30_000, 'moto_server');
  const endpoint = line[1]!;
  return {
    endpoint,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    async reset() {
      const res = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!res.ok) throw new Error(`moto reset failed: HTTP ${res.status}`);
    },
    stop: () => stopProcess(child),
  };
}
