/**
 * Real Cog 0.23.1 (PyPI, .venv-ai) through the real engine: its HTTP server has no authentication, so anyone may run the
 * packaged model (open, high), and its API index on `/` names the Cog version.
 */
import { describe, expect, it } from 'vitest';
import { cogVersion, startCog } from '../../support/servers/cog.js';
import { probeEachMode } from './probe-through.js';

describe('Cog through the real engine', () => {
  const results = probeEachMode('cog', 5000, ['none'], startCog);

  it('calls a Cog server unauthenticated and high, with its version', () => {
    expect(results.none).toMatchObject({ verdict: 'unauthenticated', service: { id: 'cog' }, version: cogVersion, severity: 'high' });
  });
});
