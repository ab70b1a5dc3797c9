/**
 * Real Jupyter Kernel Gateway 3.0.1 (PyPI, .venv-ai) through the real engine: without KG_AUTH_TOKEN, its default, it starts
 * kernels for anyone (open, critical), and Jupyter Server's family, which its /api answer also identifies, must not
 * name it (that family read it auth-required); with a token, every API path refuses (auth-required).
 */
import { describe, expect, it } from 'vitest';
import { startKernelGateway, type KernelGatewayAuth } from '../../support/servers/kernel-gateway.js';
import { probeEachMode } from './probe-through.js';

const modes: readonly KernelGatewayAuth[] = ['none', 'token'];

describe('Jupyter Kernel Gateway through the real engine', () => {
  const results = probeEachMode('kernel-gateway', 8888, modes, startKernelGateway);

  it('calls a gateway without a token unauthenticated and critical', () => {
    expect(results.none).toMatchObject({ verdict: 'unauthenticated', service: { id: 'jupyter-kernel-gateway' }, severity: 'critical' });
  });

  it('calls a gateway with KG_AUTH_TOKEN auth-required', () => {
    expect(results.token).toMatchObject({ verdict: 'auth-required', service: { id: 'jupyter-kernel-gateway' } });
  });
});
