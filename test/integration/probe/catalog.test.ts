/**
 * The engine with the real fingerprint catalog: a real Redis (open and with a password) and
 * loopback HTTP servers answering like Ollama, over plain HTTP and TLS, plus a plain web page.
 */
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../../lambdas/probe/fingerprints/index.js';
import { createProber, type AddressMap, type Prober } from '../../../lambdas/probe/prober.js';
import type { ProbeResult } from '../../../lambdas/shared/model.js';
import { selfSignedCertificate, startHttpServer, startHttpsServer, type LoopbackServer } from '../../support/hostile-servers.js';
import type { RunningServer } from '../../support/servers/common.js';
import { startRedis } from '../../support/servers/redis.js';

/** Answers as Ollama 0.5.x does when bound to 0.0.0.0 (no Host check). */
const ollamaLike: http.RequestListener = (request, response) => {
  const json = (body: string): void => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(body);
  };
  if (request.url === '/' || request.url === '') {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Ollama is running');
  } else if (request.url === '/api/version') json('{"version":"0.5.7"}');
  else if (request.url === '/api/tags') json('{"models":[{"name":"llama3.2:1b","model":"llama3.2:1b","size":1321098329}]}');
  else if (request.url === '/v1/models') json('{"object":"list","data":[{"id":"llama3.2:1b","object":"model","owned_by":"library"}]}');
  else {
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('404 page not found');
  }
};

const staticPage: http.RequestListener = (_request, response) => {
  response.writeHead(200, { 'content-type': 'text/html', server: 'nginx/1.22.1' });
  response.end('<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body>Welcome</body></html>');
};

const budgets = { connectTimeoutMs: 500, tlsTimeoutMs: 500, headersTimeoutMs: 500, bodyTimeoutMs: 500, targetTimeoutMs: 4_000 };

let openRedis: RunningServer;
let lockedRedis: RunningServer;
let ollama: LoopbackServer;
let ollamaTls: LoopbackServer;
let web: LoopbackServer;
let prober: Prober;
let results: ProbeResult[];

beforeAll(async () => {
  [openRedis, lockedRedis, ollama, ollamaTls, web] = await Promise.all([
    startRedis(),
    startRedis({ password: 's3cret-pass' }),
    startHttpServer(ollamaLike),
    startHttpsServer(selfSignedCertificate('gpu-box.internal'), ollamaLike),
    startHttpServer(staticPage),
  ]);
  const addressMap: AddressMap = new Map([
    ['54.214.40.1:6379', { connectHost: '127.0.0.1', connectPort: openRedis.port }],
    ['54.214.40.2:6379', { connectHost: '127.0.0.1', connectPort: lockedRedis.port }],
    ['54.214.40.3:11434', { connectHost: '127.0.0.1', connectPort: ollama.port }],
    ['54.214.40.4:443', { connectHost: '127.0.0.1', connectPort: ollamaTls.port }],
    ['54.214.40.5:80', { connectHost: '127.0.0.1', connectPort: web.port }],
  ]);
  prober = createProber({ catalog, budgets, addressMap });
  results = await prober.probe([
    { targetId: 'redis-open', address: '54.214.40.1', port: 6379 },
    { targetId: 'redis-locked', address: '54.214.40.2', port: 6379 },
    { targetId: 'ollama', address: '54.214.40.3', port: 11434 },
    { targetId: 'ollama-tls', address: '54.214.40.4', port: 443 },
    { targetId: 'web', address: '54.214.40.5', port: 80 },
  ]);
});

afterAll(async () => {
  await Promise.all([openRedis?.stop(), lockedRedis?.stop(), ollama?.close(), ollamaTls?.close(), web?.close()]);
});

const resultOf = (targetId: string): ProbeResult | undefined => results.find((result) => result.targetId === targetId);

describe('Prober with the real catalog', () => {
  it('finds a real Redis without a password as unauthenticated, with its version', () => {
    expect(resultOf('redis-open')).toMatchObject({ verdict: 'unauthenticated', service: { id: 'redis' }, severity: 'critical', version: '7.0.15', tls: false });
    expect(resultOf('redis-open')?.evidence.excerpt).toMatch(/^\+PONG/);
  });

  it('finds a real Redis with requirepass as auth-required', () => {
    expect(resultOf('redis-locked')).toMatchObject({ verdict: 'auth-required', service: { id: 'redis' }, severity: 'low' });
    expect(resultOf('redis-locked')?.evidence.excerpt).toMatch(/^-NOAUTH/);
  });

  it('finds an open Ollama over plain HTTP, with the models it lists', () => {
    expect(resultOf('ollama')).toMatchObject({ verdict: 'unauthenticated', service: { id: 'ollama', name: 'Ollama' }, severity: 'critical', version: '0.5.7', tls: false });
    expect(resultOf('ollama')?.evidence).toMatchObject({ models: ['llama3.2:1b'], modelCount: 1 });
    expect(resultOf('ollama')?.remediation).toMatch(/Ollama/);
  });

  it('finds an open Ollama behind TLS with a self-signed certificate', () => {
    const result = resultOf('ollama-tls');
    expect(result).toMatchObject({ verdict: 'unauthenticated', service: { id: 'ollama' }, tls: true });
    expect(result?.evidence.tls).toMatchObject({ subject: 'CN=gpu-box.internal, O=AEM Test', selfSigned: true, authorized: false });
  });

  it('calls a plain web page not-ai', () => {
    expect(resultOf('web')?.verdict).toBe('not-ai');
    expect(resultOf('web')?.service).toBeUndefined();
  });

  it('finished every target within its budget', () => {
    for (const result of results) expect(result.durationMs).toBeLessThan(budgets.targetTimeoutMs);
  });
});
