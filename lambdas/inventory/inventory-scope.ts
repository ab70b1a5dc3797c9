/** The inventory of one (account, region): every internet-reachable target and every AI asset in it. */
import type { ScopeInventory, Scope } from '../shared/model.js';
import type { ScopeClients } from './clients.js';
import { InventoryError } from './errors.js';
import { listFunctionUrlTargets } from './function-urls.js';
import { listInterfaceTargets } from './interface-listing.js';
import { listClassicElbTargets, listElbv2Targets } from './load-balancers.js';
import { listSageMakerAssets } from './sagemaker-assets.js';

export interface InventoryOptions {
  /** Ports probed inside wide security-group ranges: the catalog's default ports plus the user's extra ports. */
  candidatePorts: readonly number[];
}

/**
 * Never throws for AWS failures: any failed call → `{ ok: false, error }` for the whole scope, because a
 * partial listing must never look complete (a later diff would resolve exposures wrongly).
 * Other errors are bugs and are thrown.
 */
export async function inventoryScope(scope: Scope, clients: ScopeClients, options: InventoryOptions): Promise<ScopeInventory> {
  try {
    const [interfaces, elbv2, classic, functionUrls, assets] = await Promise.all([
      listInterfaceTargets(scope, clients.ec2, options.candidatePorts),
      listElbv2Targets(scope, clients.elbv2),
      listClassicElbTargets(scope, clients.elb),
      listFunctionUrlTargets(scope, clients.lambda),
      listSageMakerAssets(scope, clients.sagemaker),
    ]);
    const listings = [interfaces, elbv2, classic, functionUrls];
    return {
      scope,
      ok: true,
      targets: listings.flatMap((l) => l.targets),
      assets,
      resources: [...new Set(listings.flatMap((l) => l.resources))].sort(),
    };
  } catch (error) {
    if (error instanceof InventoryError) return { scope, ok: false, error: error.message };
    throw error;
  }
}
