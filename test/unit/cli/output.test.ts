import { describe, expect, it } from 'vitest';
import { formatCheckResults, formatCurrentExposures } from '../../../lambdas/cli/output.js';
import type { ExposureSnapshot } from '../../../lambdas/shared/model.js';
import { aResult, aTarget, JUPYTER, OLLAMA, VLLM } from '../alert/builders.js';

describe('Function: formatCheckResults', () => {
  it('puts the models and tools a service listed on lines under its own', () => {
    // Prepare
    const listed = aResult('unauthenticated', {
      service: OLLAMA,
      severity: 'critical',
      version: '0.5.7',
      evidence: { signals: ['Ollama banner on GET /'], models: ['llama3:8b'], modelCount: 1, tools: ['pull'], toolCount: 1 },
    });
    const web = aResult('not-ai', { service: undefined, address: '54.1.2.4', port: 80, evidence: {} });
    // Act
    const text = formatCheckResults([listed, web]);
    // Assess
    expect(text.split('\n')).toEqual([
      '54.1.2.3:8888                unauthenticated  [CRITICAL] Ollama 0.5.7 — Ollama banner on GET /',
      '                             models: llama3:8b',
      '                             tools: pull',
      '54.1.2.4:80                  not-ai',
    ]);
  });
});

describe('Function: formatCurrentExposures', () => {
  it('lists the worst first: severity, then unauthenticated before auth-required, then the longest open', () => {
    // Prepare: in the store's order, which is not the pager's
    const exposure = (address: string, snapshot: ExposureSnapshot, firstSeen: string) => ({
      target: aTarget({ address, nameTag: undefined }),
      snapshot,
      firstSeen,
      lastSeen: '2026-11-24T03:00:00.000Z',
    });
    const currentExposures = [
      exposure('54.1.2.1', { verdict: 'auth-required', service: JUPYTER, severity: 'low' }, '2026-11-20T00:00:00.000Z'),
      exposure('54.1.2.2', { verdict: 'unauthenticated', service: VLLM, severity: 'high' }, '2026-11-23T00:00:00.000Z'),
      exposure('54.1.2.3', { verdict: 'unauthenticated', service: OLLAMA, severity: 'critical' }, '2026-11-24T00:00:00.000Z'),
      exposure('54.1.2.4', { verdict: 'unauthenticated', service: VLLM, severity: 'high' }, '2026-11-21T00:00:00.000Z'),
      exposure('54.1.2.5', { verdict: 'auth-required', service: VLLM, severity: 'high' }, '2026-11-19T00:00:00.000Z'),
    ];
    // Act
    const addresses = formatCurrentExposures({ currentExposures })
      .split('\n')
      .slice(1)
      .map((line) => /on (\S+):/.exec(line)?.[1]);
    // Assess
    expect(addresses).toEqual(['54.1.2.3', '54.1.2.4', '54.1.2.2', '54.1.2.5', '54.1.2.1']);
  });

  it('says under an accepted exposure until when and why it is accepted', () => {
    const accepted = { reason: 'public demo, SEC-1234', until: '2027-01-31', accepts: 'unauthenticated' as const };
    const currentExposures = [{ target: aTarget(), snapshot: { verdict: 'unauthenticated' as const, service: OLLAMA, severity: 'high' as const }, firstSeen: '2026-11-20T00:00:00.000Z', lastSeen: '2026-11-24T03:00:00.000Z', accepted }];
    expect(formatCurrentExposures({ currentExposures }).split('\n').slice(2)).toEqual(['                           accepted until 2027-01-31: public demo, SEC-1234']);
  });
});
