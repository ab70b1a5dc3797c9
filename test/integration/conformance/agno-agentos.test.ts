/**
 * Real Agno AgentOS 3.1.10 (PyPI, .venv-ai) through the real engine: without a key, its default, anyone may read its
 * configuration and run its agents (open, critical); with a security key or JWT authorization its API refuses a client
 * without a bearer token (auth-required). Its public /info names the agno version in every mode.
 */
import { describe, expect, it } from 'vitest';
import { agnoVersion, startAgentOs, type AgentOsAuth } from '../../support/servers/agno.js';
import { probeEachMode } from './probe-through.js';

const modes: readonly AgentOsAuth[] = ['none', 'security-key', 'jwt'];

describe('Agno AgentOS through the real engine', () => {
  const results = probeEachMode('agentos', 7777, modes, startAgentOs);

  it('calls AgentOS without a key unauthenticated and critical, with its version', () => {
    expect(results.none).toMatchObject({ verdict: 'unauthenticated', service: { id: 'agno-agentos' }, version: agnoVersion, severity: 'critical' });
  });

  it.each(['security-key', 'jwt'] as const)('calls AgentOS with %s auth-required, with its version', (mode) => {
    expect(results[mode]).toMatchObject({ verdict: 'auth-required', service: { id: 'agno-agentos' }, version: agnoVersion });
  });
});
