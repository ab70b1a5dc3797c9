/**
 * The probe engine against servers that say random things: each one runs a script drawn by
 * fast-check (HTTP fragments that lie about their lengths, encodings and framing, HTTP/2 frames of
 * a gRPC answer in any order, raw bytes, pauses, a FIN, a reset, silence), over plain TCP or TLS, IPv4 or IPv6, on the ports of the
 * real catalog's families, probed with the real catalog. Whatever the script, every target must
 * end with a verdict within its budget, its evidence bounded, and no socket or timer left behind.
 * The seed is fixed, so a run is repeatable; a failure prints the script that broke it.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type net from 'node:net';
import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../lambdas/probe/fingerprints/index.js';
import type { PlanDepth } from '../../../lambdas/probe/classify.js';
import { createProber, type ProbeBudgets } from '../../../lambdas/probe/prober.js';
import { formatHostPort, VERDICTS } from '../../../lambdas/shared/model.js';
import { h2Frame, hpackLiteral, selfSignedCertificate, startRawServer, startRawTlsServer, type Certificate, type LoopbackServer } from '../../support/hostile-servers.js';
import { openSockets, watchProberTimers, within } from '../../support/leaks.js';

const budgets: ProbeBudgets = {
  connectTimeoutMs: 300,
  tlsTimeoutMs: 300,
  headersTimeoutMs: 300,
  bodyTimeoutMs: 300,
  targetTimeoutMs: 900,
  maxBodyBytes: 64 * 1024,
  maxBytesPerTarget: 256 * 1024,
  maxHeaderBytes: 16 * 1024,
  maxConcurrentTargets: 32,
  maxConcurrentPerAddress: 4,
  maxRequestsPerSecondPerAddress: 1_000,
};
/** Scheduling slack on a loaded two-core machine; an unbounded wait would overshoot by seconds. */
const SLACK_MS = 500;
/** A result is stored for years and sent by e-mail: what a server says must not grow it. */
const MAX_RESULT_JSON_BYTES = 16 * 1024;
const TARGETS_PER_RUN = 16;
/** `PROBE_FUZZ_RUNS` and `PROBE_FUZZ_SEED` explore further than the test run's fixed draw. */
const RUNS = Number(process.env['PROBE_FUZZ_RUNS'] ?? 12);
const SEED = Number(process.env['PROBE_FUZZ_SEED'] ?? 20261128);

/** Bytes a server writes, printed by their label when fast-check reports a failing script. */
interface Piece {
  readonly bytes: Buffer;
  readonly [fc.toStringMethod]: () => string;
}

const pieceOf = (bytes: Buffer, label: string): Piece => ({ bytes, [fc.toStringMethod]: () => label });
const labelOf = (text: string, bytes = text.length): string => (text.length > 60 ? `${JSON.stringify(`${text.slice(0, 40)}…`)} (${bytes} bytes)` : JSON.stringify(text));

type Step =
  | { readonly kind: 'write'; readonly pieces: readonly Piece[] }
  | { readonly kind: 'pause'; readonly ms: number }
  | { readonly kind: 'end' }
  | { readonly kind: 'reset' };

interface Script {
  /**
   * An MCP server's first answer, well formed, to an `initialize` (with a session id, fit to send back or
   * not), or the stateless revision's refusal of it: the engine then sends the follow-ups the answer calls
   * for and any session's DELETE, which get the script's steps.
   */
  readonly initializeAnswer?: Piece;
  /** Speaks on connect (a banner) instead of waiting for the request. */
  readonly speaksFirst: boolean;
  readonly steps: readonly Step[];
  /** After its steps: answer the next request with the steps again, go silent, or hang up. */
  readonly then: 'repeat' | 'stall' | 'end';
}

interface Target {
  readonly script: Script;
  readonly port: number;
  readonly tls: boolean;
  /** The inventory said TLS (a load balancer's HTTPS listener): the prober starts with a handshake. */
  readonly tlsExpected: boolean;
  /** An IPv6 target, served on ::1. */
  readonly ipv6: boolean;
}

