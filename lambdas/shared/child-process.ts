/** Child-process helpers for local servers (demo, tests): readiness by output, shutdown by PID. */
import type { ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';

/** Resolves with the first match of `pattern` in the child's stdout/stderr; rejects on exit or timeout. */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number, label: string): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = output.match(pattern);
      if (match) finish(() => resolve(match));
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(() => reject(new Error(`${label} exited (code ${code}, signal ${signal}) before it was ready:\n${output.slice(-2000)}`)));
    const timer = setTimeout(() => finish(() => reject(new Error(`${label} was not ready within ${timeoutMs} ms:\n${output.slice(-2000)}`))), timeoutMs);
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      // Keep draining so a chatty server never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
      settle();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** SIGTERM, then SIGKILL if the process is still there after `graceMs`. */
export function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** The kernel's range of ephemeral ports (Linux's; its default where it cannot be read). */
function ephemeralPorts(): readonly [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) return [low as number, high as number];
  } catch {
    // Not Linux: IANA's range starts above Linux's default, so avoiding the default avoids both.
  }
  return [32_768, 60_999];
}

/**
 * Where to pick a server's port: unprivileged ports below the ephemeral range, or else above it; undefined
 * when the range leaves too little room on either side.
 */
export function serverPortRange([low, high]: readonly [number, number]): readonly [number, number] | undefined {
  const below: readonly [number, number] = [10_000, low - 1];
  const above: readonly [number, number] = [high + 1, 65_535];
  const room = ([from, to]: readonly [number, number]): number => to - from + 1;
  if (room(below) >= 1_000) return below;
  return room(above) >= 1_000 ? above : undefined;
}

const bindable = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

const kernelPickedPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

/**
 * A loopback port free right now, for servers that cannot report the port they bound (port 0). It is
 * outside the kernel's ephemeral range: a port from bind(0) is one the kernel also gives outgoing
 * connections, so in a busy test run another process's connection can take it in the seconds before the
 * server binds it (a server that binds several ports then dies after it looked ready).
 */
export async function freeLoopbackPort(): Promise<number> {
  const range = serverPortRange(ephemeralPorts());
  if (range === undefined) return kernelPickedPort();
  const [from, to] = range;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = randomInt(from, to + 1);
    if (await bindable(port)) return port;
  }
  return kernelPickedPort();
}
