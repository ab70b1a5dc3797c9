import { canaryNotGated, notFoundCanary, serverInfo } from './common.js';
import type { Fingerprint } from './types.js';

/** TEI's info object: the model id and a "model_type" object (embedding, classifier or reranker). */
const teiInfo = /^\s*\{(?=[\s\S]*"model_id"\s*:)(?=[\s\S]*"model_type"\s*:\s*\{\s*"(?:embedding|classifier|reranker)")/;

export const hfTei: Fingerprint = {
  id: 'hf-tei',
  name: 'Hugging Face Text Embeddings Inference',
  category: 'model-server',
  defaultPorts: [8080],
  specificity: 100,
  requests: [serverInfo, notFoundCanary],
  identify: {
    why: 'TEI: GET /info describes an embedding/classifier/reranker model, or TEI --api-key refuses /info',
    // "model_type" as an object keyed by the task is TEI's shape; a 401 on /info counts only when the
    // canary is not refused too.
    all: [canaryNotGated],
    any: [
      { on: 'info', bodyRegex: teiInfo },
      { on: 'info', bodyRegex: /"error_type"\s*:\s*"Unauthorized"/ },
    ],
  },
  open: {
    why: 'GET /info answers without an API key: embeddings (and reranking) are open to anyone',
    all: [{ on: 'info', status: [200] }, { on: 'info', bodyRegex: teiInfo }],
  },
  authRequired: {
    why: 'TEI --api-key is set (401)',
    all: [{ on: 'info', status: [401] }],
  },
  extract: {
    version: { on: 'info', regex: /"version"\s*:\s*"([^"]+)"/ },
    models: { on: 'info', regex: /"model_id"\s*:\s*"([^"]+)"/ },
  },
  severityWhenOpen: 'high',
  remediation: 'Start TEI with --api-key or behind an authenticating gateway, and remove the internet rule for the port.',
  references: ['https://huggingface.co/docs/text-embeddings-inference/index', 'https://huggingface.github.io/text-embeddings-inference/'],
};
