/**
 * Unary gRPC calls (`GrpcProbeRequest`) to one target on one HTTP/2 session with prior knowledge: each call a
 * stream carrying an empty request message, its reply read under the same budgets as an HTTP answer (header
 * and idle deadlines, a byte cap, a header-list cap), then decoded by the request's schema. The session is
 * opened on the first call and, once broken, again on the next.
 */
import http2 from 'node:http2';
import type net from 'node:net';
import protobuf from 'protobufjs/light.js';
import type { GrpcProbeRequest, ObservedResponse } from './fingerprints/types.js';
import type { Exchange, ExchangeOutcome } from './http-exchange.js';
import { ArrivingBody } from './arriving-body.js';

export interface GrpcSessionOptions {
  /** A connected transport (TLS negotiated with ALPN h2 when `tls`); the session owns it from here and destroys it. */
  readonly openConnection: () => Promise<net.Socket>;
  readonly tls: boolean;
  /** `:authority`, as the Host header of an HTTP request. */
  readonly authority: string;
  readonly userAgent: string;
  /** From a call's start to its reply's headers (the HTTP/2 handshake included, on the first call). */
  readonly headersTimeoutMs: number;
  /** Idle time between pieces of a reply once its headers came. */
  readonly bodyTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxHeaderBytes: number;
  readonly signal: AbortSignal;
}

export interface GrpcSession {
  call(request: GrpcProbeRequest, byteAllowance: number): Promise<Exchange>;
  close(): void;
}

/** The request message: gRPC's 5-byte frame header (not compressed, length 0) of an empty message. */
const EMPTY_MESSAGE = Buffer.alloc(5);

/**
 * HTTP/2 settings that keep a hostile peer's cost bounded: no pushed streams, a small session memory
 * (HPACK tables and queued frames), few header pairs. Header bytes are capped by the advertised list size.
 */
const SESSION_LIMITS = { maxSessionMemory: 1, maxHeaderListPairs: 64, maxReservedRemoteStreams: 0, maxSettings: 16, peerMaxConcurrentStreams: 1 } as const;

export function createGrpcSession(options: GrpcSessionOptions): GrpcSession {
  let open: { readonly socket: net.Socket; readonly session: http2.ClientHttp2Session } | undefined;
  // The call in flight hears of the session's failure (one at a time: calls are sent one after another).
  let failCurrent: ((problem: string) => void) | undefined;
  const connect = async (): Promise<NonNullable<typeof open>> => {
    if (open !== undefined && !open.session.closed && !open.session.destroyed) return open;
    open?.socket.destroy();
    const socket = await options.openConnection();
    const session = http2.connect(options.tls ? 'https://probe.invalid' : 'http://probe.invalid', {
      ...SESSION_LIMITS,
      createConnection: () => socket,
      settings: { enablePush: false, maxHeaderListSize: options.maxHeaderBytes },
    });
    session.on('error', (error: NodeJS.ErrnoException) => failCurrent?.(`HTTP/2 session failed (${error.code ?? error.message})`));
    session.on('goaway', (code: number) => failCurrent?.(`HTTP/2 GOAWAY (code ${code}) before a reply`));
    session.on('close', () => failCurrent?.('connection closed'));
    open = { socket, session };
    return open;
  };
  return {
    call: async (request, byteAllowance) => {
      let connection: NonNullable<typeof open>;
      try {
        connection = await connect();
      } catch (error) {
        return failed('closed', error instanceof Error ? error.message : String(error));
      }
      return call(connection.socket, connection.session, request, { ...options, maxBytes: Math.min(options.maxBodyBytes, byteAllowance) }, (listener) => {
        failCurrent = listener;
      });
    },
    close: () => {
      failCurrent = undefined;
      open?.session.destroy();
      open?.socket.destroy();
      open = undefined;
    },
  };
}

function failed(outcome: ExchangeOutcome, reason: string, bytes = 0): Exchange {
  return { observed: { kind: 'grpc', headers: {}, body: '', truncated: false, error: reason }, outcome, bytes };
}

/** The reply type of `reply`, resolved once per catalog entry (schemas are catalog data, checked by its tests). */
const replyTypes = new WeakMap<GrpcProbeRequest['reply'], protobuf.Type>();

export function replyTypeOf(reply: GrpcProbeRequest['reply']): protobuf.Type {
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

interface CallOptions extends GrpcSessionOptions {
  readonly maxBytes: number;
}

function call(
  socket: net.Socket,
  session: http2.ClientHttp2Session,
  request: GrpcProbeRequest,
  options: CallOptions,
  onSessionFailure: (listener: ((problem: string) => void) | undefined) => void,
): Promise<Exchange> {
  return new Promise<Exchange>((resolve) => {
    const reply = new ArrivingBody(options.maxBytes);
    const bytesBefore = socket.bytesRead;
    let status: number | undefined;
    const headers: Record<string, string> = {};
    let truncated = false;
    let done = false;
    let ended = false;
    let phase: 'headers' | 'body' = 'headers';
    const onDeadline = (): void =>
      finish(phase === 'headers' ? `no reply headers within ${options.headersTimeoutMs} ms` : `reply stalled for ${options.bodyTimeoutMs} ms`, true);
    let timer = setTimeout(onDeadline, options.headersTimeoutMs);
    const onAbort = (): void => finish(String((options.signal.reason as Error | undefined)?.message ?? 'aborted'));

    let stream: http2.ClientHttp2Stream;
    try {
      stream = session.request(
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
    } catch (error) {
      // The session ended between calls (the peer's GOAWAY): no stream can start on it.
      clearTimeout(timer);
      resolve(failed('closed', `HTTP/2 session unusable (${(error as NodeJS.ErrnoException).code ?? 'closed'})`));
      return;
    }

    function finish(problem?: string, timedOut = false): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      onSessionFailure(undefined);
      options.signal.removeEventListener('abort', onAbort);
      // A reply cut at a cap, or not waited for any longer, is cancelled on its own stream: the session stays for the next call.
      if (!ended && !stream.closed) stream.close(http2.constants.NGHTTP2_CANCEL);
      const bytesRead = socket.bytesRead - bytesBefore;
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

    onSessionFailure((problem) => finish(problem));
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
    stream.on('end', () => {
      ended = true;
      finish();
    });
    stream.on('close', () => finish(stream.rstCode ? `gRPC stream reset (code ${stream.rstCode})` : undefined));
    options.signal.addEventListener('abort', onAbort, { once: true });
    if (options.signal.aborted) {
      onAbort();
      return;
    }
    stream.end(EMPTY_MESSAGE);
  });
}
