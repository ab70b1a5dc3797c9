/**
 * `npm run bench:http-floor`: what HTTP costs the prober's process, by client, against one loopback
 * server in another process (pre-rendered 404 page, keep-alive). It separates the engine's own cost
 * from that of the HTTP stack under it:
 *   raw socket, one request at a time / all of a target's requests written at once (pipelined);
 *   undici's dispatch with an empty handler (the floor of the stack the engine is built on);
 *   the engine's HTTP session (deadlines, byte caps, decoding, evidence).
 * Per request: 500 targets × 43 requests on kept-alive connections. Per target: a connection, 1 or 6
 * requests (a sweep sends ~6 per responsive target) and its close, 2,000 targets. 64 connections at a
 * time, only 127.0.0.1. The clients run like the probe Lambda (`lambda-bundle.ts`): this file, bundled,
 * on the Lambda runtime's Node.js with its V8 flags.
 */
import { fork } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'undici';
import { PROBE_ENVIRONMENT } from '../../lib/config.js';
import { defaultBudgets } from '../../lambdas/probe/budgets.js';
import { createHttpSession } from '../../lambdas/probe/http-exchange.js';
import { bundleForLambda, lambdaRuntime } from './lambda-bundle.js';

const IN_FLIGHT = 64;
const PAGE = '<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>';

if (process.argv[2] === 'server') serve();
else if (process.argv[2] === 'clients') await measureClients();
else await runBundled();

/** The parent (under tsx): bundles this file and runs the clients from the bundle, like the Lambda. */
async function runBundled(): Promise<void> {
  const runtime = lambdaRuntime();
  const outdir = await mkdtemp(join(tmpdir(), 'ai-exposure-http-floor-'));
  try {
    const bundle = await bundleForLambda(fileURLToPath(import.meta.url), join(outdir, 'http-floor.mjs'), runtime);
    if (!runtime.isLambdas) process.stdout.write(`(the Lambda runtime's Node.js is not installed: this is ${runtime.version}; \`npm test\` installs it)\n`);
    const child = fork(bundle, ['clients'], { execPath: runtime.execPath, execArgv: [], env: { ...process.env, ...PROBE_ENVIRONMENT }, stdio: 'inherit' });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`the clients exited with code ${String(code)}`);
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

function serve(): void {
  const reply = Buffer.from(`HTTP/1.1 404 Not Found\r\ncontent-type: text/html\r\ncontent-length: ${PAGE.length}\r\nconnection: keep-alive\r\n\r\n${PAGE}`);
  const server = net.createServer({ noDelay: true }, (socket) => {
    let pending = '';
    socket.on('error', () => undefined);
    socket.on('data', (data: Buffer) => {
      pending += data.toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\r\n\r\n')) >= 0) {
        pending = pending.slice(end + 4);
        socket.write(reply);
      }
    });
  });
  server.listen(0, '127.0.0.1', () => process.send?.((server.address() as net.AddressInfo).port));
}

