/**
 * Real ChromaDB 1.5.9 and MLServer 1.7.1 (PyPI, .venv-ai) through the real engine. Neither has an
 * auth switch of its own, so the auth case is an nginx gate in front of MLServer: an unidentified
 * 401, not-ai. Chroma's Rust frontend reports its API version ("1.0.0"), not the package version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import { startChroma } from '../../support/servers/chroma.js';
import type { RunningServer } from '../../support/servers/common.js';
import { mlserverVersion, startMlserver } from '../../support/servers/mlserver.js';
import { startNginxGate } from '../../support/servers/nginx-gate.js';
import { probeThrough } from './probe-through.js';

describe('ChromaDB and MLServer through the real engine', () => {
  const servers: RunningServer[] = [];
  let chroma: ProbeResult;
  let mlserver: ProbeResult;
  let gated: ProbeResult;

  beforeAll(async () => {
    const [chromaServer, mlserverServer] = await Promise.all([startChroma(), startMlserver()]);
    servers.push(chromaServer, mlserverServer);
    const gate = await startNginxGate({ upstreamPort: mlserverServer.port, mode: 'bearer' });
    servers.push(gate);
    [chroma, mlserver, gated] = (await probeThrough([
      { address: 'chroma.conformance.example', port: 8000, localPort: chromaServer.port, hostHeader: '203.0.113.7:8000' },
      { address: 'mlserver.conformance.example', port: 8080, localPort: mlserverServer.port, hostHeader: '203.0.113.7:8080' },
      { address: 'mlserver-gate.conformance.example', port: 8080, localPort: gate.port, hostHeader: '203.0.113.7:8080' },
    ])) as [ProbeResult, ProbeResult, ProbeResult];
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('calls an open Chroma unauthenticated, high, with the version its API reports', () => {
    expect(chroma).toMatchObject({ verdict: 'unauthenticated', service: { id: 'chromadb' }, version: '1.0.0', severity: 'high' });
  });

  it('calls MLServer an open Open Inference Protocol server with its version', () => {
    expect(mlserver).toMatchObject({ verdict: 'unauthenticated', service: { id: 'open-inference-protocol' }, version: mlserverVersion, severity: 'high' });
  });

  it('calls a bearer gate in front of MLServer not-ai, with the challenge in the evidence', () => {
    expect(gated.verdict).toBe('not-ai');
    expect(gated.service).toBeUndefined();
    expect(gated.evidence.signals).toEqual([expect.stringMatching(/^credentials demanded by an unidentified service .*401, WWW-Authenticate: Bearer/)]);
  });
});
