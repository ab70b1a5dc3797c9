/**
 * HTTP requests to one target over one kept-alive connection (undici `Client`), with every
 * read bounded: header size and time, body idle time, body bytes before and after decoding.
 * Redirects are never followed: a 3xx is just an observation (its Location is in the headers).
 */
import type net from 'node:net';
import type { Client as UndiciClient, Dispatcher } from 'undici';
import Client from 'undici/lib/dispatcher/client.js';
import undiciErrors from 'undici/lib/core/errors.js';
import type { HttpProbeRequest, ObservedResponse } from './fingerprints/types.js';
import type { ProbeBudgets } from './budgets.js';
import { ArrivingBody } from './arriving-body.js';
import { decodeBody, type DecodedBody } from './decode.js';
import { ConnectError, ExchangeTimeout, ProbeError } from './errors.js';

/**
 * How an exchange ended, for the engine's "does this port speak this protocol?" decisions:
 * - answered: a complete reply (an HTTP status, or TCP bytes);
 * - garbled: the peer sent bytes that are not a valid reply (not HTTP, oversized headers);
 * - closed: the connection ended without a byte (reset, hang-up, failed reconnect);
 * - silent: nothing complete arrived in time.
 */
export type ExchangeOutcome = 'answered' | 'garbled' | 'closed' | 'silent';

export interface Exchange {
  readonly observed: ObservedResponse;
  readonly outcome: ExchangeOutcome;
  /** Bytes charged to the target's byte budget (max of wire and decoded bytes). */
  readonly bytes: number;
}

export interface HttpSessionOptions {
  /** Only for undici's bookkeeping; the socket comes from `openConnection`. */
  readonly origin: string;
  readonly hostHeader: string;
  /** Put before every request's path: '' for the root, or "/prod" for a service mounted there. */
  readonly basePath: string;
  readonly userAgent: string;
  readonly budgets: ProbeBudgets;
  /** A connected transport (TLS already negotiated when the target speaks it). */
  readonly openConnection: () => Promise<net.Socket>;
  readonly signal: AbortSignal;
}

/**
 * The request that ends what a catalog request's answer opened or started: the DELETE of an MCP session
 * (`HttpProbeRequest.opensSession`), a Voilà kernel's shutdown (`Fingerprint.endsWhatItStarts`). The engine's own, never planned.
 */
export interface SessionEndRequest {
  readonly method: 'DELETE' | 'POST';
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: undefined;
  readonly readUntil?: undefined;
}

export interface HttpSession {
  send(request: HttpProbeRequest | SessionEndRequest, byteAllowance: number): Promise<Exchange>;
  close(): Promise<void>;
}

export function createHttpSession(options: HttpSessionOptions): HttpSession {
  const { budgets } = options;
  const client = new Client(options.origin, {
    connect: (_connectOptions, callback) => {
      options.openConnection().then(
        (socket) => callback(null, socket),
        (error: unknown) => callback(error instanceof Error ? error : new ProbeError(String(error)), null),
      );
    },
    pipelining: 1,
    // Header and body deadlines are ours (RequestClock); undici's run on a coarse shared clock.
    headersTimeout: 0,
    bodyTimeout: 0,
    maxHeaderSize: budgets.maxHeaderBytes,
    keepAliveTimeout: budgets.targetTimeoutMs,
    keepAliveMaxTimeout: budgets.targetTimeoutMs,
  });

  // One abort listener per session, not per request: it stops the exchange in flight.
  const inFlight: InFlight = { stop: undefined };
  const onAbort = (): void => inFlight.stop?.(options.signal.reason);
  options.signal.addEventListener('abort', onAbort, { once: true });
  return {
    send: (request, byteAllowance) => send(client, request, byteAllowance, options, inFlight),
    close: async () => {
      options.signal.removeEventListener('abort', onAbort);
      await client.destroy(SESSION_CLOSED).catch(() => undefined);
    },
  };
}

/**
 * The reason given to undici when a session ends: one instance, because undici would otherwise build
 * (and capture a stack trace for) an error per target, and nothing is in flight to receive it.
 */
const SESSION_CLOSED = new ProbeError('probe session closed');

/** The session's exchange in flight (one at a time: the session does not pipeline). */
interface InFlight {
  stop: ((reason: unknown) => void) | undefined;
}

