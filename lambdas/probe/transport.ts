/** TCP and TLS connections to one checked destination, each tracked so none can leak. */
import net from 'node:net';
import tls from 'node:tls';
import { safeField } from '../shared/plain-text.js';
import { ConnectError, expectedOutcome } from './errors.js';

export interface Endpoint {
  /** The checked IP (or the address map's loopback host). Never a DNS name: resolution happened once, before. */
  readonly host: string;
  readonly port: number;
  /** SNI, only when the target is a DNS name. */
  readonly servername?: string;
}

export interface TlsFacts {
  readonly subject?: string;
  readonly issuer?: string;
  readonly validTo?: string;
  readonly selfSigned?: boolean;
  readonly authorized?: boolean;
  readonly error?: string;
}

/** Every socket one target opened; `destroyAll` resolves once each is really closed. */
export class SocketSet {
  private readonly sockets = new Set<net.Socket>();

  track<S extends net.Socket>(socket: S): S {
    this.sockets.add(socket);
    // Consumers attach their own handlers; this one only keeps a late error from crashing the process.
    socket.on('error', () => undefined);
    socket.once('close', () => this.sockets.delete(socket));
    return socket;
  }

  get openCount(): number {
    return this.sockets.size;
  }

  /** The TLS socket now owns this one's handle: its lifecycle is the TLS socket's. */
  handOver(socket: net.Socket): void {
    this.sockets.delete(socket);
  }

  async destroyAll(): Promise<void> {
    const closing = [...this.sockets].map(
      (socket) =>
        new Promise<void>((resolve) => {
          socket.once('close', () => resolve());
          socket.destroy();
        }),
    );
    await Promise.all(closing);
  }
}

const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EHOSTDOWN', 'ENETDOWN']);

function connectErrorOf(error: NodeJS.ErrnoException): ConnectError {
  const code = error.code ?? 'unknown';
  if (code === 'ECONNREFUSED') return expectedOutcome(() => new ConnectError('refused', 'connection refused', { cause: error }));
  if (UNREACHABLE_CODES.has(code)) return expectedOutcome(() => new ConnectError('unreachable', `network unreachable (${code})`, { cause: error }));
  // Accepted, then reset before a byte (a proxy or load balancer with no backend): the port's answer, like a
  // hang-up just after the connect, which of the two is seen being a race; inconclusive, not a probe error.
  if (code === 'ECONNRESET') return expectedOutcome(() => new ConnectError('unreachable', 'the port accepted the connection and reset it at once', { cause: error }));
  return new ConnectError('other', `connect failed (${code})`, { cause: error });
}

/**
 * Settles a socket-level race once: resolves/rejects, always runs `cleanup`, destroys the socket on
 * failure. Aborts reject with the signal's reason (target budget or run interruption).
 */
function settleOnce<T>(
  socket: net.Socket,
  signal: AbortSignal,
  timeoutMs: number,
  onTimeout: () => Error,
  executor: (resolve: (value: T) => void, reject: (error: unknown) => void) => () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let detach: () => void = () => undefined;
    const finish = (settle: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      detach();
      settle();
    };
    const fail = (error: unknown): void =>
      finish(() => {
        socket.destroy();
        reject(error);
      });
    const onAbort = (): void => fail(signal.reason);
    const timer = setTimeout(() => fail(onTimeout()), timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    detach = executor((value) => finish(() => resolve(value)), fail);
    if (signal.aborted) onAbort();
  });
}

/** Opens a TCP connection; rejects with `ConnectError` (or the abort reason). */
export function connectTcp(endpoint: Endpoint, timeoutMs: number, signal: AbortSignal, sockets: SocketSet): Promise<net.Socket> {
  if (signal.aborted) return Promise.reject(signal.reason);
  const socket = sockets.track(net.connect({ host: endpoint.host, port: endpoint.port, noDelay: true }));
  return settleOnce<net.Socket>(
    socket,
    signal,
    timeoutMs,
    () => new ConnectError('unreachable', `no answer to TCP connect within ${timeoutMs} ms`),
    (resolve, reject) => {
      const onConnect = (): void => resolve(socket);
      const onError = (error: NodeJS.ErrnoException): void => reject(connectErrorOf(error));
      socket.once('connect', onConnect);
      socket.once('error', onError);
      return () => {
        socket.off('connect', onConnect);
        socket.off('error', onError);
      };
    },
  );
}

/**
 * Attempts a TLS handshake over a connected socket. Certificate problems do not fail it: the
 * verdict is about the service, and the facts go to evidence. Rejects with a short reason when
 * the peer is not TLS, closes, or stays silent for `timeoutMs`.
 */
