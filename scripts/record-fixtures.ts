/**
 * Records fixtures from REAL servers: sends every request the catalog plans for a port to a server
 * running on loopback and writes status, headers and body (byte-capped, secrets redacted) with
 * provenance to test/fixtures/<family>/<case>.json. Bodies are never edited afterwards.
 *
 *   npx tsx scripts/record-fixtures.ts --local [--only FAMILY,FAMILY/CASE]
 *       starts the locally installed servers (Jupyter Server/Notebook, nginx gate, MCP SDK (Streamable HTTP
 *       and legacy SSE), Redis, and from .venv-ai MLflow, ChromaDB, Gradio, MLServer (HTTP and gRPC), TensorBoard,
 *       Streamlit, a2a-sdk, LangServe, the MCP Python SDK, a grpcio service, mcpo, Hayhooks) and re-records their fixtures, or
 *       only those of the named families and cases.
 *   npx tsx scripts/record-fixtures.ts --family ID --case NAME --url http://127.0.0.1:PORT \
 *       --product P --version V --how "start command" --verdict V [--port N] [--host HOST] [--expect-version V]
 *       [--expect-models NAME,NAME] [--python-env VENV]
 *       records one case from a server you started; with --python-env, the packages of the virtualenv it runs in too.
 *
 * Only 127.0.0.0/8 and ::1 are accepted as destinations.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import ipaddr from 'ipaddr.js';
import { request as httpRequest } from 'undici';
import { followUpAt, followUpsDue, planRequests, requestKey, sessionOpenedBy, slashRedirectOf, withinSession } from '../lambdas/probe/catalog-plan.js';
import { classify, loopbackHostOf } from '../lambdas/probe/classify.js';
import { catalog } from '../lambdas/probe/fingerprints/index.js';
import { isHttpRequest, type GrpcProbeRequest, type HttpProbeRequest, type ProbeRequest, type ReplyFraming } from '../lambdas/probe/fingerprints/types.js';
import { createGrpcSession } from '../lambdas/probe/grpc-exchange.js';
import { streamEndSearch } from '../lambdas/probe/http-exchange.js';
import { redactHeaders, redactText } from '../lambdas/probe/redact.js';
import { fixtureSchema, fixturesRoot, redactedReply, replay, toObserved, type Fixture, type RecordedResponse } from '../test/support/fixture-format.js';
import type { RunningServer } from '../test/support/servers/common.js';
import { chromaVersion, startChroma } from '../test/support/servers/chroma.js';
import { gradioVersion, startGradio } from '../test/support/servers/gradio.js';
import { startJupyter } from '../test/support/servers/jupyter.js';
import { a2aAgentVersion, a2aSdkVersion, startA2aAgent } from '../test/support/servers/a2a.js';
import { langserveVersion, startLangserve } from '../test/support/servers/langserve.js';
import { startMcpServer, startStatelessMcpServer } from '../test/support/servers/mcp.js';
import { mcpPythonSdkVersion, startFastMcpServer } from '../test/support/servers/mcp-python.js';
import { startMcpSseServer } from '../test/support/servers/mcp-sse.js';
import { mlflowVersion, startMlflow } from '../test/support/servers/mlflow.js';
import { mlserverVersion, startMlserver } from '../test/support/servers/mlserver.js';
import { grpcioVersion, startGrpcService } from '../test/support/servers/grpc-service.js';
import { startNginxGate } from '../test/support/servers/nginx-gate.js';
import { startRedis } from '../test/support/servers/redis.js';
import { startStreamlit, streamlitVersion } from '../test/support/servers/streamlit.js';
import { startTensorboard, tensorboardVersion } from '../test/support/servers/tensorboard.js';
import { mcpoVersion, startMcpo } from '../test/support/servers/mcpo.js';
import { hayhooksVersion, startHayhooks } from '../test/support/servers/hayhooks.js';

const BODY_CAP_BYTES = 16 * 1024;
const TIMEOUT_MS = 5_000;
/** Non-RESP servers (HTTP) wait for more bytes after PING; give up on them sooner. */
const TCP_TIMEOUT_MS = 1_500;
/** A TCP reply is complete once the server has been quiet this long (RESP has no end marker for us). */
const TCP_QUIET_MS = 300;

class RecordError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RecordError';
  }
}

function assertLoopback(host: string): void {
  const bare = host.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare) || ipaddr.process(bare).range() !== 'loopback') {
    throw new RecordError(`refusing to record from ${host}: only loopback (127.0.0.0/8, ::1) servers are recorded`);
  }
}

/** Reads up to the cap, or (for streams that never end, `readUntil`) until the text has arrived, as the engine does. */
async function readCapped(chunks: AsyncIterable<Buffer>, readUntil?: readonly string[]): Promise<{ body: string; truncated: boolean; complete: boolean }> {
  const parts: Buffer[] = [];
  let size = 0;
  const streamEnded = readUntil === undefined ? undefined : streamEndSearch(readUntil);
  for await (const chunk of chunks) {
    parts.push(chunk);
    size += chunk.length;
    if (size > BODY_CAP_BYTES) return { body: Buffer.concat(parts).subarray(0, BODY_CAP_BYTES).toString('utf8'), truncated: true, complete: false };
    if (streamEnded?.(Buffer.concat(parts), chunk.length) === true) return { body: Buffer.concat(parts).toString('utf8'), truncated: false, complete: false };
  }
  return { body: Buffer.concat(parts).toString('utf8'), truncated: false, complete: true };
}

