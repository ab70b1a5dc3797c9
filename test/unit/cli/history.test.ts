import { describe, expect, it } from 'vitest';
import { formatHistoryEntry } from '../../../lambdas/cli/commands/history.js';
import { ACCEPTANCE, aChange, aResult, aTarget, OLLAMA } from '../alert/builders.js';

describe('Function: formatHistoryEntry', () => {
  it('shows the evidence signals and the models the service listed', () => {
    // Prepare
    const result = aResult('unauthenticated', { service: OLLAMA, evidence: { signals: ['Ollama banner on GET /'], models: ['llama3:8b', 'qwen2.5:7b'], modelCount: 3 } });
    // Act
    const text = formatHistoryEntry(aChange({ service: OLLAMA, overrides: { result } }));
    // Assess
    expect(text.split('\n').slice(2)).toEqual(['    evidence: Ollama banner on GET /', '    models: llama3:8b, qwen2.5:7b (and 1 more)']);
  });

  it('shows the tools an MCP server let anyone call', () => {
    const result = aResult('unauthenticated', { evidence: { signals: ['initialize answered'], tools: ['echo'], toolCount: 1 } });
    expect(formatHistoryEntry(aChange({ overrides: { result } })).split('\n').slice(2)).toEqual(['    evidence: initialize answered', '    tools: echo']);
  });

  it('has no models line for a service that listed none', () => {
    expect(formatHistoryEntry(aChange())).not.toMatch(/models:/);
  });

  it('says how long a resolved exposure lasted, and brackets an IPv6 address before its port', () => {
    // Prepare
    const target = aTarget({ address: '2600:1f18::10', port: 11434 });
    const resolved = aChange({ kind: 'resolved', service: OLLAMA, target, overrides: { firstSeen: '2026-11-21T01:00:00.000Z', at: '2026-11-24T03:30:00.000Z' } });
    // Act
    const [head, detail] = formatHistoryEntry(resolved).split('\n');
    // Assess
    expect(head).toContain(' [2600:1f18::10]:11434 ');
    expect(detail).toContain(', exposed since 2026-11-21T01:00:00.000Z (3 d 2 h); ');
  });

  it('says a change of an accepted exposure was recorded, not alerted, and why', () => {
    const [, , accepted] = formatHistoryEntry(aChange({ overrides: { accepted: ACCEPTANCE, result: aResult('unauthenticated', { evidence: {} }) } })).split('\n');
    expect(accepted).toBe('    accepted until 2027-01-31 (public demo, approved in SEC-1234): recorded, not alerted');
  });

  it('names the acceptance in an `accepted` entry once, in its why', () => {
    const text = formatHistoryEntry(aChange({ kind: 'accepted', overrides: { result: aResult('unauthenticated', { evidence: {} }) } }));
    expect(text).toMatch(/^\S+  accepted         \[INFO\] /);
    expect(text.match(/public demo, approved in SEC-1234/g)).toHaveLength(1);
  });
});