export function startTls(
  socket: net.Socket,
  endpoint: Endpoint,
  timeoutMs: number,
  signal: AbortSignal,
  sockets: SocketSet,
  alpn: Alpn = 'http/1.1',
): Promise<{ readonly socket: tls.TLSSocket; readonly facts: TlsFacts }> {
  if (signal.aborted) {
    socket.destroy();
    return Promise.reject(signal.reason);
  }
  sockets.handOver(socket);
  const secure = sockets.track(
    tls.connect({
      socket,
      ...(endpoint.servername === undefined ? {} : { servername: endpoint.servername }),
      rejectUnauthorized: false,
      ALPNProtocols: [alpn],
      secureContext: probeSecureContext(),
    }),
  );
  return settleOnce<{ readonly socket: tls.TLSSocket; readonly facts: TlsFacts }>(
    secure,
    signal,
    timeoutMs,
    () => new ConnectError('unreachable', `no TLS handshake within ${timeoutMs} ms`),
    (resolve, reject) => {
      const onSecure = (): void => resolve({ socket: secure, facts: tlsFactsOf(secure) });
      const onError = (error: NodeJS.ErrnoException): void =>
        reject(new ConnectError('other', `TLS handshake failed (${error.code ?? error.message})`, { cause: error }));
      const onClose = (): void => reject(new ConnectError('other', 'connection closed during TLS handshake'));
      secure.once('secureConnect', onSecure);
      secure.once('error', onError);
      secure.once('close', onClose);
      return () => {
        secure.off('secureConnect', onSecure);
        secure.off('error', onError);
        secure.off('close', onClose);
      };
    },
  ).catch((error: unknown) => {
    socket.destroy();
    throw error;
  });
}

let sharedSecureContext: tls.SecureContext | undefined;
const PROBE_KEY_EXCHANGE_GROUPS = 'X25519:P-256:P-384:P-521';

/**
 * One client context for every handshake (building one per connection loads the CA store each time).
 * A scanner must still recognise old servers, and nothing secret is ever sent: TLS 1.0 and every cipher,
 * and the classic key-exchange groups only. OpenSSL 3.5's default offers a post-quantum hybrid share
 * (X25519MLKEM768) first, which nearly doubles the client's cost of starting a handshake (~430 → ~250 µs
 * measured on Node 24) and protects nothing here; a server that wants another group asks for it (HRR).
 */
function probeSecureContext(): tls.SecureContext {
  sharedSecureContext ??= tls.createSecureContext({ minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0', ecdhCurve: PROBE_KEY_EXCHANGE_GROUPS });
  return sharedSecureContext;
}

/**
 * The one application protocol a handshake offers: HTTP/1.1 for the HTTP plan (a server that picked h2 would
 * not understand it), h2 for gRPC (a gRPC server checks for it and hangs up without it).
 */
export type Alpn = 'http/1.1' | 'h2';

/** A ready transport: TCP, then TLS when the target speaks it. */
export async function openTransport(
  endpoint: Endpoint,
  useTls: boolean,
  budgets: { readonly connectTimeoutMs: number; readonly tlsTimeoutMs: number },
  signal: AbortSignal,
  sockets: SocketSet,
  alpn: Alpn = 'http/1.1',
): Promise<net.Socket> {
  const socket = await connectTcp(endpoint, budgets.connectTimeoutMs, signal, sockets);
  if (!useTls) return socket;
  return (await startTls(socket, endpoint, budgets.tlsTimeoutMs, signal, sockets, alpn)).socket;
}

const MAX_DN_CHARS = 200;

/**
 * "CN=x, O=y, OU=a+b" from `X509Certificate.subject`/`issuer` (one RDN per line, RFC 2253 escapes, several
 * values of one RDN joined by " + "): the attributes in certificate order, the values of a repeated one joined
 * by "+", unescaped, as evidence has always shown them.
 */
function distinguishedName(multiline: string | undefined): string | undefined {
  if (!multiline) return undefined;
  const valuesByName = new Map<string, string[]>();
  for (const attribute of multiline.split(/\n| \+ /)) {
    const equals = attribute.indexOf('=');
    if (equals <= 0) continue;
    const name = attribute.slice(0, equals);
    const value = attribute.slice(equals + 1).replace(/\\(?:([0-9A-Fa-f]{2})|([\s\S]))/g, (_escape, hex: string | undefined, char: string | undefined) =>
      hex === undefined ? (char as string) : String.fromCharCode(Number.parseInt(hex, 16)),
    );
    const values = valuesByName.get(name);
    if (values === undefined) valuesByName.set(name, [value]);
    else values.push(value);
  }
  const text = [...valuesByName].map(([name, values]) => `${name}=${values.join('+')}`).join(', ');
  // A hex escape can hold any byte: control characters are shown escaped, as in excerpts, and a long name is
  // cut between characters (half of a surrogate pair is not UTF-8), with "..." to say so.
  return text === '' ? undefined : safeField(text, MAX_DN_CHARS);
}

/**
 * The certificate facts of a handshake. `getPeerX509Certificate` parses only what is read, where
 * `getPeerCertificate(true)` builds the whole chain as objects with three digests of each certificate
 * (~0.2 ms of a TLS port's ~2.3 ms). Node hands the leaf over once per connection: called once here.
 */
function tlsFactsOf(socket: tls.TLSSocket): TlsFacts {
  const certificate = socket.getPeerX509Certificate();
  const authorizationError = socket.authorizationError as unknown;
  const verification = {
    authorized: socket.authorized,
    ...(authorizationError ? { error: String(authorizationError instanceof Error ? authorizationError.message : authorizationError) } : {}),
  };
  if (certificate === undefined) return verification;
  const validTo = new Date(certificate.validTo);
  return {
    subject: distinguishedName(certificate.subject),
    issuer: distinguishedName(certificate.issuer),
    validTo: Number.isNaN(validTo.getTime()) ? certificate.validTo : validTo.toISOString(),
    // Self-issued (its issuer is its own subject), as OpenSSL decides it when it builds a chain.
    selfSigned: certificate.checkIssued(certificate),
    ...verification,
  };
}
