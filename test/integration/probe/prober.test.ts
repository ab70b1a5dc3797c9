/**
 * The probe engine against real sockets on loopback: well-behaved, hostile and broken servers,
 * reached only through the address map. Each case asserts the verdict, that the target finished
 * within its time budget, and that no socket or timer outlived the probe.
 */
import type http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { formatHostPort } from '../../../lambdas/shared/model.js';
import type { Fingerprint, HttpProbeRequest } from '../../../lambdas/probe/fingerprints/types.js';
import { createProber, USER_AGENT, type AddressMapEntry, type ProbeBudgets, type ProbeInput } from '../../../lambdas/probe/prober.js';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import { catalog as realCatalog } from '../../../lambdas/probe/fingerprints/index.js';
import { planRequests, requestKey, sharedFirstStage } from '../../../lambdas/probe/catalog-plan.js';
import { nextRequests, PlanMemo, type PlanDepth } from '../../../lambdas/probe/classify.js';
import { loadFixtures, replay } from '../../support/fixture-format.js';
import { openSockets, watchProberTimers, within } from '../../support/leaks.js';
import { startReplayServer } from '../../support/replay-server.js';
import { replayStages } from '../../support/staged-replay.js';
import {
  answersEverything,
  banner,
  endlessBody,
  expiredCertificate,
  http09,
  invalidUtf8Json,
  redirectLoop,
  stallsTlsHandshake,
  gzipBomb,
  hugeHeaders,
  oneByteChunks,
  pingPong,
  resetMidBody,
  caIssuedCertificate,
  selfSignedCertificate,
  servesBomb,
  silent,
  slowlorisHeaders,
  startHttpServer,
  startHttpsServer,
  startRawServer,
  startH2Server,
  startH2SecureServer,
  startH2CompatSecureServer,
  grpcAnswer,
  grpcEndlessReply,
  grpcFrame,
  grpcRefusal,
  h2ContinuationFlood,
  h2SettingsThenSilence,
  type LoopbackServer,
} from '../../support/hostile-servers.js';

const toyModelServer: Fingerprint = {
  id: 'toy-model-server',
  name: 'Toy Model Server',
  category: 'model-server',
  defaultPorts: [11434],
  specificity: 100,
  requests: [
    { id: 'root', method: 'GET', path: '/' },
    { id: 'models', method: 'GET', path: '/api/models' },
  ],
  identify: { why: 'Toy banner on GET /', any: [{ on: 'root', bodyRegex: /^Toy AI is running/ }] },
  open: {
    why: 'GET /api/models lists models without credentials',
    all: [
      { on: 'models', status: [200] },
      { on: 'models', bodyContains: '"models"' },
    ],
  },
  authRequired: { why: 'GET /api/models demands credentials', any: [{ on: 'models', status: [401] }] },
  extract: { version: { on: 'root', regex: /version (\S+)/ } },
  severityWhenOpen: 'high',
  remediation: 'Turn on toy auth.',
  references: [],
};

/** Identified only by a long run of decoded 'A's: proves a compressed body was decoded (and capped). */
const toyCompressed: Fingerprint = {
  id: 'toy-compressed',
  name: 'Toy Compressed',
  category: 'ui',
  defaultPorts: [8080],
  specificity: 50,
  requests: [{ id: 'root', method: 'GET', path: '/' }],
  identify: { why: 'decoded body of As', any: [{ on: 'root', bodyRegex: /^A{4096}/ }] },
  open: { why: 'served without credentials', any: [{ on: 'root', status: [200] }] },
  severityWhenOpen: 'low',
  remediation: 'n/a',
  references: [],
};

const toyKeyValue: Fingerprint = {
  id: 'toy-kv',
  name: 'Toy KV',
  category: 'vector-db',
  defaultPorts: [6379],
  specificity: 100,
  requests: [
    { id: 'ping', kind: 'tcp', send: 'PING\r\n', replyEnds: { line: /^\+[^\r\n]*\r\n/ } },
    { id: 'info', kind: 'tcp', send: 'INFO\r\n', replyEnds: { lengthPrefixed: { header: /^\$(\d+)\r\n/, trailer: '\r\n' } } },
  ],
  identify: { why: 'PONG', any: [{ on: 'ping', bodyRegex: /^\+PONG\r\n/ }] },
  open: { why: 'PING answered without AUTH', any: [{ on: 'ping', bodyRegex: /^\+PONG/ }] },
  extract: { version: { on: 'info', regex: /redis_version:(\S+)/ } },
  severityWhenOpen: 'critical',
  remediation: 'Set a password.',
  references: [],
};

const catalog = [toyModelServer, toyCompressed, toyKeyValue];

const toyMetadataType = {
  type: 'toy.Metadata',
  schema: { nested: { toy: { nested: { Metadata: { fields: { name: { type: 'string', id: 1 }, version: { type: 'string', id: 2 } } } } } } },
};

