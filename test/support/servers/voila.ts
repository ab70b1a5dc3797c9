/**
 * Real Voilà (PyPI voila with ipykernel, .venv-ai) on 127.0.0.1 serving one notebook as a dashboard: without a token, its
 * default, or with one. Every visit to the dashboard starts a Python kernel, a child of the server, that only the page's
 * script shuts down (`kernelsOf` counts them).
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunningServer } from './common.js';
import { startPythonServer } from './python-server.js';

export const voilaVersion = '0.5.13';

const notebook = fileURLToPath(new URL('./python/voila_dashboard.ipynb', import.meta.url));

export type VoilaAuth = 'none' | 'token';

export function startVoila(auth: VoilaAuth): Promise<RunningServer> {
  return startPythonServer({
    label: `voila-${auth}`,
    binary: 'voila',
    args: (port) => [notebook, '--no-browser', '--Voila.ip=127.0.0.1', `--port=${port}`, ...(auth === 'token' ? [`--token=${randomBytes(24).toString('hex')}`] : [])],
    ready: () => /Voilà is running at:/,
  });
}

/** The kernels `server` runs: its child processes started from ipykernel's launcher (read from /proc). */
export function kernelsOf(server: RunningServer): number {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses, so read after the last ")".
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return parent === server.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('ipykernel_launcher');
      } catch {
        return false; // the process ended while being read
      }
    }).length;
}
