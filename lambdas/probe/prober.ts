/**
 * The probe engine: for each (address, port), address safety → TCP connect → TLS or plain →
 * the catalog's harmless requests → the pure classifier → a `ProbeResult`.
 *
 * It knows no service by name (fingerprints are data), never throws for anything a target
 * does, and holds every budget: a target ends within `targetTimeoutMs` (plus the time to close
 * its sockets), holds at most one socket at a time, and all sockets and timers are released
 * before its result is returned.
 */
import { lookup } from 'node:dns/promises';
import { setMaxListeners } from 'node:events';
import type net from 'node:net';
import type tls from 'node:tls';
import type { ProbeResult, ProbeTarget } from '../shared/model.js';
import packageJson from '../../package.json' with { type: 'json' };
import { abortableDelay, raceAbort, scopedAbort } from './abort.js';
import { checkIpAddress, inspectTargetAddress, isLoopbackAddress, type AddressPolicy, type TargetAddress } from './address-safety.js';
import { formatHostPort } from '../shared/model.js';
import { resolveBudgets, type ProbeBudgets } from './budgets.js';
import { compiledCatalog, followUpAt, followUpsDue, requestKey, sessionOpenedBy, slashRedirectOf, withinSession, type PortPlan } from './catalog-plan.js';
import { afterLoopbackHost, askedInSweep, classify, loopbackHostOf, nextRequests, PlanMemo, visitEnds, type PlanDepth } from './classify.js';
import { ConnectError, ProberConfigError, ProbeRunInterrupted, TargetTimeBudgetExceeded } from './errors.js';
import { isHttpRequest, kindOf, type Fingerprint, type GrpcProbeRequest, type HttpProbeRequest, type ObservedResponse, type ProbeRequest, type RequestKind, type TcpProbeRequest } from './fingerprints/types.js';
import { createGrpcSession, type GrpcSession } from './grpc-exchange.js';
import { createHttpSession, type Exchange, type HttpSession, type SessionEndRequest } from './http-exchange.js';
import { KeyedRateLimiter, KeyedSemaphore, Semaphore, type Release } from './limiter.js';
import { classifiedResult, engineResult, requestLine, type ResultBase } from './result.js';
import { tcpExchange } from './tcp-exchange.js';
import { connectTcp, openTransport, SocketSet, startTls, type Alpn, type Endpoint, type TlsFacts } from './transport.js';

export { defaultBudgets, type ProbeBudgets } from './budgets.js';

export type ProbeInput = Pick<ProbeTarget, 'targetId' | 'address' | 'port' | 'basePath' | 'tlsExpected' | 'unansweredLastScan'>;

/** A base path is sent as given, before a catalog path: one or more segments of visible ASCII without a query or fragment. */
const BASE_PATH = /^(\/[\x21-\x22\x24-\x3e\x40-\x7e]+)+$/;

export interface AddressMapEntry {
  connectHost: string;
  connectPort: number;
  hostHeader?: string;
}
/** Key: `${address}:${port}` (IPv6 as `[addr]:port`). Test/lab only; production never sets it. */
export type AddressMap = ReadonlyMap<string, AddressMapEntry>;

export interface ProberOptions {
  catalog: readonly Fingerprint[];
  budgets?: Partial<ProbeBudgets>;
  /** When set, EVERY target must be in the map (others get verdict 'error', reason "not in address map")
      and every connectHost must be on 127.0.0.0/8 or ::1 (else createProber throws). */
  addressMap?: AddressMap;
  /** Lab use (CLI --allow-private): permit private/loopback destinations. Default false. */
  allowPrivate?: boolean;
  /** DNS resolution, injectable for tests; default node:dns lookup all. */
  resolve?: (hostname: string) => Promise<string[]>;
}

export interface ProbeRunOptions {
  /** Abort → unfinished targets come back as partial. */
  signal?: AbortSignal;
  /** Epoch ms; scan-level deadline → partial results instead of being killed. */
  deadline?: number;
  /** Progress: called once per target as it finishes. */
  onResult?: (result: ProbeResult) => void;
  /** 'full' asks every port about every family; 'sweep' only about those its first answers point to (see `PlanDepth`). Default 'full'. */
  plan?: PlanDepth;
}

export interface Prober {
  probe(targets: readonly ProbeInput[], options?: ProbeRunOptions): Promise<ProbeResult[]>;
  /** Targets in flight at most, across all of its runs at once (its socket cap). */
  readonly maxConcurrentTargets: number;
}

export const USER_AGENT = `ai-exposure-monitor/${packageJson.version} (+security self-scan)`;

/**
 * The order of a plan's protocol groups. HTTP goes first even on a port a gRPC family lists: its first
 * answer is what tells a TLS port (`refusesPlaintext`), and an HTTP/1.1 server's refusal of the HTTP/2
 * preface would read as one. Raw TCP goes first where its family is the port's most likely.
 */
const GROUP_ORDER: readonly RequestKind[] = ['http', 'grpc', 'tcp'];
const TCP_FIRST: readonly RequestKind[] = ['tcp', 'http', 'grpc'];

/**
 * An Application Load Balancer's answer to an HTTP/1.1 request for a target group that speaks HTTP/2 or gRPC
 * (AWS's own status code, "Incompatible protocol"): the port wants gRPC asked, whichever family lists it.
 */