async function sendHttp(origin: URL, hostHeader: string, probe: HttpProbeRequest): Promise<RecordedResponse> {
  const response = await httpRequest(new URL(probe.path, origin), {
    method: probe.method,
    headers: { ...probe.headers, host: hostHeader },
    ...(probe.body !== undefined ? { body: probe.body } : {}),
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
  });
  const headers = Object.fromEntries(
    Object.entries(response.headers).map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : (value ?? '')]),
  );
  const { body, truncated, complete } = await readCapped(response.body, probe.readUntil);
  // Drops the connection rather than draining the rest (or waiting for a stream's end).
  if (!complete) response.body.destroy();
  return { status: response.statusCode, headers: redactHeaders(headers), body: redactText(body), truncated };
}

function sendTcp(host: string, port: number, send: string, framing: ReplyFraming | undefined): Promise<RecordedResponse> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let size = 0;
    const socket = net.connect({ host, port });
    const finish = (error?: string) => {
      socket.destroy();
      const bytes = Buffer.concat(parts);
      resolve({
        headers: {},
        body: redactedReply(bytes.subarray(0, BODY_CAP_BYTES), framing),
        truncated: bytes.length > BODY_CAP_BYTES,
        ...(error !== undefined && bytes.length === 0 ? { error } : {}),
      });
    };
    socket.setTimeout(TCP_TIMEOUT_MS);
    socket.once('connect', () => socket.write(send, 'latin1'));
    socket.on('data', (chunk: Buffer) => {
      parts.push(chunk);
      size += chunk.length;
      if (size > BODY_CAP_BYTES) finish();
      else socket.setTimeout(TCP_QUIET_MS);
    });
    socket.once('timeout', () => finish('timeout'));
    socket.once('end', () => finish('closed by server'));
    socket.once('error', (error) => finish(error.message));
  });
}

/** A gRPC call as the engine makes it (its reply decoded to JSON by the request's schema), redacted like any body. */
async function sendGrpc(host: string, port: number, hostHeader: string, probe: GrpcProbeRequest): Promise<RecordedResponse> {
  const session = createGrpcSession({
    openConnection: () =>
      new Promise((resolve, reject) => {
        const socket = net.connect({ host, port }, () => resolve(socket));
        socket.once('error', reject);
      }),
    tls: false,
    authority: hostHeader,
    userAgent: 'ai-exposure-monitor fixture recorder',
    headersTimeoutMs: TIMEOUT_MS,
    bodyTimeoutMs: TIMEOUT_MS,
    maxBodyBytes: BODY_CAP_BYTES,
    maxHeaderBytes: 32 * 1024,
    signal: AbortSignal.timeout(2 * TIMEOUT_MS),
  });
  const { observed } = await session.call(probe, BODY_CAP_BYTES).finally(() => session.close());
  return {
    ...(observed.status === undefined ? {} : { status: observed.status }),
    headers: redactHeaders({ ...observed.headers }),
    body: redactText(observed.body),
    truncated: observed.truncated,
    ...(observed.error === undefined ? {} : { error: observed.error }),
  };
}

