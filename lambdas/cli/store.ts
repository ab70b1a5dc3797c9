/** Where the CLI keeps state: a named DynamoDB table, or the embedded local store on disk. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startLocalStore } from '../state/local-store.js';
import { createStateStore, type StateStore } from '../state/store.js';

export interface OpenedStore {
  readonly store: StateStore;
  /** For the user: where the state lives. */
  readonly location: string;
  close(): Promise<void>;
}

export const defaultStoreDir = (env: NodeJS.ProcessEnv): string =>
  env['AI_EXPOSURE_MONITOR_HOME'] ?? join(homedir(), '.ai-exposure-monitor');

const documentClient = (client: DynamoDBClient) =>
  DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

export async function openStore(options: { readonly table?: string; readonly dir: string }): Promise<OpenedStore> {
  if (options.table) {
    const client = new DynamoDBClient({});
    return {
      store: createStateStore({ client: documentClient(client), tableName: options.table }),
      location: `DynamoDB table ${options.table}`,
      close: async () => client.destroy(),
    };
  }
  const local = await startLocalStore({ dir: options.dir });
  const client = new DynamoDBClient({
    endpoint: local.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  return {
    store: createStateStore({ client: documentClient(client), tableName: local.tableName }),
    location: `local store ${options.dir}`,
    close: async () => {
      client.destroy();
      await local.stop();
    },
  };
}
