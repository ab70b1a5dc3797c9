import { describe, expect, it } from 'vitest';
import type { Classification } from '../../../lambdas/probe/classify.js';
import type { Fingerprint, ObservedResponse } from '../../../lambdas/probe/fingerprints/types.js';
import { AUTH_REQUIRED_REMEDIATION, classifiedResult, engineResult, evidenceRequestLines, excerptOfResponse, requestLine, type ResultBase } from '../../../lambdas/probe/result.js';

const fingerprint: Fingerprint = {
  id: 'toy-model-server',
  name: 'Toy Model Server',
  category: 'model-server',
  defaultPorts: [9999],
  specificity: 100,
  requests: [{ id: 'models', method: 'GET', path: '/models' }],
  identify: { why: 'toy banner', any: [{ on: 'models', bodyContains: 'toy' }] },
  open: { why: 'models listed', any: [{ on: 'models', status: [200] }] },
  authRequired: { why: 'toy demands a key', any: [{ on: 'models', status: [401] }] },
  severityWhenOpen: 'critical',
  remediation: 'Turn on toy auth.',
  references: [],
};

const base: ResultBase = {
  targetId: 'acct/us-east-1/ec2-instance/i-1/54.1.2.3/9999',
  address: '54.1.2.3',
  port: 9999,
  probedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 12,
  tls: false,
  requests: ['GET /models → 200'],
  partial: false,
};

const grpcCall = { id: 'g', kind: 'grpc', method: '/toy.Model/Metadata', reply: { type: 'Empty', schema: { nested: { Empty: { fields: {} } } } } } as const;

const response = (overrides: Partial<ObservedResponse>): ObservedResponse => ({ kind: 'http', status: 200, headers: {}, body: '', truncated: false, ...overrides });

describe('Function: requestLine', () => {
  it.each([
    [{ id: 'a', method: 'GET', path: '/api/tags' } as const, response({ status: 200 }), 'GET /api/tags → 200'],
    [{ id: 'a', method: 'POST', path: '/mcp' } as const, response({ status: undefined, error: 'connection reset' }), 'POST /mcp → error: connection reset'],
    [{ id: 'a', method: 'POST', path: '/mcp', body: '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' } as const, response({ status: 200 }), 'POST /mcp tools/list → 200'],
    [{ id: 'a', method: 'POST', path: '/mcp', body: '{"jsonrpc":"2.0","method":"notifications/initialized"}' } as const, response({ status: 202 }), 'POST /mcp notifications/initialized → 202'],
    [{ id: 'a', method: 'GET', path: '/' } as const, response({ status: 200, error: 'body cut short: connection reset' }), 'GET / → 200 (body cut short: connection reset)'],
    [{ id: 'p', kind: 'tcp', send: 'PING\r\n' } as const, response({ kind: 'tcp', status: undefined, body: '+PONG\r\n' }), 'TCP "PING\\r\\n" → 7 bytes'],
    [{ id: 'p', kind: 'tcp', send: 'PING\r\n' } as const, response({ kind: 'tcp', status: undefined, error: 'no reply within 300 ms' }), 'TCP "PING\\r\\n" → error: no reply within 300 ms'],
    [grpcCall, response({ kind: 'grpc', headers: { 'grpc-status': '0' } }), 'gRPC /toy.Model/Metadata → OK'],
    [grpcCall, response({ kind: 'grpc', headers: { 'grpc-status': '14', 'grpc-message': 'restricted' } }), 'gRPC /toy.Model/Metadata → UNAVAILABLE (14)'],
    [grpcCall, response({ kind: 'grpc', headers: { 'grpc-status': '0' }, error: 'reply message cut short' }), 'gRPC /toy.Model/Metadata → OK (reply message cut short)'],
    [grpcCall, response({ kind: 'grpc', headers: { 'grpc-status': '99' } }), 'gRPC /toy.Model/Metadata → status "99"'],
    [grpcCall, response({ kind: 'grpc', headers: { 'grpc-status': 'x'.repeat(100) } }), `gRPC /toy.Model/Metadata → status "${'x'.repeat(16)}"`],
    [grpcCall, response({ kind: 'grpc', status: 404, headers: { 'content-type': 'text/html' } }), 'gRPC /toy.Model/Metadata → HTTP 404'],
    [grpcCall, response({ kind: 'grpc', status: undefined, error: 'no reply headers within 300 ms' }), 'gRPC /toy.Model/Metadata → error: no reply headers within 300 ms'],
  ])('describes %j', (request, observed, expected) => {
    expect(requestLine(request, observed)).toBe(expected);
  });
});

describe('Function: excerptOfResponse', () => {
  it('uses the telling headers, redacted, when the body is empty', () => {
    const observed = response({ status: 401, headers: { 'www-authenticate': 'Bearer realm="api"', 'set-cookie': 'sid=1', server: 'nginx' } });
    expect(excerptOfResponse(observed)).toBe('www-authenticate: Bearer realm="api"; server: nginx');
  });

  it('redacts the body', () => {
    expect(excerptOfResponse(response({ body: '{"token":"abc"}' }))).toBe('{"token":"[redacted]"}');
  });
});

