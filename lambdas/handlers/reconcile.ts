/** Step 4, once per scan: diffs against the stored state, writes history, alerts on change. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { reconcileStage, type ReconcileStageDeps } from '../pipeline/stages.js';
import { ReconcileEvent, type ReconcileOutput } from '../shared/events.js';
import { logger, metrics } from '../shared/powertools.js';
import { reconcileDepsFromEnv } from './aws-deps.js';

export function createReconcileHandler(deps: ReconcileStageDeps) {
  return middy(async (event: unknown): Promise<ReconcileOutput> => {
    const { output, report } = await reconcileStage(deps, ReconcileEvent.parse(event));
    // One custom metric (the staleness alarm's): each further one costs $0.30 a month; the rest goes to the log.
    metrics.addMetric('ScanCompleted', MetricUnit.Count, 1);
    logger.info('scan reconciled', {
      ...output,
      unauthenticatedExposures: report.currentExposures.filter((e) => e.snapshot.verdict === 'unauthenticated').length,
      currentExposures: report.currentExposures.length,
    });
    return output;
  })
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics));
}

export const handler = createReconcileHandler(reconcileDepsFromEnv(process.env));
