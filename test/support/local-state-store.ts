/** A state store on the embedded store (dynalite) in a temporary directory, for one test file. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalStore } from '../../lambdas/state/local-store.js';
import { createStateStore, type StateStore } from '../../lambdas/state/store.js';

export interface LocalStateStore {
  readonly store: StateStore;
  /** Stops the store and removes its directory. */
  stop(): Promise<void>;
}

export async function startLocalStateStore(directoryPrefix: string): Promise<LocalStateStore> {
  const dir = await mkdtemp(join(tmpdir(), directoryPrefix));
  const local = await startLocalStore({ dir });
  const client = new DynamoDBClient({ endpoint: local.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  return {
    store: createStateStore({ client: DynamoDBDocumentClient.from(client), tableName: local.tableName }),
    stop: async () => {
      await local.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
