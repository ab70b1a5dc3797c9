/**
 * The fleet probed as probe Lambda invocations do it (`probeStage`, as the handler calls it without its
 * middy wrapper): each batch's targets read from the scan workspace in a store (the embedded one, in the
 * parent), probed, and the results written back, `concurrency` batches at a time. A bundle of its own, so
 * the AWS SDK it loads weighs on these figures only.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { probeStage } from '../../lambdas/pipeline/stages.js';
import type { ProbeResult } from '../../lambdas/shared/model.js';
import { createStateStore } from '../../lambdas/state/store.js';
import { answerProberRequest } from './child-protocol.js';

answerProberRequest(async (request, prober, batchTimes) => {
  const { invocations } = request;
  if (invocations === undefined) throw new Error('invocations-child needs the workspace of its batches');
  const { endpoint, region, credentials, tableName, scanId, batchIds } = invocations;
  const workspace = createStateStore({ client: DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region, credentials })), tableName });
  // The two store calls of an invocation, timed where probeStage makes them.
  const timed = async <T>(batchId: string, call: 'read' | 'write', run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      const times = (batchTimes.storeMs[batchIds.indexOf(batchId)] ??= { read: 0, write: 0 });
      times[call] += performance.now() - started;
    }
  };
  const store: typeof workspace = {
    ...workspace,
    getBatchTargets: (scan, batchId) => timed(batchId, 'read', () => workspace.getBatchTargets(scan, batchId)),
    putBatchResults: (scan, batchId, results) => timed(batchId, 'write', () => workspace.putBatchResults(scan, batchId, results)),
  };
  const byTarget = new Map<string, ProbeResult>();
  // The process's CPU is one batch's only when batches run one after another, as in one Lambda container.
  const oneAtATime = invocations.concurrency === 1;
  let next = 0;
  const invocation = async (): Promise<void> => {
    for (let batch = next++; batch < batchIds.length; batch = next++) {
      const batchStarted = performance.now();
      const cpuBefore = process.cpuUsage();
      const resultTimes: number[] = [];
      const onResult = (result: ProbeResult): void => {
        resultTimes.push(performance.now());
        byTarget.set(result.targetId, result);
      };
      await probeStage({ store, prober, planOf: () => request.plan }, { scanId, batchId: batchIds[batch] as string }, { onResult });
      batchTimes.wallMs[batch] = performance.now() - batchStarted;
      // Results arrive in the order targets finish: what the slowest tenth added to the invocation.
      const nineTenths = resultTimes[Math.ceil(resultTimes.length * 0.9) - 1];
      batchTimes.tailMs[batch] = nineTenths === undefined ? 0 : (resultTimes.at(-1) as number) - nineTenths;
      if (oneAtATime) {
        const cpu = process.cpuUsage(cpuBefore);
        batchTimes.cpuMs[batch] = (cpu.user + cpu.system) / 1000;
      }
    }
  };
  await Promise.all(Array.from({ length: invocations.concurrency }, invocation));
  return request.targets.map((target) => byTarget.get(target.targetId) as ProbeResult);
});