/** A gRPC-only model server: its metadata call names it; a key it wants is UNAUTHENTICATED. */
const toyGrpc: Fingerprint = {
  id: 'toy-grpc',
  name: 'Toy gRPC Model Server',
  category: 'model-server',
  defaultPorts: [50051],
  specificity: 100,
  requests: [
    { id: 'metadata', kind: 'grpc', method: '/toy.Model/Metadata', reply: toyMetadataType },
    { id: 'models', kind: 'grpc', method: '/toy.Model/ListModels', reply: toyMetadataType },
  ],
  identify: {
    why: 'Metadata names toy, or toy asks for its key',
    any: [
      { on: 'metadata', bodyRegex: /^\{"name":"toy"/ },
      { on: 'metadata', header: 'grpc-message', regex: /^toy wants a key$/ },
    ],
  },
  open: { why: 'Metadata answered without credentials', all: [{ on: 'metadata', header: 'grpc-status', regex: /^0$/ }] },
  authRequired: { why: 'toy refused the call: UNAUTHENTICATED', all: [{ on: 'metadata', header: 'grpc-status', regex: /^16$/ }] },
  extract: { version: { on: 'metadata', regex: /"version":"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Turn on toy auth.',
  references: [],
};
const grpcCatalog = [toyModelServer, toyGrpc];
/** toy.Metadata{name: "toy", version: "1.2.3"}, protobuf-encoded. */
const toyMetadata = Buffer.from('0a03746f79120531 2e322e33'.replace(/ /g, ''), 'hex');

const budgets: ProbeBudgets = {
  connectTimeoutMs: 300,
  tlsTimeoutMs: 300,
  headersTimeoutMs: 300,
  bodyTimeoutMs: 300,
  targetTimeoutMs: 800,
  maxBodyBytes: 64 * 1024,
  maxBytesPerTarget: 256 * 1024,
  maxHeaderBytes: 16 * 1024,
  maxConcurrentTargets: 16,
  maxConcurrentPerAddress: 4,
  maxRequestsPerSecondPerAddress: 200,
};
/** Scheduling slack on a loaded two-core machine; an unbounded wait would overshoot by seconds. */
const SLACK_MS = 400;
const PUBLIC_ADDRESS = '54.214.10.20';

const toyHandler =
  (requireKey: boolean): http.RequestListener =>
  (request, response) => {
    if (request.url === '/') {
      response.end('Toy AI is running, version 1.2.3');
      return;
    }
    if (request.url === '/api/models') {
      if (requireKey) {
        response.writeHead(401, { 'www-authenticate': 'Bearer realm="toy"', 'content-type': 'application/json' });
        response.end('{"error":"unauthorized"}');
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"models":["tiny"],"api_key":"sk-live-0123456789abcdefABCDEF"}');
      return;
    }
    response.writeHead(404);
    response.end('not found');
  };

const started: LoopbackServer[] = [];
async function server(start: Promise<LoopbackServer>): Promise<LoopbackServer> {
  const running = await start;
  started.push(running);
  return running;
}
afterAll(async () => {
  await Promise.all(started.map((running) => running.close()));
});

interface ProbeOneOptions {
  readonly address?: string;
  readonly port?: number;
  readonly hostHeader?: string;
  readonly basePath?: string;
  readonly allowPrivate?: boolean;
  readonly budgets?: Partial<ProbeBudgets>;
  readonly tlsExpected?: true;
  readonly plan?: PlanDepth;
  readonly catalog?: readonly Fingerprint[];
}

/** Probes one mapped target and checks the budget and the absence of leaks. */
async function probeOne(target: LoopbackServer | { host: string; port: number }, options: ProbeOneOptions = {}): Promise<ProbeResult> {
  // Prepare
  const address = options.address ?? PUBLIC_ADDRESS;
  const port = options.port ?? 11434;
  const entry: AddressMapEntry = { connectHost: target.host, connectPort: target.port, ...(options.hostHeader ? { hostHeader: options.hostHeader } : {}) };
  const effective = { ...budgets, ...options.budgets };
  const prober = createProber({
    catalog: options.catalog ?? catalog,
    budgets: effective,
    addressMap: new Map([[formatHostPort(address, port), entry]]),
    allowPrivate: options.allowPrivate ?? false,
  });
  const socketsBefore = openSockets();
  const timers = watchProberTimers();
  // Act
  const t0 = performance.now();
  const input = {
    targetId: `t-${address}-${port}`,
    address,
    port,
    ...(options.tlsExpected ? { tlsExpected: options.tlsExpected } : {}),
    ...(options.basePath === undefined ? {} : { basePath: options.basePath }),
  };
  const [result] = await prober.probe([input], options.plan === undefined ? {} : { plan: options.plan }).finally(() => timers.restore());
  const elapsed = performance.now() - t0;
  // Assess: budget, no timer left behind, and no socket once the server saw the close
  expect(elapsed).toBeLessThan(effective.targetTimeoutMs + SLACK_MS);
  expect(result).toBeDefined();
  expect(result?.durationMs).toBeLessThanOrEqual(effective.targetTimeoutMs + SLACK_MS);
  expect(timers.live()).toEqual([]);
  if ('allClosed' in target) expect(await within(target.allClosed(), 2_000)).toBe(true);
  expect(openSockets()).toBeLessThanOrEqual(socketsBefore);
  return result as ProbeResult;
}

describe('Prober: well-behaved services', () => {
  it('finds an open service over plain HTTP, with redacted evidence', async () => {
    const target = await server(startHttpServer(toyHandler(false)));
    const result = await probeOne(target);
    expect(result).toMatchObject({
      targetId: `t-${PUBLIC_ADDRESS}-11434`,
      address: PUBLIC_ADDRESS,
      port: 11434,
      verdict: 'unauthenticated',
      service: { id: 'toy-model-server', name: 'Toy Model Server', category: 'model-server' },
      severity: 'high',
      remediation: 'Turn on toy auth.',
      version: '1.2.3',
      tls: false,
    });
    expect(result.evidence.requests).toEqual(expect.arrayContaining(['GET / → 200', 'GET /api/models → 200']));
    expect(result.evidence.signals).toEqual(['Toy banner on GET /', 'GET /api/models lists models without credentials']);
    expect(result.evidence.excerpt).toContain('"models":["tiny"]');
    expect(result.evidence.excerpt).not.toContain('sk-live');
    expect(result.evidence.tls).toBeUndefined();
    expect(result.partial).toBeUndefined();
    expect(new Date(result.probedAt).toISOString()).toBe(result.probedAt);
  });

  it('reports auth-required with severity low when the service demands credentials', async () => {
    const target = await server(startHttpServer(toyHandler(true)));
    const result = await probeOne(target);
    expect(result).toMatchObject({ verdict: 'auth-required', severity: 'low', service: { id: 'toy-model-server' } });
    expect(result.remediation).toMatch(/demanded credentials/);
    expect(result.evidence.excerpt).toBe('{"error":"unauthorized"}');
  });

  it('sends the default Host header, our User-Agent and asks for no compression', async () => {
    const target = await server(startHttpServer(toyHandler(false)));
    await probeOne(target);
    expect(target.requests.length).toBeGreaterThan(0);
    for (const request of target.requests) {
      expect(request.headers.host).toBe(`${PUBLIC_ADDRESS}:11434`);
      expect(request.headers['user-agent']).toBe(USER_AGENT);
      expect(request.headers['accept-encoding']).toBe('identity');
    }
    expect(USER_AGENT).toMatch(/^ai-exposure-monitor\/\d+\.\d+\.\d+ \(\+security self-scan\)$/);
  });

  it("sends the address map's Host header when it names one", async () => {
    const target = await server(startHttpServer(toyHandler(false)));
    await probeOne(target, { hostHeader: 'localhost' });
    expect(target.requests.map((request) => request.headers.host)).toEqual(target.requests.map(() => 'localhost'));
  });

  it('keeps the requests of one target on one kept-alive connection, with no TLS attempt and no raw TCP on an HTTP port', async () => {
    const target = await server(startHttpServer(toyHandler(false)));
    await probeOne(target);
    expect(target.requests).toHaveLength(2);
    expect(target.accepted()).toBe(1);
  });

  it('probes IPv6 targets like IPv4 ones, with a bracketed Host header', async () => {
    const target = await server(startHttpServer(toyHandler(false), '::1'));
    const result = await probeOne(target, { address: '2600:1f18:abcd::10', port: 11434 });
    expect(result.verdict).toBe('unauthenticated');
    expect(target.requests[0]?.headers.host).toBe('[2600:1f18:abcd::10]:11434');
  });

  it.each([
    ['a name on 443', 'abc.lambda-url.eu-central-1.on.aws', 443, 'abc.lambda-url.eu-central-1.on.aws'],
    ['an address on 80', '54.214.10.20', 80, '54.214.10.20'],
    ['an IPv6 address on 443', '2600:1f18:abcd::10', 443, '[2600:1f18:abcd::10]'],
    ['a name on 8443', 'lb.example.test', 8443, 'lb.example.test:8443'],
  ])('sends the Host header as browsers do, without a default port: %s', async (_case, address, port, host) => {
    const target = await server(startHttpServer(toyHandler(false)));
    await probeOne(target, { address, port });
    expect(new Set(target.requests.map((request) => request.headers.host))).toEqual(new Set([host]));
  });

  it('speaks TLS to a TLS server with a self-signed certificate and records the certificate facts', async () => {
    const target = await server(startHttpsServer(selfSignedCertificate('ai-lab.internal'), toyHandler(false)));
    const result = await probeOne(target);
    expect(result).toMatchObject({ verdict: 'unauthenticated', tls: true, service: { id: 'toy-model-server' } });
    expect(result.evidence.tls).toMatchObject({ subject: 'CN=ai-lab.internal, O=AEM Test', issuer: 'CN=ai-lab.internal, O=AEM Test', selfSigned: true, authorized: false });
    expect(result.evidence.tls?.error).toMatch(/SELF_SIGNED/);
    expect(Date.parse(result.evidence.tls?.validTo ?? '')).toBeGreaterThan(Date.now());
    // An IP-literal target gets no SNI (SNI must not carry an IP address).
    expect(target.servernames.every((name) => name === false)).toBe(true);
  });

  it('records a CA-issued certificate as not self-signed, with its names as written (escaped characters, repeated attributes)', async () => {
    const certificate = caIssuedCertificate('/CN=gpu.example/O=Example "AI", Inc.; <Lab>/OU=ml/OU=lab', '/CN=Example Root CA/O=Example, Inc.');
    const target = await server(startHttpsServer(certificate, toyHandler(false)));
    const result = await probeOne(target);
    expect(result).toMatchObject({ verdict: 'unauthenticated', tls: true });
    expect(result.evidence.tls).toMatchObject({
      subject: 'CN=gpu.example, O=Example "AI", Inc.; <Lab>, OU=ml+lab',
      issuer: 'CN=Example Root CA, O=Example, Inc.',
      selfSigned: false,
      authorized: false,
      error: 'SELF_SIGNED_CERT_IN_CHAIN',
    });
  });

  it('cuts a long certificate name between characters, and says so', async () => {
    // Prepare: 9 characters, then 243 characters, most of them emoji (two UTF-16 units each): a cut at 200 units would halve one
    const certificate = caIssuedCertificate(`/CN=x${`/OU=${'😀'.repeat(60)}`.repeat(4)}`, '/CN=Example Root CA');
    const target = await server(startHttpsServer(certificate, toyHandler(false)));
    // Act
    const result = await probeOne(target);
    // Assess
    const subject = result.evidence.tls?.subject ?? '';
    expect(subject).toMatch(/^CN=x, OU=(?:😀|\+)+\.\.\.$/u);
    expect([...subject]).toHaveLength(200);
  });

  it.each([
    ['TLS 1.3, P-384 only (the prober offers a share for X25519 first: the server asks again)', { ecdhCurve: 'P-384', minVersion: 'TLSv1.3' }],
    ['TLS 1.2 only, P-521 only', { ecdhCurve: 'P-521', maxVersion: 'TLSv1.2' }],
  ] as const)('completes the handshake with a server that takes only some key-exchange groups: %s', async (_case, tlsSettings) => {
    const target = await server(startHttpsServer(selfSignedCertificate('ai-lab.internal'), toyHandler(false), '127.0.0.1', tlsSettings));
    const result = await probeOne(target);
    expect(result).toMatchObject({ verdict: 'unauthenticated', tls: true, service: { id: 'toy-model-server' }, evidence: { tls: { selfSigned: true } } });
  });

  it('starts with the handshake where the inventory saw a TLS listener: one connection, no plaintext request', async () => {
    const target = await server(startHttpsServer(selfSignedCertificate('ai-lab.internal'), toyHandler(false)));
    const result = await probeOne(target, { tlsExpected: true });
    expect(result).toMatchObject({ verdict: 'unauthenticated', tls: true, service: { id: 'toy-model-server' }, evidence: { tls: { selfSigned: true } } });
    expect(target.accepted()).toBe(1);
    expect(target.requests).toHaveLength(2);
  });

  it("sends every request under the target's base path (an API Gateway stage), and finds the service mounted there", async () => {
    // Prepare: the service answers only under /prod, as a stage does; anything else is API Gateway's own 403
    const mounted = toyHandler(false);
    const target = await server(
      startHttpServer((request, response) => {
        if (request.url === '/prod' || request.url?.startsWith('/prod/')) {
          request.url = request.url.slice('/prod'.length) || '/';
          mounted(request, response);
          return;
        }
        response.writeHead(403, { 'content-type': 'application/json' });
        response.end('{"message":"Missing Authentication Token"}');
      }),
    );
    // Act
    const result = await probeOne(target, { basePath: '/prod' });
    // Assess
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-model-server' } });
    expect(target.requests.length).toBeGreaterThan(1);
    expect(target.requests.filter((r) => !r.url.startsWith('/prod/'))).toEqual([]);
  });

  it.each(['prod', '/prod?x=1', '/prod#frag', '/pr od', '/'])('refuses a base path that is not path segments (%j) without connecting', async (basePath) => {
    const target = await server(startHttpServer(toyHandler(false)));
    const result = await probeOne(target, { basePath });
    expect(result).toMatchObject({ verdict: 'error', evidence: { reason: expect.stringMatching(/^invalid base path /) } });
    expect(target.accepted()).toBe(0);
  });

  it('falls back to plaintext when a port said to be TLS does not complete a handshake', async () => {
    const target = await server(startHttpServer(toyHandler(false)));
    const result = await probeOne(target, { tlsExpected: true });
    expect(result).toMatchObject({ verdict: 'unauthenticated', tls: false, service: { id: 'toy-model-server' } });
    expect(result.evidence.tls).toBeUndefined();
    expect(target.accepted()).toBe(2);
  });

  it('identifies a raw TCP service by its line protocol', async () => {
    const target = await server(startRawServer(pingPong));
    const result = await probeOne(target, { port: 6379 });
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-kv' }, severity: 'critical', version: '7.0.15', tls: false });
    expect(result.evidence.requests?.[0]).toBe('TCP "PING\\r\\n" → 7 bytes');
  });

  it("sweeps a raw-TCP service on its own port in its protocol first, so its hang-ups on HTTP are not taken for a TLS port's", async () => {
    let clientHellos = 0;
    const target = await server(
      startRawServer((socket) => {
        socket.once('data', (data: Buffer) => {
          if (data[0] === 0x16) clientHellos += 1;
        });
        pingPong(socket);
      }),
    );
    const result = await probeOne(target, { port: 6379, plan: 'sweep' });
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-kv' }, version: '7.0.15' });
    expect(result.evidence.requests?.[0]).toBe('TCP "PING\\r\\n" → 7 bytes');
    expect(clientHellos).toBe(0);
  });

  it('reads a greeting by sending nothing, and gives up on one after a second, not after the header timeout', async () => {
    const greeter: Fingerprint = {
      ...toyKeyValue,
      id: 'toy-greeter',
      name: 'Toy Greeter',
      defaultPorts: [8786],
      requests: [{ id: 'greeting', kind: 'tcp', send: '' }],
      identify: { why: 'its greeting', any: [{ on: 'greeting', bodyRegex: /^TOY-GREETING / }] },
      open: { why: 'it greets anyone', any: [{ on: 'greeting', bodyRegex: /^TOY-GREETING / }] },
      extract: {},
    };
    const slowBudgets = { headersTimeoutMs: 5_000, targetTimeoutMs: 20_000 };
    const greeting = await server(startRawServer((socket) => socket.write('TOY-GREETING v1\r\n')));
    const greeted = await probeOne(greeting, { port: 8786, catalog: [greeter], budgets: slowBudgets });
    expect(greeted).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-greeter' } });
    expect(greeted.evidence.requests).toContain('TCP "" → 17 bytes');
    // A port that waits for its client to speak first: the greeting read gives up at the greeting wait.
    const mute = await server(startRawServer(() => undefined));
    const unanswered = await probeOne(mute, { port: 8786, catalog: [greeter], budgets: slowBudgets });
    expect(unanswered.evidence.requests).toContain('TCP "" → error: no reply within 1000 ms');
  });

  it('ends a raw TCP reply where its framing says, though the peer keeps the connection open', async () => {
    // The status line comes with bytes nobody asked for; the length-prefixed reply comes in two writes.
    const target = await server(
      startRawServer((socket) =>
        socket.on('data', (data: Buffer) => {
          const text = data.toString('latin1');
          if (text.startsWith('PING')) socket.write('+PONG\r\n+UNASKED\r\n');
          else if (text.startsWith('INFO')) {
            socket.write('$42\r\n# Server\r\nredis_');
            setImmediate(() => socket.write('version:7.0.15\r\nos:Linux\r\n\r\n'));
          } else socket.destroy();
        }),
      ),
    );
    const result = await probeOne(target, { port: 6379 });
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-kv' }, version: '7.0.15' });
    expect(result.evidence.requests).toEqual(expect.arrayContaining(['TCP "PING\\r\\n" → 7 bytes', 'TCP "INFO\\r\\n" → 49 bytes']));
  });
});

describe("Prober: a Host policy's refusal, asked again naming localhost (classify.ts rule 9)", () => {
  const policed: Fingerprint = {
    ...toyModelServer,
    hostPolicy: { why: 'Toy refused the Host header', all: [{ on: 'root', status: [421] }, { on: 'root', bodyContains: 'Toy refuses Host' }] },
  };
  const refusal = 'Toy refused the Host header (a Host/Origin policy, not authentication)';
  /** The toy, behind a Host allowlist: a Host it does not allow gets 421 on every path; `stallsAllowed`: an allowed one gets no answer. */
  const hostPoliced =
    (allowed: (host: string) => boolean, stallsAllowed = false): http.RequestListener =>
    (request, response) => {
      const host = request.headers.host ?? '';
      if (!allowed(host)) {
        response.writeHead(421);
        response.end(`Toy refuses Host ${host}`);
      } else if (!stallsAllowed) toyHandler(false)(request, response);
    };

  it("reads a server that serves its loopback Host by those answers, the refusal first among the signals and their lines first in the evidence", async () => {
    const target = await server(startHttpServer(hostPoliced((host) => host === 'localhost:11434')));
    const result = await probeOne(target, { catalog: [policed] });
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-model-server' }, version: '1.2.3', severity: 'high' });
    expect(result.evidence.signals).toEqual([
      refusal,
      "asked again naming Host: localhost:11434, as any client may (a browser on the server's own host does), it answered:",
      'Toy banner on GET /',
      'GET /api/models lists models without credentials',
    ]);
    expect(result.evidence.requests).toEqual(['GET / (Host: localhost:11434) → 200', 'GET /api/models (Host: localhost:11434) → 200', 'GET / → 421', 'GET /api/models → 421']);
    expect(result.evidence.excerpt).toContain('"models":["tiny"]');
    expect(target.requests.map((request) => request.headers.host)).toEqual([`${PUBLIC_ADDRESS}:11434`, `${PUBLIC_ADDRESS}:11434`, 'localhost:11434', 'localhost:11434']);
  });

  it('keeps the refusal when the loopback Host is refused too, having asked each request once more', async () => {
    const target = await server(startHttpServer(hostPoliced(() => false)));
    const result = await probeOne(target, { catalog: [policed] });
    expect(result.verdict).toBe('not-ai');
    expect(result.service).toBeUndefined();
    expect(result.evidence.signals).toEqual([refusal, 'asked again naming Host: localhost:11434, it identified nothing there either']);
    expect(result.evidence.requests).toEqual(['GET / → 421', 'GET /api/models → 421', 'GET / (Host: localhost:11434) → 421', 'GET /api/models (Host: localhost:11434) → 421']);
    expect(target.requests).toHaveLength(4);
  });

  it("does not claim the loopback Host showed nothing when the target's time ran out first", async () => {
    const target = await server(startHttpServer(hostPoliced((host) => host.startsWith('localhost:'), true)));
    const result = await probeOne(target, { catalog: [policed], budgets: { headersTimeoutMs: 5_000, bodyTimeoutMs: 5_000 } });
    expect(result.verdict).toBe('not-ai');
    expect(result.evidence.signals).toEqual([refusal, "asked again naming Host: localhost:11434, the target's time ran out before it answered"]);
  });

  it('never asks a raw TCP refusal again: no Host header can change it', async () => {
    const deniedKv: Fingerprint = { ...toyKeyValue, hostPolicy: { why: 'Toy KV refused a non-local client', any: [{ on: 'ping', bodyRegex: /^-DENIED/ }] } };
    let asked = 0;
    const target = await server(
      startRawServer((socket) =>
        socket.on('data', () => {
          asked += 1;
          socket.end('-DENIED protected\r\n');
        }),
      ),
    );
    const result = await probeOne(target, { port: 6379, catalog: [deniedKv] });
    expect(result.verdict).toBe('not-ai');
    expect(result.evidence.signals).toEqual(['Toy KV refused a non-local client (a Host/Origin policy, not authentication)']);
    // Its PING and its INFO, once each.
    expect(asked).toBe(2);
  });
});

describe('Prober: closed, silent and hostile ports', () => {
  it('reports a refused connection as closed', async () => {
    const gone = await startRawServer(silent);
    await gone.close();
    const result = await probeOne({ host: gone.host, port: gone.port });
    expect(result).toMatchObject({ verdict: 'closed', evidence: { reason: 'connection refused' } });
  });

  it('reports a port that accepts and never answers as unreachable', async () => {
    const target = await server(startRawServer(silent));
    const result = await probeOne(target);
    expect(result.verdict).toBe('unreachable');
    expect(result.evidence.reason).toMatch(/accepted the connection but sent no complete answer/);
  });

  it('gives up on slowloris headers within the header budget', async () => {
    const target = await server(startRawServer(slowlorisHeaders(20)));
    const result = await probeOne(target);
    expect(result.verdict).toBe('unreachable');
    expect(result.evidence.requests?.[0]).toBe(`GET / → error: no response headers within ${budgets.headersTimeoutMs} ms`);
  });

  it('caps an endless body and still classifies', async () => {
    const target = await server(startHttpServer(endlessBody));
    const result = await probeOne(target);
    expect(result.verdict).toBe('not-ai');
    expect(result.evidence.requests).toEqual(expect.arrayContaining(['GET / → 200', 'GET /api/models → 200']));
  });

  it('decodes a gzip bomb only up to the body cap', async () => {
    const target = await server(startHttpServer(servesBomb(gzipBomb(256))));
    const rssBefore = process.memoryUsage().rss;
    const result = await probeOne(target, { port: 8080 });
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-compressed' } });
    expect(result.evidence.excerpt?.length).toBeLessThanOrEqual(300);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('never follows a redirect, not even to the metadata address or another mapped server', async () => {
    const elsewhere = await server(startHttpServer(toyHandler(false)));
    const target = await server(
      startHttpServer((request, response) => {
        const location = request.url === '/' ? 'http://169.254.169.254/latest/meta-data/' : `http://127.0.0.1:${elsewhere.port}/api/models`;
        response.writeHead(302, { location });
        response.end();
      }),
    );
    const result = await probeOne(target);
    expect(result.verdict).toBe('not-ai');
    expect(result.evidence.requests).toEqual(expect.arrayContaining(['GET / → 302', 'GET /api/models → 302']));
    expect(elsewhere.accepted()).toBe(0);
  });

  it('reads a non-HTTP banner as open but not AI', async () => {
    const target = await server(startRawServer(banner('SSH-2.0-OpenSSH_9.6\r\n')));
    const result = await probeOne(target);
    expect(result.verdict).toBe('not-ai');
    expect(result.evidence.requests?.[0]).toMatch(/^GET \/ → error: not an HTTP response/);
    // The port spoke first and not HTTP: one HTTP attempt is enough.
    expect(result.evidence.requests?.filter((line) => line.startsWith('GET '))).toHaveLength(1);
  });

  it('survives a connection reset in the middle of a body', async () => {
    const target = await server(startRawServer(resetMidBody));
    const result = await probeOne(target);
    expect(result.verdict).toBe('not-ai');
    expect(result.evidence.requests?.[0]).toMatch(/^GET \/ → 200 \(body cut short: /);
  });

  it('refuses a header block larger than the header cap', async () => {
    const target = await server(startRawServer(hugeHeaders));
    const result = await probeOne(target);
    expect(result.verdict).toBe('not-ai');
    expect(result.evidence.requests?.[0]).toBe(`GET / → error: response headers larger than ${budgets.maxHeaderBytes} bytes`);
  });

  it('calls a port that hangs up on everything unreachable (inconclusive), after one HTTP retry', async () => {
    const target = await server(startRawServer((socket) => socket.once('data', () => socket.destroy())));
    const result = await probeOne(target);
    expect(result.verdict).toBe('unreachable');
    expect(result.evidence.reason).toBe('the port accepted connections but closed them without answering');
    expect(result.evidence.requests?.filter((line) => line.startsWith('GET '))).toEqual([
      'GET / → error: connection closed by the server',
      'GET /api/models → error: connection closed by the server',
    ]);
  });

  it('calls a port that resets every connection as it accepts it unreachable (inconclusive), not a probe error', async () => {
    const target = await server(startRawServer((socket) => socket.resetAndDestroy()));
    const result = await probeOne(target);
    expect(result).toMatchObject({ verdict: 'unreachable', evidence: { reason: 'the port accepted the connection and reset it at once' } });
  });

  it('asks a port that answers only the raw protocol one HTTP question', async () => {
    const target = await server(startRawServer(pingPong));
    const result = await probeOne(target, { port: 6379 });
    expect(result.evidence.requests?.filter((line) => line.startsWith('GET '))).toEqual(['GET / → error: connection closed by the server']);
  });
});

describe('Prober: more hostile and broken servers', () => {
  it('makes its evidence from a header block of secret-looking words in bounded time', async () => {
    // Prepare: a 401 whose challenge is 14,000 characters of "x-token". Redaction patterns with a key-character
    // run on each side of the secret words backtracked cubically over it: minutes of CPU, the event loop
    // blocked, so no deadline could fire.
    const challenge = 'x-token'.repeat(2_000);
    const target = await server(
      startHttpServer((request, response) => {
        if (request.url === '/') response.writeHead(200, { 'content-type': 'text/plain' }).end('Toy AI is running version 1.0');
        else response.writeHead(401, { 'www-authenticate': challenge }).end();
      }),
    );
    // Act
    const result = await probeOne(target);
    // Assess (probeOne holds it to the target's budget)
    expect(result).toMatchObject({ verdict: 'auth-required', service: { id: 'toy-model-server' } });
    expect(result.evidence.excerpt).toBe(`www-authenticate: ${challenge.slice(0, 300 - 'www-authenticate: '.length - 1)}…`);
  });

  it('still makes a verdict behind an expired certificate, and records the certificate facts', async () => {
    const target = await server(startHttpsServer(expiredCertificate('old.internal'), toyHandler(false)));
    const result = await probeOne(target);
    expect(result).toMatchObject({ verdict: 'unauthenticated', tls: true, service: { id: 'toy-model-server' } });
    expect(result.evidence.tls).toMatchObject({ subject: 'CN=old.internal', validTo: '2020-02-01T00:00:00.000Z', authorized: false });
    expect(result.evidence.tls?.error).toMatch(/CERT_HAS_EXPIRED|SELF_SIGNED/);
  });

  it.each([
    ['nginx (and ALB)', 'HTTP/1.1 400 Bad Request\r\nServer: nginx\r\nContent-Type: text/html\r\nContent-Length: 48\r\nConnection: close\r\n\r\nThe plain HTTP request was sent to HTTPS port...'],
    ["Go's net/http", 'HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n'],
  ])('tries TLS on a port that answers plaintext as a TLS terminator does: %s', async (_server, refusal) => {
    // The port answers plaintext with its 400 and hangs up, and counts the ClientHellos it is sent.
    let clientHellos = 0;
    const target = await server(startRawServer((socket) => socket.once('data', (data: Buffer) => {
      if (data[0] === 0x16) {
        clientHellos += 1;
        socket.destroy();
      } else socket.end(refusal);
    })));
    const result = await probeOne(target);
    expect(clientHellos).toBe(1);
    expect(result.tls).toBe(false);
  });

  it('takes a 400 on a connection kept open as a plain server\'s own answer: no TLS attempt', async () => {
    const target = await server(startHttpServer((_request, response) => {
      response.writeHead(400, { 'content-type': 'application/json' }).end('{"code": 400, "type": "InvalidKeyException", "message": "Token Authorization failed"}');
    }));
    const result = await probeOne(target);
    expect(result.tls).toBe(false);
    expect(target.accepted()).toBe(1);
    expect(target.requests.length).toBeGreaterThan(1);
  });

  it('decides TLS on first bytes: a plain server is never sent a ClientHello', async () => {
    const target = await server(startRawServer((socket) => socket.once('data', (data: Buffer) => socket.end(data[0] === 0x16 ? '' : 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'))));
    const result = await probeOne(target);
    expect(result.tls).toBe(false);
    expect(result.evidence.requests?.[0]).toBe('GET / → 200');
  });

  it('gives up on a TLS handshake that stalls within the TLS budget, and calls the port unreachable', async () => {
    const target = await server(startRawServer(stallsTlsHandshake));
    const result = await probeOne(target);
    expect(result).toMatchObject({ verdict: 'unreachable', tls: false });
    expect(target.accepted()).toBeGreaterThanOrEqual(2);
  });

  it('does not loop on a redirect loop: each redirect is one observation', async () => {
    const target = await server(startHttpServer(redirectLoop));
    const result = await probeOne(target);
    expect(result.verdict).toBe('not-ai');
    expect(target.requests.map((request) => request.url)).toEqual(['/', '/api/models']);
  });

  it('reads invalid UTF-8 and invalid JSON without failing the target', async () => {
    const target = await server(startHttpServer(invalidUtf8Json));
    const result = await probeOne(target);
    expect(result.verdict).toBe('not-ai');
    expect(result.evidence.requests).toEqual(expect.arrayContaining(['GET / → 200', 'GET /api/models → 200']));
  });

  it('reads an HTTP/0.9 answer (no status line) as not HTTP', async () => {
    const target = await server(startRawServer(http09('Toy AI is running, version 1.2.3\n')));
    const result = await probeOne(target);
    expect(result.verdict).toBe('not-ai');
    expect(result.evidence.requests?.[0]).toMatch(/^GET \/ → error: not an HTTP response/);
  });

  it.each([
    ['JSON', 'application/json', '{"version":"1.0.0","status":"ok","models":[],"data":[],"object":"list"}'],
    ['HTML', 'text/html', '<html><head><title>Welcome</title></head><body>It works</body></html>'],
  ])('does not call a server that answers 200 %s to everything any AI service (real catalog)', async (_kind, contentType, body) => {
    const target = await server(startHttpServer(answersEverything(contentType, body)));
    const prober = createProber({ catalog: realCatalog, budgets, addressMap: new Map([[`${PUBLIC_ADDRESS}:8000`, { connectHost: target.host, connectPort: target.port }]]) });
    const [result] = await prober.probe([{ targetId: 'catch-all', address: PUBLIC_ADDRESS, port: 8000 }]);
    expect(result?.verdict).toBe('not-ai');
    expect(result?.service).toBeUndefined();
    expect(target.accepted()).toBe(1);
  });

  it('releases every socket and timer, and keeps memory bounded, after a batch of hostile targets', async () => {
    const hostile = await Promise.all([
      ...Array.from({ length: 8 }, () => server(startRawServer(silent))),
      ...Array.from({ length: 8 }, () => server(startRawServer(slowlorisHeaders(20)))),
      ...Array.from({ length: 8 }, () => server(startHttpServer(servesBomb(gzipBomb(64))))),
      ...Array.from({ length: 8 }, () => server(startHttpServer(endlessBody))),
      ...Array.from({ length: 8 }, () => server(startRawServer(resetMidBody))),
    ]);
    const inputs = hostile.map((_, index) => ({ targetId: `h${index}`, address: `54.214.50.${index + 1}`, port: 8080 }));
    const addressMap = new Map(inputs.map((input, index) => [`${input.address}:8080`, { connectHost: '127.0.0.1', connectPort: hostile[index]?.port ?? 0 }]));
    const prober = createProber({ catalog, budgets: { ...budgets, maxConcurrentTargets: 40 }, addressMap });
    const socketsBefore = openSockets();
    const rssBefore = process.memoryUsage().rss;
    const timers = watchProberTimers();
    const t0 = performance.now();
    const results = await prober.probe(inputs).finally(() => timers.restore());
    expect(performance.now() - t0).toBeLessThan(budgets.targetTimeoutMs + SLACK_MS);
    expect(results).toHaveLength(40);
    expect(results.every((result) => ['unreachable', 'not-ai', 'unauthenticated'].includes(result.verdict))).toBe(true);
    expect(timers.live()).toEqual([]);
    for (const running of hostile) expect(await within(running.allClosed(), 2_000)).toBe(true);
    expect(openSockets()).toBeLessThanOrEqual(socketsBefore);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(128 * 1024 * 1024);
  });
});

describe('Prober: gRPC', () => {
  const probeGrpc = (target: LoopbackServer, port = 50051): Promise<ProbeResult> => probeOne(target, { port, catalog: grpcCatalog });

  it('finds an open gRPC service on a port that speaks only HTTP/2: its calls on one connection, each an empty message, our User-Agent', async () => {
    const bodies: Buffer[] = [];
    const clientPorts: (number | undefined)[] = [];
    const target = await server(
      startH2Server((stream) => {
        clientPorts.push(stream.session?.socket.remotePort);
        const parts: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => parts.push(chunk));
        stream.on('end', () => bodies.push(Buffer.concat(parts)));
        grpcAnswer(grpcFrame(toyMetadata))(stream);
      }),
    );
    const result = await probeGrpc(target);
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-grpc' }, version: '1.2.3', tls: false, evidence: { excerpt: '{"name":"toy","version":"1.2.3"}' } });
    expect(result.evidence.requests).toContain('gRPC /toy.Model/Metadata → OK');
    const sent = { method: 'POST', headers: expect.objectContaining({ 'content-type': 'application/grpc', te: 'trailers', 'user-agent': USER_AGENT, ':authority': `${PUBLIC_ADDRESS}:50051` }) };
    expect(target.requests).toEqual([
      { ...sent, url: '/toy.Model/Metadata' },
      { ...sent, url: '/toy.Model/ListModels' },
    ]);
    expect(bodies).toEqual([Buffer.alloc(5), Buffer.alloc(5)]);
    expect(new Set(clientPorts).size).toBe(1);
  });

  it('finds it on a port its family does not list, once the port answered no HTTP/1.1', async () => {
    const target = await server(startH2Server(grpcAnswer(grpcFrame(toyMetadata))));
    expect(await probeGrpc(target, 9000)).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-grpc' } });
  });

  it('finds a gRPC service behind TLS on a handshake of its own offering h2, with the certificate facts', async () => {
    const target = await server(startH2SecureServer(selfSignedCertificate('grpc-lab.internal'), grpcAnswer(grpcFrame(toyMetadata))));
    const result = await probeGrpc(target);
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-grpc' }, version: '1.2.3', tls: true, evidence: { tls: { subject: expect.stringMatching(/^CN=grpc-lab\.internal\b/), selfSigned: true } } });
    expect(target.requests.map((request) => request.headers[':scheme'])).toEqual(['https', 'https']);
  });

  it.each([
    ['the inventory saw a TLS listener', true],
    ['its refusal of plaintext looked like TLS', false],
  ] as const)('finds a gRPC service behind TLS that refuses a handshake offering HTTP/1.1 (HTTP/2 only) when %s, with its certificate facts', async (_how, tlsExpected) => {
    const target = await server(startH2SecureServer(selfSignedCertificate('h2-only.internal'), grpcAnswer(grpcFrame(toyMetadata)), { onlyH2: true }));
    const result = await probeOne(target, { port: 50051, catalog: grpcCatalog, ...(tlsExpected ? { tlsExpected } : {}) });
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-grpc' }, tls: true, evidence: { tls: { subject: expect.stringMatching(/^CN=h2-only\.internal\b/) } } });
  });

  it("asks gRPC of an Application Load Balancer whose target group answers HTTP/1.1 with 464 (it wants HTTP/2), on a port no gRPC family lists", async () => {
    const target = await server(
      startH2CompatSecureServer(selfSignedCertificate('alb.internal'), (request, response) => {
        if (request.httpVersionMajor === 1) {
          response.writeHead(464, { 'content-type': 'text/html' }).end('<html><body><p>Incompatible protocol. Please use HTTP/2.</p></body></html>');
          return;
        }
        response.writeHead(200, { 'content-type': 'application/grpc' });
        response.addTrailers({ 'grpc-status': '0' });
        response.end(grpcFrame(toyMetadata));
      }),
    );
    const result = await probeOne(target, { port: 443, catalog: grpcCatalog, tlsExpected: true });
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-grpc' }, version: '1.2.3', tls: true });
    expect(result.evidence.requests).toEqual(expect.arrayContaining(['GET / → 464', 'gRPC /toy.Model/Metadata → OK']));
  });

  it('reads a trailers-only refusal as the service demanding credentials', async () => {
    const target = await server(startH2Server(grpcRefusal(16, 'toy wants a key')));
    const result = await probeGrpc(target);
    expect(result).toMatchObject({ verdict: 'auth-required', service: { id: 'toy-grpc' }, severity: 'low' });
    expect(result.evidence.requests).toContain('gRPC /toy.Model/Metadata → UNAUTHENTICATED (16)');
  });

  it('asks no gRPC of a port that answered HTTP/1.1 when no gRPC family lists it', async () => {
    const target = await server(startHttpServer(toyHandler(false)));
    const result = await probeGrpc(target, 11434);
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-model-server' } });
    expect(result.evidence.requests?.some((line) => line.startsWith('gRPC'))).toBe(false);
  });

  it('holds one socket at a time: the HTTP connection is let go before the gRPC one opens', async () => {
    // Each connection notes how many earlier ones had not ended (or been closed by the server) when it arrived;
    // the prober's FIN is on the wire before its next SYN, and a check after the poll phase sees it read.
    const live = new Set<import('node:net').Socket>();
    const othersOpenAtAccept: number[] = [];
    const http1 = (await import('node:http')).createServer(toyHandler(false));
    const target = await server(
      startRawServer((socket) => {
        live.add(socket);
        socket.once('end', () => live.delete(socket));
        socket.once('close', () => live.delete(socket));
        setImmediate(() => othersOpenAtAccept.push([...live].filter((other) => other !== socket).length));
        http1.emit('connection', socket);
      }),
    );
    const result = await probeGrpc(target);
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-model-server' } });
    expect(result.evidence.requests).toContainEqual(expect.stringMatching(/^gRPC \/toy\.Model\/Metadata → error: /));
    expect(othersOpenAtAccept.length).toBeGreaterThanOrEqual(2);
    expect(othersOpenAtAccept.every((count) => count === 0)).toBe(true);
  });

  it('reads an HTTP/1.1 server on a gRPC port as that, after one refused call', async () => {
    const target = await server(startHttpServer(toyHandler(false)));
    const result = await probeGrpc(target);
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-model-server' } });
    expect(result.evidence.requests).toContainEqual(expect.stringMatching(/^gRPC \/toy\.Model\/Metadata → error: /));
  });

  it.each([
    ['a compressed message it was not offered', grpcAnswer(grpcFrame(toyMetadata, true)), /compressed reply message/],
    ['bytes that are not the reply type', grpcAnswer(grpcFrame(Buffer.from('0aff', 'hex'))), /reply is not a toy\.Metadata message/],
    ['a frame longer than the reply', (stream: import('node:http2').ServerHttp2Stream) => grpcAnswer(grpcFrame(toyMetadata).subarray(0, 9))(stream), /reply message cut short/],
  ])('does not read %s as the service, and says why', async (_kind, answer, reason) => {
    const target = await server(startH2Server(answer));
    const result = await probeGrpc(target);
    expect(result.verdict).toBe('not-ai');
    expect(result.evidence.requests).toContainEqual(expect.stringMatching(new RegExp(`^gRPC /toy\\.Model/Metadata → OK \\(${reason.source}`)));
  });

  it('caps an endless reply at the body cap and finishes', async () => {
    const target = await server(startH2Server(grpcEndlessReply));
    const result = await probeGrpc(target);
    expect(result.verdict).toBe('not-ai');
    expect(result.evidence.requests).toContain('gRPC /toy.Model/Metadata → HTTP 200');
  });

  it('gives up on an HTTP/2 server that never answers the call within the header budget', async () => {
    const target = await server(startRawServer(h2SettingsThenSilence));
    const result = await probeGrpc(target);
    expect(result.verdict).toBe('not-ai');
    expect(result.evidence.requests).toContain(`gRPC /toy.Model/Metadata → error: no reply headers within ${budgets.headersTimeoutMs} ms`);
  });

  it('survives a CONTINUATION flood (a header block that never ends) within its budget and memory', async () => {
    const target = await server(startRawServer(h2ContinuationFlood));
    const rssBefore = process.memoryUsage().rss;
    const result = await probeGrpc(target);
    expect(result.verdict).toBe('not-ai');
    expect(result.evidence.requests).toContainEqual(expect.stringMatching(/^gRPC \/toy\.Model\/Metadata → error: /));
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it.each([
    ['resets the stream', (stream: import('node:http2').ServerHttp2Stream) => stream.close(2)],
    ['sends GOAWAY', (stream: import('node:http2').ServerHttp2Stream) => stream.session?.goaway(2)],
    ['closes the connection', (stream: import('node:http2').ServerHttp2Stream) => stream.session?.destroy()],
  ])('ends with a clear verdict when the server %s instead of answering', async (_what, answer) => {
    const target = await server(startH2Server(answer));
    const result = await probeGrpc(target);
    expect(['not-ai', 'unreachable']).toContain(result.verdict);
    expect(result.evidence.requests ?? [result.evidence.reason]).toContainEqual(expect.stringMatching(/gRPC \/toy\.Model\/Metadata → error: |sent no complete answer|closed them without answering/));
  });
});

describe('Prober: politeness', () => {
  it('spreads requests to one address over time beyond the per-address burst, IPv6 spellings alike', async () => {
    const target = await server(startHttpServer(toyHandler(false), '::1'));
    const addressMap = new Map([
      ['[2600:1f18::10]:11434', { connectHost: '::1', connectPort: target.port }],
      ['[2600:1f18:0:0:0:0:0:10]:8080', { connectHost: '::1', connectPort: target.port }],
    ]);
    // Waits for a request slot count against the target's time budget, so give it room.
    const prober = createProber({ catalog, budgets: { ...budgets, targetTimeoutMs: 3_000, maxRequestsPerSecondPerAddress: 2 }, addressMap });
    const t0 = performance.now();
    const results = await prober.probe([
      { targetId: 'a', address: '2600:1f18::10', port: 11434 },
      { targetId: 'b', address: '2600:1f18:0:0:0:0:0:10', port: 8080 },
    ]);
    // Each spelling alone sends two requests, within the burst of 2; as one address the four must
    // wait for refills (0.5 s a token), which only happens if both spellings share one bucket.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(450);
    expect(results.map((result) => result.verdict)).toEqual(['unauthenticated', 'unauthenticated']);
  });
});

describe('Prober: sessions and follow-ups a request opens', () => {
  /** A handshake whose answer may name a session the server keeps until the client ends it (as MCP's does). */
  const hello: HttpProbeRequest = { id: 'hello', method: 'POST', path: '/session', body: '{"hello":1}', opensSession: { header: 'X-Toy-Session' } };
  const toySessions: Fingerprint = {
    id: 'toy-sessions',
    name: 'Toy Sessions',
    category: 'mcp',
    defaultPorts: [11434],
    specificity: 100,
    requests: [hello],
    identify: { why: 'toy handshake', any: [{ on: 'hello', bodyContains: 'toy-session' }] },
    open: { why: 'handshake answered', any: [{ on: 'hello', status: [200] }] },
    severityWhenOpen: 'high',
    remediation: 'End your sessions.',
    references: [],
  };
  /** Answers the handshake with `sessionId` in its header; what it does with DELETE is `onDelete`'s. */
  const sessionServer = (sessionId: string | undefined, onDelete: http.RequestListener): Promise<LoopbackServer> =>
    server(
      startHttpServer((request, response) => {
        if (request.method === 'DELETE') return onDelete(request, response);
        response.writeHead(request.url === '/session' ? 200 : 404, sessionId === undefined ? {} : { 'x-toy-session': sessionId });
        response.end(request.url === '/session' ? '{"server":"toy-session"}' : 'not found');
      }),
    );
  const deletes = (target: LoopbackServer) => target.requests.filter((request) => request.method === 'DELETE');

  it('ends the session its handshake opened: one DELETE to the same path, carrying the id, and no evidence of it', async () => {
    const target = await sessionServer('3f6c0e5a-1b2d-4c8e-9f00-0123456789ab', (_request, response) => response.writeHead(200).end());
    const result = await probeOne(target, { catalog: [toySessions] });
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-sessions' } });
    expect(deletes(target)).toEqual([expect.objectContaining({ url: '/session', headers: expect.objectContaining({ 'x-toy-session': '3f6c0e5a-1b2d-4c8e-9f00-0123456789ab' }) })]);
    expect(result.evidence.requests?.some((line) => line.startsWith('DELETE'))).toBe(false);
  });

  it.each([
    ['no session', undefined],
    ['an id with a space', 'one two'],
    ['an id longer than 256 characters', 'a'.repeat(257)],
  ])('sends no DELETE for an answer with %s', async (_name, sessionId) => {
    const target = await sessionServer(sessionId, (_request, response) => response.writeHead(200).end());
    const result = await probeOne(target, { catalog: [toySessions] });
    expect(result.verdict).toBe('unauthenticated');
    expect(deletes(target)).toEqual([]);
  });

  it('sends the follow-ups a handshake calls for within the session it opened, reads their answers, then ends the session', async () => {
    // Prepare: the list is served only within the session, as a stateful MCP server's tools/list is
    const listing: Fingerprint = {
      ...toySessions,
      requests: [{ ...hello, followUps: [{ when: [{ on: 'hello', bodyContains: 'toy-session' }], requests: [{ id: 'list', method: 'POST', path: '/list', body: '{}' }] }] }],
      extract: { tools: { on: 'list', path: ['tools', '*'] } },
    };
    const target = await server(
      startHttpServer((request, response) => {
        if (request.url === '/session' && request.method === 'POST') return response.writeHead(200, { 'x-toy-session': 's-42' }).end('{"server":"toy-session"}');
        if (request.url === '/list' && request.headers['x-toy-session'] === 's-42') return response.writeHead(200).end('{"tools":["run_sql","send_email"]}');
        response.writeHead(request.method === 'DELETE' ? 200 : 400).end();
      }),
    );
    // Act
    const result = await probeOne(target, { catalog: [listing] });
    // Assess
    expect(result).toMatchObject({ verdict: 'unauthenticated', evidence: { tools: ['run_sql', 'send_email'], toolCount: 2 } });
    expect(target.requests.map((request) => `${request.method} ${request.url}`)).toEqual(['POST /session', 'POST /list', 'DELETE /session']);
  });

  it('sends no follow-up when the answer does not call for it', async () => {
    const listing: Fingerprint = {
      ...toySessions,
      requests: [{ ...hello, followUps: [{ when: [{ on: 'hello', status: [201] }], requests: [{ id: 'list', method: 'POST', path: '/list', body: '{}' }] }] }],
    };
    const target = await sessionServer(undefined, (_request, response) => response.writeHead(200).end());
    await probeOne(target, { catalog: [listing] });
    expect(target.requests.map((request) => `${request.method} ${request.url}`)).toEqual(['POST /session']);
  });

  describe('a handshake redirected to its path with a slash added (an app mounted there)', () => {
    const mounted: Fingerprint = {
      ...toySessions,
      requests: [{ ...hello, followsSlashRedirect: true, followUps: [{ when: [{ on: 'hello', bodyContains: 'toy-session' }], requests: [{ id: 'list', method: 'POST', path: '/session', body: '{"list":1}' }] }] }],
      extract: { tools: { on: 'list', path: ['tools', '*'] } },
    };
    /** Redirects POST /session with `status` to `location`; serves the handshake and the list at /session/ as a mounted app would. */
    const mountingServer = (status: number, location: string): Promise<LoopbackServer> =>
      server(
        startHttpServer((request, response) => {
          if (request.url === '/session') return response.writeHead(status, { location }).end();
          if (request.url !== '/session/') return response.writeHead(404).end();
          if (request.method === 'DELETE') return response.writeHead(200).end();
          let body = '';
          request.on('data', (chunk: Buffer) => (body += chunk.toString()));
          request.on('end', () => {
            if (body === '{"hello":1}') return response.writeHead(200, { 'x-toy-session': 's-7' }).end('{"server":"toy-session"}');
            if (body === '{"list":1}' && request.headers['x-toy-session'] === 's-7') return response.writeHead(200).end('{"tools":["run_sql"]}');
            response.writeHead(400).end();
          });
        }),
      );
    const sent = (target: LoopbackServer) => target.requests.map((request) => `${request.method} ${request.url}`);

    it.each([
      ['a 307 to the path', 307, '/session/'],
      ['a 308 to the absolute URL of the path, on the Host it was sent', 308, `http://${PUBLIC_ADDRESS}:11434/session/`],
    ])('follows %s once, and sends its follow-ups and the session end there', async (_name, status, location) => {
      const target = await mountingServer(status, location);
      const result = await probeOne(target, { catalog: [mounted] });
      expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-sessions' }, evidence: { tools: ['run_sql'] } });
      expect(sent(target)).toEqual(['POST /session', 'POST /session/', 'POST /session/', 'DELETE /session/']);
    });

    it.each([
      ['a 302', 302, '/session/'],
      ['a redirect to another path', 307, '/login/'],
      ['a redirect to the path with a query', 307, '/session/?next=1'],
      ['a redirect to a path the slash does not end', 307, '/session/x'],
    ])('does not follow %s', async (_name, status, location) => {
      const target = await mountingServer(status, location);
      const result = await probeOne(target, { catalog: [mounted] });
      expect(result.verdict).toBe('not-ai');
      expect(sent(target)).toEqual(['POST /session']);
    });

    it('does not follow it for a request that does not ask to', async () => {
      const target = await mountingServer(307, '/session/');
      await probeOne(target, { catalog: [{ ...mounted, requests: [hello] }] });
      expect(sent(target)).toEqual(['POST /session']);
    });
  });

  it('keeps its verdict and its budget when the server never answers the DELETE', async () => {
    const target = await sessionServer('s-1', () => undefined);
    const result = await probeOne(target, { catalog: [toySessions] });
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'toy-sessions' } });
    expect(deletes(target)).toHaveLength(1);
  });
});

describe('Prober: destinations', () => {
  it('refuses a target that is not in the address map, without connecting', async () => {
    const target = await server(startHttpServer(toyHandler(false)));
    const prober = createProber({ catalog, budgets, addressMap: new Map([[`${PUBLIC_ADDRESS}:11434`, { connectHost: '127.0.0.1', connectPort: target.port }]]) });
    const [result] = await prober.probe([{ targetId: 'x', address: '54.214.10.21', port: 11434 }]);
    expect(result).toMatchObject({ verdict: 'error', evidence: { reason: 'not in address map' } });
    expect(target.accepted()).toBe(0);
  });

  it('refuses a private address unless private destinations are allowed', async () => {
    const target = await server(startHttpServer(toyHandler(false)));
    const refused = await probeOne(target, { address: '10.0.0.5' });
    expect(refused.verdict).toBe('error');
    expect(refused.evidence.reason).toBe('refused destination: 10.0.0.5 is a private address (RFC 1918)');
    expect(target.accepted()).toBe(0);
    const allowed = await probeOne(target, { address: '10.0.0.5', allowPrivate: true });
    expect(allowed.verdict).toBe('unauthenticated');
  });

  it('accepts a documentation address as the name of a mapped sample host, and refuses it unmapped', async () => {
    const target = await server(startHttpServer(toyHandler(false)));
    const mapped = await probeOne(target, { address: '203.0.113.7' });
    expect(mapped.verdict).toBe('unauthenticated');
    const [unmapped] = await createProber({ catalog, budgets }).probe([{ targetId: 'doc', address: '203.0.113.7', port: 80 }]);
    expect(unmapped?.evidence.reason).toBe('refused destination: 203.0.113.7 is a documentation address');
  });

  it('refuses loopback and the metadata address without an address map, without connecting', async () => {
    const target = await server(startHttpServer(toyHandler(false)));
    const prober = createProber({ catalog, budgets });
    const results = await prober.probe([
      { targetId: 'a', address: '127.0.0.1', port: target.port },
      { targetId: 'b', address: '169.254.169.254', port: 80 },
      { targetId: 'c', address: '::ffff:127.0.0.1', port: target.port },
    ]);
    expect(results.map((result) => result.verdict)).toEqual(['error', 'error', 'error']);
    expect(results[1]?.evidence.reason).toContain('instance metadata');
    expect(target.accepted()).toBe(0);
  });

  it('resolves a DNS name once, connects to the checked address and sends the name as Host and SNI', async () => {
    const target = await server(startHttpsServer(selfSignedCertificate('lb.example.test'), toyHandler(false)));
    const lookups: string[] = [];
    const prober = createProber({
      catalog,
      budgets,
      allowPrivate: true,
      resolve: async (hostname) => {
        lookups.push(hostname);
        return ['127.0.0.1'];
      },
    });
    const [result] = await prober.probe([{ targetId: 'lb', address: 'lb.example.test', port: target.port }]);
    expect(result).toMatchObject({ verdict: 'unauthenticated', tls: true });
    expect(lookups).toEqual(['lb.example.test']);
    expect(target.requests[0]?.headers.host).toBe(`lb.example.test:${target.port}`);
    expect(target.servernames[0]).toBe('lb.example.test');
  });

  it.each([
    [['127.0.0.1'], 'resolves to 127.0.0.1 is a loopback address'],
    [['54.214.10.20', '10.1.2.3'], 'resolves to 10.1.2.3 is a private address'],
    [['169.254.169.254'], 'instance metadata'],
    [[], 'resolved to no address'],
  ])('refuses a DNS name that resolves to %j', async (answers, reason) => {
    const prober = createProber({ catalog, budgets, resolve: async () => answers });
    const [result] = await prober.probe([{ targetId: 'lb', address: 'rebind.example.test', port: 80 }]);
    expect(result?.verdict).toBe('error');
    expect(result?.evidence.reason).toContain(reason);
  });

  it('reports a failed DNS resolution as an error', async () => {
    const prober = createProber({
      catalog,
      budgets,
      resolve: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
      },
    });
    const [result] = await prober.probe([{ targetId: 'lb', address: 'gone.example.test', port: 80 }]);
    expect(result).toMatchObject({ verdict: 'error', evidence: { reason: 'DNS resolution of gone.example.test failed (ENOTFOUND)' } });
  });

  it.each([
    [{ targetId: 'p0', address: PUBLIC_ADDRESS, port: 0 }, 'invalid port 0'],
    [{ targetId: 'p1', address: PUBLIC_ADDRESS, port: 70_000 }, 'invalid port 70000'],
    [{ targetId: 'p2', address: '', port: 80 }, 'empty address'],
    [{ targetId: 'p3', address: 'http://x', port: 80 }, 'not a plain IP address'],
  ])('reports malformed input %j as an error instead of throwing', async (input: ProbeInput, reason) => {
    const prober = createProber({ catalog, budgets });
    const [result] = await prober.probe([input]);
    expect(result?.verdict).toBe('error');
    expect(result?.evidence.reason).toContain(reason);
  });

  it('rejects an address map that points anywhere but loopback', () => {
    expect(() => createProber({ catalog, addressMap: new Map([['54.1.2.3:80', { connectHost: '10.0.0.1', connectPort: 80 }]]) })).toThrow(
      /connectHost "10.0.0.1" is not on 127.0.0.0\/8 or ::1/,
    );
    expect(() => createProber({ catalog, addressMap: new Map([['54.1.2.3:80', { connectHost: 'localhost', connectPort: 80 }]]) })).toThrow(/not on 127/);
    expect(() => createProber({ catalog: [] })).toThrow(/catalog is empty/);
  });
});

describe('Prober: runs, concurrency and deadlines', () => {
  const silentTargets = async (count: number, sameAddress: boolean) => {
    const servers = await Promise.all(Array.from({ length: count }, () => server(startRawServer(silent))));
    const inputs = servers.map((_, index) => ({ targetId: `s${index}`, address: sameAddress ? PUBLIC_ADDRESS : `54.214.20.${index + 1}`, port: 1000 + index }));
    const addressMap = new Map(inputs.map((input, index) => [formatHostPort(input.address, input.port), { connectHost: '127.0.0.1', connectPort: servers[index]?.port ?? 0 }]));
    return { servers, inputs, addressMap };
  };
  // A silent target costs at least headersTimeoutMs (no TLS attempt: silence is not a TLS refusal).
  const fast = { ...budgets, tlsTimeoutMs: 100, headersTimeoutMs: 100, targetTimeoutMs: 600 };

  it('returns one result per input, in input order, and reports each through onResult', async () => {
    const open = await server(startHttpServer(toyHandler(false)));
    const gone = await startRawServer(silent);
    await gone.close();
    const addressMap = new Map([
      ['54.214.30.1:11434', { connectHost: '127.0.0.1', connectPort: open.port }],
      ['54.214.30.2:11434', { connectHost: '127.0.0.1', connectPort: gone.port }],
    ]);
    const prober = createProber({ catalog, budgets, addressMap });
    const seen: string[] = [];
    const results = await prober.probe(
      [
        { targetId: 'open', address: '54.214.30.1', port: 11434 },
        { targetId: 'unmapped', address: '54.214.30.9', port: 11434 },
        { targetId: 'closed', address: '54.214.30.2', port: 11434 },
      ],
      { onResult: (result) => seen.push(result.targetId) },
    );
    expect(results.map((result) => [result.targetId, result.verdict])).toEqual([
      ['open', 'unauthenticated'],
      ['unmapped', 'error'],
      ['closed', 'closed'],
    ]);
    expect([...seen].sort()).toEqual(['closed', 'open', 'unmapped']);
  });

  it('probes no more targets at once than maxConcurrentTargets', async () => {
    const { inputs, addressMap } = await silentTargets(6, false);
    const serial = createProber({ catalog, budgets: { ...fast, maxConcurrentTargets: 2 }, addressMap });
    const parallel = createProber({ catalog, budgets: { ...fast, maxConcurrentTargets: 6 }, addressMap });
    const t0 = performance.now();
    const serialResults = await serial.probe(inputs);
    const serialMs = performance.now() - t0;
    const t1 = performance.now();
    await parallel.probe(inputs);
    const parallelMs = performance.now() - t1;
    expect(serialResults.every((result) => result.verdict === 'unreachable')).toBe(true);
    // Three rounds of two silent targets, each at least headersTimeoutMs.
    expect(serialMs).toBeGreaterThanOrEqual(3 * fast.headersTimeoutMs);
    expect(parallelMs).toBeLessThan(serialMs);
  });

  it('starts the targets unanswered last scan first, but leaves a quarter of the sockets to the others', async () => {
    // Prepare: four silent ports the last scan saw unanswered, listed before an open service, and 4 sockets.
    const { inputs, addressMap } = await silentTargets(4, false);
    const open = await server(startHttpServer(toyHandler(false)));
    const prober = createProber({
      catalog,
      budgets: { ...fast, maxConcurrentTargets: 4 },
      addressMap: new Map([...addressMap, ['54.214.31.1:11434', { connectHost: '127.0.0.1', connectPort: open.port }]]),
    });
    const finished: string[] = [];

    // Act
    const results = await prober.probe([...inputs.map((input) => ({ ...input, unansweredLastScan: true as const })), { targetId: 'open', address: '54.214.31.1', port: 11434 }], {
      onResult: (result) => finished.push(result.targetId),
    });

    // Assess: three silent ports hold their share, the fourth socket probes the open service at once.
    expect(finished[0]).toBe('open');
    expect(results.map((result) => result.verdict)).toEqual(['unreachable', 'unreachable', 'unreachable', 'unreachable', 'unauthenticated']);
  });

  it('probes one address with at most maxConcurrentPerAddress targets at once', async () => {
    const { inputs, addressMap } = await silentTargets(3, true);
    const prober = createProber({ catalog, budgets: { ...fast, maxConcurrentPerAddress: 1 }, addressMap });
    const t0 = performance.now();
    await prober.probe(inputs);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(3 * fast.headersTimeoutMs);
  });

  it('returns partial results at the scan deadline instead of running over', async () => {
    const { servers, inputs, addressMap } = await silentTargets(3, false);
    const prober = createProber({ catalog, budgets: { ...budgets, maxConcurrentTargets: 1 }, addressMap });
    const t0 = performance.now();
    const results = await prober.probe(inputs, { deadline: Date.now() + 250 });
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeLessThan(250 + SLACK_MS);
    expect(results.map((result) => result.partial)).toEqual([true, true, true]);
    expect(results[0]?.evidence.reason).toBe('cut short: scan deadline reached');
    expect(results[2]?.evidence.reason).toBe('not probed: scan deadline reached');
    expect(results.every((result) => result.verdict === 'error')).toBe(true);
    for (const running of servers) expect(await within(running.allClosed(), 2_000)).toBe(true);
  });

  it('returns partial results when the caller aborts', async () => {
    const { servers, inputs, addressMap } = await silentTargets(2, false);
    const prober = createProber({ catalog, budgets: { ...budgets, maxConcurrentTargets: 1 }, addressMap });
    const controller = new AbortController();
    // Abort as soon as the first silent server has been reached.
    const firstConnection = servers[0]?.firstConnection();
    const running = prober.probe(inputs, { signal: controller.signal });
    await firstConnection;
    controller.abort(new Error('Lambda timeout approaching'));
    const results = await running;
    expect(results.map((result) => [result.partial, result.evidence.reason])).toEqual([
      [true, 'cut short: Lambda timeout approaching'],
      [true, 'not probed: Lambda timeout approaching'],
    ]);
  });

  it('keeps a finished result when the deadline passes later', async () => {
    const open = await server(startHttpServer(toyHandler(false)));
    const prober = createProber({ catalog, budgets, addressMap: new Map([[`${PUBLIC_ADDRESS}:11434`, { connectHost: '127.0.0.1', connectPort: open.port }]]) });
    const [result] = await prober.probe([{ targetId: 'o', address: PUBLIC_ADDRESS, port: 11434 }], { deadline: Date.now() + 5_000 });
    expect(result?.verdict).toBe('unauthenticated');
    expect(result?.partial).toBeUndefined();
  });
});

describe('Prober: staged planning (real catalog, recorded answers over real sockets)', () => {
  const fixtureOf = (family: string, name: string) => loadFixtures().find((x) => x.family === family && x.name === name)!.fixture;
  const probeReplayed = async (
    family: string,
    name: string,
    options: { readonly plan?: PlanDepth; readonly port?: number } = {},
  ): Promise<{ result: ProbeResult | undefined; received: readonly string[] }> => {
    const fixture = fixtureOf(family, name);
    const port = options.port ?? fixture.port;
    const replayed = await startReplayServer(fixture);
    try {
      const prober = createProber({ catalog: realCatalog, budgets, addressMap: new Map([[`${PUBLIC_ADDRESS}:${port}`, { connectHost: '127.0.0.1', connectPort: replayed.port }]]) });
      const [result] = await prober.probe([{ targetId: name, address: PUBLIC_ADDRESS, port }], { plan: options.plan ?? 'full' });
      return { result, received: [...replayed.received] };
    } finally {
      await replayed.stop();
    }
  };
  const pathOf = (key: string): string => key.split(' ').slice(0, 2).join(' ');

  it('asks an Ollama port its own families\' requests and the shared ones, then stops', async () => {
    const { result, received } = await probeReplayed('ollama', 'open');
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'ollama' }, version: fixtureOf('ollama', 'open').expect.version });
    expect(new Set(received).size).toBe(received.length);
    expect(received).toEqual(nextRequests(realCatalog, 11434, new Map()).map((request) => pathOf(requestKey(request))));
    expect(received.length).toBeLessThan(planRequests(realCatalog, 11434).length / 4);
  });

  it("reads Magentic-UI's recorded refusal of a public Host by its recorded answers naming localhost: open, critical", async () => {
    const { result, received } = await probeReplayed('magentic-ui', 'public-host');
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'magentic-ui' }, severity: 'critical', version: '0.2.2' });
    expect(result?.evidence.signals?.[0]).toContain('Bad Host header');
    expect(received.filter((line) => line === 'GET /')).toHaveLength(2);
  });

  it('names the generic OpenAI-compatible family beside llama-cpp-python, whose answers identify both (what lets the state take the better name quietly)', async () => {
    const { result } = await probeReplayed('llama-cpp-python', 'open');
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'llama-cpp-python' }, alsoIdentifiedAs: ['openai-compatible'] });
  });

  it('keeps asking after a generic OpenAI-compatible answer until the specific families are ruled out, each request once', async () => {
    const generic = loadFixtures().find((x) => x.fixture.expect.family === 'openai-compatible' && x.fixture.expect.verdict === 'unauthenticated');
    expect(generic, 'an unauthenticated openai-compatible fixture').toBeDefined();
    const { result, received } = await probeReplayed(generic!.family, generic!.name);
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'openai-compatible' } });
    // Each request once: a path comes back only as often as the catalog asks it differently (headers).
    const variantsOfPath = new Map<string, number>();
    for (const request of planRequests(realCatalog, generic!.fixture.port)) {
      const path = pathOf(requestKey(request));
      variantsOfPath.set(path, (variantsOfPath.get(path) ?? 0) + 1);
    }
    for (const path of new Set(received)) expect(received.filter((p) => p === path).length, path).toBeLessThanOrEqual(variantsOfPath.get(path) ?? 0);
    const firstStage = nextRequests(realCatalog, generic!.fixture.port, new Map()).length;
    expect(received.length).toBeGreaterThan(firstStage);
    for (const specific of realCatalog.filter((f) => ['vllm', 'litellm', 'localai'].includes(f.id))) {
      const identifyIds = [...(specific.identify.all ?? []), ...(specific.identify.any ?? [])].map((matcher) => matcher.on);
      const identifyPaths = specific.requests.filter((request) => identifyIds.includes(request.id)).map((request) => pathOf(requestKey(request)));
      expect(received).toEqual(expect.arrayContaining(identifyPaths));
    }
  });

  it('sweeps a plain nginx page with a fraction of the full plan and names every family it did not ask', async () => {
    const full = await probeReplayed('negatives', 'nginx-default-page', { port: 80 });
    const sweep = await probeReplayed('negatives', 'nginx-default-page', { port: 80, plan: 'sweep' });
    expect(full.result).toMatchObject({ verdict: 'not-ai' });
    expect(full.result?.askedInSweep).toBeUndefined();
    expect(sweep.result).toMatchObject({ verdict: 'not-ai' });
    expect(sweep.received.length).toBeLessThan(full.received.length / 3);
    const asked = new Set(sweep.result?.askedInSweep);
    expect(asked.size).toBeLessThan(realCatalog.length / 4);
    // Nothing but the shared first stage and the requests of the families it asked about was sent.
    const askedPaths = new Set([
      ...[...sharedFirstStage].map(pathOf),
      ...realCatalog.filter((f) => asked.has(f.id)).flatMap((f) => f.requests.map((request) => pathOf(requestKey(request)))),
    ]);
    for (const path of sweep.received) expect(askedPaths, path).toContain(path);
  });

  it("reads a FastAPI app's own OpenAPI document before asking the families it rules out, and names them as not asked", async () => {
    // A FastAPI app that is not AI, on a port no family lists: its 404 is a hint of a dozen families.
    const full = await probeReplayed('negatives', 'generic-openapi-app', { port: 8999 });
    const sweep = await probeReplayed('negatives', 'generic-openapi-app', { port: 8999, plan: 'sweep' });
    expect(sweep.result).toMatchObject({ verdict: 'not-ai' });
    const ruledOut = realCatalog.filter((f) => f.sweepRuledOutBy !== undefined).map((f) => f.id);
    expect(ruledOut.length).toBeGreaterThan(0);
    for (const id of ruledOut) expect(sweep.result?.askedInSweep).not.toContain(id);
    const onlyInFull = full.received.filter((path) => !sweep.received.includes(path));
    // None of their identify requests went out in the sweep; the document went out before every family's own.
    for (const path of ['GET /v2', 'GET /sdapi/v1/options', 'GET /api/v1/app/version', 'GET /api/v1/version', 'GET /info', 'GET /api/v2/heartbeat']) {
      expect(onlyInFull, path).toContain(path);
    }
    expect(sweep.received.slice(0, 4).sort()).toEqual(['GET /', 'GET /ai-exposure-monitor-canary-404', 'GET /openapi.json', 'GET /v1/models']);
  });

  it('stops asking the other families of a port once one that outranks them answers mid-stage', async () => {
    // vLLM's /v1/models first reads as a generic OpenAI-compatible server; the next stage asks the families of
    // port 8000 in rank order, vLLM's /version first, and once it answers the rest of that stage is not sent.
    const fixture = fixtureOf('vllm', 'open');
    const answers = replay(realCatalog, fixture);
    const { stages } = replayStages(realCatalog, fixture.port, (key) => answers.get(key), 'sweep', new PlanMemo());
    const sweep = await probeReplayed('vllm', 'open', { plan: 'sweep' });
    expect(sweep.result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'vllm' }, version: fixture.expect.version });
    expect(sweep.received).toEqual(stages.flat().map(pathOf));
    expect(sweep.received).toContain('GET /version');
    // What the rest of that stage would have asked (NVIDIA NIM, ChromaDB, MCP, A2A on port 8000).
    for (const rival of ['GET /v1/metadata', 'GET /api/v2/heartbeat', 'POST /mcp', 'GET /sse', 'GET /.well-known/agent-card.json']) expect(sweep.received).not.toContain(rival);
  });

  it('finds a service answering on a port that is not its own in a sweep, as the full plan does', async () => {
    const sweep = await probeReplayed('ollama', 'open', { port: 8080, plan: 'sweep' });
    expect(sweep.result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'ollama' }, version: fixtureOf('ollama', 'open').expect.version });
    expect(sweep.result?.askedInSweep).toContain('ollama');
  });
});