async function measureClients(): Promise<void> {
  const child = fork(process.argv[1] as string, ['server'], { execArgv: process.execArgv });
  const port = await new Promise<number>((resolve) => child.once('message', (message) => resolve(message as number)));
  const connect = (): Promise<net.Socket> => new Promise((resolve) => { const socket = net.connect({ port, host: '127.0.0.1', noDelay: true }, () => resolve(socket)); });
  const request = (path: string): string => `GET ${path} HTTP/1.1\r\nhost: 203.0.113.7\r\naccept: */*\r\nuser-agent: bench\r\n\r\n`;

  /** Reads `count` responses (content-length framed) off a new connection; writes the next one after each when `sequential`. */
  const rawTarget = async (count: number, sequential: boolean): Promise<void> => {
    const socket = await connect();
    await new Promise<void>((resolve) => {
      let buffered: Buffer = Buffer.alloc(0);
      let answered = 0;
      socket.on('data', (data: Buffer) => {
        buffered = buffered.length === 0 ? data : Buffer.concat([buffered, data]);
        for (;;) {
          const headEnd = buffered.indexOf('\r\n\r\n');
          if (headEnd < 0) return;
          const length = Number(/content-length:\s*(\d+)/i.exec(buffered.toString('latin1', 0, headEnd))?.[1] ?? 0);
          if (buffered.length < headEnd + 4 + length) return;
          buffered.toString('utf8', headEnd + 4, headEnd + 4 + length);
          buffered = buffered.subarray(headEnd + 4 + length);
          answered += 1;
          if (answered === count) return resolve();
          if (sequential) socket.write(request(`/p${answered}`), 'latin1');
        }
      });
      socket.write(sequential ? request('/p0') : Array.from({ length: count }, (_, i) => request(`/p${i}`)).join(''), 'latin1');
    });
    socket.destroy();
  };

  const undiciTarget = async (count: number): Promise<void> => {
    const client = new Client(`http://127.0.0.1:${port}`, { connect: (_options, callback) => void connect().then((socket) => callback(null, socket)) });
    for (let i = 0; i < count; i += 1) {
      await new Promise<void>((resolve) => {
        client.dispatch(
          { path: `/p${i}`, method: 'GET', headers: ['host', '203.0.113.7', 'accept', '*/*', 'user-agent', 'bench'] },
          { onRequestStart: () => undefined, onResponseStart: () => undefined, onResponseData: () => undefined, onResponseEnd: () => resolve(), onResponseError: () => resolve() },
        );
      });
    }
    await client.destroy();
  };

  const signal = new AbortController().signal;
  setMaxListeners(IN_FLIGHT * 2, signal);
  const sessionTarget = async (count: number): Promise<void> => {
    const session = createHttpSession({ origin: `http://127.0.0.1:${port}`, hostHeader: '203.0.113.7', basePath: '', userAgent: 'bench', budgets: defaultBudgets, signal, openConnection: connect });
    for (let i = 0; i < count; i += 1) await session.send({ id: 'page', method: 'GET', path: `/p${i}` }, defaultBudgets.maxBytesPerTarget);
    await session.close();
  };

  /** CPU in µs per unit (request or target) of `targets` targets run 64 at a time. */
  const cpuPer = async (targets: number, units: number, target: () => Promise<void>): Promise<number> => {
    let next = 0;
    const cpu = process.cpuUsage();
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => { while (next < targets) { next += 1; await target(); } }));
    const used = process.cpuUsage(cpu);
    return (used.user + used.system) / units;
  };
  const clients: readonly (readonly [string, (count: number) => Promise<void>])[] = [
    ['raw socket, one at a time', (count) => rawTarget(count, true)],
    ['raw socket, pipelined', (count) => rawTarget(count, false)],
    ['undici dispatch, empty handler', undiciTarget],
    ['engine HTTP session', sessionTarget],
  ];
  const row = (name: string, figures: readonly number[]): string => `${name.padEnd(34)}${figures.map((us) => `${us.toFixed(0).padStart(8)} µs`).join('')}\n`;

  process.stdout.write(`Node ${process.version} NODE_OPTIONS=${process.env.NODE_OPTIONS ?? ''} MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX ?? ''}, ${IN_FLIGHT} connections in flight; CPU of this process (the server is another)\n`);
  // Twice each, interleaved: the first round warms the JIT, the second is the figure to read.
  for (const round of [1, 2]) {
    process.stdout.write(round === 1 ? '(warming up)\n' : '\n');
    process.stdout.write(`${'per request (500 targets × 43)'.padEnd(34)}\n`);
    for (const [name, target] of clients) process.stdout.write(row(name, [await cpuPer(500, 500 * 43, () => target(43))]));
    process.stdout.write(`${'per target (2,000; connect, close)'.padEnd(34)}${'1 request'.padStart(11)}${'6 requests'.padStart(11)}\n`);
    for (const [name, target] of clients) process.stdout.write(row(name, [await cpuPer(2000, 2000, () => target(1)), await cpuPer(2000, 2000, () => target(6))]));
  }
  child.kill();
}
