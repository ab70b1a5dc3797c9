/**
 * One unary gRPC call (`GrpcProbeRequest`) on a fresh connection: an HTTP/2 session with prior knowledge,
 * one stream carrying an empty request message, and a reply read under the same budgets as an HTTP answer
 * (header and idle deadlines, a byte cap, a header-list cap), then decoded by the request's schema.
 */
import http2 from 'node:http2';
import type net from 'node:net';
import protobuf from 'protobufjs/light.js';
import type { GrpcProbeRequest, ObservedResponse } from './fingerprints/types.js';
import type { Exchange, ExchangeOutcome } from './http-exchange.js';
import { ArrivingBody } from './arriving-body.js';

export interface GrpcExchangeOptions {
  /** A connected transport; the call owns it from here and destroys it. */
  readonly openConnection: () => Promise<net.Socket>;
  /** `:authority`, as the Host header of an HTTP request. */
  readonly authority: string;
  readonly userAgent: string;
  /** From the call's start to the reply's headers (the HTTP/2 handshake included). */
  readonly headersTimeoutMs: number;
  /** Idle time between pieces of the reply once its headers came. */
  readonly bodyTimeoutMs: number;
  readonly maxBytes: number;
  readonly maxHeaderBytes: number;
  readonly signal: AbortSignal;
}

/** The request message: gRPC's 5-byte frame header (not compressed, length 0) of an empty message. */
const EMPTY_MESSAGE = Buffer.alloc(5);

/**
 * HTTP/2 settings that keep a hostile peer's cost bounded: no pushed streams, a small session memory
 * (HPACK tables and queued frames), few header pairs. Header bytes are capped by the advertised list size.
 */
const SESSION_LIMITS = { maxSessionMemory: 1, maxHeaderListPairs: 64, maxReservedRemoteStreams: 0, maxSettings: 16, peerMaxConcurrentStreams: 1 } as const;

export async function grpcExchange(request: GrpcProbeRequest, options: GrpcExchangeOptions): Promise<Exchange> {
  let socket: net.Socket;
  try {
    socket = await options.openConnection();
  } catch (error) {
    return failed('closed', error instanceof Error ? error.message : String(error));
  }
  try {
    return await call(socket, request, options);
  } finally {
    socket.destroy();
  }
}

function failed(outcome: ExchangeOutcome, reason: string, bytes = 0): Exchange {
  return { observed: { kind: 'grpc', headers: {}, body: '', truncated: false, error: reason }, outcome, bytes };
}

/** The reply type of `reply`, resolved once per catalog entry (schemas are catalog data, checked by its tests). */
const replyTypes = new WeakMap<GrpcProbeRequest['reply'], protobuf.Type>();

function replyTypeOf(reply: GrpcProbeRequest['reply']): protobuf.Type {
  let type = replyTypes.get(reply);
  if (type === undefined) {
    type = protobuf.Root.fromJSON(reply.schema).lookupType(reply.type);
    replyTypes.set(reply, type);
  }
  return type;
}

/** The reply's first message as JSON, or why it cannot be read (`truncated`: the byte cap cut it). */
export function decodeReply(reply: GrpcProbeRequest['reply'], bytes: Buffer, truncated: boolean): { readonly body: string; readonly error?: string } {
  if (bytes.length === 0) return { body: '' };
  if (bytes.length < 5) return truncated ? { body: '' } : { body: '', error: 'reply message cut short' };
  if (bytes[0] !== 0) return { body: '', error: 'compressed reply message (no compression was offered)' };
  const length = bytes.readUInt32BE(1);
  if (bytes.length < 5 + length) return truncated ? { body: '' } : { body: '', error: 'reply message cut short' };
  const type = replyTypeOf(reply);
  try {
    return { body: JSON.stringify(type.toObject(type.decode(bytes.subarray(5, 5 + length)), { longs: String, enums: String, bytes: String })) };
  } catch (error) {
    return { body: '', error: `reply is not a ${reply.type} message (${error instanceof Error ? error.message.slice(0, 80) : 'undecodable'})` };
  }
}

