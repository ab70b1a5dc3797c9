/**
 * Real mcpo 0.0.20 (PyPI, .venv-ai) in front of a real MCP server over stdio, through the real engine: without an API
 * key its tools are open (critical); with --api-key its document names the key on every tool (auth-required); with
 * --strict-auth nothing names mcpo (a gate of an unidentified service); from a config file its tools are mounted under
 * the servers' names, so it is identified and not proven open.
 */
import { describe, expect, it } from 'vitest';
import { startMcpo, type McpoMode } from '../../support/servers/mcpo.js';
import { probeEachMode } from './probe-through.js';

const modes: readonly McpoMode[] = ['open', 'api-key', 'strict-auth', 'config'];
const apiKey = 'mcpo-conformance-key-8d1f';

describe('mcpo through the real engine', () => {
  const results = probeEachMode('mcpo', 8000, modes, (mode) => startMcpo(mode, apiKey));

  it('calls mcpo without an API key unauthenticated and critical', () => {
    expect(results.open).toMatchObject({ verdict: 'unauthenticated', service: { id: 'mcpo' }, severity: 'critical' });
  });

  it('calls mcpo with --api-key auth-required, by the key its document names on every tool', () => {
    expect(results['api-key']).toMatchObject({ verdict: 'auth-required', service: { id: 'mcpo' } });
    expect(results['api-key'].evidence.signals?.join(' ')).toContain('--api-key');
  });

  it('does not name mcpo behind --strict-auth, where every path is refused in words nothing else ties to it', () => {
    expect(results['strict-auth'].verdict).toBe('not-ai');
    expect(results['strict-auth'].service).toBeUndefined();
  });

  it('identifies mcpo from a config file without calling it open: its tools are under names the probe does not ask', () => {
    expect(results.config).toMatchObject({ verdict: 'auth-required', service: { id: 'mcpo' } });
  });

  it('never carries the API key', () => {
    expect(JSON.stringify(results)).not.toContain(apiKey);
  });
});
