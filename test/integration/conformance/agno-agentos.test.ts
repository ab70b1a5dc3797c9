/**
 * Real Agno AgentOS 3.1.10 (PyPI, .venv-ai) through the real engine: without a key, its default, anyone may read its
 * configuration and run its agents (open, critical); with a security key or JWT authorization its API refuses a client
 * without a bearer token (auth-required). Its public /info names the agno version in every mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import { agnoVersion, startAgentOs, type AgentOsAuth } from '../../support/servers/agno.js';
import type { RunningServer } from '../../support/servers/common.js';
import { probeThrough } from './probe-through.js';

const modes: readonly AgentOsAuth[] = ['none', 'security-key', 'jwt'];

describe('Agno AgentOS through the real engine', () => {
  const servers: RunningServer[] = [];
  let results: Record<AgentOsAuth, ProbeResult>;

  beforeAll(async () => {
    servers.push(...(await Promise.all(modes.map(startAgentOs))));
    const probed = await probeThrough(
      modes.map((mode, index) => ({ address: `agentos-${mode}.conformance.example`, port: 7777, localPort: servers[index]!.port, hostHeader: '203.0.113.7:7777' })),
    );
    results = Object.fromEntries(modes.map((mode, index) => [mode, probed[index]!])) as typeof results;
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('calls AgentOS without a key unauthenticated and critical, with its version', () => {
    expect(results.none).toMatchObject({ verdict: 'unauthenticated', service: { id: 'agno-agentos' }, version: agnoVersion, severity: 'critical' });
  });

  it.each(['security-key', 'jwt'] as const)('calls AgentOS with %s auth-required, with its version', (mode) => {
    expect(results[mode]).toMatchObject({ verdict: 'auth-required', service: { id: 'agno-agentos' }, version: agnoVersion });
  });
});
