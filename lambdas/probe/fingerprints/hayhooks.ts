import { canaryAnsweredBy, notFoundCanary, openApiDocument, openApiTitled } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * Hayhooks serves FastAPI's OpenAPI document titled Hayhooks, with its own version (settings.py, 2.1.0). The probe asks
 * nothing else: that document is asked of FastAPI apps already, so Hayhooks adds no request to them. (Its GET /status,
 * "Up!" with the pipelines, would say the same at one more request on every FastAPI app a sweep meets.)
 */
const titledHayhooks = openApiTitled('Hayhooks').document;

export const hayhooks: Fingerprint = {
  id: 'hayhooks',
  name: 'Hayhooks (Haystack pipeline server)',
  category: 'agent-builder',
  defaultPorts: [1416],
  specificity: 100,
  requests: [openApiDocument, notFoundCanary],
  identify: {
    why: 'Hayhooks: its OpenAPI document is titled Hayhooks',
    all: [{ on: openApiDocument.id, bodyRegex: titledHayhooks }],
  },
  open: {
    why: 'Hayhooks has no authentication: anyone can run the deployed pipelines (with the model keys they use) and deploy new ones, whose Python wrappers (POST /deploy_files) it loads and runs',
    all: [{ on: openApiDocument.id, status: [200] }],
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
