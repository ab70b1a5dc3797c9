/**
 * `npm run bench`: the probe engine against a fleet on loopback (never part of `npm test`).
 *
 * A child process serves thousands of distinct 127.x.y.z addresses: AI services open and behind
 * auth (recorded fixtures replayed), plain web servers and catch-alls (the negative fixtures),
 * TLS services, slow services, closed ports and silent ports. The prober reaches them only through
 * its address map (documentation addresses and *.bench.example names → 127.x.y.z:port) with the
 * production budgets, then this prints throughput, CPU, peak RSS, accuracy against each target's
 * expected verdict, and the mix's theoretical floor. Usage: npm run bench [-- --targets N] [--plan sweep|full] [--nuclei PATH]
 * [--compare REF [--rounds N]] [--mix KIND=PERCENT,…] [--fixtures REGEX] [--batches N [--batch-concurrency K]] [--rescan] [--warm] [--lambda-memory MB] [--max-concurrency N]
 * (`--mix` and `--fixtures` narrow the fleet to see what one kind of target costs, e.g. `--mix tls=100`;
 * `--batches` probes it in batches of N, K at a time, as probe invocations with their store calls, in fleet
 * order and with its silent ports first, and prints their summed and overall wall time and their CPU (one at
 * a time: the first invocation's, in a fresh process, apart from the later ones'); `--warm` probes the fleet
 * a second time in the same process and prints that pass too, as a Lambda container runs once warmed up;
 * `--rescan` probes the fleet as a later scan gets it, its silent ports marked unanswered and first (with
 * `--batches`, that order alone); `--lambda-memory` holds the prober to the CPU share of a Lambda of that
 * memory size (a cgroup CPU quota, bench/cpu-quota.ts; root only) and prints the rate per second of wall time
 * that gave; `--max-concurrency` sets the prober's cap on targets in flight (the deployed config's
 * `probe.maxConcurrency`; default the engine's own, 256); `--nuclei` also runs that nuclei binary
 * over the same fleet with templates generated from the catalog; `--compare` runs this checkout's prober and the one of git commit REF in turn over the same fleet, N rounds,
 * and prints the change in CPU per target pair by pair: this machine's speed drifts more between half-hours than most
 * changes weigh; `BENCH_PROFILE=DIR` writes a CPU profile of the prober, bundled unminified, to DIR).
 */