/**
 * Header pairs of a catalog request, built once: Accept, identity encoding (a server that compresses
 * anyway is still decoded under a cap) and the request's own headers. User-Agent and Host are ours and
 * added per exchange.
 */
const requestHeaderPairs = new WeakMap<HttpProbeRequest | SessionEndRequest, readonly string[]>();

function headersFor(request: HttpProbeRequest | SessionEndRequest, userAgent: string, hostHeader: string): string[] {
  let pairs = requestHeaderPairs.get(request);
  if (pairs === undefined) {
    const merged: Record<string, string> = { accept: '*/*', 'accept-encoding': 'identity', ...lowerCaseKeys(request.headers ?? {}) };
    delete merged.host;
    delete merged['user-agent'];
    pairs = Object.entries(merged).flat();
    requestHeaderPairs.set(request, pairs);
  }
  return [...pairs, 'user-agent', userAgent, 'host', hostHeader];
}

/**
 * One request through undici's handler interface: no body stream, async iterator or AbortController
 * per request (the hot path's main cost). Deadlines run on one timer of our own: undici's
 * header/body timeouts tick on a shared clock with about one second of resolution, too coarse for
 * sub-second budgets, so they are turned off.
 */
function send(client: UndiciClient, request: HttpProbeRequest | SessionEndRequest, byteAllowance: number, options: HttpSessionOptions, inFlight: InFlight): Promise<Exchange> {
  const { budgets, signal } = options;
  const cap = Math.min(budgets.maxBodyBytes, byteAllowance);
  const failed = (reason: unknown): Exchange => ({
    observed: { kind: 'http', headers: {}, body: '', truncated: false, error: describeHttpError(reason, budgets) },
    outcome: outcomeOfFailure(reason),
    bytes: 0,
  });
  if (signal.aborted) return Promise.resolve(failed(signal.reason));

  return new Promise<Exchange>((resolve) => {
    let controller: Dispatcher.DispatchController | undefined;
    /** Our deadline or the target's abort, once one fired: it names the failure, not undici's abort error. */
    let stopReason: unknown;
    let head: { readonly status: number; readonly headers: Record<string, string> } | undefined;
    const body = new ArrivingBody(cap);
    const streamEnd = request.readUntil === undefined ? undefined : streamEndSearch(request.readUntil);
    let settled = false;

    const stop = (reason: unknown): void => {
      if (settled || stopReason !== undefined) return;
      stopReason = reason;
      // Not started yet: aborted in onRequestStart, as soon as undici hands the request a socket.
      controller?.abort(reason instanceof Error ? reason : new ProbeError(String(reason)));
    };
    inFlight.stop = stop;
    let phase: 'headers' | 'body' = 'headers';
    const onDeadline = (): void =>
      stop(
        phase === 'headers'
          ? new ExchangeTimeout('headers', `no response headers within ${budgets.headersTimeoutMs} ms`)
          : new ExchangeTimeout('body', `body stalled for ${budgets.bodyTimeoutMs} ms`),
      );
    let timer = setTimeout(onDeadline, budgets.headersTimeoutMs);

    const settle = (exchange: Exchange | Promise<Exchange>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (inFlight.stop === stop) inFlight.stop = undefined;
      resolve(exchange);
    };
    const answered = (wireTruncated: boolean, wireError?: string): Exchange | Promise<Exchange> => {
      const { headers } = head as NonNullable<typeof head>;
      const wire = body.bytes();
      const encoding = headers['content-encoding'];
      // Most answers are not encoded: no stream, no await.
      if (encoding === undefined || wire.length === 0) return exchangeOf(wire, { bytes: wire, truncated: false }, wireTruncated, wireError);
      return decodeBody(wire, encoding, cap).then((decoded) => exchangeOf(wire, decoded, wireTruncated, wireError));
    };
    const exchangeOf = (wire: Buffer, decoded: DecodedBody, wireTruncated: boolean, wireError: string | undefined): Exchange => {
      const { status, headers } = head as NonNullable<typeof head>;
      const error = wireError ?? decoded.error;
      return {
        observed: {
          kind: 'http',
          status,
          headers,
          body: decoded.bytes.toString('utf8'),
          truncated: wireTruncated || decoded.truncated,
          ...(error === undefined ? {} : { error }),
        },
        outcome: 'answered',
        bytes: Math.max(wire.length, decoded.bytes.length),
      };
    };

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart: (started) => {
        controller = started;
        if (stopReason !== undefined) started.abort(stopReason instanceof Error ? stopReason : new ProbeError(String(stopReason)));
      },
      onResponseStart: (_controller, statusCode, headers) => {
        head = { status: statusCode, headers: flattenHeaders(headers) };
        // Headers arrived: from now on the budget is the idle time between body chunks.
        phase = 'body';
        if (budgets.bodyTimeoutMs === budgets.headersTimeoutMs) timer.refresh();
        else {
          clearTimeout(timer);
          timer = setTimeout(onDeadline, budgets.bodyTimeoutMs);
        }
      },
      onResponseData: (current, chunk) => {
        if (settled) return;
        timer.refresh();
        // Past the byte cap, or past the piece cap (chunked encoding allows one-byte chunks, and each piece
        // costs a callback and a search), the body is cut where it is, as a truncated answer.
        const capped = body.length + chunk.length > cap || body.atLastPiece;
        body.append(capped ? chunk.subarray(0, cap - body.length) : chunk);
        if (capped) {
          settle(answered(true));
          // Drops the connection rather than draining the rest.
          current.abort(new ProbeError('body cap reached'));
          return;
        }
        if (streamEnd?.(body.bytes(), chunk.length) === true) {
          settle(answered(false));
          // A stream has no end to wait for; the next request gets a new connection.
          current.abort(new ProbeError('streamed answer complete'));
        }
      },
      onResponseEnd: () => settle(answered(false)),
      onResponseError: (_controller, error) => {
        // Also called after our own abort of an exchange already settled (body cap, stream complete):
        // its answer was built then, and building it again would decode the body twice.
        if (settled) return;
        const reason = stopReason ?? error;
        settle(head === undefined ? failed(reason) : answered(true, `body cut short: ${describeHttpError(reason, budgets)}`));
      },
    };

    try {
      client.dispatch(
        {
          path: `${options.basePath}${request.path}`,
          method: request.method,
          headers: headersFor(request, options.userAgent, options.hostHeader),
          ...(request.body === undefined ? {} : { body: request.body }),
        },
        handler,
      );
    } catch (error) {
      settle(failed(error));
    }
  });
}