const flatten = (headers: http2.IncomingHttpHeaders, into: Record<string, string>): void => {
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    into[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
};

function call(socket: net.Socket, request: GrpcProbeRequest, options: GrpcExchangeOptions): Promise<Exchange> {
  return new Promise<Exchange>((resolve) => {
    const reply = new ArrivingBody(options.maxBytes);
    let status: number | undefined;
    const headers: Record<string, string> = {};
    let truncated = false;
    let done = false;
    let phase: 'headers' | 'body' = 'headers';
    const onDeadline = (): void =>
      finish(phase === 'headers' ? `no reply headers within ${options.headersTimeoutMs} ms` : `reply stalled for ${options.bodyTimeoutMs} ms`, true);
    let timer = setTimeout(onDeadline, options.headersTimeoutMs);
    const onAbort = (): void => finish(String((options.signal.reason as Error | undefined)?.message ?? 'aborted'));

    const session = http2.connect('http://probe.invalid', {
      ...SESSION_LIMITS,
      createConnection: () => socket,
      settings: { enablePush: false, maxHeaderListSize: options.maxHeaderBytes },
    });
    const stream = session.request(
      {
        ':method': 'POST',
        ':path': request.method,
        ':authority': options.authority,
        'content-type': 'application/grpc',
        te: 'trailers',
        'user-agent': options.userAgent,
        'grpc-timeout': `${options.headersTimeoutMs}m`,
      },
      { endStream: false },
    );

    function finish(problem?: string, timedOut = false): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      session.destroy();
      const bytesRead = socket.bytesRead;
      if (status === undefined) {
        // Bytes that made no reply: the peer is not an HTTP/2 server (or refused the call without one).
        const outcome: ExchangeOutcome = bytesRead > 0 ? 'garbled' : timedOut ? 'silent' : 'closed';
        resolve(failed(outcome, problem ?? 'connection closed without a reply', bytesRead));
        return;
      }
      const isGrpc = /^application\/grpc\b/.test(headers['content-type'] ?? '');
      const decoded = isGrpc ? decodeReply(request.reply, reply.bytes(), truncated) : { body: reply.bytes().toString('utf8') };
      // Headers then a reset or a stall, without the status trailer: what came is kept, with the reason it is not whole.
      const cutShort = problem !== undefined && !truncated && headers['grpc-status'] === undefined;
      const error = decoded.error ?? (cutShort ? `reply cut short: ${problem}` : undefined);
      const observed: ObservedResponse = { kind: 'grpc', status, headers, body: decoded.body, truncated, ...(error === undefined ? {} : { error }) };
      resolve({ observed, outcome: 'answered', bytes: Math.max(reply.length, bytesRead) });
    }

    session.on('error', (error: NodeJS.ErrnoException) => finish(`HTTP/2 session failed (${error.code ?? error.message})`));
    session.on('goaway', (code: number) => {
      if (status === undefined) finish(`HTTP/2 GOAWAY (code ${code}) before a reply`);
    });
    stream.on('error', (error: NodeJS.ErrnoException) => finish(`gRPC stream failed (${error.code ?? error.message})`));
    stream.on('response', (head) => {
      status = Number(head[':status']);
      flatten(head, headers);
      phase = 'body';
      clearTimeout(timer);
      timer = setTimeout(onDeadline, options.bodyTimeoutMs);
    });
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      timer.refresh();
      const room = options.maxBytes - reply.length;
      const lastPiece = reply.atLastPiece;
      reply.append(chunk.length > room ? chunk.subarray(0, room) : chunk);
      if (chunk.length > room || lastPiece) {
        truncated = true;
        finish();
      }
    });
    stream.on('trailers', (trailers) => flatten(trailers, headers));
    stream.on('end', () => finish());
    stream.on('close', () => finish(stream.rstCode ? `gRPC stream reset (code ${stream.rstCode})` : undefined));
    options.signal.addEventListener('abort', onAbort, { once: true });
    if (options.signal.aborted) {
      onAbort();
      return;
    }
    stream.end(EMPTY_MESSAGE);
  });
}
