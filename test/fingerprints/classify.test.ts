/** The classifier's rules on small hand-made catalogs and responses (pure; hand fakes are fine here). */
import { describe, expect, it } from 'vitest';
import { classify, planRequests, requestKey } from '../../lambdas/probe/classify.js';
import { catalog } from '../../lambdas/probe/fingerprints/index.js';
import type { Fingerprint, ObservedResponse } from '../../lambdas/probe/fingerprints/types.js';

const http = (status: number, body: string, headers: Record<string, string> = {}): ObservedResponse => ({ kind: 'http', status, headers, body, truncated: false });

const family = (id: string, specificity: Fingerprint['specificity'], defaultPorts: number[]): Fingerprint => ({
  id,
  name: id,
  category: 'model-server',
  defaultPorts,
  specificity,
  requests: [{ id: 'models', method: 'GET', path: '/v1/models' }, { id: 'canary', method: 'GET', path: '/nope' }],
  identify: { why: `${id} identified`, all: [{ on: 'canary', status: [200], not: true }], any: [{ on: 'models', bodyContains: '"data"' }] },
  open: { why: `${id} open`, all: [{ on: 'models', status: [200] }] },
  authRequired: { why: `${id} auth`, all: [{ on: 'models', status: [401] }] },
  severityWhenOpen: 'high',
  remediation: 'close it',
  references: ['https://example.com'],
});

describe('requestKey', () => {
  it('is the same for the same request whatever the id or header order and case', () => {
    const a = requestKey({ id: 'a', method: 'POST', path: '/mcp', headers: { Accept: 'x', 'content-type': 'y' }, body: '{}' });
    const b = requestKey({ id: 'b', method: 'POST', path: '/mcp', headers: { 'Content-Type': 'y', accept: 'x' }, body: '{}' });
    expect(a).toBe(b);
    expect(a).toBe('POST /mcp [accept: x; content-type: y] {}');
  });

  it('differs by method, path, body and kind', () => {
    const keys = [
      requestKey({ id: 'x', method: 'GET', path: '/a' }),
      requestKey({ id: 'x', method: 'HEAD', path: '/a' }),
      requestKey({ id: 'x', method: 'GET', path: '/b' }),
      requestKey({ id: 'x', method: 'POST', path: '/a', body: '1' }),
      requestKey({ id: 'x', kind: 'tcp', send: 'GET /a' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('planRequests', () => {
  it('sends shared requests once and puts the families of this port first', () => {
    const plan = planRequests(catalog, 11434).map(requestKey);
    expect(new Set(plan).size).toBe(plan.length);
    expect(plan[0]).toBe('GET /');
    expect(plan.filter((k) => k === 'GET /v1/models')).toHaveLength(1);
    expect(planRequests(catalog, 6379).map(requestKey)[0]).toBe('TCP "PING\\r\\n"');
    expect(planRequests(catalog, 8888).map(requestKey)[0]).toBe('GET /api');
  });

  it('covers every request of every family on any port', () => {
    const plan = new Set(planRequests(catalog, 1).map(requestKey));
    for (const f of catalog) for (const r of f.requests) expect(plan).toContain(requestKey(r));
  });
});

describe('classify', () => {
  const generic = family('generic', 1, [8000]);
  const named = family('named', 100, [9000]);
  const openObserved = new Map([
    ['GET /v1/models', http(200, '{"data":[]}')],
    ['GET /nope', http(404, '')],
  ]);

  it('picks the most specific identified family, whatever the catalog order', () => {
    expect(classify([generic, named], openObserved, 8000)).toMatchObject({ verdict: 'unauthenticated', fingerprint: { id: 'named' } });
    expect(classify([named, generic], openObserved, 8000).fingerprint?.id).toBe('named');
  });

  it('breaks specificity ties by the default port', () => {
    const other = { ...family('other', 1, [9000]) };
    expect(classify([generic, other], openObserved, 9000).fingerprint?.id).toBe('other');
    expect(classify([generic, other], openObserved, 8000).fingerprint?.id).toBe('generic');
  });

  it('reports auth-required with the decisive request', () => {
    const observed = new Map([
      ['GET /v1/models', http(401, '{"data":"no"}')],
      ['GET /nope', http(404, '')],
    ]);
    expect(classify([generic], observed, 8000)).toEqual({
      verdict: 'auth-required',
      fingerprint: generic,
      signals: ['generic identified', 'generic auth'],
      decisiveRequestKey: 'GET /v1/models',
    });
  });

  it('calls an identified service that neither served nor challenged auth-required, and says so', () => {
    const observed = new Map([
      ['GET /v1/models', http(500, '{"data":"broken"}')],
      ['GET /nope', http(404, '')],
    ]);
    const result = classify([generic], observed, 8000);
    expect(result.verdict).toBe('auth-required');
    expect(result.signals[1]).toMatch(/served nothing without credentials/);
  });

  it('treats a missing or failed response as no match, even for negated matchers', () => {
    const withoutCanary = new Map([['GET /v1/models', http(200, '{"data":[]}')]]);
    expect(classify([generic], withoutCanary, 8000).verdict).toBe('not-ai');
    const failedCanary = new Map([...withoutCanary, ['GET /nope', { kind: 'http', headers: {}, body: '', truncated: false, error: 'reset' } as const]]);
    expect(classify([generic], failedCanary, 8000).verdict).toBe('not-ai');
  });

  it('reports nothing for a port that answered nothing', () => {
    expect(classify(catalog, new Map(), 80)).toEqual({ verdict: 'not-ai', signals: [] });
  });

  it('identifies Ollama over the generic OpenAI-compatible family on the same /v1/models answer', () => {
    const observed = new Map([
      ['GET /', http(200, 'Ollama is running')],
      ['GET /api/version', http(200, '{"version":"0.12.0"}')],
      ['GET /api/tags', http(200, '{"models":[]}')],
      ['GET /v1/models', http(200, '{"object":"list","data":[]}')],
      ['GET /ai-exposure-monitor-canary-404', http(404, '404 page not found')],
    ]);
    expect(classify(catalog, observed, 8000)).toMatchObject({ verdict: 'unauthenticated', fingerprint: { id: 'ollama' }, version: '0.12.0', decisiveRequestKey: 'GET /api/tags' });
  });
});
