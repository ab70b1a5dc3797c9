/**
 * `demo`: the real pipeline with no AWS account. Starts real AI services on
 * loopback, feeds a sample inventory (documentation addresses mapped to those
 * services), stores state in a throw-away local store, and shows the alert of
 * a first scan, the "resolved" alert after one rule is "revoked", and a scan
 * that records an accepted exposure without alerting.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runScan } from '../../pipeline/run-scan.js';
import { catalog } from '../../probe/fingerprints/index.js';
import { createProber, type AddressMapEntry } from '../../probe/prober.js';
import { formatHostPort, resourceKeyOf, targetIdOf, type ProbeTarget, type Scope, type ScopeInventory } from '../../shared/model.js';
import { historyOfScanCommand } from '../../shared/cli-commands.js';
import { freeLoopbackPort } from '../../shared/child-process.js';
import { startJupyterServer } from '../demo/jupyter-server.js';
import { startMcpServer, type RunningService } from '../demo/mcp-server.js';
import { EXIT } from '../errors.js';
import type { CliIo } from '../io.js';
import { writeLine } from '../output.js';
import type { AcceptedExposure } from '../../state/acceptance.js';
import { openStore } from '../store.js';
import { formatHistoryEntry } from './history.js';
import { printScanResult, progressPrinter } from './scan.js';

export const demoUsage = `Usage: ai-exposure-monitor demo [--store DIR]
  Runs the real pipeline against AI services it starts on 127.0.0.1 and a sample inventory. No AWS account needed.
  --store DIR   keep the demo's state there (default: a temporary directory, removed afterwards)`;

const DEMO_SCOPE: Scope = { accountId: '111122223333', region: 'eu-west-1' };
/** How long scan 3's sample acceptance holds. */
const ACCEPTED_FOR_DAYS = 30;

interface DemoService {
  readonly label: string;
  readonly target: ProbeTarget;
  readonly running: RunningService;
}

/** Documentation addresses (RFC 5737) so nothing in the sample could be someone's real host. */
function sampleTarget(resourceId: string, nameTag: string, address: string, port: number, reason: string): ProbeTarget {
  const base = { accountId: DEMO_SCOPE.accountId, region: DEMO_SCOPE.region, resourceType: 'ec2-instance' as const, resourceId, address, port };
  return { ...base, targetId: targetIdOf(base), nameTag, reason };
}

async function startDemoServices(io: CliIo): Promise<DemoService[]> {
  const services: DemoService[] = [];
  const openMcp = await startMcpServer({ name: 'crm-agent-tools' });
  services.push({ label: 'MCP server (official SDK), no auth', running: openMcp,
    target: sampleTarget('i-0demo00000000001', 'crm-agent', '203.0.113.10', 8000, 'sg-0demo01 (agents-test) tcp 8000 from 0.0.0.0/0') });
  const guardedMcp = await startMcpServer({ name: 'ops-agent-tools', bearerToken: `demo-${process.pid}` });
  services.push({ label: 'MCP server (official SDK), bearer token', running: guardedMcp,
    target: sampleTarget('i-0demo00000000002', 'ops-agent', '203.0.113.11', 8000, 'sg-0demo02 (agents) tcp 8000 from 0.0.0.0/0') });
  const jupyter = await startJupyterServer();
  if (jupyter) {
    services.push({ label: 'Jupyter Server, token disabled', running: jupyter,
      target: sampleTarget('i-0demo00000000003', 'gpu-notebook', '203.0.113.12', 8888, 'sg-0demo03 (all-open) all traffic from 0.0.0.0/0') });
  } else {
    writeLine(io.stderr, 'demo: jupyter-server is not installed; showing the MCP services only');
  }
  // A port nothing listens on: the prober must say "closed", not guess.
  const closedPort = await freeLoopbackPort();
  services.push({ label: 'nothing listening', running: { port: closedPort, close: async () => undefined },
    target: sampleTarget('i-0demo00000000004', 'batch-worker', '203.0.113.13', 11434, 'sg-0demo04 (legacy) tcp 11434 from 0.0.0.0/0') });
  return services;
}

export async function demoCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...argv], strict: true, options: { store: { type: 'string' } } });
  const storeDir = values.store ?? (await mkdtemp(join(tmpdir(), 'aem-demo-store-')));
  const services = await startDemoServices(io);
  const opened = await openStore({ dir: storeDir });
  try {
    writeLine(io.stdout, 'Demo services on loopback (sample inventory address → real local server):');
    for (const s of services) writeLine(io.stdout, `  ${s.target.address}:${s.target.port} → 127.0.0.1:${s.running.port}  ${s.label}`);
    const addressMap = new Map<string, AddressMapEntry>(
      services.map((s) => [formatHostPort(s.target.address, s.target.port), { connectHost: '127.0.0.1', connectPort: s.running.port }]),
    );
    const prober = createProber({ catalog, addressMap });
    // Every sample instance still exists in scan 2: only its rule goes, so the change reads "resolved".
    const resources = services.map((s) => resourceKeyOf(s.target));
    const scanWith = (targets: readonly ProbeTarget[], acceptedExposures: readonly AcceptedExposure[] = []) => {
      const inventory: ScopeInventory = { scope: DEMO_SCOPE, ok: true, targets, assets: [], resources };
      return runScan(
        { store: opened.store, listScope: async () => inventory, batchSize: 50, prober, now: () => new Date(), listAllCommand: historyOfScanCommand, acceptedExposures },
        { accounts: [DEMO_SCOPE.accountId], regions: [DEMO_SCOPE.region], onProgress: progressPrinter(io) },
      );
    };

    writeLine(io.stdout, '\n=== Scan 1: first look at the sample account ===');
    printScanResult(io, await scanWith(services.map((s) => s.target)), opened.location);

    const revoked = services[0]!;
    writeLine(io.stdout, `\n=== Scan 2: the rule "${revoked.target.reason}" was revoked ===`);
    printScanResult(io, await scanWith(services.slice(1).map((s) => s.target)), opened.location);

    const gated = services[1]!;
    const accepted: AcceptedExposure = {
      service: 'mcp-streamable-http',
      resource: gated.target.resourceId,
      accepts: 'auth-required',
      reason: 'ops agent tools behind their bearer token, approved for the demo',
      until: new Date(Date.now() + ACCEPTED_FOR_DAYS * 86_400_000).toISOString().slice(0, 10),
    };
    writeLine(io.stdout, `\n=== Scan 3: the team accepts the token-gated MCP server on ${gated.target.resourceId} (acceptedExposures) ===`);
    printScanResult(io, await scanWith(services.slice(1).map((s) => s.target), [accepted]), opened.location);
    const historyCommandLine = `ai-exposure-monitor history --resource ${revoked.target.resourceId}${values.store ? ` --store ${storeDir}` : ''}`;
    writeLine(io.stdout, `\nWhat auditors read later (${historyCommandLine}):`);
    writeLine(io.stdout, (await opened.store.history({ resourceId: revoked.target.resourceId })).map(formatHistoryEntry).join('\n'));
    if (!values.store) writeLine(io.stdout, "(This demo's store was temporary and is removed now; demo --store DIR keeps it for that command.)");
    return EXIT.clean;
  } finally {
    await opened.close();
    await Promise.all(services.map((s) => s.running.close()));
    if (!values.store) await rm(storeDir, { recursive: true, force: true });
  }
}
