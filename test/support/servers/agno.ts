/**
 * Real Agno AgentOS (PyPI agno[os], .venv-ai) on 127.0.0.1, with one agent that never runs: without a key (AgentOS's
 * default), with OS_SECURITY_KEY, or with JWT authorization (RBAC) against a fresh public key whose private half signs
 * nothing.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const agnoVersion = '3.1.10';

/** `agent_os.serve` loads the app by module name, so the app's folder goes on PYTHONPATH. */
const appDir = fileURLToPath(new URL('./python/', import.meta.url));

export type AgentOsAuth = 'none' | 'security-key' | 'jwt';

const authEnv = (auth: AgentOsAuth): Record<string, string> => {
  if (auth === 'security-key') return { OS_SECURITY_KEY: randomBytes(24).toString('hex') };
  if (auth === 'jwt') {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return { CONFORMANCE_RBAC: '1', JWT_VERIFICATION_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  }
  return {};
};

export function startAgentOs(auth: AgentOsAuth): Promise<RunningServer> {
  return startPythonServer({
    label: `agno-agentos-${auth}`,
    binary: 'python',
    args: (port) => [`${appDir}agentos_app.py`, String(port)],
    env: () => ({ AGNO_TELEMETRY: 'false', PYTHONPATH: appDir, ...authEnv(auth) }),
    ready: (port) => new RegExp(`Uvicorn running on http://127\\.0\\.0\\.1:${port}`),
  });
}
