import { canaryAnsweredBy, canaryNotGated, notFoundCanary, rootPage, serverInfo } from './common.js';
import type { Fingerprint } from './types.js';

/** TEI's info object: the model id and a "model_type" object (embedding, classifier or reranker). */
const teiInfo = /^\s*\{(?=[\s\S]*"model_id"\s*:)(?=[\s\S]*"model_type"\s*:\s*\{\s*"(?:embedding|classifier|reranker)")/;

export const hfTei: Fingerprint = {
  id: 'hf-tei',
  name: 'Hugging Face Text Embeddings Inference',
  category: 'model-server',
  defaultPorts: [8080],
  specificity: 100,
  requests: [serverInfo, notFoundCanary, rootPage],
  identify: {
    why: 'TEI: GET /info describes an embedding/classifier/reranker model',
    // "model_type" as an object keyed by the task is TEI's shape; the canary rules out a catch-all or a gate on every path.
    all: [canaryNotGated],
    any: [{ on: 'info', bodyRegex: teiInfo }],
  },
  open: {
    why: 'GET /info answers without an API key: embeddings (and reranking) are open to anyone',
    all: [{ on: 'info', status: [200] }, { on: 'info', bodyRegex: teiInfo }],
  },
  // The Rust router (axum) answers unknown paths with an empty 404 and GET / with its health check: an empty 200, or 503 {"error":"unhealthy",…}.
  sweepHints: [
    [...canaryAnsweredBy.emptyNotFound, { on: 'root', bodyRegex: /^$/ }],
    [...canaryAnsweredBy.emptyNotFound, { on: 'root', bodyContains: '"error":"unhealthy"' }],
  ],
  noAuthReason:
    'TEI --api-key (router/src/http/server.rs) answers /info and the inference routes with a bare 401 (no body, no challenge) and leaves /, ' +
    '/health, /ping, /metrics and unknown paths alone, so nothing TEI-specific remains to identify a keyed TEI: it reads as an unidentified ' +
    'credential challenge (not-ai), see test/fixtures/hf-tei/negative-api-key.json.',
  extract: {
    version: { on: 'info', regex: /"version"\s*:\s*"([^"]+)"/ },
    models: { on: 'info', path: ['model_id'] },
  },
  severityWhenOpen: 'high',
  remediation: 'Start TEI with --api-key or behind an authenticating gateway, and remove the internet rule for the port.',
  references: ['https://huggingface.co/docs/text-embeddings-inference/index', 'https://huggingface.github.io/text-embeddings-inference/'],
  derivedFrom: ['Text Embeddings Inference commit bc0fa32'],
};
