/**
 * Real A2A agent on the official a2a-sdk (PyPI, .venv-ai) serving python/a2a_agent.py on 127.0.0.1:
 * open (the card declares no security), or with a bearer scheme declared on the card and enforced by
 * a middleware on everything but the card. `cardPath` mounts the SDK's card route elsewhere (e.g. the
 * pre-0.3 `/.well-known/agent.json`).
 */
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const a2aSdkVersion = '1.3.0';
/** The `version` the agent's card declares (python/a2a_agent.py). */
export const a2aAgentVersion = '0.0.1';

const app = fileURLToPath(new URL('./python/a2a_agent.py', import.meta.url));

export function startA2aAgent(options: { readonly token?: string; readonly cardPath?: string } = {}): Promise<RunningServer> {
  return startPythonServer({
    label: `a2a-${options.token === undefined ? 'open' : 'bearer'}`,
    binary: 'python',
    args: () => [app],
    env: (port) => ({
      PORT: String(port),
      ...(options.token !== undefined ? { A2A_TOKEN: options.token } : {}),
      ...(options.cardPath !== undefined ? { A2A_CARD_PATH: options.cardPath } : {}),
    }),
    ready: (port) => new RegExp(`Uvicorn running on http://127\\.0\\.0\\.1:${port}`),
  });
}