describe('Prober: streamed answers (Server-Sent Events)', () => {
  // The stream stays open after its first event, as an MCP SSE endpoint does.
  const eventStream =
    (lineEnd: string): http.RequestListener =>
    (request, response) => {
      if (request.url !== '/sse') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      response.write(`event: endpoint${lineEnd}data: /messages?sessionId=3f2a${lineEnd}${lineEnd}`);
    };

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('takes an event ended by a blank line (%s) as the whole answer instead of waiting for the stream to end', async (_name, lineEnd) => {
    const target = await server(startHttpServer(eventStream(lineEnd)));
    const streamBudgets = { ...budgets, bodyTimeoutMs: 5_000, targetTimeoutMs: 8_000 };
    const mcpSse = realCatalog.find((fingerprint) => fingerprint.id === 'mcp-sse')!;
    const prober = createProber({ catalog: [mcpSse], budgets: streamBudgets, addressMap: new Map([[formatHostPort(PUBLIC_ADDRESS, 3000), { connectHost: target.host, connectPort: target.port }]]) });
    const [result] = await prober.probe([{ targetId: 'sse', address: PUBLIC_ADDRESS, port: 3000 }]);
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcp-sse' } });
    // Waiting for the end would have cost the whole body timeout.
    expect(result!.durationMs).toBeLessThan(streamBudgets.bodyTimeoutMs);
  });

  it('reads a stream sent one byte per chunk, its event never ended, in bounded time and pieces', async () => {
    // Prepare: 100,000 one-byte chunks, past the body cap, and no blank line. Searching the whole body
    // again at each piece took seconds of CPU for one target, past its deadline; the piece cap ends the read at once.
    const target = await server(startRawServer(oneByteChunks('text/event-stream', 'event: endpoint\ndata: /messages\n', 100_000)));
    const mcpSse = realCatalog.find((fingerprint) => fingerprint.id === 'mcp-sse')!;
    const prober = createProber({ catalog: [mcpSse], budgets, addressMap: new Map([[formatHostPort(PUBLIC_ADDRESS, 3000), { connectHost: target.host, connectPort: target.port }]]) });
    const timers = watchProberTimers();
    // Act
    const [result] = await prober.probe([{ targetId: 'trickle', address: PUBLIC_ADDRESS, port: 3000 }]).finally(() => timers.restore());
    // Assess: an answer (not the target's deadline), cut short; nothing left open
    expect(result).toMatchObject({ verdict: 'not-ai' });
    expect(result!.evidence.requests).toContain('GET /sse → 200');
    expect(result!.partial).toBeUndefined();
    expect(timers.live()).toEqual([]);
    expect(await within(target.allClosed(), 2_000)).toBe(true);
  });
});
