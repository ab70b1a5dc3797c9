/**
 * A real TorchServe 0.12.0 (no models) through the real engine, on all four of its API ports: the HTTP inference
 * and management APIs and their gRPC twins, with token authorization on (its default) and off. The gRPC ports speak
 * nothing but HTTP/2, so before the engine asked gRPC they read not-ai whatever the token setting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import type { RunningServer } from '../../support/servers/common.js';
import { startTorchServe, torchserveVersion, type RunningTorchServe } from '../../support/servers/torchserve.js';
import { probeThrough, type Exposure } from './probe-through.js';

/** The four API ports of one server, on TorchServe's default port numbers. */
function apiPorts(name: string, server: RunningTorchServe): Exposure[] {
  const exposure = (api: string, port: number, localPort: number): Exposure => ({
    address: `torchserve-${name}-${api}.conformance.example`,
    port,
    localPort,
    hostHeader: `203.0.113.7:${port}`,
  });
  return [
    exposure('inference', 8080, server.port),
    exposure('management', 8081, server.managementPort),
    exposure('grpc-inference', 7070, server.grpcInferencePort),
    exposure('grpc-management', 7071, server.grpcManagementPort),
  ];
}

const listModels = 'gRPC /org.pytorch.serve.grpc.management.ManagementAPIsService/ListModels';
const ping = 'gRPC /org.pytorch.serve.grpc.inference.InferenceAPIsService/Ping';

describe('TorchServe through the real engine', () => {
  const servers: RunningServer[] = [];
  let open: ProbeResult[];
  let gated: ProbeResult[];

  beforeAll(async () => {
    const [openServer, gatedServer] = await Promise.all([startTorchServe({ tokenAuth: false }), startTorchServe({ tokenAuth: true })]);
    servers.push(openServer, gatedServer);
    const results = await probeThrough([...apiPorts('open', openServer), ...apiPorts('token', gatedServer)]);
    open = results.slice(0, 4);
    gated = results.slice(4);
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('calls the HTTP APIs open with --disable-token-auth, with the version', () => {
    for (const result of open.slice(0, 2)) {
      expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'torchserve' }, version: torchserveVersion, severity: 'critical' });
    }
  });

  it('calls the gRPC management port open and critical: ListModels answers without a token', () => {
    const management = open[3];
    expect(management).toMatchObject({ verdict: 'unauthenticated', service: { id: 'torchserve-grpc-management' }, severity: 'critical', tls: false });
    expect(management?.evidence.requests).toEqual(expect.arrayContaining([`${listModels} → OK`, 'gRPC /ai_exposure_monitor.Canary/NotFound → UNIMPLEMENTED (12)']));
  });

  it('calls the gRPC inference port open and high: Ping answers Healthy without a token', () => {
    const inference = open[2];
    expect(inference).toMatchObject({ verdict: 'unauthenticated', service: { id: 'torchserve-grpc-inference' }, severity: 'high' });
    expect(inference?.evidence.requests).toContain(`${ping} → OK`);
    expect(inference?.evidence.excerpt).toContain('Healthy');
  });

  it('calls all four ports auth-required with the default token authorization, each by its own family', () => {
    expect(gated.map((result) => `${result.verdict}/${result.service?.id}`)).toEqual([
      'auth-required/torchserve',
      'auth-required/torchserve',
      'auth-required/torchserve-grpc-inference',
      'auth-required/torchserve-grpc-management',
    ]);
    expect(gated[3]?.evidence.requests).toContain(`${listModels} → PERMISSION_DENIED (7)`);
    expect(gated[2]?.evidence.requests).toContain(`${ping} → PERMISSION_DENIED (7)`);
    // The refusal's text is the evidence, unredacted: "Token Authorization" is not a credential.
    expect(gated[3]?.evidence.excerpt).toContain('Token Authorization failed');
  });
});
