/**
 * The reconcile Lambda's metrics, read from the Embedded Metric Format lines it writes, as
 * CloudWatch reads them: the alarms in lib/self-monitoring.ts watch these names. Runs on the
 * embedded store (dynalite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCAN_COMPLETED_METRIC, SCOPES_NOT_SCANNED_METRIC } from '../../../lambdas/shared/metric-names.js';
import { historyOfScanCommand } from '../../../lambdas/shared/cli-commands.js';
import { lambdaContext } from '../../support/lambda-context.js';
import { startLocalStateStore, type LocalStateStore } from '../../support/local-state-store.js';

const savedEnv = { ...process.env };
let local: LocalStateStore;

beforeAll(async () => {
  local = await startLocalStateStore('reconcile-metrics-');
  // The handler module builds its production dependencies from the environment when imported; the test's own come below.
  Object.assign(process.env, { TABLE_NAME: 'unused', AWS_REGION: 'us-east-1', POWERTOOLS_LOG_LEVEL: 'SILENT' });
  delete process.env['POWERTOOLS_METRICS_DISABLED'];
});

afterAll(async () => {
  process.env = savedEnv;
  await local?.stop();
});

/** Every EMF line written to stdout while `run` ran (kept from the test's output), parsed. */
async function emittedMetrics(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n'));
    return true;
  }) as typeof process.stdout.write;
  try {
    await run();
  } finally {
    process.stdout.write = write;
  }
  return lines.flatMap((line) => {
    if (!line.startsWith('{')) return [];
    const parsed = JSON.parse(line) as Record<string, unknown>;
    return '_aws' in parsed ? [parsed] : [];
  });
}

describe('Handler: reconcile, metrics', () => {
  it('counts the scopes a scan could not list, whole or in part, beside the completed scan', async () => {
    // Prepare
    const { createReconcileHandler } = await import('../../../lambdas/handlers/reconcile.js');
    const handler = createReconcileHandler({ store: local.store, now: () => new Date(), listAllCommand: historyOfScanCommand });
    const scope = (region: string) => ({ accountId: '123456789012', region });
    const scanId = 'scan-2026-11-29-metrics';
    const lambdaDenied = { what: 'Lambda function URLs', resourceTypes: ['lambda-function' as const], assetKinds: [], error: 'lambda:ListFunctions failed: AccessDeniedException' };
    await local.store.putScopeInventory(scanId, { scope: scope('us-west-2'), ok: true, targets: [], assets: [], resources: [], unlisted: [lambdaDenied] }, 50);
    const agentCoreNotOffered = {
      what: 'AgentCore gateways',
      resourceTypes: ['agentcore-gateway' as const],
      assetKinds: [],
      error: 'bedrock-agentcore:ListGateways failed: getaddrinfo ENOTFOUND bedrock-agentcore-control.eu-north-1.amazonaws.com',
      notOffered: true as const,
    };
    await local.store.putScopeInventory(scanId, { scope: scope('eu-north-1'), ok: true, targets: [], assets: [], resources: [], unlisted: [agentCoreNotOffered] }, 50);
    const event = {
      scanId,
      startedAt: '2026-11-29T02:00:00.000Z',
      failedScopes: [{ scope: scope('eu-west-1'), error: 'sts:AssumeRole failed: AccessDenied' }],
      plannedScopes: [scope('eu-west-1'), scope('us-east-1'), scope('us-west-2'), scope('eu-north-1')],
    };
    // Act
    const emitted = await emittedMetrics(() => handler(event, lambdaContext('reconcile')));
    // Assess: one failed scope, one whose workflow left no record and one listed in part; the fourth was listed whole
    // (AgentCore, not offered in its region, is nothing missed)
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({ service: 'ai-exposure-monitor', [SCAN_COMPLETED_METRIC]: 1, [SCOPES_NOT_SCANNED_METRIC]: 3 });
  });
});
