import { grpcCanary, grpcCanaryUnimplemented, grpcOk, inferenceGrpcMetadata, inferenceGrpcModelNames, inferenceGrpcRepositoryIndex } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * Triton's refusal of a protocol group restricted to callers sending a configured header (--grpc-restricted-protocol):
 * the header is the configured key with Triton's "triton-grpc-protocol-" prefix (tritonserver 2.51.0 answers it
 * UNAVAILABLE, 14, as a trailers-only reply).
 */
const restricted = /^This protocol is restricted, expecting header 'triton-grpc-protocol-[^']+'$/;

/** Triton's gRPC endpoint (port 8001), which serves everything its HTTP API does, model control included when enabled. */
export const nvidiaTritonGrpc: Fingerprint = {
  id: 'nvidia-triton-grpc',
  name: 'NVIDIA Triton Inference Server (gRPC)',
  category: 'model-server',
  defaultPorts: [8001],
  specificity: 100,
  requests: [inferenceGrpcMetadata, inferenceGrpcRepositoryIndex, grpcCanary],
  identify: {
    why: 'gRPC ServerMetadata names "triton" (Open Inference Protocol v2), or Triton refuses it for its restricted-protocol header; an unknown method is UNIMPLEMENTED',
    // The canary rules out a server that answers every method alike, whatever it says.
    all: [grpcCanaryUnimplemented],
    any: [
      { on: inferenceGrpcMetadata.id, bodyRegex: /^\{"name":"triton","version":"/ },
      { on: inferenceGrpcMetadata.id, header: 'grpc-message', regex: restricted },
    ],
  },
  open: {
    why: 'gRPC ServerMetadata answers without credentials; Triton serves inference (and model control if enabled) to anyone who reaches it',
    all: [grpcOk(inferenceGrpcMetadata.id), { on: inferenceGrpcMetadata.id, bodyRegex: /^\{"name":"triton"/ }],
  },
  authRequired: {
    why: "Triton's gRPC metadata protocol is restricted behind a shared header (--grpc-restricted-protocol): UNAVAILABLE \"This protocol is restricted\"",
    all: [
      { on: inferenceGrpcMetadata.id, header: 'grpc-status', regex: /^14$/ },
      { on: inferenceGrpcMetadata.id, header: 'grpc-message', regex: restricted },
    ],
  },
  extract: {
    version: { on: inferenceGrpcMetadata.id, regex: /"version":"([^"]+)"/ },
    models: { on: inferenceGrpcRepositoryIndex.id, path: inferenceGrpcModelNames },
  },
  severityWhenOpen: 'high',
  remediation:
    "Put Triton's gRPC endpoint behind an authenticating gateway (and --grpc-restricted-protocol for the admin protocols), and remove the internet rule for port 8001.",
  references: [
    'https://github.com/kserve/open-inference-protocol/blob/main/specification/protocol/inference_grpc.md',
    'https://docs.nvidia.com/deeplearning/triton-inference-server/user-guide/docs/customization_guide/inference_protocols.html',
    'https://docs.nvidia.com/deeplearning/triton-inference-server/user-guide/docs/customization_guide/deploy.html',
  ],
  cpe: 'cpe:2.3:a:nvidia:triton_inference_server',
  // The tritonserver binary bundled in PyPI nvidia-pytriton 0.7.0 (scripts/capture/nvidia-triton.sh).
  verifiedAgainst: ['NVIDIA Triton Inference Server 2.51.0'],
};