import { execFileSync, fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { formatHostPort } from '../lambdas/shared/model.js';
import { defaultBudgets } from '../lambdas/probe/budgets.js';
import { PROBE_ENVIRONMENT } from '../lib/config.js';
import { planRequests } from '../lambdas/probe/catalog-plan.js';
import type { PlanDepth } from '../lambdas/probe/classify.js';
import { newScanId, unansweredFirst } from '../lambdas/pipeline/stages.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalStore } from '../lambdas/state/local-store.js';
import { createStateStore } from '../lambdas/state/store.js';
import { catalog } from '../lambdas/probe/fingerprints/index.js';
import type { AddressMapEntry, ProbeInput } from '../lambdas/probe/prober.js';
import type { ProbeResult } from '../lambdas/shared/model.js';
import { classifyFixture, loadFixtures, type Fixture, type LoadedFixture } from '../test/support/fixture-format.js';
import { replayFixtureStages } from '../test/support/staged-replay.js';
import { selfSignedCertificate } from '../test/support/hostile-servers.js';
import { runNuclei } from './bench/nuclei.js';
import { bundleForLambda, lambdaRuntime, REPO_ROOT, type Runtime } from './bench/lambda-bundle.js';
import { createCpuQuota, LAMBDA_MB_PER_VCPU, type ThrottleStats } from './bench/cpu-quota.js';
import type { FleetReady, FleetRequest, FleetStats, ListenerSpec, PassReport, ProberReport, ProberRequest } from './bench/fleet-spec.js';

/**
 * Shares of the realistic mix, in percent of the targets. `tls` targets are found to speak TLS by the
 * engine; `tlsListener` ones are the same services behind a load balancer listener the inventory saw
 * terminate TLS (`tlsExpected`), none in the default mix so its figures stay comparable.
 */
const DEFAULT_MIX = { aiService: 32, plainWeb: 30, tls: 3, tlsListener: 0, slow: 2, closed: 30, silent: 3 } as const;
type TargetKind = keyof typeof DEFAULT_MIX;
type Mix = Readonly<Record<TargetKind, number>>;

/** `--mix tls=50,closed=50`: the kinds named, in percent (the others get none); they must add up to 100. */
function parseMix(text: string): Mix {
  const mix = Object.fromEntries(Object.keys(DEFAULT_MIX).map((kind) => [kind, 0])) as Record<TargetKind, number>;
  for (const part of text.split(',')) {
    const [kind, share] = part.split('=');
    if (kind === undefined || !(kind in mix)) throw new Error(`--mix: "${kind ?? ''}" is not a kind of target (${Object.keys(mix).join(', ')})`);
    const percent = Number(share);
    if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new Error(`--mix: the share of ${kind} must be a whole percent from 0 to 100`);
    mix[kind as TargetKind] = percent;
  }
  const sum = Object.values(mix).reduce((total, percent) => total + percent, 0);
  if (sum !== 100) throw new Error(`--mix: the shares add up to ${sum} %, not 100 %`);
  return mix;
}

const SLOW_DELAY_MS = 20;
/** The account `--batches` lists the fleet under in its workspace (a documentation-style id). */
const BENCH_ACCOUNT = '111122223333';
const COMMON_PORTS = [80, 443, 8080, 8000, 11434, 8888, 3000, 5000] as const;

interface PlannedTarget {
  readonly input: ProbeInput;
  readonly kind: TargetKind;
  readonly expected: { readonly verdict: ProbeResult['verdict']; readonly family: string | null };
  /** Index into the listener list; undefined for closed ports. */
  readonly listener?: number;
  readonly closedHost?: string;
  /** Wait no prober can avoid: a silent port's header timeout, a slow port's delays. */
  readonly floorMs: number;
}

/** Logical names: IPv4 documentation addresses, then IPv6 documentation addresses and DNS names, alternating. */
function logicalAddress(index: number): string {
  const ipv4Blocks = ['192.0.2', '198.51.100', '203.0.113'];
  if (index < 3 * 254) return `${ipv4Blocks[Math.floor(index / 254)]}.${(index % 254) + 1}`;
  return index % 2 === 0 ? `2001:db8::${index.toString(16)}` : `host-${index}.bench.example`;
}

/** A distinct loopback address per target: 127.<net>.b.c with b, c in 1..250. */
const loopbackAddress = (net: number, index: number): string => `127.${net}.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`;

function kindOf(index: number, total: number, mix: Mix): TargetKind {
  // Spread kinds evenly through the list, so concurrency sees a steady mix.
  const slot = (index * 100) / total;
  let edge = 0;
  for (const [kind, share] of Object.entries(mix) as [TargetKind, number][]) {
    edge += share;
    if ((slot * 7919) % 100 < edge) return kind;
  }
  return 'closed';
}

/**
 * HTTP requests the staged plan sends to a fixture's service, in both askings of one a Host policy refused (classify.ts
 * rule 9): each one is a slow port's unavoidable delay.
 */
function stagedHttpRequests(fixture: Fixture, plan: PlanDepth): number {
  let sent = 0;
  classifyFixture(catalog, fixture, (asked) => {
    const asking = replayFixtureStages(catalog, asked, plan);
    sent += asking.stages.flat().filter((key) => !key.startsWith('TCP ') && !key.startsWith('gRPC ')).length;
    return asking;
  });
  return sent;
}

function planFleet(total: number, fixtures: readonly LoadedFixture[], plan: PlanDepth, mix: Mix): { targets: PlannedTarget[]; listeners: ListenerSpec[] } {
  // A gRPC-only port's fixture: its gRPC calls were answered as gRPC, with a grpc-status (its HTTP requests were not). An HTTP
  // server that also takes cleartext HTTP/2 (Cog's coglet) answers them with a plain 404 and no grpc-status.
  const speaksGrpc = (fixture: Fixture): boolean =>
    Object.entries(fixture.responses).some(([key, answer]) => key.startsWith('gRPC ') && answer.headers['grpc-status'] !== undefined);
  // A raw-TCP port's fixture (Redis's, Dask's scheduler's): its raw TCP requests were answered, and none of its HTTP requests was.
  const speaksRawTcpOnly = (fixture: Fixture): boolean => {
    const answers = Object.entries(fixture.responses);
    return answers.some(([key, answer]) => key.startsWith('TCP ') && answer.error === undefined) && !answers.some(([key, answer]) => !key.startsWith('TCP ') && answer.status !== undefined);
  };
  const httpFixtures = fixtures.map((entry, index) => ({ entry, index })).filter(({ entry }) => !speaksRawTcpOnly(entry.fixture) && !speaksGrpc(entry.fixture));
  const grpc = fixtures.map((entry, index) => ({ entry, index })).filter(({ entry }) => speaksGrpc(entry.fixture) && entry.fixture.expect.verdict !== 'not-ai');
  const ai = httpFixtures.filter(({ entry }) => entry.fixture.expect.verdict !== 'not-ai');
  const web = httpFixtures.filter(({ entry }) => entry.fixture.expect.verdict === 'not-ai');
  const tcp = fixtures.map((entry, index) => ({ entry, index })).filter(({ entry }) => speaksRawTcpOnly(entry.fixture));
  const targets: PlannedTarget[] = [];
  const listeners: ListenerSpec[] = [];
  const counters = new Map<string, number>();
  const next = (kind: string, length: number): number => {
    const value = counters.get(kind) ?? 0;
    counters.set(kind, value + 1);
    return value % length;
  };
  for (let index = 0; index < total; index += 1) {
    const kind = kindOf(index, total, mix);
    const address = logicalAddress(index);
    const host = loopbackAddress(20, index);
    const expectOf = (entry: LoadedFixture) => ({ verdict: entry.fixture.expect.verdict, family: entry.fixture.expect.family });
    if (kind === 'closed' || kind === 'silent') {
      const port = COMMON_PORTS[next(kind, COMMON_PORTS.length)] ?? 80;
      const input = { targetId: `${kind}-${index}`, address, port };
      if (kind === 'closed') {
        targets.push({ input, kind, expected: { verdict: 'closed', family: null }, closedHost: loopbackAddress(21, index), floorMs: 0 });
      } else {
        listeners.push({ host, kind: 'silent' });
        targets.push({ input, kind, expected: { verdict: 'unreachable', family: null }, listener: listeners.length - 1, floorMs: defaultBudgets.headersTimeoutMs });
      }
      continue;
    }
    // One in twenty AI-service targets is a raw TCP one (Redis), and one in twenty a gRPC-only port, when such fixtures exist.
    const useTcp = kind === 'aiService' && tcp.length > 0 && index % 20 === 0;
    const useGrpc = kind === 'aiService' && grpc.length > 0 && index % 20 === 10;
    const pool = useTcp ? tcp : useGrpc ? grpc : kind === 'plainWeb' ? web : ai;
    const chosen = pool[next(kind + (useTcp ? 'tcp' : useGrpc ? 'grpc' : ''), pool.length)];
    if (!chosen) throw new Error(`no fixtures for ${kind} targets${useTcp ? ' (raw TCP)' : ''}: widen --fixtures or leave ${kind} out of --mix`);
    const port = chosen.entry.fixture.port;
    const delayMs = kind === 'slow' ? SLOW_DELAY_MS : 0;
    listeners.push({ host, kind: useTcp ? 'tcp' : useGrpc ? 'grpc' : kind === 'tls' || kind === 'tlsListener' ? 'https' : 'http', fixture: chosen.index, delayMs });
    targets.push({
      input: { targetId: `${kind}-${chosen.entry.family}-${chosen.entry.name}-${index}`, address, port, ...(kind === 'tlsListener' ? { tlsExpected: true } : {}) },
      kind,
      expected: expectOf(chosen.entry),
      listener: listeners.length - 1,
      floorMs: delayMs * stagedHttpRequests(chosen.entry.fixture, plan),
    });
  }
  return { targets, listeners };
}

async function startFleet(request: FleetRequest): Promise<{ ports: readonly number[]; stats: () => Promise<FleetStats>; stop: () => void }> {
  const child = fork(new URL('./bench/fleet-server.ts', import.meta.url), { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<FleetReady>((resolve, reject) => {
    child.once('message', (message) => resolve(message as FleetReady));
    child.once('exit', (code) => reject(new Error(`fleet server exited with code ${String(code)}`)));
    child.send(request);
  });
  const stats = (): Promise<FleetStats> =>
    new Promise((resolve) => {
      child.once('message', (message) => resolve(message as FleetStats));
      child.send('stats');
    });
  return { ports: ready.ports, stats, stop: () => child.disconnect() };
}

/** Bundles a checkout's prober like the Lambda. */
const buildProber = (checkout: string, outfile: string, runtime: Runtime): Promise<string> =>
  bundleForLambda(join(checkout, 'scripts/bench/prober-child.ts'), outfile, runtime);

type CpuQuotaReport = { readonly memoryMb: number; readonly cpus: number; readonly periodMs: number } & ThrottleStats;

/** What a prober run reports, and with `--lambda-memory` the CPU quota it ran under and how often that held it. */
interface ProberRun extends ProberReport {
  readonly cpuQuota?: CpuQuotaReport;
}

/**
 * Runs a prober bundle in a process of its own, on the Lambda runtime's Node.js when installed and with the
 * probe Lambda's V8 flags; with `lambdaMemoryMb`, under that Lambda size's share of the CPU (cpu-quota.ts),
 * in a cgroup made for the run.
 */
async function runProber(bundle: string, request: ProberRequest, runtime: Runtime, lambdaMemoryMb?: number): Promise<ProberRun> {
  const profile = process.env.BENCH_PROFILE === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`];
  const quota = lambdaMemoryMb === undefined ? undefined : createCpuQuota(lambdaMemoryMb);
  const child = fork(bundle, { execPath: runtime.execPath, execArgv: profile, env: { ...process.env, ...PROBE_ENVIRONMENT }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    // Confined before it is given work: the group's quota and counters cover every pass.
    quota?.confine(child.pid as number);
    const report = await new Promise<ProberReport>((resolve, reject) => {
      child.once('message', (message) => resolve(message as ProberReport));
      child.once('exit', (code) => reject(new Error(`prober exited with code ${String(code)} before reporting`)));
      child.send(request);
    });
    if (quota === undefined) return report;
    child.kill();
    await exited;
    return { ...report, cpuQuota: { memoryMb: lambdaMemoryMb as number, cpus: quota.cpus, periodMs: quota.periodMs, ...quota.stats() } };
  } finally {
    if (quota !== undefined) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      quota.remove();
    }
  }
}

/**
 * The fleet as the inventory stage hands it to the next scan: the targets unanswered in the first (the
 * silent ports, which a scan finds exactly) marked `unansweredLastScan` and first (`unansweredFirst`).
 */
function asRescanned(targets: readonly PlannedTarget[]): PlannedTarget[] {
  const silent = new Set(targets.filter((target) => target.kind === 'silent').map((target) => target.input.targetId));
  const byId = new Map(targets.map((target) => [target.input.targetId, target]));
  return unansweredFirst(targets.map((target) => target.input), silent).map((input) => ({ ...(byId.get(input.targetId) as PlannedTarget), input }));
}

/** A target that answers at all: what the costs are counted per (closed and silent ports only wait or fail). */
const isResponsive = (target: PlannedTarget): boolean => target.kind !== 'closed' && target.kind !== 'silent';

/** What a run's costs are divided by: its responsive targets (or all, when none is responsive), and that unit's name. */
interface CostedPer {
  readonly responsive: number;
  readonly perWhat: string;
}

/**
 * `--batches N [--batch-concurrency K]`: the fleet probed in batches of N, K at a time (default 1: one
 * after another), as probe invocations (`probeStage`: the batch read from a scan workspace in the embedded
 * store, probed, its results written back; invocations-child.ts): in fleet order, then with its silent
 * ports first, as the inventory stage orders a scope once a scan has seen them (`unansweredFirst`; only
 * that order with `laterScanOnly`, as `--rescan` asks, which spares the fleet order's 5 s per batch). The
 * sum of the batches' wall times is what the probe Lambdas bill, their CPU (store calls included) what
 * they need; the wall time of all of them is the scan's (with K batches sharing this one process, as the
 * CLI runs them, where Lambdas would each have their own).
 */
async function compareBatchOrders(
  targets: readonly PlannedTarget[],
  batches: { readonly size: number; readonly concurrency: number },
  probe: (probed: readonly PlannedTarget[]) => Promise<ProberRun>,
  wrongOf: (report: ProberReport, probed: readonly PlannedTarget[]) => string[],
  costedPer: CostedPer,
  laterScanOnly: boolean,
): Promise<number> {
  let wrong = 0;
  const orders = [['fleet order', targets], ['silent ports first', asRescanned(targets)]] as const;
  for (const [order, probed] of laterScanOnly ? orders.slice(1) : orders) {
    const report = await probe(probed);
    const walls = report.batchWallMs ?? [];
    const sum = walls.reduce((total, ms) => total + ms, 0);
    const waiting = walls.filter((ms) => ms >= defaultBudgets.headersTimeoutMs).length;
    const wrongHere = wrongOf(report, probed).length;
    const cpuMs = report.cpuUserMs + report.cpuSystemMs;
    wrong += wrongHere;
    process.stdout.write(
      `${order.padEnd(18)} ${walls.length} batches of ${batches.size}, ${batches.concurrency} at a time: ${(report.wallMs / 1000).toFixed(1)} s wall, ${(sum / 1000).toFixed(1)} s of invocation time in all, ${waiting} of them ${defaultBudgets.headersTimeoutMs / 1000} s or longer (median ${(median(walls) / 1000).toFixed(2)} s); CPU ${(cpuMs / 1000).toFixed(1)} s, ${(cpuMs / costedPer.responsive).toFixed(2)} ms per ${costedPer.perWhat} → ${Math.round((1000 * costedPer.responsive) / cpuMs)} per CPU-second; peak RSS ${report.peakRssMb.toFixed(0)} MB; ${wrongHere} wrong\n`,
    );
    if (report.batchCpuMs !== undefined && report.batchCpuMs.length > 1) process.stdout.write(`${invocationCpuLine(report.batchCpuMs, probed, batches.size)}\n`);
    if (report.batchTailMs !== undefined) process.stdout.write(`${tailLine(report.batchTailMs, walls)}\n`);
    if (report.batchStoreMs !== undefined) process.stdout.write(`${storeCallsLine(report.batchStoreMs, walls)}\n`);
    if (report.cpuQuota !== undefined) process.stdout.write(`  ${quotaLine(report.cpuQuota, [sum], costedPer)}${lastHalfRate(walls, probed, batches.size)}\n`);
  }
  return wrong === 0 ? 0 : 1;
}

/**
 * The second pass of `--warm`: the same fleet probed again by the same process, whose code the first pass
 * got compiled and optimized, as a Lambda container's invocations after its first few.
 */
function warmLine(warm: PassReport, costedPer: CostedPer): string {
  const cpuMs = warm.cpuUserMs + warm.cpuSystemMs;
  return `  warmed up        ${(warm.wallMs / 1000).toFixed(2)} s wall, ${(cpuMs / 1000).toFixed(2)} s CPU; ${(cpuMs / costedPer.responsive).toFixed(2)} ms per ${costedPer.perWhat} → ${Math.round((1000 * costedPer.responsive) / cpuMs)} per CPU-second (a second pass in the same process: its code already compiled and optimized, as in a Lambda container after its first invocations)`;
}

/**
 * `--lambda-memory`: the CPU share the prober ran under, how often the quota held it, and the rate that gave,
 * per second of wall time for each pass (for batches, of the invocations' time), so a Lambda's throughput is
 * read, not computed from CPU-seconds.
 */
function quotaLine(quota: CpuQuotaReport, passWallsMs: readonly number[], costedPer: CostedPer): string {
  const rates = passWallsMs.map((ms, pass) => `${Math.round((1000 * costedPer.responsive) / ms)}${pass === 0 ? '' : ' warmed up'}`);
  return `Lambda's CPU       ${quota.memoryMb} MB of memory → ${quota.cpus.toFixed(2)} CPU (${LAMBDA_MB_PER_VCPU} MB a vCPU), a CFS quota of ${(quota.cpus * quota.periodMs).toFixed(1)} ms per ${quota.periodMs} ms: held in ${quota.throttledPeriods} of ${quota.periods} periods (${(quota.throttledMs / 1000).toFixed(1)} s); ${rates.join(', ')} ${costedPer.perWhat}s a second of wall time`;
}

/** What the fleet served, a pass's worth (the fleet counts all of them; every pass sends the same requests). */
function requestsLine(stats: FleetStats, passes: number, costedPer: CostedPer): string {
  const requests = stats.requests / passes;
  const [aPass, inAll] = passes === 1 ? ['', ''] : [' a pass', `${stats.requests} in ${passes} passes; `];
  return `requests           ${requests} HTTP requests served${aPass} (${inAll}${(requests / costedPer.responsive).toFixed(1)} per ${costedPer.perWhat}) on ${stats.connections / passes} connections; the fleet spent ${((stats.cpuMs ?? 0) / passes / 1000).toFixed(2)} s CPU${aPass}`;
}

/** The invocations with responsive targets, in order, with their count of them. */
function responsiveBatches(probed: readonly PlannedTarget[], batchSize: number, batchCount: number): { invocation: number; responsive: number }[] {
  return Array.from({ length: batchCount }, (_, index) => ({ invocation: index + 1, responsive: probed.slice(index * batchSize, (index + 1) * batchSize).filter(isResponsive).length })).filter(
    (batch) => batch.responsive > 0,
  );
}

/** Under `--lambda-memory`: the rate of the last half of the invocations with responsive targets, a warmed-up container's. */
function lastHalfRate(batchWallMs: readonly number[], probed: readonly PlannedTarget[], batchSize: number): string {
  const batches = responsiveBatches(probed, batchSize, batchWallMs.length);
  const lastHalf = batches.slice(Math.floor(batches.length / 2)).map((batch) => (1000 * batch.responsive) / (batchWallMs[batch.invocation - 1] as number));
  return lastHalf.length === 0 ? '' : `; the last ${lastHalf.length} invocations a median ${Math.round(median(lastHalf))} a second of their wall time`;
}

/**
 * What an invocation's slowest tenth of targets added after the other nine tenths had finished: the
 * invocation, and the Lambda's bill, waits for its last target.
 */
function tailLine(batchTailMs: readonly number[], batchWallMs: readonly number[]): string {
  const shares = batchTailMs.map((ms, batch) => ms / (batchWallMs[batch] as number));
  return `  last tenth         an invocation's slowest tenth of targets finished a median ${median(batchTailMs).toFixed(0)} ms after the rest (${(100 * median(shares)).toFixed(0)} % of its time; ${(100 * Math.min(...shares)).toFixed(0)}–${(100 * Math.max(...shares)).toFixed(0)} %)`;
}

/** What an invocation's two store calls took of its wall time (the embedded store's latency included). */
function storeCallsLine(batchStoreMs: readonly { readonly read: number; readonly write: number }[], batchWallMs: readonly number[]): string {
  const reads = batchStoreMs.map((times) => times.read);
  const writes = batchStoreMs.map((times) => times.write);
  const storeMs = [...reads, ...writes].reduce((total, ms) => total + ms, 0);
  const wallMs = batchWallMs.reduce((total, ms) => total + ms, 0);
  return `  store calls        reading an invocation's targets a median ${median(reads).toFixed(1)} ms, writing its results ${median(writes).toFixed(1)} ms; ${((100 * storeMs) / wallMs).toFixed(1)} % of the invocation time`;
}

/**
 * With batches probed one at a time (one process, as one Lambda container): what the first invocation with
 * responsive targets cost, while the process's code was still being compiled, against the median of the last
 * half, warmed up (batches of silent ports alone are left out: they run little code).
 */
function invocationCpuLine(batchCpuMs: readonly number[], probed: readonly PlannedTarget[], batchSize: number): string {
  const batches = responsiveBatches(probed, batchSize, batchCpuMs.length).map((batch) => {
    const ms = batchCpuMs[batch.invocation - 1] as number;
    return { invocation: batch.invocation, ms, perResponsive: ms / batch.responsive };
  });
  const first = batches[0];
  if (first === undefined) return '  CPU by invocation  no invocation probed a responsive target';
  const lastHalf = batches.slice(Math.floor(batches.length / 2)).map((batch) => batch.perResponsive);
  return `  CPU by invocation  the first with responsive targets (#${first.invocation}) ${first.ms.toFixed(0)} ms, ${first.perResponsive.toFixed(2)} ms per responsive target (in a fresh process: its code not yet compiled); the last ${lastHalf.length} a median ${median(lastHalf).toFixed(2)} ms (${Math.min(...lastHalf).toFixed(2)}–${Math.max(...lastHalf).toFixed(2)})`;
}

/**
 * The floor when each target's unavoidable wait occupies one slot whole (as a silent port holds its socket
 * for the header timeout): of the (k−1)·slots + 1 longest waits, some slot runs k, each at least as long as
 * the shortest of them (pigeonhole); the best k is the bound. `ms` is 0 without waits.
 */
function wholeWaitsFloor(waitsMs: readonly number[], slots: number): { ms: number; waits: number; rounds: number; shortestMs: number } {
  const longestFirst = waitsMs.filter((ms) => ms > 0).sort((a, b) => b - a);
  let best = { ms: 0, waits: 0, rounds: 0, shortestMs: 0 };
  for (let rounds = 1; (rounds - 1) * slots < longestFirst.length; rounds += 1) {
    const shortestMs = longestFirst[(rounds - 1) * slots] as number;
    if (rounds * shortestMs > best.ms) best = { ms: rounds * shortestMs, waits: (rounds - 1) * slots + 1, rounds, shortestMs };
  }
  return best;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted.length % 2 === 1 ? (sorted[(sorted.length - 1) / 2] as number) : ((sorted[sorted.length / 2 - 1] as number) + (sorted[sorted.length / 2] as number)) / 2;
};

/** A detached git worktree of `ref` for the length of `use`. */
async function withCheckoutOf<T>(ref: string, use: (checkout: string) => Promise<T>): Promise<T> {
  const checkout = await mkdtemp(join(tmpdir(), 'ai-exposure-bench-ref-'));
  try {
    execFileSync('git', ['worktree', 'add', '--detach', '--quiet', checkout, ref], { cwd: REPO_ROOT, stdio: 'ignore' });
  } catch {
    await rm(checkout, { recursive: true, force: true });
    throw new Error(`--compare: "${ref}" is not a commit of this repository`);
  }
  try {
    return await use(checkout);
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', checkout], { cwd: REPO_ROOT });
  }
}

const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)} %`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      targets: { type: 'string', default: '10000' },
      nuclei: { type: 'string' },
      plan: { type: 'string', default: 'sweep' },
      compare: { type: 'string' },
      rounds: { type: 'string', default: '3' },
      mix: { type: 'string' },
      fixtures: { type: 'string' },
      batches: { type: 'string' },
      'batch-concurrency': { type: 'string', default: '1' },
      rescan: { type: 'boolean', default: false },
      warm: { type: 'boolean', default: false },
      'lambda-memory': { type: 'string' },
      'max-concurrency': { type: 'string' },
    },
  });
  const total = Number(values.targets);
  if (!Number.isInteger(total) || total < 100 || total > 60_000) throw new Error('--targets must be an integer from 100 to 60000');
  const plan = values.plan;
  if (plan !== 'sweep' && plan !== 'full') throw new Error('--plan must be "sweep" (the scheduled scans) or "full" (the daily full scan)');
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) throw new Error('--rounds must be an integer from 1 to 20');
  if ([values.compare, values.nuclei, values.batches].filter((value) => value !== undefined).length > 1) throw new Error('--compare, --nuclei and --batches are separate runs');
  if (values.warm && (values.compare !== undefined || values.batches !== undefined)) throw new Error('--warm is for a single run (--batches already tells the first invocation from the later ones)');
  const batchSize = values.batches === undefined ? undefined : Number(values.batches);
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 10 || batchSize > 1000)) throw new Error('--batches must be an integer from 10 to 1000 (targets per probe invocation)');
  const batchConcurrency = Number(values['batch-concurrency']);
  if (!Number.isInteger(batchConcurrency) || batchConcurrency < 1 || batchConcurrency > 40) throw new Error('--batch-concurrency must be an integer from 1 to 40 (batches probed at once)');
  const lambdaMemoryMb = values['lambda-memory'] === undefined ? undefined : Number(values['lambda-memory']);
  if (lambdaMemoryMb !== undefined && (!Number.isInteger(lambdaMemoryMb) || lambdaMemoryMb < 128 || lambdaMemoryMb > 10_240)) {
    throw new Error("--lambda-memory must be an integer from 128 to 10240 (a Lambda function's memory size in MB)");
  }
  const inFlight = values['max-concurrency'] === undefined ? defaultBudgets.maxConcurrentTargets : Number(values['max-concurrency']);
  if (!Number.isInteger(inFlight) || inFlight < 1 || inFlight > 900) throw new Error('--max-concurrency must be an integer from 1 to 900 (targets in flight)');
  const mix = values.mix === undefined ? DEFAULT_MIX : parseMix(values.mix);
  const fixturePattern = values.fixtures === undefined ? undefined : new RegExp(values.fixtures);
  const fixtures = loadFixtures().filter((entry) => fixturePattern === undefined || fixturePattern.test(`${entry.family}/${entry.name}`));
  if (fixtures.length === 0) throw new Error(`--fixtures: no fixture's "family/name" matches ${String(fixturePattern)}`);
  const { targets, listeners } = planFleet(total, fixtures, plan, mix);
  const fleet = await startFleet({ fixtures: fixtures.map((entry) => entry.fixture), listeners, certificate: selfSignedCertificate('bench.example') });
  try {
    const addressMap = new Map<string, AddressMapEntry>(
      targets.map((target) => [
        formatHostPort(target.input.address, target.input.port),
        target.listener === undefined
          ? { connectHost: target.closedHost ?? '127.0.0.1', connectPort: 9 }
          : { connectHost: listeners[target.listener]?.host ?? '127.0.0.1', connectPort: fleet.ports[target.listener] ?? 0 },
      ]),
    );
    const runtime = lambdaRuntime();
    const probedInOrder = values.rescan ? asRescanned(targets) : targets;
    const request: ProberRequest = { targets: probedInOrder.map((target) => target.input), addressMap: [...addressMap], plan, maxConcurrentTargets: inFlight, ...(values.warm ? { passes: 2 } : {}) };
    const outdir = await mkdtemp(join(tmpdir(), 'ai-exposure-bench-'));
    const responsiveCount = targets.filter(isResponsive).length;
    // Costs are per responsive target (what a Lambda classifies); a fleet of closed or silent ports only is costed per target.
    const [responsive, perWhat] = responsiveCount > 0 ? [responsiveCount, 'responsive target'] : [total, 'target (none responsive)'];
    const wrongOf = (report: PassReport, probed: readonly PlannedTarget[] = probedInOrder): string[] =>
      report.results.flatMap((result, index) => {
        const target = probed[index];
        const expected = target?.expected;
        return expected && (result.verdict !== expected.verdict || result.family !== expected.family)
          ? [`${target.input.targetId}: expected ${expected.verdict}/${expected.family ?? '-'}, got ${result.verdict}/${result.family ?? '-'} (${result.why})`]
          : [];
      });
    if (batchSize !== undefined) {
      const invocationsBundle = await bundleForLambda(join(REPO_ROOT, 'scripts/bench/invocations-child.ts'), join(outdir, 'invocations.mjs'), runtime);
      const local = await startLocalStore({ dir: join(outdir, 'store') });
      try {
        const client = new DynamoDBClient({ endpoint: local.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
        const store = createStateStore({ client: DynamoDBDocumentClient.from(client), tableName: local.tableName });
        const probeAsInvocations = async (probed: readonly PlannedTarget[]): Promise<ProberRun> => {
          const listed = probed.map(({ input }, index) => ({ ...input, accountId: BENCH_ACCOUNT, region: LOCAL_REGION, resourceType: 'ec2-instance' as const, resourceId: `i-bench${index}`, reason: 'bench fleet' }));
          const scanId = newScanId(new Date());
          const batchIds = await store.putScopeInventory(scanId, { scope: { accountId: BENCH_ACCOUNT, region: LOCAL_REGION }, ok: true, targets: listed, assets: [], resources: [] }, batchSize);
          const invocations = { endpoint: local.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, tableName: local.tableName, scanId, batchIds, concurrency: batchConcurrency };
          return runProber(invocationsBundle, { ...request, targets: listed, invocations }, runtime, lambdaMemoryMb);
        };
        return await compareBatchOrders(targets, { size: batchSize, concurrency: batchConcurrency }, probeAsInvocations, wrongOf, { responsive, perWhat }, values.rescan);
      } finally {
        await local.stop();
        await rm(outdir, { recursive: true, force: true });
      }
    }
    const thisBundle = await buildProber(REPO_ROOT, join(outdir, 'prober.mjs'), runtime);
    if (values.compare !== undefined) {
      const ref = values.compare;
      try {
        return await withCheckoutOf(ref, async (checkout) => {
          const refBundle = await buildProber(checkout, join(outdir, 'prober-ref.mjs'), runtime);
          const msPerTarget = (report: ProberReport): number => (report.cpuUserMs + report.cpuSystemMs) / responsive;
          const describe = (report: ProberReport): string =>
            `${msPerTarget(report).toFixed(2)} ms per ${perWhat}, ${(report.wallMs / 1000).toFixed(2)} s, ${report.peakRssMb.toFixed(0)} MB, ${wrongOf(report).length} wrong`;
          const changes: number[] = [];
          let wrongHere = 0;
          for (let round = 1; round <= rounds; round += 1) {
            // Alternate which goes first, so neither always runs on the warmer fleet.
            const order = round % 2 === 1 ? (['this', 'ref'] as const) : (['ref', 'this'] as const);
            const reports: Partial<Record<'this' | 'ref', ProberReport>> = {};
            for (const which of order) reports[which] = await runProber(which === 'this' ? thisBundle : refBundle, request, runtime, lambdaMemoryMb);
            const mine = reports.this as ProberReport;
            const theirs = reports.ref as ProberReport;
            changes.push(msPerTarget(mine) / msPerTarget(theirs) - 1);
            wrongHere += wrongOf(mine).length;
            process.stdout.write(`round ${round}  this checkout: ${describe(mine)}  |  ${ref}: ${describe(theirs)}\n`);
          }
          const sorted = [...changes].sort((a, b) => a - b);
          const pct = (change: number): string => `${change >= 0 ? '+' : ''}${(100 * change).toFixed(1)} %`;
          process.stdout.write(
            `CPU per ${perWhat}, this checkout against ${ref}: median ${pct(median(changes))} over ${rounds} pair(s) (from ${pct(sorted[0] as number)} to ${pct(sorted.at(-1) as number)}); ${total} targets, ${plan} plan\n`,
          );
          return wrongHere === 0 ? 0 : 1;
        });
      } finally {
        await rm(outdir, { recursive: true, force: true });
      }
    }
    const report = await runProber(thisBundle, request, runtime, lambdaMemoryMb).finally(() => rm(outdir, { recursive: true, force: true }));
    const fleetStats = await fleet.stats();
    const wallMs = report.wallMs;
    const cpu = { user: report.cpuUserMs * 1000, system: report.cpuSystemMs * 1000 };
    const peakRssMb = report.peakRssMb;

    const firstWrong = wrongOf(report);
    const warmWrong = report.warm === undefined ? [] : wrongOf(report.warm);
    const wrong = [...firstWrong, ...warmWrong.map((line) => `second pass: ${line}`)];
    const floorMs = targets.reduce((sum, target) => sum + target.floorMs, 0) / inFlight;
    const whole = wholeWaitsFloor(targets.map((target) => target.floorMs), inFlight);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const counts = Object.keys(mix).map((kind) => `${kind} ${targets.filter((target) => target.kind === kind).length}`);
    const lines = [
      `targets            ${total} (${counts.join(', ')}); ${listeners.length} loopback listeners; ${fixtures.length} fixtures`,
      `catalog            ${catalog.length} fingerprints, ${planRequests(catalog, 80).length} distinct requests per port in the full plan (sent in stages)`,
      `plan               ${plan === 'sweep' ? 'sweep (the scheduled scans between full ones; --plan full for the daily full scan)' : 'full (the daily full scan; the default --plan sweep is the scans in between)'}`,
      `order              ${values.rescan ? `a later scan's: the ${probedInOrder.filter((target) => target.input.unansweredLastScan).length} targets unanswered in the first marked and first` : "the first scan's: fleet order, nothing known (--rescan: as a later scan sees it)"}`,
      `wall time          ${(wallMs / 1000).toFixed(2)} s  →  ${Math.round(total / (wallMs / 1000))} targets/s`,
      `CPU time           ${(cpuMs / 1000).toFixed(2)} s (user ${(cpu.user / 1e6).toFixed(2)}, system ${(cpu.system / 1e6).toFixed(2)}); ${(cpuMs / responsive).toFixed(2)} ms per ${perWhat} → ${Math.round(responsive / (cpuMs / 1000))} per CPU-second`,
      ...(report.warm === undefined ? [] : [warmLine(report.warm, { responsive, perWhat })]),
      ...(report.cpuQuota === undefined ? [] : [quotaLine(report.cpuQuota, [report.wallMs, ...(report.warm === undefined ? [] : [report.warm.wallMs])], { responsive, perWhat })]),
      `peak RSS           ${peakRssMb.toFixed(0)} MB (the prober's process: the Lambda's bundle, its targets and results${report.warm === undefined ? '' : '; by the end of the first pass'})`,
      requestsLine(fleetStats, report.warm === undefined ? 1 : 2, { responsive, perWhat }),
      `accuracy           ${percent(total - firstWrong.length, total)} (${firstWrong.length} wrong)${report.warm === undefined ? '' : `; second pass ${percent(total - warmWrong.length, total)} (${warmWrong.length} wrong)`}`,
      `theoretical floor  ${(floorMs / 1000).toFixed(2)} s (silent ports × ${defaultBudgets.headersTimeoutMs} ms + slow ports × their delays, / ${inFlight} in flight); ratio ${floorMs === 0 ? 'n/a' : `${(wallMs / floorMs).toFixed(2)}×`}`,
      ...(whole.ms > floorMs
        ? [
            `  in whole waits   ${(whole.ms / 1000).toFixed(2)} s: a wait cannot be split between slots, ${whole.rounds === 1 ? 'and the longest is that long' : `and the ${whole.waits} longest (${(whole.shortestMs / 1000).toFixed(2)} s or more) on ${inFlight} slots put ${whole.rounds} on one slot`}; ratio ${(wallMs / whole.ms).toFixed(2)}×`,
          ]
        : []),
      `machine            ${(await import('node:os')).cpus().length} × ${(await import('node:os')).cpus()[0]?.model ?? '?'}; prober on Node ${runtime.version} ${runtime.isLambdas ? "(the Lambda runtime's)" : "(this machine's: run npm test once to install the Lambda runtime's)"} with ${Object.entries(PROBE_ENVIRONMENT).map(([name, value]) => `${name}=${value}`).join(' ')}`,
    ];
    if (values.nuclei !== undefined) {
      // Same fleet, same targets (raw-TCP and gRPC ones left out), nuclei's own concurrency set to ours.
      const urls = targets.flatMap((target) => {
        if (target.listener === undefined) return [`http://${target.closedHost ?? '127.0.0.1'}:9`];
        const listener = listeners[target.listener];
        if (listener === undefined || listener.kind === 'tcp' || listener.kind === 'grpc') return [];
        return [`${listener.kind === 'https' ? 'https' : 'http'}://${listener.host}:${fleet.ports[target.listener] ?? 0}`];
      });
      const nuclei = await runNuclei(values.nuclei, catalog, urls, inFlight, defaultBudgets.headersTimeoutMs / 1000);
      const nucleiRequests = (await fleet.stats()).requests - fleetStats.requests;
      lines.push(
        `nuclei ${nuclei.version}       ${urls.length} targets (raw-TCP and gRPC ones left out), ${nuclei.templates} templates generated from the catalog, -bs ${inFlight} -c 64 -timeout ${defaultBudgets.headersTimeoutMs / 1000} -retries 0`,
        `  wall time        ${(nuclei.wallMs / 1000).toFixed(2)} s  →  ${Math.round(urls.length / (nuclei.wallMs / 1000))} targets/s (ratio to our floor ${(nuclei.wallMs / floorMs).toFixed(2)}×)`,
        `  CPU time         ${(nuclei.cpuMs / 1000).toFixed(2)} s; ${(nuclei.cpuMs / responsive).toFixed(2)} ms per ${perWhat}`,
        `  peak RSS         ${nuclei.peakRssMb.toFixed(0)} MB`,
        `  requests         ${nucleiRequests} HTTP requests served (${(nucleiRequests / responsive).toFixed(1)} per ${perWhat}); ${nuclei.matches} matches reported`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    for (const line of wrong.slice(0, 20)) process.stdout.write(`  wrong: ${line}\n`);
    return wrong.length === 0 ? 0 : 1;
  } finally {
    fleet.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
