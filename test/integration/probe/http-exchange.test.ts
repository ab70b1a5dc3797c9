/** One HTTP session against loopback servers that send their answers in many small pieces. */
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_REPLY_PIECES } from '../../../lambdas/probe/arriving-body.js';
import { defaultBudgets } from '../../../lambdas/probe/budgets.js';
import type { HttpProbeRequest } from '../../../lambdas/probe/fingerprints/types.js';
import { createHttpSession, type Exchange } from '../../../lambdas/probe/http-exchange.js';
import { oneByteChunks, startRawServer, type LoopbackServer } from '../../support/hostile-servers.js';

const running: LoopbackServer[] = [];
afterAll(async () => {
  await Promise.all(running.map((target) => target.close()));
});

/** Sends `request` over one session to `target` and closes it. */
async function exchangeWith(target: LoopbackServer, request: HttpProbeRequest, byteAllowance: number): Promise<Exchange> {
  const session = createHttpSession({
    origin: `http://127.0.0.1:${target.port}`,
    hostHeader: 'example.test',
    basePath: '',
    userAgent: 'ai-exposure-monitor-test',
    budgets: defaultBudgets,
    openConnection: () =>
      new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect(target.port, target.host, () => resolve(socket));
        socket.once('error', reject);
      }),
    signal: new AbortController().signal,
  });
  try {
    return await session.send(request, byteAllowance);
  } finally {
    await session.close();
  }
}

describe('HTTP exchange: answers in many pieces', () => {
  it(`keeps the first ${MAX_REPLY_PIECES} pieces of a body sent one byte per chunk, as a truncated answer`, async () => {
    // Prepare: 10,000 one-byte chunks, far under the 128 KiB byte cap
    const target = await startRawServer(oneByteChunks('text/plain', 'Toy AI is running', 10_000));
    running.push(target);
    // Act
    const exchange = await exchangeWith(target, { id: 'root', method: 'GET', path: '/' }, 1024 * 1024);
    // Assess
    expect(exchange.outcome).toBe('answered');
    expect(exchange.observed).toMatchObject({ status: 200, truncated: true });
    expect(exchange.observed.error).toBeUndefined();
    expect(exchange.observed.body).toBe(`Toy AI is running${'x'.repeat(MAX_REPLY_PIECES - 'Toy AI is running'.length)}`);
    expect(exchange.bytes).toBe(MAX_REPLY_PIECES);
  });

  it('takes a streamed event whose ending blank line came one byte per chunk as the whole answer', async () => {
    const event = 'event: endpoint\ndata: /messages/?session_id=3f2a\n\n';
    const target = await startRawServer(oneByteChunks('text/event-stream', event, 50));
    running.push(target);
    const exchange = await exchangeWith(target, { id: 'sse', method: 'GET', path: '/sse', readUntil: ['\n\n', '\r\n\r\n'] }, 1024 * 1024);
    expect(exchange.observed).toMatchObject({ status: 200, truncated: false, body: event });
  });
});
