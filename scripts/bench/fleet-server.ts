/**
 * The benchmark's servers, in a child process so their CPU and descriptors are not charged to the
 * prober: one listener per (127.x.y.z address, kind), all bound to 127.0.0.0/8 only. Each
 * fixture's answers are rendered to bytes once; a connection's requests are parsed just enough to
 * pick the answer (request line, Host, Content-Length), so the fleet spends a fraction of the
 * prober's CPU per request and the wall time measures the prober, not node:http's server.
 * Exits when the parent disconnects.
 */
import { STATUS_CODES } from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { requestKey } from '../../lambdas/probe/catalog-plan.js';
import { catalog } from '../../lambdas/probe/fingerprints/index.js';
import type { GrpcProbeRequest } from '../../lambdas/probe/fingerprints/types.js';
import { replyTypeOf } from '../../lambdas/probe/grpc-exchange.js';
import { grpcFrame } from '../../test/support/hostile-servers.js';
import tls from 'node:tls';
import { isLoopbackAddress } from '../../lambdas/probe/address-safety.js';
import { answersFor, type Fixture, type RecordedResponse } from '../../test/support/fixture-format.js';
import type { FleetReady, FleetRequest, FleetStats, ListenerSpec } from './fleet-spec.js';

/** Headers that describe the original transfer, not the replayed text body. */
const TRANSFER_HEADERS = new Set(['content-length', 'transfer-encoding', 'content-encoding', 'connection', 'keep-alive']);
/** A request head (or raw TCP line) larger than this is not one the prober sends: hang up. */
const MAX_REQUEST_HEAD = 64 * 1024;

/** A recorded failure (no status) is replayed as a hang-up. */
type Rendered = Buffer | 'hang-up';

/**
 * A recording cut at the recorder's cap is replayed at the size the server sent, its recorded
 * content-length, so the prober reads (and caps) as many bytes as it would from the real server. The bytes
 * past the cut are not known: the recorded ones are repeated, so the classifier searches text like the
 * document's own (blank padding would be skipped at memory speed, making the bench's body searches cheaper
 * than a real page's). Each copy follows a line break, so no copy joins the one before into a new word.
 * A cited excerpt, with no content-length, is replayed as it is.
 */
function replayedBody(answer: RecordedResponse): Buffer {
  const recorded = Buffer.from(answer.body, 'utf8');
  const header = (name: string): string | undefined => Object.entries(answer.headers).find(([key]) => key.toLowerCase() === name)?.[1];
  const sent = Number(header('content-length'));
  const encoded = (header('content-encoding') ?? 'identity') !== 'identity';
  if (!answer.truncated || encoded || !Number.isSafeInteger(sent) || sent <= recorded.length) return recorded;
  const copy = Buffer.concat([Buffer.from('\n'), recorded]);
  const body = Buffer.alloc(sent);
  recorded.copy(body);
  for (let at = recorded.length; at < sent; at += copy.length) copy.copy(body, at);
  return body;
}

function render(answer: RecordedResponse): Rendered {
  if (answer.status === undefined) return 'hang-up';
  const body = replayedBody(answer);
  const lines = [`HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? 'Status'}`];
  for (const [name, value] of Object.entries(answer.headers)) {
    if (!TRANSFER_HEADERS.has(name.toLowerCase())) lines.push(`${name}: ${value.replace(/[\r\n]/g, ' ')}`);
  }
  lines.push(`content-length: ${body.length}`, 'connection: keep-alive', '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]);
}

/** One recorded answer and the request headers its key names (a key's `[name: value; …]` part). */
interface Variant {
  readonly headers: readonly (readonly [string, string])[];
  readonly rendered: Rendered;
}

/** "name: value; name: value" of a request key; values never contain "; " in the catalog. */
function keyHeaders(key: string): [string, string][] {
  const part = /^\S+ \S+ \[([^\]]*)\]/.exec(key)?.[1];
  if (part === undefined) return [];
  return part.split('; ').map((pair) => {
    const colon = pair.indexOf(': ');
    return [pair.slice(0, colon).toLowerCase(), pair.slice(colon + 2)];
  });
}

/**
 * Answers of one fixture by request line ("METHOD path"); where keys differ only by headers (the same
 * path asked with and without a header), the variant whose headers the request carries wins.
 */
function renderFixture(fixture: Fixture): { byRequestLine: Map<string, Variant[]>; fallback: Rendered | 'echo' } {
  return { byRequestLine: renderAnswers(fixture.responses), fallback: renderFallback(fixture) };
}

function renderAnswers(responses: Fixture['responses']): Map<string, Variant[]> {
  const byRequestLine = new Map<string, Variant[]>();
  for (const [key, answer] of Object.entries(responses)) {
    if (key.startsWith('TCP ') || key.startsWith('gRPC ')) continue;
    const [method, path] = key.split(' ', 2);
    const line = `${method} ${path}`;
    const variants = byRequestLine.get(line) ?? [];
    variants.push({ headers: keyHeaders(key), rendered: render(answer) });
    variants.sort((a, b) => b.headers.length - a.headers.length);
    byRequestLine.set(line, variants);
  }
  return byRequestLine;
}

