/** One raw TCP exchange (e.g. Redis `PING`): fresh connection, send, read a bounded reply. */
import type net from 'node:net';
import { ArrivingBody } from './arriving-body.js';
import type { ObservedResponse, ReplyFraming, TcpProbeRequest } from './fingerprints/types.js';
import type { Exchange } from './http-exchange.js';

export interface TcpExchangeOptions {
  readonly openConnection: () => Promise<net.Socket>;
  /** Wait this long for the first byte of the reply. */
  readonly firstByteTimeoutMs: number;
  /** After the reply started, this much silence means it is complete (the peer keeps the connection open), unless its framing (`replyEnds`) said so first. */
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

/** How much of a reply's start its framing is looked for in: a reply not framed by then ends on the quiet period. */
const FRAMING_SCAN_BYTES = 4096;

/**
 * The length of the whole reply by its framing, from the bytes at its start (latin1); undefined while they
 * do not say yet, or never will.
 */
export function framedLength(framing: ReplyFraming, start: string): number | undefined {
  const line = framing.line?.exec(start);
  if (line !== null && line !== undefined && line.index === 0) return line[0].length;
  const prefixed = framing.lengthPrefixed;
  const header = prefixed?.header.exec(start);
  if (prefixed === undefined || header === null || header === undefined || header.index !== 0) return undefined;
  const length = header[0].length + Number(header[1]) + prefixed.trailer.length;
  return Number.isSafeInteger(length) ? length : undefined;
}

function exchange(socket: net.Socket, request: TcpProbeRequest, options: TcpExchangeOptions): Promise<Exchange> {
  return new Promise<Exchange>((resolve) => {
    const reply = new ArrivingBody(options.maxBytes);
    let truncated = false;
    // Known once the reply's start shows its framing; the reply is then complete at that many bytes.
    let replyLength: number | undefined;
    let timer = setTimeout(() => finish(`no reply within ${options.firstByteTimeoutMs} ms`), options.firstByteTimeoutMs);

    const onData = (chunk: Buffer): void => {
      const room = options.maxBytes - reply.length;
      const lastPiece = reply.atLastPiece;
      reply.append(chunk.length > room ? chunk.subarray(0, room) : chunk);
      if (request.replyEnds !== undefined && replyLength === undefined && reply.length - chunk.length < FRAMING_SCAN_BYTES) {
        replyLength = framedLength(request.replyEnds, reply.bytes().toString('latin1', 0, FRAMING_SCAN_BYTES));
      }
      if (replyLength !== undefined && reply.length >= replyLength) {
        finish();
        return;
      }
      // At the byte or the piece cap the reply is cut where it is.
      if (chunk.length >= room || lastPiece) {
        truncated = chunk.length > room || lastPiece;
        finish();
        return;
      }
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
      // A framed reply is only its own bytes: what came after it answers nothing that was asked.
      const total = reply.length;
      const body = reply.bytes().toString('utf8', 0, Math.min(total, replyLength ?? total));
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