/**
 * Whether a streamed answer is complete: any of the request's end markers has arrived. Given the body so far
 * and how many bytes just arrived, it searches only those and a marker's length before them, so a stream
 * sent in small pieces is searched once, not once per piece.
 */
export function streamEndSearch(markers: readonly string[]): (body: Buffer, arrived: number) => boolean {
  const needles = markers.map((marker) => Buffer.from(marker, 'utf8'));
  const overlap = Math.max(0, ...needles.map((needle) => needle.length - 1));
  return (body, arrived) => {
    const fresh = body.subarray(Math.max(0, body.length - arrived - overlap));
    return needles.some((needle) => fresh.includes(needle));
  };
}

function lowerCaseKeys(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function outcomeOfFailure(error: unknown): ExchangeOutcome {
  // No complete headers in time: the port may be hung or filtered, which proves nothing about HTTP.
  if (error instanceof ExchangeTimeout || error instanceof undiciErrors.HeadersTimeoutError) return 'silent';
  if (error instanceof undiciErrors.HTTPParserError || error instanceof undiciErrors.HeadersOverflowError) return 'garbled';
  return 'closed';
}

/** A few words for evidence; never a stack. */
export function describeHttpError(error: unknown, budgets: ProbeBudgets): string {
  if (error instanceof undiciErrors.HeadersTimeoutError) return `no response headers within ${budgets.headersTimeoutMs} ms`;
  if (error instanceof undiciErrors.BodyTimeoutError) return `body stalled for ${budgets.bodyTimeoutMs} ms`;
  if (error instanceof undiciErrors.HeadersOverflowError) return `response headers larger than ${budgets.maxHeaderBytes} bytes`;
  if (error instanceof undiciErrors.SocketError) return 'connection closed by the server';
  if (error instanceof undiciErrors.HTTPParserError) return `not an HTTP response (${error.message})`.slice(0, 160);
  if (error instanceof ConnectError || error instanceof ProbeError) return error.message;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNRESET') return 'connection reset';
    return `${error.name}: ${error.message}`.slice(0, 160);
  }
  return String(error).slice(0, 160);
}
