/**
 * `npm run bench:http-floor`: what one HTTP request costs the prober's process, by client, against
 * one loopback server in another process (pre-rendered 404 page, keep-alive). It separates the
 * engine's own cost from that of the HTTP stack under it:
 *   raw socket, one request at a time / all of a target's requests written at once (pipelined);
 *   undici's dispatch with an empty handler (the floor of the stack the engine is built on);
 *   the engine's HTTP session (deadlines, byte caps, decoding, evidence).
 * Each client sends TARGETS × PER_TARGET requests, PER_TARGET on one connection, 64 connections at
 * a time. Only 127.0.0.1 is used.
 */
import { fork } from 'node:child_process';
import { setMaxListeners } from 'node:events';
import net from 'node:net';
import { Client } from 'undici';
import { defaultBudgets } from '../../lambdas/probe/budgets.js';
import { createHttpSession } from '../../lambdas/probe/http-exchange.js';

const TARGETS = 500;
const PER_TARGET = 43;
const IN_FLIGHT = 64;
const PAGE = '<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>';

if (process.argv[2] === 'server') {
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
} else {
  const child = fork(new URL(import.meta.url), ['server'], { execArgv: process.execArgv });
  const port = await new Promise<number>((resolve) => child.once('message', (message) => resolve(message as number)));
  const connect = (): Promise<net.Socket> => new Promise((resolve) => { const socket = net.connect({ port, host: '127.0.0.1', noDelay: true }, () => resolve(socket)); });
  const request = (path: string): string => `GET ${path} HTTP/1.1\r\nhost: 203.0.113.7\r\naccept: */*\r\nuser-agent: bench\r\n\r\n`;

  /** Reads PER_TARGET responses (content-length framed) off a socket; writes the next one after each when `sequential`. */
  const rawTarget = async (sequential: boolean): Promise<void> => {
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
          if (answered === PER_TARGET) return resolve();
          if (sequential) socket.write(request(`/p${answered}`), 'latin1');
        }
      });
      socket.write(sequential ? request('/p0') : Array.from({ length: PER_TARGET }, (_, i) => request(`/p${i}`)).join(''), 'latin1');
    });
    socket.destroy();
  };

  const undiciTarget = async (): Promise<void> => {
    const client = new Client(`http://127.0.0.1:${port}`, { connect: (_options, callback) => void connect().then((socket) => callback(null, socket)) });
    for (let i = 0; i < PER_TARGET; i += 1) {
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
  const sessionTarget = async (): Promise<void> => {
    const session = createHttpSession({ origin: `http://127.0.0.1:${port}`, hostHeader: '203.0.113.7', userAgent: 'bench', budgets: defaultBudgets, signal, openConnection: connect });
    for (let i = 0; i < PER_TARGET; i += 1) await session.send({ id: 'page', method: 'GET', path: `/p${i}` }, defaultBudgets.maxBytesPerTarget);
    await session.close();
  };

  const measure = async (name: string, target: () => Promise<void>): Promise<void> => {
    let next = 0;
    const cpu = process.cpuUsage();
    const started = performance.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, async () => { while (next < TARGETS) { next += 1; await target(); } }));
    const used = process.cpuUsage(cpu);
    const perRequestUs = ((used.user + used.system) / (TARGETS * PER_TARGET));
    process.stdout.write(`${name.padEnd(34)} ${perRequestUs.toFixed(1).padStart(6)} µs CPU per request   (${((performance.now() - started) / 1000).toFixed(2)} s wall for ${TARGETS * PER_TARGET} requests)\n`);
  };

  process.stdout.write(`${TARGETS} targets × ${PER_TARGET} requests, ${IN_FLIGHT} connections in flight, Node ${process.version}\n`);
  // Twice each, interleaved: the first round warms the JIT, the second is the figure to read.
  for (const round of [1, 2]) {
    if (round === 2) process.stdout.write('--\n');
    await measure('raw socket, one at a time', () => rawTarget(true));
    await measure('raw socket, pipelined', () => rawTarget(false));
    await measure('undici dispatch, empty handler', undiciTarget);
    await measure('engine HTTP session', sessionTarget);
  }
  child.kill();
}
