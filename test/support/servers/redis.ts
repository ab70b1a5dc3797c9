/** Real Redis (Debian redis-server 7.0.15) on 127.0.0.1, open or with requirepass; nothing on disk. */
import { spawn } from 'node:child_process';
import { waitForLine } from '../process.js';
import { freePort, runningOnceReady, type RunningServer } from './common.js';

export async function startRedis(options: { readonly password?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
  if (options.password !== undefined) args.push('--requirepass', options.password);
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return runningOnceReady(child, port, waitForLine(child, /Ready to accept connections/, 30_000, 'redis-server'));
}
