/**
 * Production dependencies of the handlers, built once per cold start from the
 * environment. Tests build their own (pointing at moto and loopback servers)
 * and pass them to the handler factories. The probe Lambda's are in probe-deps.ts,
 * so the other Lambdas' bundles leave out the prober and its HTTP client.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EC2Client } from '@aws-sdk/client-ec2';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { publishAlert } from '../alert/publish.js';
import { awsScopeLister, callerAccountId, candidatePortsOf, resolveRegions, scopeClientFactory } from '../pipeline/aws-wiring.js';
import type { InventoryStageDeps, ReconcileStageDeps } from '../pipeline/stages.js';
import { catalog } from '../probe/fingerprints/index.js';
import { readRuntimeConfig, type RuntimeConfig } from '../shared/runtime-config.js';
import { createStateStore } from '../state/store.js';
import { historyOfScanCommand } from '../shared/cli-commands.js';
import type { PlanScanDeps } from './plan-scan.js';

export function stateStoreFromConfig(config: RuntimeConfig) {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  return createStateStore({
    client,
    tableName: config.tableName,
    workspaceTtlDays: config.workspaceTtlDays,
    historyRetentionDays: config.historyRetentionDays,
  });
}

export function planScanDepsFromEnv(env: NodeJS.ProcessEnv): PlanScanDeps {
  const config = readRuntimeConfig(env);
  const sts = new STSClient({});
  const ec2 = new EC2Client({});
  return {
    now: () => new Date(),
    homeAccountId: () => callerAccountId(sts),
    otherAccounts: config.accounts,
    regions: () => resolveRegions(config.regions, ec2),
  };
}

export function inventoryDepsFromEnv(env: NodeJS.ProcessEnv): InventoryStageDeps {
  const config = readRuntimeConfig(env);
  const sts = new STSClient({});
  let home: Promise<string> | undefined;
  const candidatePorts = candidatePortsOf(catalog, config.extraPorts);
  return {
    store: stateStoreFromConfig(config),
    batchSize: config.batchSize,
    listScope: async (scope) => {
      // Asked once per container; a failed call is not cached, so the next invocation asks again.
      home ??= callerAccountId(sts).catch((error: unknown) => {
        home = undefined;
        throw error;
      });
      const clientsFor = scopeClientFactory({ homeAccountId: await home, crossAccountRoleName: config.crossAccountRoleName });
      return awsScopeLister(clientsFor, candidatePorts)(scope);
    },
  };
}

export function reconcileDepsFromEnv(env: NodeJS.ProcessEnv): ReconcileStageDeps {
  const config = readRuntimeConfig(env);
  const sns = new SNSClient({});
  const topicArn = config.topicArn;
  return {
    store: stateStoreFromConfig(config),
    now: () => new Date(),
    listAllCommand: historyOfScanCommand,
    acceptedExposures: config.acceptedExposures,
    ...(topicArn ? { publish: (message) => publishAlert(sns, topicArn, message) } : {}),
  };
}
