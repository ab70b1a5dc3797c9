/** Shared plumbing for the real-server launchers: free loopback ports, temp dirs, readiness by polling. */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { stopProcess } from '../process.js';

/** A port the kernel just handed out on 127.0.0.1 (released again for the server to take). */
export { freeLoopbackPort as freePort } from '../../../lambdas/shared/child-process.js';

export async function tempDir(label: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `aem-${label}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** True once a TCP connection to 127.0.0.1:port is accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Polls until the port accepts connections: a readiness check, not a sleep-for-luck. Fails with
 * the label after `timeoutMs`, so a server that never comes up fails the test.
 */
export async function waitForPort(port: number, label: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await accepts(port))) {
    if (Date.now() > deadline) throw new Error(`${label} did not accept connections on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await delay(25);
  }
}

export interface RunningServer {
  /** Loopback port the server listens on. */
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * A launched server once `ready` resolves. Stopping it stops the process, then runs `cleanUp` (say, removes
 * its temp dir); a server that never gets ready is stopped and cleaned up before the error is passed on.
 */
export async function runningOnceReady(child: ChildProcess, port: number, ready: Promise<unknown>, cleanUp?: () => Promise<void>): Promise<RunningServer> {
  const stop = async (): Promise<void> => {
    await stopProcess(child);
    await cleanUp?.();
  };
  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, pid: child.pid as number, stop };
}
