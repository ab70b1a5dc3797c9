/**
 * Serves a fixture's recorded responses over real HTTP on 127.0.0.1, for
 * products that cannot run in every test run: the probe engine then meets the
 * recorded answers through a real socket, with its budgets and parsing.
 * Unknown path → the fixture's fallback (an echo of the request line and Host header, or a recorded answer)
 * or else 404; known path with another method → 405. A request naming Host: localhost:<port> gets the answers
 * recorded so, where the fixture has them (`responsesNamingLocalhost`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answersFor, type Fixture, type RecordedResponse } from './fixture-format.js';

export interface ReplayServer {
  readonly port: number;
  /** Requests received, as "METHOD /path", for assertions on what the probe sent. */
  readonly received: readonly string[];
  stop(): Promise<void>;
}

/** Headers that describe the original transfer, not the replayed text body. */
const TRANSFER_HEADERS = new Set(['content-length', 'transfer-encoding', 'content-encoding', 'connection', 'keep-alive']);

function lookup(fixture: Fixture, method: string, path: string, host: string | undefined): RecordedResponse | 'wrong-method' | undefined {
  const entries = Object.entries(answersFor(fixture, host));
  const exact = entries.find(([key]) => key === `${method} ${path}` || key.startsWith(`${method} ${path} `));
  if (exact) return exact[1];
  return entries.some(([key]) => key.split(' ')[1] === path) ? 'wrong-method' : undefined;
}

/** What `replay` gives an unlisted request, as a server can give it. */
function fallbackAnswer(fixture: Fixture, method: string, path: string, host: string | undefined): RecordedResponse | undefined {
  const { fallback } = fixture;
  if (fallback !== 'echo') return fallback;
  return { status: 200, headers: { 'content-type': 'text/plain' }, body: `${method} ${path}\r\nhost: ${host ?? ''}\r\n`, truncated: false };
}

export async function startReplayServer(fixture: Fixture): Promise<ReplayServer> {
  const received: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    received.push(`${method} ${path}`);
    req.resume();
    const answer = lookup(fixture, method, path, req.headers.host) ?? fallbackAnswer(fixture, method, path, req.headers.host);
    if (answer === undefined || answer === 'wrong-method' || answer.status === undefined) {
      res.writeHead(answer === 'wrong-method' ? 405 : 404, { 'content-type': 'text/plain' }).end(answer === 'wrong-method' ? 'Method Not Allowed' : '404 page not found');
      return;
    }
    const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !TRANSFER_HEADERS.has(name.toLowerCase())));
    res.writeHead(answer.status, headers).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
