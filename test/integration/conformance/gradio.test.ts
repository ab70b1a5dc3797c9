/** Real Gradio 5.50.0 (PyPI, .venv-ai) through the real engine: open, and launch(auth=…). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import type { RunningServer } from '../../support/servers/common.js';
import { gradioVersion, startGradio } from '../../support/servers/gradio.js';
import { probeThrough } from './probe-through.js';

const publicHost = '203.0.113.7:7860';

describe('Gradio through the real engine', () => {
  const servers: RunningServer[] = [];
  let open: ProbeResult;
  let auth: ProbeResult;

  beforeAll(async () => {
    const [openServer, authServer] = await Promise.all([startGradio(), startGradio({ password: 'conformance-pw' })]);
    servers.push(openServer, authServer);
    [open, auth] = (await probeThrough([
      { address: 'gradio-open.conformance.example', port: 7860, localPort: openServer.port, hostHeader: publicHost },
      { address: 'gradio-auth.conformance.example', port: 7860, localPort: authServer.port, hostHeader: publicHost },
    ])) as [ProbeResult, ProbeResult];
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('calls an open Gradio app unauthenticated with its version', () => {
    expect(open).toMatchObject({ verdict: 'unauthenticated', service: { id: 'gradio' }, version: gradioVersion, severity: 'medium' });
  });

  it('calls a Gradio app with auth= auth-required (the config, and so the version, is behind the login)', () => {
    expect(auth).toMatchObject({ verdict: 'auth-required', service: { id: 'gradio' } });
    expect(auth.version).toBeUndefined();
  });
});