async function send(origin: URL, hostHeader: string, probe: ProbeRequest): Promise<RecordedResponse> {
  const host = origin.hostname.replace(/^\[|\]$/g, '');
  try {
    if (probe.kind === 'tcp') return await sendTcp(host, Number(origin.port), probe.send, probe.replyEnds);
    if (probe.kind === 'grpc') return await sendGrpc(host, Number(origin.port), hostHeader, probe);
    return await sendHttp(origin, hostHeader, probe);
  } catch (error) {
    return { headers: {}, body: '', truncated: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export interface RecordOptions {
  readonly family: string;
  readonly caseName: string;
  /** e.g. http://127.0.0.1:18888 — loopback only. */
  readonly url: string;
  /** The port the target is planned for; defaults to the URL's port. */
  readonly port?: number;
  /** Host header to send; defaults to the URL's host. */
  readonly hostHeader?: string;
  readonly description: string;
  readonly product: string;
  readonly version: string;
  readonly how: string;
  readonly expect: Fixture['expect'];
  /** The virtualenv the server runs in, whose packages the provenance lists. */
  readonly pythonEnv?: string;
}

/** Every package of the virtualenv at `venv`, as name==version, sorted by name. */
async function packagesOf(venv: string): Promise<string[]> {
  const { stdout } = await promisify(execFile)(join(venv, 'bin', 'python'), ['-m', 'pip', 'list', '--format=freeze', '--disable-pip-version-check']);
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
}

/**
 * The planned requests sent one after another naming `hostHeader`, each followed by the follow-ups its answer calls for
 * (in the session it opened, as the engine sends them); their answers by request key.
 */
async function recordAnswers(origin: URL, hostHeader: string, port: number): Promise<Record<string, RecordedResponse>> {
  const responses: Record<string, RecordedResponse> = {};
  for (const probe of planRequests(catalog, port)) {
    let answer = await send(origin, hostHeader, probe);
    responses[requestKey(probe)] = answer;
    if (!isHttpRequest(probe)) continue;
    // Followed as the engine follows it (`followsSlashRedirect`), and kept under the key of the request sent there.
    const moved = slashRedirectOf(probe, toObserved('http', answer));
    const sent = moved ?? probe;
    if (moved !== undefined) {
      answer = await send(origin, hostHeader, moved);
      responses[requestKey(moved)] = answer;
    }
    const session = sessionOpenedBy(sent, answer.headers);
    for (const followUp of followUpsDue(probe, toObserved('http', answer))) {
      const followed = followUpAt(followUp, probe, sent);
      responses[requestKey(followed)] ??= await send(origin, hostHeader, withinSession(followed, session));
    }
  }
  return responses;
}

/**
 * Records the planned requests' answers and writes the fixture file; returns its path. Where they are a Host policy's
 * refusal, the plan is recorded again naming a loopback Host, as the engine asks it again (classify.ts rule 9).
 */
export async function recordFixture(options: RecordOptions): Promise<string> {
  const origin = new URL(options.url);
  assertLoopback(origin.hostname);
  const port = options.port ?? Number(origin.port);
  const hostHeader = options.hostHeader ?? origin.host;
  const recorded = fixtureSchema.parse({
    description: options.description,
    provenance: {
      product: options.product,
      version: options.version,
      how: options.how,
      date: new Date().toISOString().slice(0, 10),
      source: 'recorded',
      ...(options.pythonEnv !== undefined ? { packages: await packagesOf(options.pythonEnv) } : {}),
    },
    port,
    hostHeader,
    expect: options.expect,
    responses: await recordAnswers(origin, hostHeader, port),
  });
  const refused = classify(catalog, replay(catalog, recorded), port).refusedHost === true;
  const fixture = refused ? { ...recorded, responsesNamingLocalhost: await recordAnswers(origin, loopbackHostOf(port), port) } : recorded;
  const dir = join(fixturesRoot, options.family);
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${options.caseName}.json`);
  await writeFile(path, `${JSON.stringify(fixture, null, 2)}\n`);
  return path;
}

/** A public-looking Host (TEST-NET-3), as the probe sends for a real exposed target. */
const publicHost = (port: number) => `203.0.113.7:${port}`;

interface LocalCase {
  /** The fixture folder it writes to, for --only. */
  readonly family: string;
  readonly start: () => Promise<RunningServer[]>;
  readonly record: (servers: RunningServer[]) => Omit<RecordOptions, 'url'> & { readonly urlPort: number };
}

const jupyterHow = (flavour: string, token: string, remote: boolean) =>
  `${flavour === 'server' ? 'jupyter-server --ServerApp' : 'jupyter-notebook --NotebookApp'}.ip=127.0.0.1 .token=${token === '' ? "''" : '<secret>'} .password='' .allow_remote_access=${remote ? 'True' : 'False'} (Debian bookworm package)`;

const localCases: readonly LocalCase[] = [
  ...(['server', 'notebook'] as const).flatMap((flavour): LocalCase[] => {
    const product = flavour === 'server' ? 'Jupyter Server' : 'Jupyter Notebook (classic)';
    const version = flavour === 'server' ? '1.23.3' : '6.4.12';
    return [
      {
        family: 'jupyter-server',
        start: async () => [await startJupyter({ flavour, allowRemoteAccess: true })],
        record: ([s]) => ({
          family: 'jupyter-server', caseName: `${flavour}-open`, urlPort: s!.port, port: 8888, hostHeader: publicHost(8888),
          description: `${product} with an empty token, remote access allowed: kernels open to anyone`,
          product, version, how: jupyterHow(flavour, '', true),
          expect: { verdict: 'unauthenticated', family: 'jupyter-server', version },
        }),
      },
      {
        family: 'jupyter-server',
        start: async () => [await startJupyter({ flavour, token: 'jtok-recording', allowRemoteAccess: true })],
        record: ([s]) => ({
          family: 'jupyter-server', caseName: `${flavour}-token`, urlPort: s!.port, port: 8888, hostHeader: publicHost(8888),
          description: `${product} with token auth: /api answers, /api/status is refused`,
          product, version, how: jupyterHow(flavour, 'x', true),
          expect: { verdict: 'auth-required', family: 'jupyter-server', version },
        }),
      },
    ];
  }),
  {
    family: 'jupyter-server',
    start: async () => [await startJupyter({ flavour: 'server', allowRemoteAccess: false })],
    record: ([s]) => ({
      family: 'jupyter-server', caseName: 'public-host', urlPort: s!.port, port: 8888, hostHeader: publicHost(8888),
      description:
        'open Jupyter Server bound to loopback with the default Host check, asked with a public Host: 403 on /api too (a Host policy, not auth); asked again naming Host: localhost:8888, its kernels are open to anyone',
      product: 'Jupyter Server', version: '1.23.3', how: jupyterHow('server', '', false),
      expect: { verdict: 'unauthenticated', family: 'jupyter-server', version: '1.23.3' },
    }),
  },
  ...(['basic', 'bearer'] as const).map(
    (mode): LocalCase => ({
      family: 'jupyter-server',
      start: async () => {
        const upstream = await startJupyter({ flavour: 'server', allowRemoteAccess: true });
        return [upstream, await startNginxGate({ upstreamPort: upstream.port, mode })];
      },
      record: ([, gate]) => ({
        family: 'jupyter-server', caseName: `negative-nginx-${mode}-gate`, urlPort: gate!.port, port: 8888, hostHeader: publicHost(8888),
        description: `nginx ${mode} auth in front of an open Jupyter: the 401 comes from an unidentified service`,
        product: 'nginx', version: '1.22.1', how: `nginx -c <temp>/nginx.conf with ${mode === 'basic' ? 'auth_basic' : 'a bearer-key map'} proxying to jupyter-server`,
        expect: { verdict: 'not-ai', family: null },
      }),
    }),
  ),
  {
    family: 'mcp-streamable-http',
    start: async () => [await startMcpServer()],
    record: ([s]) => ({
      family: 'mcp-streamable-http', caseName: 'sdk-open-sse', urlPort: s!.port, port: 3000, hostHeader: publicHost(3000),
      description: 'MCP server on the official TS SDK, stateless, SSE replies, no auth',
      product: '@modelcontextprotocol/sdk', version: '1.32.2', how: 'node --import tsx test/support/servers/mcp-server.ts (PORT=…)',
      expect: { verdict: 'unauthenticated', family: 'mcp-streamable-http', version: '0.0.1' },
    }),
  },
  {
    family: 'mcp-streamable-http',
    start: async () => [await startMcpServer({ token: 'mcp-recording-token' })],
    record: ([s]) => ({
      family: 'mcp-streamable-http', caseName: 'sdk-bearer', urlPort: s!.port, port: 3000, hostHeader: publicHost(3000),
      description: 'MCP server on the official TS SDK with requireBearerAuth and protected-resource metadata',
      product: '@modelcontextprotocol/sdk', version: '1.32.2', how: 'MCP_TOKEN=<secret> node --import tsx test/support/servers/mcp-server.ts',
      expect: { verdict: 'auth-required', family: 'mcp-streamable-http' },
    }),
  },
  {
    family: 'mcp-streamable-http',
    start: async () => [await startMcpServer({ hostCheck: true, jsonResponse: true })],
    record: ([s]) => ({
      family: 'mcp-streamable-http', caseName: 'sdk-json-local-host', urlPort: s!.port, port: 3000,
      description: 'MCP SDK server with the Host check and JSON replies, asked with a loopback Host: open',
      product: '@modelcontextprotocol/sdk', version: '1.32.2', how: 'HOST_CHECK=1 JSON_RESPONSE=1 node --import tsx test/support/servers/mcp-server.ts',
      expect: { verdict: 'unauthenticated', family: 'mcp-streamable-http', version: '0.0.1' },
    }),
  },
  {
    family: 'mcp-streamable-http',
    start: async () => [await startStatelessMcpServer({ legacy: 'reject' })],
    record: ([s]) => ({
      family: 'mcp-streamable-http', caseName: 'sdk2-stateless-only-open', urlPort: s!.port, port: 3000, hostHeader: publicHost(3000),
      description: 'MCP server on the official TS SDK v2, stateless revision 2026-07-28 only (initialize refused), no auth: open to server/discover and tools/list',
      product: '@modelcontextprotocol/server', version: '2.4.0', how: 'LEGACY=reject node --import tsx test/support/servers/mcp-stateless-server.ts (PORT=…)',
      expect: { verdict: 'unauthenticated', family: 'mcp-streamable-http', version: '0.0.2' },
    }),
  },
  {
    family: 'mcp-streamable-http',
    start: async () => [await startStatelessMcpServer({ legacy: 'reject', token: 'mcp-recording-token' })],
    record: ([s]) => ({
      family: 'mcp-streamable-http', caseName: 'sdk2-stateless-only-bearer', urlPort: s!.port, port: 3000, hostHeader: publicHost(3000),
      description: 'MCP server on the official TS SDK v2, stateless revision only, behind the SDK bearer gate with protected-resource metadata',
      product: '@modelcontextprotocol/server', version: '2.4.0', how: 'LEGACY=reject MCP_TOKEN=<secret> node --import tsx test/support/servers/mcp-stateless-server.ts',
      expect: { verdict: 'auth-required', family: 'mcp-streamable-http' },
    }),
  },
  {
    family: 'mcp-streamable-http',
    start: async () => [await startFastMcpServer()],
    record: ([s]) => ({
      family: 'mcp-streamable-http', caseName: 'python-sdk-open', urlPort: s!.port, port: 8000, hostHeader: publicHost(8000),
      description: 'MCP server on the official Python SDK (FastMCP), stateful, SSE replies, no auth, any Host (as bound to 0.0.0.0)',
      product: 'mcp (Python SDK)', version: mcpPythonSdkVersion, how: '.venv-ai/bin/python test/support/servers/python/mcp_fastmcp.py (PORT=…)',
      expect: { verdict: 'unauthenticated', family: 'mcp-streamable-http', version: mcpPythonSdkVersion },
    }),
  },
  {
    family: 'mcp-streamable-http',
    start: async () => [await startFastMcpServer({ hostCheck: true })],
    record: ([s]) => ({
      family: 'mcp-streamable-http', caseName: 'python-sdk-public-host', urlPort: s!.port, port: 8000, hostHeader: publicHost(8000),
      description:
        'FastMCP bound to 127.0.0.1 keeps its DNS-rebinding Host check: 421 "Invalid Host header" to a public Host (a Host policy, not auth); asked again naming Host: localhost:8000, its tools are listed to anyone',
      product: 'mcp (Python SDK)', version: mcpPythonSdkVersion, how: 'HOST_CHECK=1 .venv-ai/bin/python test/support/servers/python/mcp_fastmcp.py',
      expect: { verdict: 'unauthenticated', family: 'mcp-streamable-http', version: mcpPythonSdkVersion },
    }),
  },
  {
    family: 'mcp-streamable-http',
    start: async () => [await startMcpServer({ hostCheck: true, jsonResponse: true })],
    record: ([s]) => ({
      family: 'mcp-streamable-http', caseName: 'sdk-public-host', urlPort: s!.port, port: 3000, hostHeader: publicHost(3000),
      description:
        'MCP SDK server with the Host check, asked with a public Host: 403 "Invalid Host" (a Host policy, not auth); asked again naming Host: localhost:3000, open',
      product: '@modelcontextprotocol/sdk', version: '1.32.2', how: 'HOST_CHECK=1 JSON_RESPONSE=1 node --import tsx test/support/servers/mcp-server.ts',
      expect: { verdict: 'unauthenticated', family: 'mcp-streamable-http', version: '0.0.1' },
    }),
  },
  {
    family: 'mcp-sse',
    start: async () => [await startMcpSseServer()],
    record: ([s]) => ({
      family: 'mcp-sse', caseName: 'sdk-open', urlPort: s!.port, port: 3000, hostHeader: publicHost(3000),
      description: 'MCP server on the official TS SDK, legacy HTTP+SSE transport (SSEServerTransport), no auth: GET /sse announces the message endpoint',
      product: '@modelcontextprotocol/sdk', version: '1.32.2', how: 'node --import tsx test/support/servers/mcp-sse-server.ts (PORT=…)',
      expect: { verdict: 'unauthenticated', family: 'mcp-sse' },
    }),
  },
  {
    family: 'mcp-sse',
    start: async () => [await startMcpSseServer({ token: 'mcp-sse-recording-token' })],
    record: ([s]) => ({
      family: 'mcp-sse', caseName: 'sdk-bearer', urlPort: s!.port, port: 3000, hostHeader: publicHost(3000),
      description: 'MCP server on the official TS SDK, legacy HTTP+SSE transport, requireBearerAuth with protected-resource metadata on /sse and /messages',
      product: '@modelcontextprotocol/sdk', version: '1.32.2', how: 'MCP_TOKEN=<secret> node --import tsx test/support/servers/mcp-sse-server.ts',
      expect: { verdict: 'auth-required', family: 'mcp-sse' },
    }),
  },
  ...(
    [
      { caseName: 'sdk-open', token: undefined, cardPath: undefined, verdict: 'unauthenticated', description: 'A2A agent on a2a-sdk (Starlette JSON-RPC): the card at /.well-known/agent-card.json declares no security scheme' },
      { caseName: 'sdk-bearer', token: 'a2a-recording-token', cardPath: undefined, verdict: 'auth-required', description: 'A2A agent on a2a-sdk: the card declares a bearer scheme, a middleware refuses everything but the card without the token' },
      { caseName: 'sdk-legacy-path-open', token: undefined, cardPath: '/.well-known/agent.json', verdict: 'unauthenticated', description: 'A2A agent on a2a-sdk with its card route mounted at the pre-0.3 path /.well-known/agent.json (where 0.2.x SDKs served it), no security' },
    ] as const
  ).map(
    (c): LocalCase => ({
      family: 'a2a-agent-card',
      start: async () => [await startA2aAgent({ ...(c.token !== undefined ? { token: c.token } : {}), ...(c.cardPath !== undefined ? { cardPath: c.cardPath } : {}) })],
      record: ([s]) => ({
        family: 'a2a-agent-card', caseName: c.caseName, urlPort: s!.port, port: 9999, hostHeader: publicHost(9999),
        description: c.description, product: 'a2a-sdk', version: a2aSdkVersion,
        how: `python test/support/servers/python/a2a_agent.py${c.token !== undefined ? ' (A2A_TOKEN=<secret>)' : ''}${c.cardPath !== undefined ? ` (A2A_CARD_PATH=${c.cardPath})` : ''} (PyPI a2a-sdk[http-server]==${a2aSdkVersion})`,
        // The version is read from the card at the current path only.
        expect: { verdict: c.verdict, family: 'a2a-agent-card', ...(c.cardPath === undefined ? { version: a2aAgentVersion } : {}) },
      }),
    }),
  ),
  ...(['open', 'api-key', 'header'] as const).map(
    (mode): LocalCase => ({
      family: 'langserve',
      start: async () => [await startLangserve(mode === 'open' ? {} : { token: 'langserve-recording-token', auth: mode })],
      record: ([s]) => ({
        family: 'langserve', caseName: mode === 'header' ? 'header-dependency' : mode, urlPort: s!.port, port: 8000, hostHeader: publicHost(8000),
        description: {
          open: 'LangServe app with a RunnableLambda at /add_one, no auth: the OpenAPI document lists the runnable routes',
          'api-key': 'LangServe app behind an app-level APIKeyHeader dependency (LangServe auth example): /openapi.json still served, /invoke documented with a security requirement',
          header: 'LangServe app with a Header() dependency passed to add_routes (LangServe path-dependencies example): /openapi.json still served, /invoke documented with a required x-token header',
        }[mode],
        product: 'LangServe', version: langserveVersion,
        how: `python test/support/servers/python/langserve_app.py${mode === 'open' ? '' : ` (LANGSERVE_TOKEN=<secret> LANGSERVE_AUTH=${mode})`} (PyPI langserve[server]==${langserveVersion})`,
        expect: { verdict: mode === 'open' ? 'unauthenticated' : 'auth-required', family: 'langserve' },
      }),
    }),
  ),
  {
    family: 'redis',
    start: async () => [await startRedis()],
    record: ([s]) => ({
      family: 'redis', caseName: 'open', urlPort: s!.port, port: 6379,
      description: 'Redis without a password', product: 'Redis', version: '7.0.15',
      how: "redis-server --bind 127.0.0.1 --save '' --appendonly no (Debian bookworm package)",
      expect: { verdict: 'unauthenticated', family: 'redis', version: '7.0.15' },
    }),
  },
  {
    family: 'redis',
    start: async () => [await startRedis({ password: 'redis-recording-secret' })],
    record: ([s]) => ({
      family: 'redis', caseName: 'requirepass', urlPort: s!.port, port: 6379,
      description: 'Redis with requirepass: -NOAUTH', product: 'Redis', version: '7.0.15',
      how: "redis-server --bind 127.0.0.1 --save '' --appendonly no --requirepass <secret> (Debian bookworm package)",
      expect: { verdict: 'auth-required', family: 'redis' },
    }),
  },
  ...(
    [
      { caseName: 'open', basicAuth: false, allowedHosts: 'any', verdict: 'unauthenticated', description: 'MLflow tracking server without auth, --allowed-hosts "*": experiments listed to anyone' },
      { caseName: 'basic-auth', basicAuth: true, allowedHosts: 'any', verdict: 'auth-required', description: 'MLflow with --app-name basic-auth: 401 realm="mlflow" on the REST API and on /version' },
      {
        caseName: 'public-host',
        basicAuth: false,
        allowedHosts: 'default',
        verdict: 'unauthenticated',
        description:
          'open MLflow with the default --allowed-hosts, asked with a public Host: 403 "Invalid Host header" (a Host policy, not auth); asked again naming Host: localhost:5000, experiments listed to anyone',
      },
    ] as const
  ).map(
    (c): LocalCase => ({
      family: 'mlflow',
      start: async () => [await startMlflow({ basicAuth: c.basicAuth, allowedHosts: c.allowedHosts })],
      record: ([s]) => ({
        family: 'mlflow', caseName: c.caseName, urlPort: s!.port, port: 5000, hostHeader: publicHost(5000),
        description: c.description, product: 'MLflow', version: mlflowVersion,
        how: `mlflow server --host 127.0.0.1 --workers 1 --backend-store-uri sqlite:///<temp>/mlflow.db${c.allowedHosts === 'any' ? " --allowed-hosts '*'" : ''}${c.basicAuth ? ' --app-name basic-auth (MLFLOW_AUTH_ADMIN_PASSWORD=<secret>)' : ''} (PyPI mlflow[auth]==${mlflowVersion})`,
        expect: { verdict: c.verdict, family: 'mlflow', ...(c.basicAuth ? {} : { version: mlflowVersion }) },
      }),
    }),
  ),
  {
    family: 'chromadb',
    start: async () => [await startChroma()],
    record: ([s]) => ({
      family: 'chromadb', caseName: 'open-1x', urlPort: s!.port, port: 8000, hostHeader: publicHost(8000),
      description: 'Chroma 1.x (Rust frontend, no auth switch): heartbeat and an empty collection list; /api/v2/version says "1.0.0", /api/v1 is 410',
      product: 'ChromaDB', version: chromaVersion, how: `chroma run --host 127.0.0.1 --path <temp>/db (PyPI chromadb==${chromaVersion})`,
      expect: { verdict: 'unauthenticated', family: 'chromadb', version: '1.0.0' },
    }),
  },
  ...(['open', 'auth'] as const).map(
    (mode): LocalCase => ({
      family: 'gradio',
      start: async () => [await startGradio(mode === 'auth' ? { password: 'gradio-recording-pw' } : {})],
      record: ([s]) => ({
        family: 'gradio', caseName: mode, urlPort: s!.port, port: 7860, hostHeader: publicHost(7860),
        description: mode === 'open' ? 'Gradio Interface without auth: /config served' : 'Gradio Interface with launch(auth=…): /config 401, the page embeds auth_required',
        product: 'Gradio', version: gradioVersion,
        how: `python test/support/servers/python/gradio_app.py${mode === 'auth' ? ' (GRADIO_PASSWORD=<secret>)' : ''} (PyPI gradio==${gradioVersion})`,
        expect: mode === 'open' ? { verdict: 'unauthenticated', family: 'gradio', version: gradioVersion } : { verdict: 'auth-required', family: 'gradio' },
      }),
    }),
  ),
  {
    family: 'open-inference-protocol',
    start: async () => [await startMlserver()],
    record: ([s]) => ({
      family: 'open-inference-protocol', caseName: 'mlserver-open', urlPort: s!.port, port: 8080, hostHeader: publicHost(8080),
      description: 'MLServer serving an echo model: GET /v2 server metadata without credentials',
      product: 'MLServer', version: mlserverVersion, how: `mlserver start test/support/servers/python/mlserver-models (MLSERVER_HOST=127.0.0.1; PyPI mlserver==${mlserverVersion})`,
      expect: { verdict: 'unauthenticated', family: 'open-inference-protocol', version: mlserverVersion },
    }),
  },
  {
    family: 'open-inference-protocol',
    start: async () => {
      const upstream = await startMlserver();
      return [upstream, await startNginxGate({ upstreamPort: upstream.port, mode: 'bearer' })];
    },
    record: ([, gate]) => ({
      family: 'open-inference-protocol', caseName: 'negative-mlserver-bearer-gate', urlPort: gate!.port, port: 8080, hostHeader: publicHost(8080),
      description: 'nginx bearer-key gate in front of MLServer (which has no auth of its own): the 401 comes from an unidentified service',
      product: 'nginx', version: '1.22.1', how: `nginx -c <temp>/nginx.conf with a bearer-key map proxying to mlserver ${mlserverVersion}`,
      expect: { verdict: 'not-ai', family: null },
    }),
  },
  {
    family: 'open-inference-protocol-grpc',
    start: async () => [await startMlserver()],
    record: ([s]) => ({
      family: 'open-inference-protocol-grpc', caseName: 'mlserver-open', urlPort: (s as Awaited<ReturnType<typeof startMlserver>>).grpcPort, port: 8081, hostHeader: publicHost(8081),
      description: 'MLServer serving an echo model, its gRPC port: ServerMetadata and RepositoryIndex without credentials',
      product: 'MLServer', version: mlserverVersion, how: `mlserver start test/support/servers/python/mlserver-models (MLSERVER_HOST=127.0.0.1, MLSERVER_GRPC_PORT; PyPI mlserver==${mlserverVersion})`,
      expect: { verdict: 'unauthenticated', family: 'open-inference-protocol-grpc', version: mlserverVersion, models: ['echo'] },
    }),
  },
  ...(['open', 'token'] as const).map((mode): LocalCase => ({
    family: 'open-inference-protocol-grpc',
    start: async () => [await startGrpcService(mode === 'token' ? { token: 'grpc-recording-token' } : {})],
    record: ([s]) => ({
      family: 'open-inference-protocol-grpc', caseName: mode === 'open' ? 'negative-grpc-health-service' : 'negative-grpc-token-gate', urlPort: s!.port, port: 8081, hostHeader: publicHost(8081),
      description:
        mode === 'open'
          ? 'a gRPC service that is not an AI service (the standard health protocol only): UNIMPLEMENTED for the inference methods'
          : 'the same gRPC service behind a bearer-token interceptor: every call UNAUTHENTICATED, from an unidentified service',
      product: 'grpcio', version: grpcioVersion,
      how: `python test/support/servers/python/grpc_service.py PORT${mode === 'token' ? ' --token <token>' : ''} (PyPI grpcio==${grpcioVersion})`,
      expect: { verdict: 'not-ai', family: null },
    }),
  })),
  ...(
    [
      { mode: 'open', caseName: 'open', verdict: 'unauthenticated', how: 'mcpo -- python test/support/servers/python/mcp_stdio_echo.py', description: 'mcpo in front of one MCP server (stdio) without --api-key: its tools are POST routes anyone may call, listed in its OpenAPI document' },
      { mode: 'api-key', caseName: 'api-key', verdict: 'auth-required', how: 'mcpo --api-key <secret> -- python test/support/servers/python/mcp_stdio_echo.py', description: 'mcpo with --api-key: its OpenAPI document stays public and names the HTTPBearer requirement on every tool route' },
      { mode: 'strict-auth', caseName: 'negative-strict-auth', verdict: 'not-ai', how: 'mcpo --api-key <secret> --strict-auth -- python test/support/servers/python/mcp_stdio_echo.py', description: 'mcpo with --api-key and --strict-auth: every path answers 401 "Missing or invalid Authorization header", and nothing names mcpo' },
      { mode: 'config', caseName: 'config-file', verdict: 'auth-required', how: 'mcpo --config mcp.json (two servers, each python test/support/servers/python/mcp_stdio_echo.py, mounted under their names)', description: "mcpo with --config and two servers, no --api-key: the main document is mcpo's, but the tool routes are under the servers' names, which the probe does not ask; identified and not proven open" },
    ] as const
  ).map(
    (c): LocalCase => ({
      family: 'mcpo',
      start: async () => [await startMcpo(c.mode)],
      record: ([s]) => ({
        family: 'mcpo', caseName: c.caseName, urlPort: s!.port, port: 8000, hostHeader: publicHost(8000),
        description: c.description, product: 'mcpo', version: mcpoVersion,
        how: `${c.how} --host 127.0.0.1 (PyPI mcpo==${mcpoVersion})`,
        expect: { verdict: c.verdict, family: c.verdict === 'not-ai' ? null : 'mcpo' },
      }),
    }),
  ),
  {
    family: 'hayhooks',
    start: async () => [await startHayhooks()],
    record: ([s]) => ({
      family: 'hayhooks', caseName: 'open', urlPort: s!.port, port: 1416, hostHeader: publicHost(1416),
      description: 'Hayhooks with no pipeline deployed (it has no authentication): its OpenAPI document, titled Hayhooks with its version, lists the deploy routes',
      product: 'Hayhooks', version: hayhooksVersion,
      how: `hayhooks run --host 127.0.0.1 (HAYHOOKS_PIPELINES_DIR=<temp>, HAYSTACK_TELEMETRY_ENABLED=False; PyPI hayhooks==${hayhooksVersion})`,
      expect: { verdict: 'unauthenticated', family: 'hayhooks', version: hayhooksVersion },
    }),
  },
  {
    family: 'tensorboard',
    start: async () => [await startTensorboard()],
    record: ([s]) => ({
      family: 'tensorboard', caseName: 'open', urlPort: s!.port, port: 6006, hostHeader: publicHost(6006),
      description: 'TensorBoard over an empty log dir (no auth switch): /data/environment with its version',
      product: 'TensorBoard', version: tensorboardVersion, how: `tensorboard --logdir <temp> --host 127.0.0.1 (PyPI tensorboard==${tensorboardVersion})`,
      expect: { verdict: 'unauthenticated', family: 'tensorboard', version: tensorboardVersion },
    }),
  },
  {
    family: 'streamlit',
    start: async () => [await startStreamlit()],
    record: ([s]) => ({
      family: 'streamlit', caseName: 'open', urlPort: s!.port, port: 8501, hostHeader: publicHost(8501),
      description: 'Streamlit app (no server-side auth switch): /_stcore/host-config answers',
      product: 'Streamlit', version: streamlitVersion,
      how: `streamlit run test/support/servers/python/streamlit_app.py --server.address 127.0.0.1 --server.headless true (PyPI streamlit==${streamlitVersion})`,
      expect: { verdict: 'unauthenticated', family: 'streamlit' },
    }),
  },
];

