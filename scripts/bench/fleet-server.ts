/**
 * The benchmark's servers, in a child process so their CPU and descriptors are not charged to the
 * prober: one listener per (127.x.y.z address, kind), all bound to 127.0.0.0/8 only. Connections
 * are handed to one shared HTTP(S) server per fixture, so thousands of listeners cost little.
 * Exits when the parent disconnects.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { isLoopbackAddress } from '../../lambdas/probe/address-safety.js';
import type { Fixture, RecordedResponse } from '../../test/support/fixture-format.js';
import type { FleetReady, FleetRequest, ListenerSpec } from './fleet-spec.js';

/** Headers that describe the original transfer, not the replayed text body. */
const TRANSFER_HEADERS = new Set(['content-length', 'transfer-encoding', 'content-encoding', 'connection', 'keep-alive']);

/** The recorded answer for a request: exact key, key with headers/body, then the fixture's fallback. */
function answerFor(fixture: Fixture, method: string, url: string, host: string): RecordedResponse | undefined {
  const prefix = `${method} ${url}`;
  const listed = Object.entries(fixture.responses).find(([key]) => key === prefix || key.startsWith(`${prefix} `));
  if (listed) return listed[1];
  if (fixture.fallback === 'echo') return { status: 200, headers: { 'content-type': 'text/plain' }, body: `${prefix}\r\nhost: ${host}\r\n`, truncated: false };
  return fixture.fallback;
}

function replayHandler(fixture: Fixture, delayMs: number): http.RequestListener {
  return (request, response) => {
    request.resume();
    const answer = answerFor(fixture, request.method ?? 'GET', request.url ?? '/', request.headers.host ?? '');
    const send = (): void => {
      // A recorded failure (no status) is replayed as a hang-up.
      if (answer !== undefined && answer.status === undefined) {
        request.socket.destroy();
        return;
      }
      if (answer === undefined) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found');
        return;
      }
      const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !TRANSFER_HEADERS.has(name.toLowerCase())));
      response.writeHead(answer.status ?? 200, headers).end(answer.body);
    };
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  };
}

/** Raw TCP replay: each line-protocol command gets its recorded answer; anything else is hung up on. */
function tcpHandler(fixture: Fixture): (socket: net.Socket) => void {
  const answers = new Map<string, string>();
  for (const [key, recorded] of Object.entries(fixture.responses)) {
    if (key.startsWith('TCP ') && recorded.error === undefined) answers.set(JSON.parse(key.slice(4)) as string, recorded.body);
  }
  return (socket) => {
    socket.on('data', (data: Buffer) => {
      const answer = answers.get(data.toString('latin1'));
      if (answer === undefined) socket.destroy();
      else socket.write(answer);
    });
  };
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
    else {
      const server =
        spec.kind === 'https'
          ? https.createServer({ ...request.certificate }, replayHandler(fixture, spec.delayMs ?? 0))
          : http.createServer(replayHandler(fixture, spec.delayMs ?? 0));
      server.on('tlsClientError', () => undefined);
      server.on('clientError', (_error, socket) => socket.destroy());
      handler = (socket) => server.emit('connection', socket);
    }
    shared.set(id, handler);
    return handler;
  };
}

function listen(spec: ListenerSpec, handler: ConnectionHandler): Promise<number> {
  if (!isLoopbackAddress(spec.host)) return Promise.reject(new Error(`refusing to bind ${spec.host}: only 127.0.0.0/8`));
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    handler(socket);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: spec.host, port: 0, backlog: 511 }, () => resolve((server.address() as net.AddressInfo).port));
  });
}

process.once('message', (message) => {
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
