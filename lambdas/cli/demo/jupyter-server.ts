/** A real Jupyter Server without a token, when one is installed (Debian: jupyter-server). */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freeLoopbackPort, stopProcess, waitForLine } from '../../shared/child-process.js';
import type { RunningService } from './mcp-server.js';

const onPath = (command: string): boolean =>
  (process.env['PATH'] ?? '').split(':').some((dir) => dir && existsSync(join(dir, command)));

/** Resolves undefined when no `jupyter-server` is on PATH; fails loudly if one is there but does not start. */
export async function startJupyterServer(): Promise<RunningService | undefined> {
  if (!onPath('jupyter-server')) return undefined;
  const home = await mkdtemp(join(tmpdir(), 'aem-demo-jupyter-'));
  const port = await freeLoopbackPort();
  const child = spawn(
    'jupyter-server',
    [
      '--ServerApp.ip=127.0.0.1',
      `--ServerApp.port=${port}`,
      '--ServerApp.port_retries=0',
      '--ServerApp.token=',
      '--ServerApp.password=',
      '--ServerApp.open_browser=False',
      // Without this a loopback-bound server answers a public Host header with 403, which would hide it.
      '--ServerApp.allow_remote_access=True',
      `--ServerApp.root_dir=${home}`,
      '--allow-root',
    ],
    { env: { ...process.env, HOME: home, JUPYTER_RUNTIME_DIR: join(home, 'runtime') }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const close = async () => {
    await stopProcess(child);
    await rm(home, { recursive: true, force: true });
  };
  try {
    await waitForLine(child, new RegExp(`http://127\\.0\\.0\\.1:${port}/`), 30_000, 'jupyter-server');
    return { port, close };
  } catch (error) {
    await close();
    throw error;
  }
}