function renderFallback(fixture: Fixture): Rendered | 'echo' {
  if (fixture.fallback === undefined) return render({ status: 404, headers: { 'content-type': 'text/plain' }, body: '404 page not found', truncated: false });
  return fixture.fallback === 'echo' ? 'echo' : render(fixture.fallback);
}

function chooseVariant(variants: readonly Variant[], head: string): Rendered | undefined {
  if (variants.length === 1 && variants[0]!.headers.length === 0) return variants[0]!.rendered;
  const lower = head.toLowerCase();
  return variants.find((variant) => variant.headers.every(([name, value]) => lower.includes(`\r\n${name}: ${value.toLowerCase()}\r\n`) || lower.endsWith(`\r\n${name}: ${value.toLowerCase()}`)))?.rendered;
}

let served = 0;
let connections = 0;

/** HTTP/1.1 replay on a connection: requests answered in order, each after `delayMs`. */
function httpHandler(fixture: Fixture, delayMs: number): (socket: net.Socket) => void {
  const { byRequestLine, fallback } = renderFixture(fixture);
  // Each set of answers a Host may get (`answersFor`), rendered once.
  const answerSets = new Map([[fixture.responses, byRequestLine]]);
  if (fixture.responsesNamingLocalhost !== undefined) answerSets.set(fixture.responsesNamingLocalhost, renderAnswers(fixture.responsesNamingLocalhost));
  return (socket) => {
    let pending: Buffer = Buffer.alloc(0);
    let queue: Promise<void> = Promise.resolve();
    const answer = (requestLine: string, head: string, host: string): void => {
      served += 1;
      const line = requestLine.slice(0, requestLine.lastIndexOf(' '));
      const variants = answerSets.get(answersFor(fixture, host))?.get(line);
      let rendered = (variants === undefined ? undefined : chooseVariant(variants, head)) ?? fallback;
      if (rendered === 'echo') rendered = render({ status: 200, headers: { 'content-type': 'text/plain' }, body: `${line}\r\nhost: ${host}\r\n`, truncated: false });
      const reply = rendered;
      const send = (): void => {
        if (reply === 'hang-up') socket.destroy();
        else if (!socket.destroyed) socket.write(reply);
      };
      if (delayMs > 0) queue = queue.then(() => new Promise<void>((resolve) => setTimeout(() => resolve(send()), delayMs)));
      else send();
    };
    socket.on('data', (data: Buffer) => {
      pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
      for (;;) {
        const headEnd = pending.indexOf('\r\n\r\n');
        if (headEnd < 0) {
          if (pending.length > MAX_REQUEST_HEAD) socket.destroy();
          return;
        }
        const head = pending.toString('latin1', 0, headEnd);
        const bodyLength = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (pending.length < headEnd + 4 + bodyLength) return;
        pending = pending.subarray(headEnd + 4 + bodyLength);
        const lineEnd = head.indexOf('\r\n');
        answer(lineEnd < 0 ? head : head.slice(0, lineEnd), head, /\r\nhost:\s*([^\r]*)/i.exec(head)?.[1] ?? '');
      }
    });
  };
}

/**
 * Raw TCP replay: a recorded greeting (the answer to sending nothing, as Dask's scheduler greets a client) is sent on connect;
 * then each line-protocol command gets its recorded answer; anything else is hung up on.
 */
function tcpHandler(fixture: Fixture): (socket: net.Socket) => void {
  const answers = new Map<string, string>();
  for (const [key, recorded] of Object.entries(fixture.responses)) {
    if (key.startsWith('TCP ') && recorded.error === undefined) answers.set(JSON.parse(key.slice(4)) as string, recorded.body);
  }
  // As Redis reads its inline protocol: a request is a line; one it does not know ends the connection. Redis
  // finds the line end with strchr, which stops at a NUL byte, so a TLS ClientHello (its fourth byte is 0)
  // never ends a line and waits for more, as it keeps a prober waiting on a real Redis.
  const lineEnd = (text: string): number => {
    const end = text.indexOf('\n');
    const nul = text.indexOf('\0');
    return nul >= 0 && nul < end ? -1 : end;
  };
  const greeting = answers.get('');
  return (socket) => {
    if (greeting !== undefined) socket.write(greeting);
    let pending = '';
    socket.on('data', (data: Buffer) => {
      pending += data.toString('latin1');
      for (let end = lineEnd(pending); end >= 0; end = lineEnd(pending)) {
        const answer = answers.get(pending.slice(0, end + 1));
        pending = pending.slice(end + 1);
        if (answer === undefined) {
          socket.destroy();
          return;
        }
        socket.write(answer);
      }
      if (pending.length > MAX_REQUEST_HEAD) socket.destroy();
    });
  };
}

