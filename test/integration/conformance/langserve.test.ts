/**
 * Real LangServe 0.3.3 (PyPI, .venv-ai) through the real engine: a RunnableLambda open, and guarded the
 * two ways LangServe's auth examples show (an app-level APIKeyHeader dependency; a Header() dependency
 * given to add_routes). /openapi.json stays served and documents the requirement while the routes
 * refuse. LangServe exposes no version of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import type { RunningServer } from '../../support/servers/common.js';
import { startLangserve } from '../../support/servers/langserve.js';
import { probeThrough } from './probe-through.js';

const publicHost = '203.0.113.7:8000';

describe('LangServe through the real engine', () => {
  const servers: RunningServer[] = [];
  let open: ProbeResult;
  let apiKey: ProbeResult;
  let header: ProbeResult;

  beforeAll(async () => {
    const started = await Promise.all([
      startLangserve(),
      startLangserve({ token: 'conformance-langserve-token', auth: 'api-key' }),
      startLangserve({ token: 'conformance-langserve-token', auth: 'header' }),
    ]);
    servers.push(...started);
    const [openServer, apiKeyServer, headerServer] = started as [RunningServer, RunningServer, RunningServer];
    [open, apiKey, header] = (await probeThrough([
      { address: 'langserve-open.conformance.example', port: 8000, localPort: openServer.port, hostHeader: publicHost },
      { address: 'langserve-key.conformance.example', port: 8000, localPort: apiKeyServer.port, hostHeader: publicHost },
      { address: 'langserve-header.conformance.example', port: 8000, localPort: headerServer.port, hostHeader: publicHost },
    ])) as [ProbeResult, ProbeResult, ProbeResult];
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('calls an app without an auth dependency unauthenticated', () => {
    expect(open).toMatchObject({ verdict: 'unauthenticated', service: { id: 'langserve' }, severity: 'high' });
    expect(open.version).toBeUndefined();
  });

  it('calls an app behind an app-level API-key dependency auth-required', () => {
    expect(apiKey).toMatchObject({ verdict: 'auth-required', service: { id: 'langserve' } });
  });

  it('calls an app whose routes require a token header (add_routes dependency) auth-required', () => {
    expect(header).toMatchObject({ verdict: 'auth-required', service: { id: 'langserve' } });
  });
});
