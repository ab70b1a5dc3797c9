/** Step 2, once per scope: lists the scope and stores its target batches. */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { inventoryStage, type InventoryStageDeps } from '../pipeline/stages.js';
import { InventoryEvent, type InventoryOutput } from '../shared/events.js';
import { logger } from '../shared/powertools.js';
import { inventoryDepsFromEnv } from './aws-deps.js';

export function createInventoryHandler(deps: InventoryStageDeps) {
  return middy((event: unknown): Promise<InventoryOutput> => inventoryStage(deps, InventoryEvent.parse(event))).use(
    injectLambdaContext(logger),
  );
}

export const handler = createInventoryHandler(inventoryDepsFromEnv(process.env));