describe('Function: classifiedResult', () => {
  const observed = new Map([['GET /models', response({ body: 'toy {"password":"hunter2"}' })]]);

  it('maps unauthenticated to the fingerprint severity, remediation and service', () => {
    // Prepare
    const classification: Classification = { verdict: 'unauthenticated', fingerprint, signals: ['toy banner', 'models listed'], version: '1.2', decisiveRequestKey: 'GET /models' };
    // Act
    const result = classifiedResult(base, classification, observed);
    // Assess
    expect(result).toEqual({
      targetId: base.targetId,
      address: '54.1.2.3',
      port: 9999,
      verdict: 'unauthenticated',
      service: { id: 'toy-model-server', name: 'Toy Model Server', category: 'model-server' },
      severity: 'critical',
      remediation: 'Turn on toy auth.',
      version: '1.2',
      tls: false,
      evidence: { requests: ['GET /models → 200'], signals: ['toy banner', 'models listed'], excerpt: 'toy {"password":"[redacted]"}' },
      probedAt: base.probedAt,
      durationMs: 12,
    });
  });

  it('keeps the models the service named, with credential shapes in a name redacted and long names kept', () => {
    // Prepare
    const named = ['llama3:8b', 'sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2', 'https://admin:hunter2@models.example/tiny.gguf', 'proxy-sk-proj-AbCdEf0123456789AbCdEf'];
    const classification: Classification = { verdict: 'unauthenticated', fingerprint, signals: ['models listed'], models: named, modelCount: 31 };
    // Act
    const { evidence } = classifiedResult(base, classification, observed);
    // Assess
    expect(evidence.models).toEqual(['llama3:8b', 'sentence-transformers/paraphrase-multilingual-MiniLM-L12-v2', 'https://admin:[redacted]@models.example/tiny.gguf', 'proxy-[redacted]']);
    expect(evidence.modelCount).toBe(31);
  });

  it('maps auth-required to severity low with the service and the check-reachability remediation', () => {
    const result = classifiedResult(base, { verdict: 'auth-required', fingerprint, signals: ['toy demands a key'] }, observed);
    expect(result.severity).toBe('low');
    expect(result.service?.id).toBe('toy-model-server');
    expect(result.remediation).toBe(AUTH_REQUIRED_REMEDIATION);
    expect(result.evidence.excerpt).toBeUndefined();
  });

  it.each([
    ['1.2.0', 'unauthenticated', 'critical', ['CVE-2025-3248']],
    ['1.3.0', 'unauthenticated', 'high', []],
    ['1.2.0', 'auth-required', 'medium', ['CVE-2025-3248']],
    [undefined, 'unauthenticated', 'high', []],
  ] as const)('Langflow %s %s: severity %s, known vulnerabilities %j', (version, verdict, severity, ids) => {
    // Prepare: the real catalog entry and the pinned vulnerability data
    const langflow = { ...fingerprint, id: 'langflow', severityWhenOpen: 'high' as const, remediation: 'Set LANGFLOW_AUTO_LOGIN=False.' };
    // Act
    const result = classifiedResult(base, { verdict, fingerprint: langflow, signals: [], ...(version ? { version } : {}) }, observed);
    // Assess
    expect(result.severity).toBe(severity);
    expect((result.knownVulnerabilities ?? []).map((v) => v.id)).toEqual(ids);
    if (ids.length > 0) expect(result.remediation).toMatch(/^Upgrade to 1\.3\.0 or later \(CVE-2025-3248\)\. /);
  });

  it('maps not-ai to no service and no severity, keeping the signals', () => {
    const result = classifiedResult({ ...base, partial: true }, { verdict: 'not-ai', signals: ['credentials demanded by an unidentified service'] }, observed);
    expect(result).toMatchObject({ verdict: 'not-ai', partial: true, evidence: { signals: ['credentials demanded by an unidentified service'] } });
    expect(result.service).toBeUndefined();
    expect(result.severity).toBeUndefined();
  });
});

describe('Function: engineResult', () => {
  it('carries the reason and the TLS facts', () => {
    const result = engineResult({ ...base, tls: true, tlsFacts: { subject: 'CN=x', selfSigned: true }, requests: [] }, 'unreachable', 'no answer');
    expect(result).toEqual({
      targetId: base.targetId,
      address: '54.1.2.3',
      port: 9999,
      verdict: 'unreachable',
      tls: true,
      evidence: { tls: { subject: 'CN=x', selfSigned: true }, reason: 'no answer' },
      probedAt: base.probedAt,
      durationMs: 12,
    });
  });
});

describe('evidenceRequestLines', () => {
  it('drops the 404s of other families and keeps what answered', () => {
    expect(evidenceRequestLines(['GET /v1/models → 404', 'GET /api → 200', 'GET /v2 → 404', 'GET /api/status → 403'])).toEqual(['GET /api → 200', 'GET /api/status → 403']);
  });

  it('keeps the 404s when nothing else answered, so "not-ai" still shows what was asked', () => {
    expect(evidenceRequestLines(['GET / → 404', 'GET /v1/models → 404'])).toEqual(['GET / → 404', 'GET /v1/models → 404']);
  });

  it('keeps at most eight lines', () => {
    expect(evidenceRequestLines(Array.from({ length: 20 }, (_, i) => `GET /p${i} → 200`))).toHaveLength(8);
  });
});
