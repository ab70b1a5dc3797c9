import type { Writable } from 'node:stream';

/** The CLI's outside world, injectable so tests can run commands in-process. */
export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: NodeJS.ProcessEnv;
  /** Progress lines only on a terminal. */
  readonly interactive: boolean;
}
