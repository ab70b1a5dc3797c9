/**
 * Real Chainlit 2.12.0 (PyPI, .venv-chainlit) through the real engine: an app without sign-in, Chainlit's default,
 * serves anyone (open, high), and an app with any of its three sign-in callbacks (password, header, OAuth) says it
 * requires sign-in (auth-required). Chainlit serves no version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import { startChainlit, type ChainlitSignIn } from '../../support/servers/chainlit.js';
import type { RunningServer } from '../../support/servers/common.js';
import { probeThrough } from './probe-through.js';

const signIns: readonly ChainlitSignIn[] = ['none', 'password', 'header', 'oauth'];

describe('Chainlit through the real engine', () => {
  const servers: RunningServer[] = [];
  let results: Record<ChainlitSignIn, ProbeResult>;

  beforeAll(async () => {
    servers.push(...(await Promise.all(signIns.map(startChainlit))));
    const probed = await probeThrough(
      signIns.map((signIn, index) => ({ address: `chainlit-${signIn}.conformance.example`, port: 8000, localPort: servers[index]!.port, hostHeader: '203.0.113.7:8000' })),
    );
    results = Object.fromEntries(signIns.map((signIn, index) => [signIn, probed[index]!])) as typeof results;
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('calls an app without sign-in unauthenticated and high, proved by the project settings it serves', () => {
    expect(results.none).toMatchObject({ verdict: 'unauthenticated', service: { id: 'chainlit' }, severity: 'high' });
    expect(results.none.version).toBeUndefined();
  });

  it.each(['password', 'header', 'oauth'] as const)('calls an app with the %s sign-in callback auth-required', (signIn) => {
    expect(results[signIn]).toMatchObject({ verdict: 'auth-required', service: { id: 'chainlit' } });
  });
});