/** The catalog's gRPC requests by key: their reply types turn a recorded answer (JSON) back into its message. */
const grpcRequests = new Map(
  catalog.flatMap((fingerprint) => fingerprint.requests.filter((request): request is GrpcProbeRequest => request.kind === 'grpc')).map((request) => [requestKey(request), request]),
);

/** A recorded gRPC answer as the server sent it: the message encoded again from its JSON, the status in trailers. */
interface GrpcAnswer {
  readonly headers: http2.OutgoingHttpHeaders;
  readonly message?: Buffer;
  readonly trailers?: http2.OutgoingHttpHeaders;
}

function grpcAnswerOf(key: string, recorded: RecordedResponse): GrpcAnswer | undefined {
  const request = grpcRequests.get(key);
  if (recorded.status === undefined || request === undefined) return undefined;
  const { 'grpc-status': status, 'grpc-message': message, ...headers } = recorded.headers;
  const trailers = { ...(status === undefined ? {} : { 'grpc-status': status }), ...(message === undefined || message === '' ? {} : { 'grpc-message': message }) };
  if (recorded.body === '') return { headers: { ...headers, ...trailers, ':status': recorded.status } };
  const type = replyTypeOf(request.reply);
  const bytes = Buffer.from(type.encode(type.fromObject(JSON.parse(recorded.body) as Record<string, unknown>)).finish());
  return { headers: { ...headers, ':status': recorded.status }, message: grpcFrame(bytes), trailers };
}

/** gRPC replay over cleartext HTTP/2: each call gets its recorded answer, any other method UNIMPLEMENTED as a gRPC server answers. */
function grpcHandler(fixture: Fixture): (socket: net.Socket) => void {
  const answers = new Map(Object.entries(fixture.responses).flatMap(([key, recorded]) => (key.startsWith('gRPC ') ? [[key.slice(5), grpcAnswerOf(key, recorded)] as const] : [])));
  const server = http2.createServer();
  server.on('sessionError', () => undefined);
  server.on('stream', (stream, headers) => {
    served += 1;
    stream.on('error', () => undefined);
    const answer = answers.get(String(headers[':path']));
    if (answer === undefined) {
      stream.respond({ ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '12' }, { endStream: true });
      return;
    }
    if (answer.message === undefined) {
      stream.respond(answer.headers, { endStream: true });
      return;
    }
    stream.respond(answer.headers, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers(answer.trailers ?? {}));
    stream.end(answer.message);
  });
  return (socket) => server.emit('connection', socket);
}

type ConnectionHandler = (socket: net.Socket) => void;

function handlers(request: FleetRequest): (spec: ListenerSpec) => ConnectionHandler {
  const shared = new Map<string, ConnectionHandler>();
  return (spec) => {
    const id = `${spec.kind}/${spec.fixture ?? ''}/${spec.delayMs ?? 0}`;
    let handler = shared.get(id);
    if (handler) return handler;
    const fixture = spec.fixture === undefined ? undefined : request.fixtures[spec.fixture];
    if (spec.kind === 'silent' || !fixture) handler = (socket) => socket.resume();
    else if (spec.kind === 'tcp') handler = tcpHandler(fixture);
    else if (spec.kind === 'grpc') handler = grpcHandler(fixture);
    else {
      const http = httpHandler(fixture, spec.delayMs ?? 0);
      if (spec.kind === 'https') {
        const server = tls.createServer({ ...request.certificate }, (secured) => {
          secured.on('error', () => undefined);
          http(secured);
        });
        server.on('tlsClientError', () => undefined);
        handler = (socket) => server.emit('connection', socket);
      } else handler = http;
    }
    shared.set(id, handler);
    return handler;
  };
}

function listen(spec: ListenerSpec, handler: ConnectionHandler): Promise<number> {
  if (!isLoopbackAddress(spec.host)) return Promise.reject(new Error(`refusing to bind ${spec.host}: only 127.0.0.0/8`));
  const server = net.createServer({ noDelay: true }, (socket) => {
    connections += 1;
    socket.on('error', () => undefined);
    handler(socket);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: spec.host, port: 0, backlog: 511 }, () => resolve((server.address() as net.AddressInfo).port));
  });
}

process.on('message', (message) => {
  if (message === 'stats') {
    const cpu = process.cpuUsage();
    process.send?.({ requests: served, connections, cpuMs: (cpu.user + cpu.system) / 1000 } satisfies FleetStats);
    return;
  }
  const request = message as FleetRequest;
  const handlerOf = handlers(request);
  Promise.all(request.listeners.map((spec) => listen(spec, handlerOf(spec)))).then(
    (ports) => process.send?.({ ports } satisfies FleetReady),
    (error: unknown) => {
      process.stderr.write(`fleet: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
});
process.once('disconnect', () => process.exit(0));
