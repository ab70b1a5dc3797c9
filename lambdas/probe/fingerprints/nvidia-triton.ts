import { notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

/** Triton's refusal when an API group is restricted to callers sending a configured header (--http-restricted-api). */
const restricted = /^\s*\{\s*"error"\s*:\s*"This API is restricted, expecting header '[^']+'"\s*\}\s*$/;

export const nvidiaTriton: Fingerprint = {
  id: 'nvidia-triton',
  name: 'NVIDIA Triton Inference Server',
  category: 'model-server',
  defaultPorts: [8000],
  specificity: 100,
  requests: [{ id: 'metadata', method: 'GET', path: '/v2' }, notFoundCanary],
  // Triton's HTTP server answers every path it does not route (restricted APIs or not) with 404 {"error":"Not Found"}
  // (src/http_server.cc HTTPAPIServer::Handle, RETURN_AND_RESPOND_WITH_ERR; tritonserver 2.51.0 sends it as text/plain).
  sweepHints: [[{ on: notFoundCanary.id, status: [404] }, { on: notFoundCanary.id, bodyRegex: /^\s*\{\s*"error"\s*:\s*"Not Found"\s*\}\s*$/ }]],
  identify: {
    why: 'GET /v2 server metadata names "triton" (Open Inference Protocol v2), or Triton refuses it for its restricted-API header',
    // Triton's own name in the OIP server-metadata object (KServe and MLServer put theirs there), or the refusal text of
    // Triton's --http-restricted-api (src/http_server.cc RespondIfRestricted; tritonserver 2.51.0 answers it 403 as
    // text/plain, the header name being whatever the operator configured).
    any: [
      { on: 'metadata', bodyRegex: /^\s*\{(?=[\s\S]*"name"\s*:\s*"triton")(?=[\s\S]*"extensions"\s*:\s*\[)/ },
      { on: 'metadata', bodyRegex: restricted },
    ],
  },
  open: {
    why: 'GET /v2 answers without credentials; Triton serves inference (and model control if enabled) to anyone who reaches it',
    all: [{ on: 'metadata', status: [200] }, { on: 'metadata', bodyRegex: /"name"\s*:\s*"triton"/ }],
  },
  authRequired: {
    why: 'Triton\'s metadata API is restricted behind a shared header (--http-restricted-api): 403 "This API is restricted"',
    all: [{ on: 'metadata', status: [403] }, { on: 'metadata', bodyRegex: restricted }],
  },
  extract: { version: { on: 'metadata', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation: 'Put Triton behind an authenticating gateway (and --http-restricted-api for the admin APIs) and remove the internet rule for ports 8000-8002.',
  references: [
    'https://github.com/kserve/open-inference-protocol/blob/main/specification/protocol/inference_rest.md',
    'https://docs.nvidia.com/deeplearning/triton-inference-server/user-guide/docs/customization_guide/deploy.html',
    'https://docs.nvidia.com/deeplearning/triton-inference-server/user-guide/docs/customization_guide/inference_protocols.html',
  ],
  cpe: 'cpe:2.3:a:nvidia:triton_inference_server',
  // The tritonserver binary bundled in PyPI nvidia-pytriton 0.7.0 (scripts/capture/nvidia-triton.sh).
  verifiedAgainst: ['NVIDIA Triton Inference Server 2.51.0'],
};
