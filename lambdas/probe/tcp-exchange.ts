/** One raw TCP exchange (e.g. Redis `PING`): fresh connection, send, read a bounded reply. */
import type net from 'node:net';
import type { ObservedResponse, TcpProbeRequest } from './fingerprints/types.js';
import type { Exchange } from './http-exchange.js';

export interface TcpExchangeOptions {
  readonly openConnection: () => Promise<net.Socket>;
  /** Wait this long for the first byte of the reply. */
  readonly firstByteTimeoutMs: number;
  /** After the reply started, this much silence means it is complete (the peer keeps the connection open). */
  readonly quietMs: number;
  readonly maxBytes: number;
  readonly signal: AbortSignal;
}

export async function tcpExchange(request: TcpProbeRequest, options: TcpExchangeOptions): Promise<Exchange> {
  let socket: net.Socket;
  try {
    socket = await options.openConnection();
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  }
  try {
    return await exchange(socket, request, options);
  } finally {
    socket.destroy();
  }
}

function failed(reason: string): Exchange {
  return { observed: { kind: 'tcp', headers: {}, body: '', truncated: false, error: reason }, outcome: 'closed', bytes: 0 };
}

function exchange(socket: net.Socket, request: TcpProbeRequest, options: TcpExchangeOptions): Promise<Exchange> {
  return new Promise<Exchange>((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let truncated = false;
    let timer = setTimeout(() => finish(`no reply within ${options.firstByteTimeoutMs} ms`), options.firstByteTimeoutMs);

    const onData = (chunk: Buffer): void => {
      const room = options.maxBytes - total;
      if (chunk.length >= room) {
        chunks.push(chunk.subarray(0, room));
        total += room;
        truncated = chunk.length > room;
        finish();
        return;
      }
      chunks.push(chunk);
      total += chunk.length;
      clearTimeout(timer);
      timer = setTimeout(() => finish(), options.quietMs);
    };
    const onEnd = (): void => finish();
    const onError = (error: NodeJS.ErrnoException): void => finish(error.code === 'ECONNRESET' ? 'connection reset' : `socket error (${error.code ?? error.message})`);
    const onAbort = (): void => finish(String((options.signal.reason as Error | undefined)?.message ?? 'aborted'));

    function finish(problem?: string): void {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onError);
      options.signal.removeEventListener('abort', onAbort);
      const body = Buffer.concat(chunks, total).toString('utf8');
      // A reply followed by a reset or a quiet period is still a reply; only "nothing at all" is a failure.
      const error = total === 0 ? (problem ?? 'connection closed without a reply') : undefined;
      const observed: ObservedResponse = { kind: 'tcp', headers: {}, body, truncated, ...(error === undefined ? {} : { error }) };
      const silent = total === 0 && problem !== undefined && problem.startsWith('no reply');
      resolve({ observed, outcome: total > 0 ? 'answered' : silent ? 'silent' : 'closed', bytes: total });
    }

    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.once('error', onError);
    options.signal.addEventListener('abort', onAbort, { once: true });
    if (options.signal.aborted) {
      onAbort();
      return;
    }
    socket.write(Buffer.from(request.send, 'latin1'));
  });
}
