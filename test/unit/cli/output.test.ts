import { describe, expect, it } from 'vitest';
import { formatCheckResults } from '../../../lambdas/cli/output.js';
import { aResult, OLLAMA } from '../alert/builders.js';

describe('Function: formatCheckResults', () => {
  it('puts the models a service listed on a line under its own', () => {
    // Prepare
    const listed = aResult('unauthenticated', { service: OLLAMA, severity: 'critical', version: '0.5.7', evidence: { signals: ['Ollama banner on GET /'], models: ['llama3:8b'], modelCount: 1 } });
    const web = aResult('not-ai', { service: undefined, address: '54.1.2.4', port: 80, evidence: {} });
    // Act
    const text = formatCheckResults([listed, web]);
    // Assess
    expect(text.split('\n')).toEqual([
      '54.1.2.3:8888                unauthenticated  [CRITICAL] Ollama 0.5.7 — Ollama banner on GET /',
      '                             models: llama3:8b',
      '54.1.2.4:80                  not-ai',
    ]);
  });
});
