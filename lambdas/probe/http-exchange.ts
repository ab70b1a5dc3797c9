/**
 * HTTP requests to one target over one kept-alive connection (undici `Client`), with every
 * read bounded: header size and time, body idle time, body bytes before and after decoding.
 * Redirects are never followed: a 3xx is just an observation (its Location is in the headers).
 */
import type net from 'node:net';
import { Client, errors as undiciErrors } from 'undici';
import type { HttpProbeRequest, ObservedResponse } from './fingerprints/types.js';
import type { ProbeBudgets } from './budgets.js';
import { decodeBody } from './decode.js';
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
  readonly userAgent: string;
  readonly budgets: ProbeBudgets;
  /** A connected transport (TLS already negotiated when the target speaks it). */
  readonly openConnection: () => Promise<net.Socket>;
  readonly signal: AbortSignal;
}

export interface HttpSession {
  send(request: HttpProbeRequest, byteAllowance: number): Promise<Exchange>;
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

  return {
    send: (request, byteAllowance) => send(client, request, byteAllowance, options),
    close: async () => {
      await client.destroy().catch(() => undefined);
    },
  };
}

/**
 * Per-request deadlines on our own timers: undici's header/body timeouts tick on a shared clock
 * with about one second of resolution, too coarse for sub-second budgets, so they are turned off.
 */
class RequestClock {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout;
  private readonly onParentAbort = (): void => this.controller.abort(this.parent.reason);

  constructor(
    private readonly parent: AbortSignal,
    private readonly budgets: ProbeBudgets,
  ) {
    if (parent.aborted) this.controller.abort(parent.reason);
    else parent.addEventListener('abort', this.onParentAbort, { once: true });
    this.timer = setTimeout(
      () => this.controller.abort(new ExchangeTimeout('headers', `no response headers within ${budgets.headersTimeoutMs} ms`)),
      budgets.headersTimeoutMs,
    );
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Headers arrived: from now on the budget is the idle time between body chunks. */
  headersReceived(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(
      () => this.controller.abort(new ExchangeTimeout('body', `body stalled for ${this.budgets.bodyTimeoutMs} ms`)),
      this.budgets.bodyTimeoutMs,
    );
  }

  chunkReceived(): void {
    this.timer.refresh();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.parent.removeEventListener('abort', this.onParentAbort);
  }
}

async function send(client: Client, request: HttpProbeRequest, byteAllowance: number, options: HttpSessionOptions): Promise<Exchange> {
  const { budgets } = options;
  const cap = Math.min(budgets.maxBodyBytes, byteAllowance);
  const clock = new RequestClock(options.signal, budgets);
  try {
    let response: Awaited<ReturnType<Client['request']>>;
    try {
      response = await client.request({
        path: request.path,
        method: request.method,
        headers: {
          accept: '*/*',
          // Ask for no compression; a server that compresses anyway is still decoded under a cap.
          'accept-encoding': 'identity',
          ...lowerCaseKeys(request.headers ?? {}),
          host: options.hostHeader,
          'user-agent': options.userAgent,
        },
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: clock.signal,
      });
    } catch (error) {
      const reason = clock.signal.aborted ? clock.signal.reason : error;
      return {
        observed: { kind: 'http', headers: {}, body: '', truncated: false, error: describeHttpError(reason, budgets) },
        outcome: outcomeOfFailure(reason),
        bytes: 0,
      };
    }
    clock.headersReceived();
    const headers = flattenHeaders(response.headers);
    const wire = await readCapped(response.body, cap, clock, budgets);
    const decoded = await decodeBody(wire.bytes, headers['content-encoding'], cap);
    const error = wire.error ?? decoded.error;
    return {
      observed: {
        kind: 'http',
        status: response.statusCode,
        headers,
        body: decoded.bytes.toString('utf8'),
        truncated: wire.truncated || decoded.truncated,
        ...(error === undefined ? {} : { error }),
      },
      outcome: 'answered',
      bytes: Math.max(wire.bytes.length, decoded.bytes.length),
    };
  } finally {
    clock.dispose();
  }
}

/** Reads at most `cap` bytes, then destroys the body (which drops the connection rather than draining it). */
async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): unknown },
  cap: number,
  clock: RequestClock,
  budgets: ProbeBudgets,
): Promise<{ bytes: Buffer; truncated: boolean; error?: string }> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of body) {
      clock.chunkReceived();
      if (total + chunk.length > cap) {
        chunks.push(chunk.subarray(0, cap - total));
        total = cap;
        body.destroy();
        return { bytes: Buffer.concat(chunks, total), truncated: true };
      }
      chunks.push(chunk);
      total += chunk.length;
    }
    return { bytes: Buffer.concat(chunks, total), truncated: false };
  } catch (error) {
    body.destroy();
    const reason = clock.signal.aborted ? clock.signal.reason : error;
    return { bytes: Buffer.concat(chunks, total), truncated: true, error: `body cut short: ${describeHttpError(reason, budgets)}` };
  }
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
