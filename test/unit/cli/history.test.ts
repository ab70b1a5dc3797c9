import { describe, expect, it } from 'vitest';
import { formatHistoryEntry } from '../../../lambdas/cli/commands/history.js';
import { aChange, aResult, OLLAMA } from '../alert/builders.js';

describe('Function: formatHistoryEntry', () => {
  it('shows the evidence signals and the models the service listed', () => {
    // Prepare
    const result = aResult('unauthenticated', { service: OLLAMA, evidence: { signals: ['Ollama banner on GET /'], models: ['llama3:8b', 'qwen2.5:7b'], modelCount: 3 } });
    // Act
    const text = formatHistoryEntry(aChange({ service: OLLAMA, overrides: { result } }));
    // Assess
    expect(text.split('\n').slice(2)).toEqual(['    evidence: Ollama banner on GET /', '    models: llama3:8b, qwen2.5:7b (and 1 more)']);
  });

  it('has no models line for a service that listed none', () => {
    expect(formatHistoryEntry(aChange())).not.toMatch(/models:/);
  });
});