const HTTP2_WANTED_STATUS = 464;

/** After a raw TCP reply started, this much silence means the reply is complete. */
const TCP_QUIET_MS = 100;
/**
 * A raw TCP request that sends nothing reads the greeting a server sends as soon as it accepts a connection (Dask's
 * scheduler): one that has sent none within this long has none to send, and the wait holds a slot on every port asked.
 */
const GREETING_WAIT_MS = 1_000;

const defaultResolve = async (hostname: string): Promise<string[]> =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

interface Engine {
  readonly catalog: readonly Fingerprint[];
  readonly budgets: ProbeBudgets;
  readonly policy: AddressPolicy;
  /**
   * The policy for a target's own address: a mapped target's logical address only names the emulated
   * host, so documentation addresses are allowed there (the right names for samples). Private and
   * special ones stay refused, as in production.
   */
  readonly targetPolicy: AddressPolicy;
  readonly addressMap: AddressMap | undefined;
  readonly resolve: (hostname: string) => Promise<string[]>;
  readonly socketSlots: Semaphore;
  /** The share of `socketSlots` that targets unanswered in the last scan may hold (`unansweredShareOf`). */
  readonly unansweredShare: Semaphore;
  readonly addressSlots: KeyedSemaphore;
  readonly pacer: KeyedRateLimiter;
}

export function createProber(options: ProberOptions): Prober {
  if (options.catalog.length === 0) throw new ProberConfigError('The fingerprint catalog is empty: nothing could ever be identified');
  const budgets = resolveBudgets(options.budgets);
  if (options.addressMap) validateAddressMap(options.addressMap);
  const policy: AddressPolicy = { allowPrivate: options.allowPrivate ?? false };
  const engine: Engine = {
    catalog: options.catalog,
    budgets,
    policy,
    targetPolicy: options.addressMap ? { ...policy, allowDocumentation: true } : policy,
    addressMap: options.addressMap,
    resolve: options.resolve ?? defaultResolve,
    socketSlots: new Semaphore(budgets.maxConcurrentTargets),
    unansweredShare: new Semaphore(unansweredShareOf(budgets.maxConcurrentTargets)),
    addressSlots: new KeyedSemaphore(budgets.maxConcurrentPerAddress),
    pacer: new KeyedRateLimiter(budgets.maxRequestsPerSecondPerAddress),
  };
  return { probe: (targets, runOptions) => probeAll(engine, targets, runOptions ?? {}), maxConcurrentTargets: budgets.maxConcurrentTargets };
}

/**
 * Targets unanswered in the last scan (`unansweredLastScan`) may hold three quarters of the sockets: as many
 * as possible wait out their header timeouts at once, and a quarter stays for the targets that answer, so
 * known-silent ports never stall the rest of a scan.
 */
const unansweredShareOf = (maxConcurrentTargets: number): number => Math.max(1, maxConcurrentTargets - Math.ceil(maxConcurrentTargets / 4));

function validateAddressMap(addressMap: AddressMap): void {
  const problems: string[] = [];
  for (const [key, entry] of addressMap) {
    if (!isLoopbackAddress(entry.connectHost)) problems.push(`${key}: connectHost ${JSON.stringify(entry.connectHost)} is not on 127.0.0.0/8 or ::1`);
    if (!Number.isInteger(entry.connectPort) || entry.connectPort < 1 || entry.connectPort > 65_535) problems.push(`${key}: connectPort ${entry.connectPort} is not a TCP port`);
    if (entry.hostHeader !== undefined && !/^[\x21-\x7e]+$/.test(entry.hostHeader)) problems.push(`${key}: hostHeader must be printable ASCII without spaces`);
  }
  if (problems.length > 0) throw new ProberConfigError(`Invalid address map (test/lab only, loopback destinations only): ${problems.join('; ')}`);
}

async function probeAll(engine: Engine, targets: readonly ProbeInput[], options: ProbeRunOptions): Promise<ProbeResult[]> {
  const run = scopedAbort(
    options.signal,
    options.deadline === undefined ? undefined : options.deadline - Date.now(),
    () => new ProbeRunInterrupted('scan deadline reached'),
  );
  // Each in-flight target listens on the run signal; the default cap of 10 would warn at scale.
  setMaxListeners(engine.budgets.maxConcurrentTargets + 16, run.signal);
  const results = new Array<ProbeResult>(targets.length);
  let callbackError: unknown;
  // A fixed pool of workers, not one pending promise per target: memory and abort listeners stay
  // proportional to the concurrency, not to the batch.
  const unanswered: number[] = [];
  const others: number[] = [];
  targets.forEach((target, index) => (target.unansweredLastScan ? unanswered : others).push(index));
  let nextUnanswered = 0;
  let nextOther = 0;
  // Targets unanswered last time go first while their share of the sockets has room; a worker never waits
  // for that share while other targets are left.
  const nextTarget = async (): Promise<{ readonly index: number; readonly share?: Release } | undefined> => {
    if (nextUnanswered < unanswered.length) {
      const share = engine.unansweredShare.tryAcquire();
      if (share) return { index: unanswered[nextUnanswered++] as number, share };
    }
    if (nextOther < others.length) return { index: others[nextOther++] as number };
    if (nextUnanswered === unanswered.length) return undefined;
    const index = unanswered[nextUnanswered++] as number;
    // Aborted while waiting: `probeTarget` reports the target as not probed.
    const share = await engine.unansweredShare.acquire(run.signal).catch(() => undefined);
    return share ? { index, share } : { index };
  };
  const worker = async (): Promise<void> => {
    for (let next = await nextTarget(); next !== undefined; next = await nextTarget()) {
      const result = await probeTarget(engine, targets[next.index] as ProbeInput, run.signal, options.plan ?? 'full').finally(next.share);
      results[next.index] = result;
      try {
        options.onResult?.(result);
      } catch (error) {
        callbackError ??= error;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(engine.budgets.maxConcurrentTargets, targets.length) }, worker));
  } finally {
    run.dispose();
  }
  if (callbackError !== undefined) throw callbackError;
  return results;
}

function interruptionReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : 'probe run aborted';
}

async function probeTarget(engine: Engine, input: ProbeInput, runSignal: AbortSignal, depth: PlanDepth): Promise<ProbeResult> {
  const probedAt = new Date().toISOString();
  const base: ResultBase = { targetId: input.targetId, address: input.address, port: input.port, probedAt, durationMs: 0, tls: false, requests: [], partial: false };
  const refusal = checkTargetShape(engine, input);
  if (typeof refusal === 'string') return engineResult(base, 'error', refusal);
  const { address, hostPort } = refusal;

  const held: Release[] = [];
  try {
    held.push(await engine.addressSlots.acquire(address.key, runSignal));
    held.push(await engine.socketSlots.acquire(runSignal));
  } catch {
    held.forEach((release) => release());
    return engineResult({ ...base, partial: true }, 'error', `not probed: ${interruptionReason(runSignal)}`);
  }

  const started = Date.now();
  const target = scopedAbort(runSignal, engine.budgets.targetTimeoutMs, () => new TargetTimeBudgetExceeded(engine.budgets.targetTimeoutMs));
  const sockets = new SocketSet();
  try {
    const result = await probeHeld(engine, input, base, { signal: target.signal, runSignal, sockets, depth, address, hostPort });
    return { ...result, durationMs: Date.now() - started };
  } catch (error) {
    // Defensive: a bug must cost one target, not the batch.
    return engineResult({ ...base, durationMs: Date.now() - started }, 'error', `internal error: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    target.dispose();
    await sockets.destroyAll();
    held.forEach((release) => release());
  }
}

/** The target's address worked out, or the problem that needs no network: malformed input, unmapped target, refused IP literal. */
function checkTargetShape(engine: Engine, input: ProbeInput): { readonly address: AcceptedAddress; readonly hostPort: string } | string {
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65_535) return `invalid port ${String(input.port)}`;
  if (typeof input.address !== 'string' || input.address === '') return 'empty address';
  if (input.basePath !== undefined && !BASE_PATH.test(input.basePath)) return `invalid base path ${JSON.stringify(input.basePath.slice(0, 64))}`;
  const hostPort = formatHostPort(input.address, input.port);
  if (engine.addressMap && !engine.addressMap.has(hostPort)) return 'not in address map';
  const address = inspectTargetAddress(input.address, engine.targetPolicy);
  if (address.kind === 'refused') return `refused destination: ${address.reason}`;
  return { address, hostPort };
}

/** A target's address that `checkTargetShape` let through. */
type AcceptedAddress = Exclude<TargetAddress, { readonly kind: 'refused' }>;

type Destination = { readonly endpoint: Endpoint; readonly hostHeader: string } | { readonly refused: string };

/**
 * Where to connect: the map entry (lab), the checked IP (`checkTargetShape`), or the checked result of
 * ONE DNS resolution.
 */
async function destinationOf(engine: Engine, input: ProbeInput, scope: TargetScope): Promise<Destination> {
  const { address, hostPort, signal } = scope;
  const withSni = address.kind === 'name' ? { servername: address.name } : {};
  const hostHeader = hostHeaderOf(hostPort, input.port);
  const mapped = engine.addressMap?.get(hostPort);
  if (mapped) return { endpoint: { host: mapped.connectHost, port: mapped.connectPort, ...withSni }, hostHeader: mapped.hostHeader ?? hostHeader };
  if (address.kind === 'ip') return { endpoint: { host: address.ip, port: input.port }, hostHeader };
  const servername = address.name;
  let addresses: string[];
  try {
    addresses = await raceAbort(engine.resolve(servername), signal);
  } catch (error) {
    if (signal.aborted) throw error;
    return { refused: `DNS resolution of ${servername} failed (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  // Every answer must be acceptable: otherwise a rebinding record could hide among public ones.
  let chosen: string | undefined;
  for (const address of addresses) {
    const check = checkIpAddress(address, engine.policy);
    if (!check.ok) return { refused: `refused destination: ${servername} resolves to ${check.reason}` };
    chosen ??= check.ip;
  }
  if (chosen === undefined) return { refused: `${servername} resolved to no address` };
  return { endpoint: { host: chosen, port: input.port, ...withSni }, hostHeader };
}

/**
 * The Host header as browsers and curl send it: without the port on 80 and 443, the schemes' defaults.
 * Front doors that route by host name (API Gateway custom domains, CloudFront, ALB host rules, function
 * URLs) are then asked for the name they serve, not for "name:443".
 */
function hostHeaderOf(hostPort: string, port: number): string {
  return port === 80 || port === 443 ? hostPort.slice(0, hostPort.lastIndexOf(':')) : hostPort;
}

/** Maps an abort or connect failure before any request to its verdict. */
function earlyFailure(base: ResultBase, error: unknown, runSignal: AbortSignal): ProbeResult {
  if (runSignal.aborted) return engineResult({ ...base, partial: true }, 'error', `cut short: ${interruptionReason(runSignal)}`);
  if (error instanceof TargetTimeBudgetExceeded) return engineResult(base, 'unreachable', error.message);
  if (error instanceof ConnectError) {
    if (error.kind === 'refused') return engineResult(base, 'closed', error.message);
    if (error.kind === 'unreachable') return engineResult(base, 'unreachable', error.message);
    return engineResult(base, 'error', error.message);
  }
  throw error;
}

/** What one target's probe runs under: its own budget's signal, the run's, its sockets and the plan depth. */
interface TargetScope {
  readonly signal: AbortSignal;
  readonly runSignal: AbortSignal;
  readonly sockets: SocketSet;
  readonly depth: PlanDepth;
  readonly address: AcceptedAddress;
  /** `address:port` as in the address map and the Host header. */
  readonly hostPort: string;
}

async function probeHeld(engine: Engine, input: ProbeInput, base: ResultBase, scope: TargetScope): Promise<ProbeResult> {
  const { budgets } = engine;
  const { signal, runSignal, sockets, depth } = scope;
  let destination: Destination;
  let firstSocket: net.Socket;
  try {
    destination = await destinationOf(engine, input, scope);
    if ('refused' in destination) return engineResult(base, 'error', destination.refused);
    firstSocket = await connectTcp(destination.endpoint, budgets.connectTimeoutMs, signal, sockets);
  } catch (error) {
    return earlyFailure(base, error, runSignal);
  }
  const { endpoint, hostHeader } = destination;
  const basePath = input.basePath ?? '';

  const plan = { port: input.port, ...compiledCatalog(engine.catalog).portPlan(input.port) };
  const key = scope.address.key;
  // Never rejects: an abort while waiting is seen by the plan's own checks. No wait, no promise:
  // this runs before every request.
  const pace = (): Promise<void> | undefined => {
    const waitMs = engine.pacer.reserve(key);
    return waitMs <= 0 ? undefined : abortableDelay(waitMs, signal).catch(() => undefined);
  };
  const contextFor = (useTls: boolean, first: net.Socket | undefined, namedHost = hostHeader): PlanContext => {
    // The first consumer gets the already connected socket; later ones open a new transport.
    let handoff = first;
    const openConnection = (): Promise<net.Socket> => {
      const reused = handoff;
      handoff = undefined;
      if (reused && !reused.destroyed) return Promise.resolve(reused);
      return openTransport(endpoint, useTls, budgets, signal, sockets);
    };
    return {
      endpoint,
      hostHeader: namedHost,
      basePath,
      useTls,
      pace,
      signal,
      openConnection,
      // Over TLS a gRPC session needs a handshake of its own, offering h2; in plaintext any connection serves.
      openGrpcConnection: () => (useTls ? openTransport(endpoint, true, budgets, signal, sockets, 'h2') : openConnection()),
    };
  };

  let run: PlanRun;
  let tlsFacts: TlsFacts | undefined;
  if (input.tlsExpected) {
    // The inventory saw a listener that terminates TLS: the handshake goes first, on the first connection,
    // and the plan runs in plaintext (on a new one) only if it fails.
    const secured = await secureHandshake(endpoint, budgets, pace, signal, sockets, firstSocket);
    tlsFacts = secured?.facts;
    run = await runPlan(engine, plan, contextFor(secured !== undefined, secured?.socket), { detectTls: false, done: [], depth });
  } else {
    // Plain first: a plain server answers at once, and a TLS server refuses plaintext at once (close,
    // alert, or nginx's and Go's HTTP 400), so TLS is tried, once per port, only after such a refusal.
    // Sending a ClientHello first would cost a whole TLS timeout on servers that wait silently for a
    // complete request line (Tornado, i.e. Jupyter).
    const plainRun = await runPlan(engine, plan, contextFor(false, firstSocket), { detectTls: true, done: [], depth });
    run = plainRun;
    if (plainRun.tlsSuspected && !signal.aborted) {
      const secured = await secureHandshake(endpoint, budgets, pace, signal, sockets);
      if (secured) {
        tlsFacts = secured.facts;
        run = await runPlan(engine, plan, contextFor(true, secured.socket), { detectTls: false, done: [], depth });
      } else {
        run = await runPlan(engine, plan, contextFor(false, undefined), { detectTls: false, done: plainRun.exchanges, depth });
      }
    }
  }
  const useTls = tlsFacts !== undefined;
  const { exchanges } = run;
  let classification = classify(engine.catalog, run.observed, input.port, run.memo);
  let requests = exchanges.map((entry) => requestLine(entry.request, entry.exchange.observed));
  // The answers the verdict reads: a Host policy's refusal asked again naming the loopback Host (classify.ts rule 9) is read there.
  let { observed } = run;
  let askedPlans = [run.observed];
  if (classification.refusedHost === true && !signal.aborted) {
    const namedHost = loopbackHostOf(input.port);
    const again = await runPlan(engine, plan, contextFor(useTls, undefined, namedHost), { detectTls: false, done: [], depth });
    const answeredAgain = classify(engine.catalog, again.observed, input.port, again.memo);
    // Nothing identified in a plan cut short by the target's time says nothing.
    classification = afterLoopbackHost(classification, answeredAgain.verdict === 'not-ai' && signal.aborted ? undefined : answeredAgain, namedHost);
    const linesAgain = again.exchanges.map((entry) => requestLine(entry.request, entry.exchange.observed, namedHost));
    // The lines of the answers the verdict reads come first: evidence keeps only a few.
    const readAgain = classification.verdict !== 'not-ai';
    requests = readAgain ? [...linesAgain, ...requests] : [...requests, ...linesAgain];
    if (readAgain) observed = again.observed;
    askedPlans = [run.observed, again.observed];
  }
  const withFacts: ResultBase = {
    ...base,
    tls: useTls,
    ...(tlsFacts ? { tlsFacts } : {}),
    requests,
    partial: runSignal.aborted,
    // A sweep's answer is only about the families it asked: the state must not end or replace an
    // exposure of another one (a product behind a path-routing proxy) on its word.
    ...(depth === 'sweep' ? { askedInSweep: [...new Set(askedPlans.flatMap((asked) => askedInSweep(engine.catalog, asked, input.port)))] } : {}),
  };
  if (classification.verdict !== 'not-ai') return classifiedResult(withFacts, classification, observed);
  if (runSignal.aborted) return engineResult(withFacts, 'error', `cut short: ${interruptionReason(runSignal)}`);
  const outcomes = new Set(exchanges.map((entry) => entry.exchange.outcome));
  // A port that never sent a usable byte proves nothing (a proxy with its backend down, a hung
  // service): inconclusive, so a known exposure is not "resolved" by one bad moment.
  if (!outcomes.has('answered') && !outcomes.has('garbled')) {
    const reason =
      outcomes.has('silent') || signal.aborted || exchanges.length === 0
        ? 'the port accepted the connection but sent no complete answer in time'
        : 'the port accepted connections but closed them without answering';
    return engineResult(withFacts, 'unreachable', reason);
  }
  return classifiedResult(withFacts, classification, observed);
}

/** What to send to a port (`PortPlan` of the compiled catalog), and which port it is. */
type PortProbePlan = PortPlan & { readonly port: number };

interface PlanContext {
  readonly endpoint: Endpoint;
  readonly hostHeader: string;
  /** Put before every HTTP request's path (`ProbeTarget.basePath`); '' for the root. */
  readonly basePath: string;
  readonly useTls: boolean;
  readonly openConnection: () => Promise<net.Socket>;
  /** A connection for the gRPC session: over TLS, one whose handshake offered h2. */
  readonly openGrpcConnection: () => Promise<net.Socket>;
  /** Waits for the destination's next request slot (politeness); undefined when the slot is free now. */
  readonly pace: () => Promise<void> | undefined;
  readonly signal: AbortSignal;
}

interface PlannedExchange {
  readonly key: string;
  readonly request: ProbeRequest;
  readonly exchange: Exchange;
}

interface RunOptions {
  /** Stop after the first exchange when it looks like a TLS port refusing plaintext. */
  readonly detectTls: boolean;
  /** Exchanges already made on this port (kept, not repeated). */
  readonly done: readonly PlannedExchange[];
  readonly depth: PlanDepth;
}

interface PlanRun {
  readonly exchanges: PlannedExchange[];
  /** Every answer by request key, declined requests included (they never match: rule 6). */
  readonly observed: ReadonlyMap<string, ObservedResponse>;
  /** The planner's memo of these answers, for the final classification. */
  readonly memo: PlanMemo;
  readonly tlsSuspected: boolean;
}

/**
 * How a TLS port answers plaintext: it hangs up or resets, sends an alert (not HTTP), or answers HTTP 400
 * and ends the connection: nginx, ALB, Apache and HAProxy say `Connection: close`, Go answers in HTTP/1.0
 * with no header at all ("Client sent an HTTP request to an HTTPS server."). A 400 on a connection kept
 * open is a plain HTTP server's own answer (TorchServe with token auth answers every path so), and a
 * ClientHello sent after it would cost a whole TLS timeout on servers that wait for a complete request
 * line. Silence is not a refusal either: TLS stacks reject a record that starts with "GET " or "PING" at once.
 */
function refusesPlaintext(exchange: Exchange): boolean {
  if (exchange.outcome === 'closed' || exchange.outcome === 'garbled') return true;
  const { observed } = exchange;
  if (exchange.outcome !== 'answered' || observed.kind !== 'http' || observed.status !== 400) return false;
  return Object.keys(observed.headers).length === 0 || /\bclose\b/i.test(observed.headers['connection'] ?? '');
}

/**
 * One TLS handshake, offering HTTP/1.1, on `first` or a new connection; undefined when the port does not complete
 * one (it is plain). A port that refuses every protocol but h2 (an NLB listener's HTTP2Only policy, Node's
 * HTTP/2-only servers) speaks TLS all the same: a handshake offering h2 gives its certificate facts, and the plan
 * runs over TLS with no connection to hand over (its HTTP requests fail; its gRPC session offers h2).
 */
async function secureHandshake(
  endpoint: Endpoint,
  budgets: ProbeBudgets,
  pace: () => Promise<void> | undefined,
  signal: AbortSignal,
  sockets: SocketSet,
  first?: net.Socket,
): Promise<{ readonly socket?: tls.TLSSocket; readonly facts: TlsFacts } | undefined> {
  const handshake = async (socket: net.Socket | undefined, alpn: Alpn) => {
    if (socket === undefined) await pace();
    return startTls(socket ?? (await connectTcp(endpoint, budgets.connectTimeoutMs, signal, sockets)), endpoint, budgets.tlsTimeoutMs, signal, sockets, alpn);
  };
  try {
    return await handshake(first, 'http/1.1');
  } catch (error) {
    if (!onlyH2Offered(error)) return undefined;
  }
  try {
    const { socket, facts } = await handshake(undefined, 'h2');
    socket.destroy();
    return { facts };
  } catch {
    return undefined;
  }
}

/** The server's alert for a handshake that offered no protocol it serves, when it serves only h2. */
const onlyH2Offered = (error: unknown): boolean =>
  error instanceof ConnectError && (error.cause as NodeJS.ErrnoException | undefined)?.code === 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL';

/** What the planner sees for a request that was offered but never sent. */
const DECLINED: ObservedResponse = { kind: 'http', headers: {}, body: '', truncated: false, error: 'not sent' };

const isHttp = (entry: PlannedExchange): boolean => isHttpRequest(entry.request);
const gotBytes = (entry: PlannedExchange): boolean => entry.exchange.outcome === 'answered' || entry.exchange.outcome === 'garbled';

/**
 * Sends the staged plan (`nextRequests`): each stage's HTTP requests on one kept-alive session and its gRPC
 * calls on one HTTP/2 session, each shared by all stages, TCP exchanges on fresh sockets, one socket at a
 * time, protocol by protocol in `GROUP_ORDER`. A group stops early when the port shows it does not speak
 * that protocol (first request failed with nothing answered yet), a port that stayed silent is not asked
 * again in another protocol, and raw TCP and gRPC requests go to a port that answered another protocol
 * only when a family of theirs claims that port. A request is offered once: one the engine declined is not
 * asked for again. A stage ends early when an answer in it outranks the winner it was planned for
 * (`PlanMemo.stageOutdated`); what it did not send yet is planned again, so only what still matters is asked.
 */
async function runPlan(engine: Engine, portPlan: PortProbePlan, context: PlanContext, options: RunOptions): Promise<PlanRun> {
  const groups = portPlan.requests[0]?.kind === 'tcp' ? TCP_FIRST : GROUP_ORDER;
  const done: PlannedExchange[] = [...options.done];
  const offered = new Set(done.map((entry) => entry.key));
  let allowance = engine.budgets.maxBytesPerTarget - done.reduce((sum, entry) => sum + entry.exchange.bytes, 0);
  let tlsSuspected = false;
  // One map of the answers, grown as exchanges end: the planner's PlanMemo needs answers that only grow.
  const observed = new Map(done.map((entry) => [entry.key, entry.exchange.observed]));
  const memo = new PlanMemo();
  // What the port has shown so far, kept as flags: asked before every request.
  let bytesSeen = done.some(gotBytes);
  const answeredKinds = new Set(done.filter((entry) => entry.exchange.outcome === 'answered').map((entry) => kindOf(entry.request)));
  const http2Wanted = (entry: PlannedExchange): boolean => isHttp(entry) && entry.exchange.observed.status === HTTP2_WANTED_STATUS;
  let grpcWanted = done.some(http2Wanted);
  let silenceSeen = done.some((entry) => entry.exchange.outcome === 'silent');
  const charge = (entry: PlannedExchange): void => {
    done.push(entry);
    observed.set(entry.key, entry.exchange.observed);
    allowance -= entry.exchange.bytes;
    bytesSeen ||= gotBytes(entry);
    if (entry.exchange.outcome === 'answered') answeredKinds.add(kindOf(entry.request));
    grpcWanted ||= http2Wanted(entry);
    silenceSeen ||= entry.exchange.outcome === 'silent';
    tlsSuspected = options.detectTls && done.length === 1 && refusesPlaintext(entry.exchange);
  };
  const shouldStop = (): boolean => tlsSuspected || context.signal.aborted || allowance <= 0;
  const answeredAny = (): boolean => bytesSeen;
  const answeredHttp = (): boolean => answeredKinds.has('http');
  const onlySilence = (): boolean => silenceSeen && !bytesSeen;
  // A raw TCP or gRPC family is asked on a port that answered another protocol only when it lists the port, or
  // (gRPC) when the port's HTTP answer asked for HTTP/2.
  const worthAsking = (kind: RequestKind): boolean =>
    portPlan.listeningKinds.has(kind) || answeredKinds.size === (answeredKinds.has(kind) ? 1 : 0) || (kind === 'grpc' && grpcWanted);
  let session: HttpSession | undefined;
  const httpSession = (): HttpSession =>
    (session ??= createHttpSession({
      origin: `${context.useTls ? 'https' : 'http'}://${formatHostPort(context.endpoint.host, context.endpoint.port)}`,
      hostHeader: context.hostHeader,
      basePath: context.basePath,
      userAgent: USER_AGENT,
      budgets: engine.budgets,
      openConnection: context.openConnection,
      signal: context.signal,
    }));
  let grpc: GrpcSession | undefined;
  const grpcSession = (): GrpcSession =>
    (grpc ??= createGrpcSession({
      openConnection: context.openGrpcConnection,
      tls: context.useTls,
      authority: context.hostHeader,
      userAgent: USER_AGENT,
      headersTimeoutMs: engine.budgets.headersTimeoutMs,
      bodyTimeoutMs: engine.budgets.bodyTimeoutMs,
      maxBodyBytes: engine.budgets.maxBodyBytes,
      maxHeaderBytes: engine.budgets.maxHeaderBytes,
      signal: context.signal,
    }));
  // One socket at a time (the socket cap is the target cap): a protocol's connection is let go before another's opens.
  const releaseAllBut = async (kind: RequestKind | 'none'): Promise<void> => {
    if (kind !== 'http' && session !== undefined) {
      const closing = session;
      session = undefined;
      await closing.close();
    }
    if (kind !== 'grpc' && grpc !== undefined) {
      grpc.close();
      grpc = undefined;
    }
  };
  const stageOutdated = (): boolean => memo.stageOutdated(engine.catalog, observed, portPlan.port);
  const sessionsOpened: SessionEndRequest[] = [];
  const state: GroupState = {
    done,
    charge,
    shouldStop,
    stageOutdated,
    answeredAny,
    answeredHttp,
    remainingBytes: () => allowance,
    session: httpSession,
    grpcSession,
    releaseAllBut,
    sessionOpened: (end) => sessionsOpened.push(end),
  };

  try {
    while (!shouldStop() && !onlySilence()) {
      // A request the engine declined (the port stopped speaking that protocol) is final too: the plan
      // moves on to the other protocol's requests instead of waiting for it.
      for (const key of offered) if (!observed.has(key)) observed.set(key, DECLINED);
      const stage = nextRequests(engine.catalog, portPlan.port, observed, options.depth, memo).filter((request) => !offered.has(requestKey(request)));
      if (stage.length === 0) break;
      stage.forEach((request) => offered.add(requestKey(request)));
      const httpRequests = stage.filter(isHttpRequest);
      const tcpRequests = stage.filter((request): request is TcpProbeRequest => request.kind === 'tcp');
      const grpcRequests = stage.filter((request): request is GrpcProbeRequest => request.kind === 'grpc');
      for (const group of groups) {
        if (shouldStop() || onlySilence() || stageOutdated()) break;
        if (group === 'http' && httpRequests.length > 0) await runHttpGroup(httpRequests, context, state);
        if (group === 'tcp' && tcpRequests.length > 0 && worthAsking('tcp')) await runTcpGroup(engine, tcpRequests, context, state);
        if (group === 'grpc' && grpcRequests.length > 0 && worthAsking('grpc')) await runGrpcGroup(grpcRequests, context, state);
      }
      // A stage cut short: what it did not send is planned again (not declined) if still needed.
      if (stageOutdated()) for (const key of stage.map(requestKey)) if (!observed.has(key)) offered.delete(key);
    }
  } finally {
    sessionsOpened.push(...visitEnds(engine.catalog, observed));
    if (sessionsOpened.length > 0) {
      await releaseAllBut('http');
      await endSessions(httpSession(), sessionsOpened, context, () => allowance);
    }
    await releaseAllBut('none');
  }
  return { exchanges: done, observed, memo, tlsSuspected };
}

/** The session `request`'s answer opened (`sessionOpenedBy`); a request that got no answer opened none. */
const sessionOf = (request: HttpProbeRequest, exchange: Exchange): Readonly<Record<string, string>> | undefined =>
  exchange.outcome === 'answered' ? sessionOpenedBy(request, exchange.observed.headers) : undefined;

/**
 * Ends the sessions the target's requests opened, on the run's session, paced like any request and within
 * the target's budget: best effort, as a server that does not answer keeps the session either way. The
 * answers are not observations (they say nothing about the service) and go to no evidence.
 */
async function endSessions(session: HttpSession, ends: readonly SessionEndRequest[], context: PlanContext, remainingBytes: () => number): Promise<void> {
  for (const end of ends) {
    if (context.signal.aborted || remainingBytes() <= 0) return;
    const slot = context.pace();
    if (slot !== undefined) await slot;
    await session.send(end, remainingBytes());
  }
}

interface GroupState {
  readonly done: readonly PlannedExchange[];
  readonly charge: (entry: PlannedExchange) => void;
  readonly shouldStop: () => boolean;
  /** An answer outranked the winner the stage was planned for: the rest of it is planned again. */
  readonly stageOutdated: () => boolean;
  readonly answeredAny: () => boolean;
  readonly answeredHttp: () => boolean;
  readonly remainingBytes: () => number;
  /** The run's one HTTP session, opened on first use. */
  readonly session: () => HttpSession;
  /** The run's one gRPC (HTTP/2) session, opened on first use. */
  readonly grpcSession: () => GrpcSession;
  /** Closes the connections of the other protocols (a target holds one socket at a time). */
  readonly releaseAllBut: (kind: RequestKind | 'none') => Promise<void>;
  /** A request's answer opened a session on the server, which the run ends once its requests are done. */
  readonly sessionOpened: (end: SessionEndRequest) => void;
}

async function runTcpGroup(engine: Engine, requests: readonly TcpProbeRequest[], context: PlanContext, state: GroupState): Promise<void> {
  await state.releaseAllBut('tcp');
  for (const request of requests) {
    if (state.shouldStop()) break;
    const slot = context.pace();
    if (slot !== undefined) await slot;
    if (state.shouldStop()) break;
    const exchange = await tcpExchange(request, {
      openConnection: context.openConnection,
      firstByteTimeoutMs: request.send === '' ? Math.min(GREETING_WAIT_MS, engine.budgets.headersTimeoutMs) : engine.budgets.headersTimeoutMs,
      quietMs: Math.min(TCP_QUIET_MS, engine.budgets.bodyTimeoutMs),
      maxBytes: Math.min(engine.budgets.maxBodyBytes, state.remainingBytes()),
      signal: context.signal,
    });
    state.charge({ key: requestKey(request), request, exchange });
    if (state.stageOutdated() || (exchange.outcome === 'silent' && !state.answeredAny())) break;
  }
}

/**
 * gRPC calls, multiplexed on the run's one HTTP/2 session, until the port shows it does not speak HTTP/2 (no
 * call of this target was answered), which ends the group for every later stage too.
 */
async function runGrpcGroup(requests: readonly GrpcProbeRequest[], context: PlanContext, state: GroupState): Promise<void> {
  const earlier = state.done.filter((entry) => entry.request.kind === 'grpc');
  if (earlier.length > 0 && !earlier.some((entry) => entry.exchange.outcome === 'answered')) return;
  await state.releaseAllBut('grpc');
  const session = state.grpcSession();
  for (const request of requests) {
    if (state.shouldStop()) break;
    const slot = context.pace();
    if (slot !== undefined) await slot;
    if (state.shouldStop()) break;
    const exchange = await session.call(request, state.remainingBytes());
    state.charge({ key: requestKey(request), request, exchange });
    if (state.stageOutdated() || exchange.outcome !== 'answered') break;
  }
}

/**
 * The follow-ups `request`'s answer calls for (`HttpProbeRequest.followUps`), in the session it opened, each paced and
 * charged; sent after `sent`, the request as it was answered (`followsSlashRedirect`).
 */
async function sendFollowUps(
  request: HttpProbeRequest,
  sent: HttpProbeRequest,
  exchange: Exchange,
  opened: Readonly<Record<string, string>> | undefined,
  session: HttpSession,
  context: PlanContext,
  state: GroupState,
): Promise<void> {
  if (exchange.outcome !== 'answered') return;
  for (const followUp of followUpsDue(request, exchange.observed)) {
    if (state.shouldStop()) return;
    const slot = context.pace();
    if (slot !== undefined) await slot;
    if (state.shouldStop()) return;
    const moved = followUpAt(followUp, request, sent);
    state.charge({ key: requestKey(followUp), request: moved, exchange: await session.send(withinSession(moved, opened), state.remainingBytes()) });
  }
}

async function runHttpGroup(requests: readonly HttpProbeRequest[], context: PlanContext, state: GroupState): Promise<void> {
  // Until the port has answered HTTP once: silence or garbage ends the group at once; a bare
  // hang-up gets one retry (a transient reset must not hide a service) unless the port already
  // answered the other protocol. Exchanges made before (plaintext, ahead of a TLS check) count.
  const earlier = state.done.filter(isHttp);
  if (!state.answeredHttp() && earlier.some((entry) => entry.exchange.outcome !== 'closed')) return;
  let hangUps = earlier.length;
  if (hangUps > 0 && !state.answeredHttp() && (hangUps >= 2 || state.answeredAny())) return;
  await state.releaseAllBut('http');
  const session = state.session();
  for (const request of requests) {
    if (state.shouldStop()) break;
    const slot = context.pace();
    if (slot !== undefined) await slot;
    if (state.shouldStop()) break;
    let exchange = await session.send(request, state.remainingBytes());
    state.charge({ key: requestKey(request), request, exchange });
    let sent = request;
    const moved = exchange.outcome === 'answered' ? slashRedirectOf(request, exchange.observed, context.basePath) : undefined;
    if (moved !== undefined && !state.shouldStop()) {
      const movedSlot = context.pace();
      if (movedSlot !== undefined) await movedSlot;
      if (state.shouldStop()) break;
      exchange = await session.send(moved, state.remainingBytes());
      state.charge({ key: requestKey(request), request: moved, exchange });
      sent = moved;
    }
    const opened = sessionOf(sent, exchange);
    if (opened !== undefined) state.sessionOpened({ method: 'DELETE', path: sent.path, headers: opened });
    await sendFollowUps(request, sent, exchange, opened, session, context, state);
    if (state.stageOutdated()) break;
    if (state.answeredHttp()) continue;
    if (exchange.outcome !== 'closed') break;
    hangUps += 1;
    if (hangUps >= 2 || state.answeredAny()) break;
  }
}
