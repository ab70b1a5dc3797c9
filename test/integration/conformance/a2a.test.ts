/**
 * A real A2A agent on the official a2a-sdk 1.3.0 (PyPI, .venv-ai) through the real engine. The card
 * is public by design: open = the card declares no security; auth = it declares a bearer scheme and
 * the agent refuses everything but the card without the token. Only the card is fetched (GET).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import { a2aAgentVersion, startA2aAgent } from '../../support/servers/a2a.js';
import type { RunningServer } from '../../support/servers/common.js';
import { probeThrough } from './probe-through.js';

const publicHost = '203.0.113.7:9999';

describe('A2A agent (a2a-sdk) through the real engine', () => {
  const servers: RunningServer[] = [];
  let open: ProbeResult;
  let bearer: ProbeResult;
  let legacy: ProbeResult;

  beforeAll(async () => {
    const started = await Promise.all([startA2aAgent(), startA2aAgent({ token: 'conformance-a2a-token' }), startA2aAgent({ cardPath: '/.well-known/agent.json' })]);
    servers.push(...started);
    const [openServer, bearerServer, legacyServer] = started as [RunningServer, RunningServer, RunningServer];
    [open, bearer, legacy] = (await probeThrough([
      { address: 'a2a-open.conformance.example', port: 9999, localPort: openServer.port, hostHeader: publicHost },
      { address: 'a2a-bearer.conformance.example', port: 9999, localPort: bearerServer.port, hostHeader: publicHost },
      { address: 'a2a-legacy.conformance.example', port: 9999, localPort: legacyServer.port, hostHeader: publicHost },
    ])) as [ProbeResult, ProbeResult, ProbeResult];
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('calls an agent whose card declares no security unauthenticated, with the card version', () => {
    expect(open).toMatchObject({ verdict: 'unauthenticated', service: { id: 'a2a-agent-card' }, version: a2aAgentVersion, severity: 'medium' });
  });

  it('calls an agent whose card declares a bearer scheme (and enforces it) auth-required', () => {
    expect(bearer).toMatchObject({ verdict: 'auth-required', service: { id: 'a2a-agent-card' }, version: a2aAgentVersion });
  });

  it('finds the card at the pre-0.3 path /.well-known/agent.json', () => {
    expect(legacy).toMatchObject({ verdict: 'unauthenticated', service: { id: 'a2a-agent-card' } });
  });
});
