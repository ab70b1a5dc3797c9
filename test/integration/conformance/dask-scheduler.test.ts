/**
 * A real Dask scheduler (PyPI distributed, .venv-ai) through the real engine: on tcp:// it greets every client with its
 * comm handshake and takes it as a client, so anyone who reaches it can run code on its workers (open, critical). Nothing
 * is sent to it: the engine reads the greeting.
 */
import { describe, expect, it } from 'vitest';
import { startDaskScheduler } from '../../support/servers/dask.js';
import { probeEachMode } from './probe-through.js';

describe('A Dask scheduler through the real engine', () => {
  const results = probeEachMode('dask-scheduler', 8786, ['none'], startDaskScheduler);

  it('calls a scheduler on tcp:// unauthenticated and critical', () => {
    expect(results.none).toMatchObject({ verdict: 'unauthenticated', service: { id: 'dask-scheduler' }, severity: 'critical' });
  });
});
