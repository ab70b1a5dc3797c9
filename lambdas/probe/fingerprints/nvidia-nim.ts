import type { Fingerprint } from './types.js';

/** NIM's metadata: asset and model information blocks. */
const metadata = /^\s*\{(?=[\s\S]*"modelInfo"\s*:\s*\[)(?=[\s\S]*"assetInfo"\s*:\s*\[)/;

export const nvidiaNim: Fingerprint = {
  id: 'nvidia-nim',
  name: 'NVIDIA NIM for LLMs',
  category: 'model-server',
  defaultPorts: [8000],
  specificity: 100,
  requests: [{ id: 'metadata', method: 'GET', path: '/v1/metadata' }],
  // No sweepHints (always asked): LLM NIMs document GET /v1/models, but /v1/metadata (what identifies the family) is also served by
  // NIMs without it (Alchemi Batched Molecular Dynamics 1.1.0: /v1/infer, /v1/status, health and management routes only), and no
  // NIM documents its answer to / or an unknown path, so a hint on the shared answers would drop those NIMs from sweeps.
  identify: {
    why: 'NVIDIA NIM: GET /v1/metadata lists modelInfo and assetInfo',
    // Both arrays are NIM's metadata keys.
    all: [{ on: 'metadata', bodyRegex: metadata }],
  },
  open: {
    why: 'GET /v1/metadata answers without credentials; NIM has no user authentication, so inference is open too',
    all: [{ on: 'metadata', status: [200] }],
  },
  noAuthReason: 'NIM containers have no authentication of their own (left to a gateway, which hides the service).',
  extract: { version: { on: 'metadata', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Serve NIM only behind an authenticating gateway or service mesh policy, and remove the internet rule for port 8000.',
  references: [
    'https://docs.nvidia.com/nim/large-language-models/latest/api-reference.html',
    'https://docs.nvidia.com/nim/llama-3-1-nemotron-safety-guard-8b/1.10.1/api-reference/metadata-v-1-metadata-get',
  ],
  derivedFrom: ['NVIDIA NIM llama-3.1-nemotron-safety-guard-8b 1.10.1'],
};
