import type { Fingerprint } from './types.js';

export const nvidiaTriton: Fingerprint = {
  id: 'nvidia-triton',
  name: 'NVIDIA Triton Inference Server',
  category: 'model-server',
  defaultPorts: [8000],
  specificity: 100,
  requests: [{ id: 'metadata', method: 'GET', path: '/v2' }],
  identify: {
    why: 'GET /v2 server metadata names "triton" (Open Inference Protocol v2)',
    // Triton's own name in the OIP server-metadata object; KServe and MLServer put theirs there.
    all: [
      { on: 'metadata', bodyRegex: /"name"\s*:\s*"triton"/ },
      { on: 'metadata', bodyRegex: /"extensions"\s*:\s*\[/ },
    ],
  },
  open: {
    why: 'GET /v2 answers without credentials; Triton serves inference (and model control if enabled) to anyone who reaches it',
    all: [{ on: 'metadata', status: [200] }],
  },
  noAuthReason:
    'Triton has no user authentication; --http-restricted-api only gates API groups behind a shared header, and a gateway in front hides the service.',
  extract: { version: { on: 'metadata', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Put Triton behind an authenticating gateway (or --http-restricted-api for admin APIs) and remove the internet rule for ports 8000-8002.',
  references: [
    'https://github.com/kserve/open-inference-protocol/blob/main/specification/protocol/inference_rest.md',
    'https://docs.nvidia.com/deeplearning/triton-inference-server/user-guide/docs/customization_guide/deploy.html',
    'https://docs.nvidia.com/deeplearning/triton-inference-server/user-guide/docs/customization_guide/inference_protocols.html',
  ],
  cpe: 'cpe:2.3:a:nvidia:triton_inference_server',
};