/** An MCP server's answer to `initialize`, as a Server-Sent Event: what makes the engine send its follow-ups. */
const MCP_INITIALIZE_RESULT = 'event: message\ndata: {"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18","serverInfo":{"name":"x","version":"1"}}}\n\n';
/** A server of MCP's stateless revision only refusing `initialize`: what makes the engine ask `server/discover`. */
const MCP_STATELESS_REFUSAL = '{"jsonrpc":"2.0","error":{"code":-32022,"message":"Unsupported protocol version: 2025-06-18","data":{"supported":["2026-07-28"]}},"id":1}';

/** HTTP/2 header blocks (HPACK): `:status: 200` (static entry 8) with gRPC's content type, and a status trailer. */
const grpcHead = Buffer.concat([Buffer.from([0x88]), hpackLiteral('content-type', 'application/grpc')]);
const grpcStatus = (code: string): Buffer => hpackLiteral('grpc-status', code);
/** ServerMetadataResponse{name: "triton", version: "2.51"} in a gRPC frame. */
const tritonMetadata = Buffer.from('000000000e0a06747269746f6e1204322e3531', 'hex');

/** HTTP/2 frames a gRPC port (or a broken one) may send on the first call's stream (1) or the connection (0). */
const h2Fragments: readonly Buffer[] = [
  h2Frame(0x4, 0, 0, Buffer.alloc(0)),
  h2Frame(0x4, 0x1, 0, Buffer.alloc(0)),
  h2Frame(0x1, 0x4, 1, grpcHead),
  h2Frame(0x1, 0x5, 1, Buffer.concat([grpcHead, grpcStatus('16')])),
  h2Frame(0x1, 0x0, 1, grpcHead),
  h2Frame(0x9, 0x4, 1, grpcStatus('0')),
  h2Frame(0x0, 0x0, 1, tritonMetadata),
  h2Frame(0x0, 0x0, 1, Buffer.from([0, 0xff, 0xff, 0xff, 0xff])),
  h2Frame(0x1, 0x5, 1, grpcStatus('0')),
  h2Frame(0x3, 0, 1, Buffer.from([0, 0, 0, 2])),
  h2Frame(0x7, 0, 0, Buffer.from([0, 0, 0, 0, 0, 0, 0, 2])),
  h2Frame(0x6, 0, 0, Buffer.alloc(8)),
  h2Frame(0x8, 0, 0, Buffer.from([0x7f, 0xff, 0xff, 0xff])),
  h2Frame(0x1, 0x4, 3, grpcHead),
  Buffer.from([0xff, 0xff, 0xff, 0x0, 0x0, 0, 0, 0, 1]),
];

const fragments: readonly (string | Buffer)[] = [
  'HTTP/1.1 200 OK\r\n',
  'HTTP/1.1 401 Unauthorized\r\n',
  'HTTP/1.1 403 Forbidden\r\n',
  'HTTP/1.1 404 Not Found\r\n',
  'HTTP/1.1 302 Found\r\n',
  'HTTP/1.0 200\r\n',
  'HTTP/1.1 100 Continue\r\n\r\n',
  'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
  'HTTP/1.1 999 Weird\r\n',
  'HTTP/9.9 200 OK\r\n',
  'HTTP/1.1 -1\r\n',
  'Content-Length: 0\r\n',
  'Content-Length: 7\r\n',
  'Content-Length: 99999999999\r\n',
  'Content-Length: 5\r\nContent-Length: 6\r\n',
  'Content-Length: abc\r\n',
  'Transfer-Encoding: chunked\r\n',
  'Transfer-Encoding: gzip, chunked\r\n',
  'Content-Encoding: gzip\r\n',
  'Content-Encoding: deflate\r\n',
  'Content-Encoding: br\r\n',
  'Content-Encoding: zstd\r\n',
  'Content-Encoding: gzip, gzip, gzip\r\n',
  'Content-Type: application/json\r\n',
  'Content-Type: text/event-stream\r\n',
  'Content-Type: text/html; charset=utf-16\r\n',
  'Connection: close\r\n',
  'Connection: keep-alive\r\nKeep-Alive: timeout=0\r\n',
  'WWW-Authenticate: Bearer realm="x"\r\n',
  'Mcp-Session-Id: fuzz-session\r\n',
  'Location: http://169.254.169.254/latest/meta-data/\r\n',
  'Set-Cookie: session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl\r\n',
  'Server: uvicorn\r\n',
  'Server: TorchServe/0.12\r\n',
  'X-Bad Header: x\r\n',
  'X-Fold: a\r\n continued\r\n',
  `X-Long: ${'a'.repeat(20_000)}\r\n`,
  '\r\n',
  '\n',
  '\r\n\r\n',
  '{"models":[',
  '{"models":[{"name":"llama3:8b","model":"llama3:8b"}]}',
  '{"object":"list","data":[{"id":"m","object":"model"}]}',
  `{"data":[${Array.from({ length: 300 }, (_, i) => `{"id":"model-${i}-${'x'.repeat(200)}"}`).join(',')}]}`,
  '['.repeat(100_000),
  '0\r\n\r\n',
  '5\r\nhello\r\n',
  'ffffffffffffffff\r\n',
  'zz\r\n',
  MCP_INITIALIZE_RESULT,
  '+PONG\r\n',
  '-NOAUTH Authentication required.\r\n',
  '$-1\r\n',
  '$99999\r\n',
  '<html><title>Jupyter Server</title>',
  Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f]),
  Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
  gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x41)),
  Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0xed, 0xa0, 0x80]),
  Buffer.alloc(64),
  ...h2Fragments,
];

