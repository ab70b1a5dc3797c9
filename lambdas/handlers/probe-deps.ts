/**
 * The probe Lambda's production dependencies, built once per cold start from the environment. Apart from
 * aws-deps.ts because the prober brings undici, whose CommonJS modules a bundler keeps wherever they are
 * imported: the other Lambdas load neither.
 */
import { planDepthOfScan, type ProbeStageDeps } from '../pipeline/stages.js';
import { catalog } from '../probe/fingerprints/index.js';
import { createProber } from '../probe/prober.js';
import { readRuntimeConfig } from '../shared/runtime-config.js';
import { stateStoreFromConfig } from './aws-deps.js';

export function probeDepsFromEnv(env: NodeJS.ProcessEnv): ProbeStageDeps {
  const config = readRuntimeConfig(env);
  const budgets = Object.fromEntries(Object.entries(config.probe).filter(([, v]) => v !== undefined));
  return {
    store: stateStoreFromConfig(config),
    prober: createProber({ catalog, budgets }),
    planOf: (scanId) => planDepthOfScan(scanId, config.planSchedule),
  };
}
