/**
 * Real TensorBoard 2.21.0 and Streamlit 1.67.0 (PyPI, .venv-ai) through the real engine. Neither
 * has an auth switch of its own, so only the open verdict exists for them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import type { RunningServer } from '../../support/servers/common.js';
import { startStreamlit } from '../../support/servers/streamlit.js';
import { startTensorboard, tensorboardVersion } from '../../support/servers/tensorboard.js';
import { probeThrough } from './probe-through.js';

describe('TensorBoard and Streamlit through the real engine', () => {
  const servers: RunningServer[] = [];
  let tensorboard: ProbeResult;
  let streamlit: ProbeResult;

  beforeAll(async () => {
    const [tensorboardServer, streamlitServer] = await Promise.all([startTensorboard(), startStreamlit()]);
    servers.push(tensorboardServer, streamlitServer);
    [tensorboard, streamlit] = (await probeThrough([
      { address: 'tensorboard.conformance.example', port: 6006, localPort: tensorboardServer.port, hostHeader: '203.0.113.7:6006' },
      { address: 'streamlit.conformance.example', port: 8501, localPort: streamlitServer.port, hostHeader: '203.0.113.7:8501' },
    ])) as [ProbeResult, ProbeResult];
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('calls an open TensorBoard unauthenticated with its version', () => {
    expect(tensorboard).toMatchObject({ verdict: 'unauthenticated', service: { id: 'tensorboard' }, version: tensorboardVersion });
  });

  it('calls a Streamlit app unauthenticated', () => {
    expect(streamlit).toMatchObject({ verdict: 'unauthenticated', service: { id: 'streamlit' } });
  });
});