const fragment: fc.Arbitrary<Piece> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .constantFrom(...fragments)
      .map((text) => (typeof text === 'string' ? pieceOf(Buffer.from(text, 'latin1'), labelOf(text)) : pieceOf(text, `bytes ${labelOf(text.toString('hex'), text.length)}`))),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }).map((bytes) => pieceOf(Buffer.from(bytes), `random bytes ${Buffer.from(bytes).toString('hex')}`)) },
);

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: fc.array(fragment, { minLength: 1, maxLength: 4 }).map((pieces) => ({ kind: 'write' as const, pieces })) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 60 }).map((ms) => ({ kind: 'pause' as const, ms })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'end' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
);

const initializeAnswer: fc.Arbitrary<Piece> = fc.oneof(
  fc.option(fc.constantFrom('3f6c0e5a-1b2d-4c8e-9f00-0123456789ab', 'with space', 'x'.repeat(300), '\u007f'), { nil: undefined, freq: 2 }).map((sessionId) => {
    const session = sessionId === undefined ? '' : `mcp-session-id: ${sessionId}\r\n`;
    const answer = `HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n${session}content-length: ${Buffer.byteLength(MCP_INITIALIZE_RESULT)}\r\n\r\n${MCP_INITIALIZE_RESULT}`;
    return pieceOf(Buffer.from(answer, 'latin1'), `MCP initialize answer, session ${JSON.stringify(sessionId ?? null)}`);
  }),
  fc.constant(
    pieceOf(
      Buffer.from(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(MCP_STATELESS_REFUSAL)}\r\n\r\n${MCP_STATELESS_REFUSAL}`, 'latin1'),
      'MCP stateless-only refusal of initialize',
    ),
  ),
);

const script: fc.Arbitrary<Script> = fc
  .record({
    // One server in five is an MCP server until its handshake: random servers rarely get that far.
    mcp: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: initializeAnswer }),
    speaksFirst: fc.boolean(),
    steps: fc.array(step, { minLength: 0, maxLength: 8 }),
    then: fc.constantFrom('repeat' as const, 'stall' as const, 'end' as const),
  })
  .map(({ mcp, ...rest }) => (mcp === undefined ? rest : { ...rest, initializeAnswer: mcp }));

/** The catalog's own ports (each gets its families' plan), one it does not list, and HTTPS's. */
const ports = [...new Set(catalog.flatMap((fingerprint) => fingerprint.defaultPorts))].sort((a, b) => a - b);
const target: fc.Arbitrary<Target> = fc
  .record({ script, port: fc.constantFrom(...ports, 8081, 443), tls: fc.boolean(), tlsExpected: fc.boolean(), ipv6: fc.boolean() })
  .map((drawn) => ({ ...drawn, tlsExpected: drawn.tls && drawn.tlsExpected }));

/** A well-formed answer for the requests an MCP-shaped script gets before its handshake. */
const NOT_FOUND = Buffer.from('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n', 'latin1');

/**
 * Plays `script` on each connection to one server. With an `initializeAnswer`, the server is a well-formed
 * MCP server (404s, then the handshake) until its `initialize` is answered, and the script's after that.
 */
function play(script: Script): (socket: net.Socket) => void {
  let handshakeDone = script.initializeAnswer === undefined;
  return (socket) => {
    let runs = 0;
    let playing = false;
    const run = async (): Promise<void> => {
      runs += 1;
      playing = true;
      for (const next of script.steps) {
        if (socket.destroyed) return;
        if (next.kind === 'write') socket.write(Buffer.concat(next.pieces.map((piece) => piece.bytes)));
        else if (next.kind === 'pause') await new Promise((resolve) => setTimeout(resolve, next.ms));
        else if (next.kind === 'end') return void socket.end();
        // A TLS socket cannot send a reset through its wrapping; it is torn down without close_notify instead.
        else return void (socket instanceof TLSSocket ? socket.destroy() : socket.resetAndDestroy());
      }
      playing = false;
      if (script.then === 'end') socket.end();
    };
    if (script.speaksFirst && handshakeDone) void run();
    socket.on('data', (data: Buffer) => {
      if (socket.destroyed || socket.writableEnded) return;
      if (!handshakeDone) {
        if (data.includes('"method":"initialize"')) {
          handshakeDone = true;
          return void socket.write(script.initializeAnswer!.bytes);
        }
        // A JSON-RPC request's head may come before its body: what it asks is known from the body.
        return void (data.includes('POST /mcp ') ? undefined : socket.write(NOT_FOUND));
      }
      if (playing) return;
      if (runs === 0 || script.then === 'repeat') void run();
    });
  };
}

let certificate: Certificate;
const servers: LoopbackServer[] = [];
beforeAll(() => {
  certificate = selfSignedCertificate('fuzz.internal');
});
afterAll(async () => {
  await Promise.all(servers.map((running) => running.close()));
});

/** Probes one drawn fleet and checks every promise the engine makes about any input. */
async function probeFleet(fleet: readonly Target[], plan: PlanDepth): Promise<void> {
  const hostOf = (t: Target): string => (t.ipv6 ? '::1' : '127.0.0.1');
  const started = await Promise.all(
    fleet.map((t) => (t.tls ? startRawTlsServer(certificate, play(t.script), hostOf(t)) : startRawServer(play(t.script), hostOf(t)))),
  );
  servers.push(...started);
  const inputs = fleet.map((t, index) => ({
    targetId: `fuzz-${index}`,
    address: t.ipv6 ? `2600:1f18::${index + 1}` : `54.214.60.${index + 1}`,
    port: t.port,
    ...(t.tlsExpected ? { tlsExpected: true as const } : {}),
  }));
  const addressMap = new Map(
    inputs.map((input, index) => [formatHostPort(input.address, input.port), { connectHost: hostOf(fleet[index]!), connectPort: started[index]!.port }]),
  );
  const prober = createProber({ catalog, budgets, addressMap });
  const socketsBefore = openSockets();
  const timers = watchProberTimers();
  const t0 = performance.now();
  const results = await prober.probe(inputs, { plan }).finally(() => timers.restore());
  const elapsed = performance.now() - t0;

  expect(elapsed).toBeLessThan(budgets.targetTimeoutMs + SLACK_MS);
  expect(results.map((result) => result.targetId)).toEqual(inputs.map((input) => input.targetId));
  for (const result of results) {
    expect(VERDICTS).toContain(result.verdict);
    expect(result.durationMs).toBeLessThanOrEqual(budgets.targetTimeoutMs + SLACK_MS);
    expect(Buffer.byteLength(JSON.stringify(result))).toBeLessThanOrEqual(MAX_RESULT_JSON_BYTES);
    if (result.verdict === 'unauthenticated' || result.verdict === 'auth-required') expect(result.service).toBeDefined();
  }
  expect(timers.live()).toEqual([]);
  for (const running of started) expect(await within(running.allClosed(), 2_000)).toBe(true);
  expect(openSockets()).toBeLessThanOrEqual(socketsBefore);
  await Promise.all(started.map((running) => running.close()));
}

describe('Prober: servers that say anything', () => {
  it.each(['sweep', 'full'] as const)('ends every target within its budget, with bounded evidence and nothing left open (%s plan)', async (plan) => {
    await fc.assert(
      fc.asyncProperty(fc.array(target, { minLength: TARGETS_PER_RUN, maxLength: TARGETS_PER_RUN }), (fleet) => probeFleet(fleet, plan)),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 120_000);
});
