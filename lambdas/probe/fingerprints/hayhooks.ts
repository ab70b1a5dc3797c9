import { canaryAnsweredBy, notFoundCanary, openApiDocument } from './common.js';
import type { Fingerprint } from './types.js';

/** The deployed pipelines and the server's state, "Up!" when it runs (server/routers/status.py). */
const status = { id: 'status', method: 'GET', path: '/status' } as const;

export const hayhooks: Fingerprint = {
  id: 'hayhooks',
  name: 'Hayhooks (Haystack pipeline server)',
  category: 'agent-builder',
  defaultPorts: [1416],
  specificity: 100,
  requests: [status, openApiDocument, notFoundCanary],
  identify: {
    why: 'Hayhooks: GET /status reports "Up!" with the deployed pipelines, or its OpenAPI document is titled Hayhooks',
    any: [
      { on: status.id, bodyRegex: /^\s*\{\s*"status"\s*:\s*"(?:Up!|Degraded)"\s*,\s*"pipelines"\s*:\s*\[/ },
      { on: openApiDocument.id, bodyRegex: /^\s*\{\s*"openapi"\s*:\s*"[^"]*"\s*,\s*"info"\s*:\s*\{\s*"title"\s*:\s*"Hayhooks"/ },
    ],
  },
  open: {
    why: 'Hayhooks has no authentication: anyone can run the deployed pipelines (with the model keys they use) and deploy new ones, whose Python wrappers (POST /deploy_files) it loads and runs',
    all: [{ on: status.id, status: [200] }],
  },
  noAuthReason: 'Hayhooks has no authentication of its own (left to a proxy, which hides the service).',
  sweepHints: [canaryAnsweredBy.starlette],
  extract: { version: { on: openApiDocument.id, regex: /"info"\s*:\s*\{\s*"title"\s*:\s*"Hayhooks"[^{}]*?"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'Keep Hayhooks on localhost (its default) or behind an authenticating proxy, and remove the internet rule for port 1416: it has no authentication, and its deploy routes load Python code.',
  references: ['https://docs.haystack.deepset.ai/docs/hayhooks', 'https://github.com/deepset-ai/hayhooks'],
  verifiedAgainst: ['Hayhooks 2.1.0'],
};
