/**
 * Real Chainlit (PyPI, .venv-chainlit) on 127.0.0.1, headless, running a one-handler echo app from a temp working
 * directory (Chainlit writes its .chainlit/ config there): without sign-in, its default, or with a password, header or
 * GitHub OAuth callback, none of which accepts anyone.
 */
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chainlitVenv } from './ai-venv.js';
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const chainlitVersion = '2.12.0';

const app = fileURLToPath(new URL('./python/chainlit_app.py', import.meta.url));

export type ChainlitSignIn = 'none' | 'password' | 'header' | 'oauth';

/** What each sign-in needs at start: every one a JWT secret; OAuth its provider's client (made up, never used). */
const signInEnv = (signIn: ChainlitSignIn): Record<string, string> => ({
  ...(signIn === 'none' ? {} : { CHAINLIT_AUTH_SECRET: randomBytes(32).toString('hex') }),
  ...(signIn === 'oauth' ? { OAUTH_GITHUB_CLIENT_ID: 'conformance-client-id', OAUTH_GITHUB_CLIENT_SECRET: randomBytes(16).toString('hex') } : {}),
});

export function startChainlit(signIn: ChainlitSignIn): Promise<RunningServer> {
  return startPythonServer({
    label: `chainlit-${signIn}`,
    binary: 'chainlit',
    venv: chainlitVenv,
    args: (port) => ['run', app, '--headless', '--host', '127.0.0.1', '--port', String(port)],
    env: () => ({ CONFORMANCE_SIGN_IN: signIn, ...signInEnv(signIn) }),
    // Logged from the app's startup hook, before uvicorn binds (the launcher then waits for the port), with localhost
    // for its default host, 127.0.0.1.
    ready: (port) => new RegExp(`Your app is available at http://localhost:${port}`),
  });
}
