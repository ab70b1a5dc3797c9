/** Step 3, once per batch: probes the batch's targets and stores the results. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { probeStage, type ProbeStageDeps } from '../pipeline/stages.js';
import { ProbeBatchEvent, type ProbeBatchOutput } from '../shared/events.js';
import { logger } from '../shared/powertools.js';
import { probeDepsFromEnv } from './probe-deps.js';

/** Time kept back from the Lambda timeout to store partial results. */
const RESULT_WRITE_MARGIN_MS = 10_000;

export function createProbeHandler(deps: ProbeStageDeps) {
  return middy(
    (event: unknown, context: Context, { signal }: { signal: AbortSignal }): Promise<ProbeBatchOutput> =>
      probeStage(deps, ProbeBatchEvent.parse(event), {
        signal,
        deadline: Date.now() + context.getRemainingTimeInMillis() - RESULT_WRITE_MARGIN_MS,
      }),
    // Backstop: middy aborts `signal` this long before the timeout if the deadline slips.
    { timeoutEarlyInMillis: RESULT_WRITE_MARGIN_MS / 2 },
  ).use(injectLambdaContext(logger));
}

export const handler = createProbeHandler(probeDepsFromEnv(process.env));
