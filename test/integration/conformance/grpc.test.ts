/**
 * gRPC-only ports through the real engine: MLServer 1.7.1's gRPC port (the Open Inference Protocol over HTTP/2,
 * no auth of its own), and a gRPC service that is not an AI service (real grpcio, the standard health protocol
 * only), open, behind a bearer-token interceptor, and over TLS. Before the engine spoke gRPC, each read not-ai: the HTTP/1.1
 * requests only got an HTTP/2 SETTINGS frame back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import type { RunningServer } from '../../support/servers/common.js';
import { selfSignedCertificate } from '../../support/hostile-servers.js';
import { startGrpcService } from '../../support/servers/grpc-service.js';
import { mlserverVersion, startMlserver } from '../../support/servers/mlserver.js';
import { probeThrough } from './probe-through.js';

describe('gRPC-only ports through the real engine', () => {
  const servers: RunningServer[] = [];
  let mlserver: ProbeResult;
  let mlserverElsewhere: ProbeResult;
  let health: ProbeResult;
  let gated: ProbeResult;
  let overTls: ProbeResult;

  beforeAll(async () => {
    const [mlserverServer, healthServer, gatedServer, tlsServer] = await Promise.all([
      startMlserver(),
      startGrpcService(),
      startGrpcService({ token: 'conformance-token' }),
      startGrpcService({ tls: selfSignedCertificate('grpc-lab.internal') }),
    ]);
    servers.push(mlserverServer, healthServer, gatedServer, tlsServer);
    [mlserver, mlserverElsewhere, health, gated, overTls] = (await probeThrough([
      { address: 'mlserver-grpc.conformance.example', port: 8081, localPort: mlserverServer.grpcPort, hostHeader: '203.0.113.7:8081' },
      { address: 'mlserver-grpc-9500.conformance.example', port: 9500, localPort: mlserverServer.grpcPort, hostHeader: '203.0.113.7:9500' },
      { address: 'grpc-health.conformance.example', port: 8081, localPort: healthServer.port, hostHeader: '203.0.113.7:8081' },
      { address: 'grpc-gated.conformance.example', port: 8081, localPort: gatedServer.port, hostHeader: '203.0.113.7:8081' },
      { address: 'grpc-tls.conformance.example', port: 8081, localPort: tlsServer.port, hostHeader: '203.0.113.7:8081' },
    ])) as [ProbeResult, ProbeResult, ProbeResult, ProbeResult, ProbeResult];
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('calls MLServer\'s gRPC port an open Open Inference Protocol server, with its version, models and the calls as evidence', () => {
    expect(mlserver).toMatchObject({
      verdict: 'unauthenticated',
      service: { id: 'open-inference-protocol-grpc' },
      version: mlserverVersion,
      severity: 'high',
      tls: false,
      evidence: { models: ['echo'], modelCount: 1, excerpt: '{"name":"mlserver","version":"1.7.1"}' },
    });
    expect(mlserver.evidence.requests).toEqual(
      expect.arrayContaining(['gRPC /inference.GRPCInferenceService/ServerMetadata → OK', 'gRPC /ai_exposure_monitor.Canary/NotFound → UNIMPLEMENTED (12)']),
    );
  });

  it('finds it on a port no family lists too', () => {
    expect(mlserverElsewhere).toMatchObject({ verdict: 'unauthenticated', service: { id: 'open-inference-protocol-grpc' }, version: mlserverVersion });
  });

  it('calls a gRPC health service not-ai', () => {
    expect(health.verdict).toBe('not-ai');
    expect(health.service).toBeUndefined();
    expect(health.evidence.requests).toContain('gRPC /inference.GRPCInferenceService/ServerMetadata → UNIMPLEMENTED (12)');
  });

  it('calls a token-gated gRPC service not-ai, with the refusal in the evidence', () => {
    expect(gated.verdict).toBe('not-ai');
    expect(gated.evidence.signals).toEqual(['credentials demanded by an unidentified service (gRPC /inference.GRPCInferenceService/ServerMetadata → UNAUTHENTICATED)']);
  });

  it('asks a gRPC service behind TLS on a handshake offering h2 (grpc-core hangs up on one that offered HTTP/1.1), with the certificate facts', () => {
    expect(overTls).toMatchObject({ verdict: 'not-ai', tls: true, evidence: { tls: { selfSigned: true } } });
    expect(overTls.evidence.requests).toContain('gRPC /inference.GRPCInferenceService/ServerMetadata → UNIMPLEMENTED (12)');
  });
});
