import { canaryAnsweredBy, notFoundCanary, rootPage, serverInfo } from './common.js';
import type { Fingerprint } from './types.js';

export const hfTgi: Fingerprint = {
  id: 'hf-tgi',
  name: 'Hugging Face Text Generation Inference',
  category: 'model-server',
  defaultPorts: [8080, 3000],
  specificity: 100,
  requests: [serverInfo, rootPage, notFoundCanary],
  identify: {
    why: 'TGI: GET /info names the router "text-generation-router"',
    // The router name is TGI's own string in its info object.
    all: [{ on: 'info', bodyRegex: /"router"\s*:\s*"text-generation-router"/ }],
  },
  open: {
    why: 'GET /info answers without credentials: the served model and its limits are exposed, and /generate is open unless --api-key is set',
    all: [{ on: 'info', status: [200] }],
  },
  // The Rust router (axum) answers unknown paths with an empty 404 and GET / with its health check: an empty 200, or 503 {"error":"unhealthy",…}.
  sweepHints: [
    [...canaryAnsweredBy.emptyNotFound, { on: 'root', bodyRegex: /^$/ }],
    [...canaryAnsweredBy.emptyNotFound, { on: 'root', bodyContains: '"error":"unhealthy"' }],
  ],
  noAuthReason:
    'TGI --api-key (router/src/server.rs) wraps only the POST inference routes; GET /, /info, /health, /ping, /metrics and /v1/models never check ' +
    'it, so harmless GET requests cannot tell a keyed TGI from an open one (and a gateway in front hides the service).',
  extract: {
    version: { on: 'info', regex: /"version"\s*:\s*"([^"]+)"/ },
    models: { on: 'info', path: ['model_id'] },
  },
  severityWhenOpen: 'high',
  remediation: 'Start TGI with --api-key (it guards generation; /info stays public) or behind an authenticating gateway, and remove the internet rule for the port.',
  references: ['https://huggingface.github.io/text-generation-inference/', 'https://huggingface.co/docs/text-generation-inference/index'],
  derivedFrom: ['Text Generation Inference commit 003eaec'],
};
