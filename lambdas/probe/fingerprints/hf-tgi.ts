import { serverInfo } from './common.js';
import type { Fingerprint } from './types.js';

export const hfTgi: Fingerprint = {
  id: 'hf-tgi',
  name: 'Hugging Face Text Generation Inference',
  category: 'model-server',
  defaultPorts: [8080, 3000],
  specificity: 100,
  requests: [serverInfo],
  identify: {
    why: 'TGI: GET /info names the router "text-generation-router"',
    // The router name is TGI's own string in its info object.
    all: [{ on: 'info', bodyRegex: /"router"\s*:\s*"text-generation-router"/ }],
  },
  open: {
    why: 'GET /info answers without credentials; TGI has no user authentication, so /generate is open too',
    all: [{ on: 'info', status: [200] }],
  },
  noAuthReason: 'TGI has no authentication of its own (left to a gateway, which hides the service).',
  extract: {
    version: { on: 'info', regex: /"version"\s*:\s*"([^"]+)"/ },
    models: { on: 'info', regex: /"model_id"\s*:\s*"([^"]+)"/ },
  },
  severityWhenOpen: 'high',
  remediation: 'Put TGI behind an authenticating gateway and remove the internet rule for the port.',
  references: ['https://huggingface.github.io/text-generation-inference/', 'https://huggingface.co/docs/text-generation-inference/index'],
};
