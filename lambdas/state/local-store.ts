/**
 * The CLI's embedded default store: the same DynamoDB code, against dynalite
 * (a DynamoDB implementation on LevelDB) listening on loopback with its data
 * on disk, so state and history survive between runs without an AWS account.
 */
import { access, mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { LocalStoreError, StateError } from './errors.js';
import { tableDefinition } from './table.js';

export const LOCAL_TABLE_NAME = 'ai-exposure-monitor';
/** dynalite checks no signatures, but the SDK insists on signing. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';

/** Creates the table from `tableDefinition` unless it exists, and waits until it is usable. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    try {
      const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
      if (Table?.TableStatus === 'ACTIVE') return;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await client.send(new CreateTableCommand({ ...tableDefinition, TableName: tableName })).catch((createError: unknown) => {
        // Someone else created it between our describe and create: fine.
        if (!(createError instanceof ResourceInUseException)) throw createError;
      });
    }
    await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
  } catch (error) {
    throw new StateError(`could not create or find table ${tableName}`, { cause: error });
  }
}

const LOCK_FILE = 'ai-exposure-monitor.lock';

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * LevelDB allows one process per directory, and dynalite answers a second
 * opener by throwing out of its request handler (a crash, not an error), so
 * the directory is claimed with a lock file first. A lock left by a process
 * that died is taken over.
 */
async function claimDirectory(dir: string): Promise<() => Promise<void>> {
  const lockPath = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new LocalStoreError(`could not lock the local store in ${dir}`, { cause: error });
      }
      const owner = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
        throw new LocalStoreError(`the local store in ${dir} is in use by process ${owner}; wait for it to finish`);
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new LocalStoreError(`could not lock the local store in ${dir}: another process keeps taking it`);
}

/** Whether `dir` holds a local store: LevelDB writes its `CURRENT` file when it creates a database. */
export async function localStoreExists(dir: string): Promise<boolean> {
  return access(join(dir, 'CURRENT')).then(
    () => true,
    () => false,
  );
}

/** Starts dynalite on a loopback port with data under `dir` (on disk, persists across runs), creates the table if missing. */
export async function startLocalStore(options: { dir: string }): Promise<{ endpoint: string; tableName: string; stop(): Promise<void> }> {
  await mkdir(options.dir, { recursive: true });
  const release = await claimDirectory(options.dir);
  // Tables are usable at once: nothing here waits for a real control plane.
  const server = dynalite({ path: options.dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) => reject(new LocalStoreError(`could not start the local store in ${options.dir}`, { cause: error })));
      server.listen(0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await release();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;

  const stop = async (): Promise<void> => {
    await new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(new LocalStoreError(`could not stop the local store in ${options.dir}`, { cause: error })) : resolve()));
      // Keep-alive sockets of finished requests would otherwise hold close() open.
      server.closeIdleConnections();
    });
    await release();
  };

  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    await ensureTable(client, LOCAL_TABLE_NAME);
  } catch (error) {
    await stop();
    throw new LocalStoreError(`the local store in ${options.dir} could not open its table (is another scan using it?)`, { cause: error });
  } finally {
    client.destroy();
  }
  return { endpoint, tableName: LOCAL_TABLE_NAME, stop };
}
