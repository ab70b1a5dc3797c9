/**
 * Real Chainlit 2.12.0 (PyPI, .venv-chainlit) through the real engine: an app without sign-in, Chainlit's default,
 * serves anyone (open, high), and an app with any of its three sign-in callbacks (password, header, OAuth) says it
 * requires sign-in (auth-required). Chainlit serves no version.
 */
import { describe, expect, it } from 'vitest';
import { startChainlit, type ChainlitSignIn } from '../../support/servers/chainlit.js';
import { probeEachMode } from './probe-through.js';

const signIns: readonly ChainlitSignIn[] = ['none', 'password', 'header', 'oauth'];

describe('Chainlit through the real engine', () => {
  const results = probeEachMode('chainlit', 8000, signIns, startChainlit);

  it('calls an app without sign-in unauthenticated and high, proved by the project settings it serves', () => {
    expect(results.none).toMatchObject({ verdict: 'unauthenticated', service: { id: 'chainlit' }, severity: 'high' });
    expect(results.none.version).toBeUndefined();
  });

  it.each(['password', 'header', 'oauth'] as const)('calls an app with the %s sign-in callback auth-required', (signIn) => {
    expect(results[signIn]).toMatchObject({ verdict: 'auth-required', service: { id: 'chainlit' } });
  });
});