/** `only`: families, or single cases as FAMILY/CASE. */
async function recordLocal(only: ReadonlySet<string> | undefined): Promise<void> {
  const wanted = (family: string, caseName?: string): boolean =>
    only === undefined || only.has(family) || (caseName === undefined ? [...only].some((entry) => entry.startsWith(`${family}/`)) : only.has(`${family}/${caseName}`));
  for (const localCase of localCases) {
    if (!wanted(localCase.family)) continue;
    const servers = await localCase.start();
    try {
      const { urlPort, ...options } = localCase.record(servers);
      if (!wanted(options.family, options.caseName)) continue;
      console.log(await recordFixture({ ...options, url: `http://127.0.0.1:${urlPort}` }));
    } finally {
      for (const server of servers.reverse()) await server.stop();
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      local: { type: 'boolean' },
      only: { type: 'string' },
      family: { type: 'string' },
      case: { type: 'string' },
      url: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      description: { type: 'string' },
      product: { type: 'string' },
      version: { type: 'string' },
      how: { type: 'string' },
      verdict: { type: 'string' },
      'expect-version': { type: 'string' },
      'expect-models': { type: 'string' },
      'python-env': { type: 'string' },
    },
  });
  if (values.local === true) return recordLocal(values.only === undefined ? undefined : new Set(values.only.split(',')));
  const required = ['family', 'case', 'url', 'product', 'version', 'how', 'verdict'] as const;
  const missing = required.filter((name) => values[name] === undefined);
  if (missing.length > 0) throw new RecordError(`missing --${missing.join(', --')} (or use --local)`);
  const verdict = fixtureSchema.shape.expect.shape.verdict.parse(values.verdict);
  console.log(
    await recordFixture({
      family: values.family!,
      caseName: values.case!,
      url: values.url!,
      ...(values.port !== undefined ? { port: Number(values.port) } : {}),
      ...(values.host !== undefined ? { hostHeader: values.host } : {}),
      description: values.description ?? `${values.product} ${values.version}`,
      product: values.product!,
      version: values.version!,
      how: values.how!,
      ...(values['python-env'] !== undefined ? { pythonEnv: values['python-env'] } : {}),
      expect: {
        verdict,
        family: verdict === 'not-ai' ? null : values.family!,
        ...(values['expect-version'] !== undefined ? { version: values['expect-version'] } : {}),
        ...(values['expect-models'] !== undefined ? { models: values['expect-models'].split(',') } : {}),
      },
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  });
}
