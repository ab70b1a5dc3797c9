/** Step 4, once per scan: diffs against the stored state, writes history, alerts on change. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { reconcileStage, type ReconcileStageDeps } from '../pipeline/stages.js';
import { ReconcileEvent, type ReconcileOutput } from '../shared/events.js';
import { SCAN_COMPLETED_METRIC, SCOPES_NOT_SCANNED_METRIC } from '../shared/metric-names.js';
import { logger, metrics } from '../shared/powertools.js';
import { reconcileDepsFromEnv } from './aws-deps.js';

export function createReconcileHandler(deps: ReconcileStageDeps) {
  return middy(async (event: unknown): Promise<ReconcileOutput> => {
    const { output, report } = await reconcileStage(deps, ReconcileEvent.parse(event));
    // Only the alarms' metrics: each custom metric costs $0.30 a month; the rest goes to the log.
    metrics.addMetric(SCAN_COMPLETED_METRIC, MetricUnit.Count, 1);
    metrics.addMetric(SCOPES_NOT_SCANNED_METRIC, MetricUnit.Count, output.scopesFailed + output.scopesPartlyListed);
    logger.info('scan reconciled', {
      ...output,
      unauthenticatedExposures: report.currentExposures.filter((e) => e.snapshot.verdict === 'unauthenticated').length,
      currentExposures: report.currentExposures.length,
      acceptedExposures: report.currentExposures.filter((e) => e.accepted).length,
    });
    return output;
  })
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics));
}

export const handler = createReconcileHandler(reconcileDepsFromEnv(process.env));
