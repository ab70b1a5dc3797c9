/** Step 1 of a scan: decides the scan id and its (account, region) scopes. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { planScan } from '../pipeline/stages.js';
import { PlanScanEvent, type PlanScanOutput } from '../shared/events.js';
import { logger } from '../shared/powertools.js';
import { planScanDepsFromEnv } from './aws-deps.js';

export interface PlanScanDeps {
  readonly now: () => Date;
  readonly homeAccountId: () => Promise<string>;
  readonly otherAccounts: readonly string[];
  readonly regions: () => Promise<string[]>;
}

export function createPlanScanHandler(deps: PlanScanDeps) {
  return middy(async (event: unknown): Promise<PlanScanOutput> => {
    const request = PlanScanEvent.parse(event ?? {});
    const home = await deps.homeAccountId();
    const accounts = [home, ...deps.otherAccounts.filter((a) => a !== home)];
    return planScan(deps.now(), accounts, request.regions ?? (await deps.regions()));
  }).use(injectLambdaContext(logger));
}

export const handler = createPlanScanHandler(planScanDepsFromEnv(process.env));
