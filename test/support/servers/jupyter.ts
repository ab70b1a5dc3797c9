/**
 * Real Jupyter Server (Debian jupyter-server 1.23.3) or classic Notebook (6.4.12) on 127.0.0.1.
 * `allowRemoteAccess: false` keeps Jupyter's default Host check, which answers a public Host with
 * 403 on every API path (the trap the classifier must not read as auth).
 */
import { spawn } from 'node:child_process';
import { waitForLine } from '../process.js';
import { freePort, runningOnceReady, tempDir, type RunningServer } from './common.js';

export interface JupyterOptions {
  readonly flavour: 'server' | 'notebook';
  /** Token to require; absent = open (empty token and password). */
  readonly token?: string;
  readonly allowRemoteAccess: boolean;
}

export async function startJupyter(options: JupyterOptions): Promise<RunningServer> {
  const port = await freePort();
  const home = await tempDir(`jupyter-${options.flavour}`);
  const app = options.flavour === 'server' ? 'ServerApp' : 'NotebookApp';
  const args = [
    `--${app}.ip=127.0.0.1`,
    `--${app}.port=${port}`,
    `--${app}.port_retries=0`,
    `--${app}.token=${options.token ?? ''}`,
    `--${app}.password=`,
    `--${app}.open_browser=False`,
    `--${app}.allow_remote_access=${options.allowRemoteAccess ? 'True' : 'False'}`,
    `--${app}.${options.flavour === 'server' ? 'root_dir' : 'notebook_dir'}=${home.path}`,
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
  ];
  const binary = options.flavour === 'server' ? 'jupyter-server' : 'jupyter-notebook';
  const child = spawn(binary, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOME: home.path, JUPYTER_RUNTIME_DIR: `${home.path}/runtime`, JUPYTER_CONFIG_DIR: `${home.path}/config` },
  });
  return runningOnceReady(child, port, waitForLine(child, new RegExp(`http://127\\.0\\.0\\.1:${port}/`), 60_000, binary), home.remove);
}
