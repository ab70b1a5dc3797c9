import { grpcCanary, grpcCanaryUnimplemented, grpcOk, inferenceGrpcMetadata, inferenceGrpcModelNames, inferenceGrpcRepositoryIndex } from './common.js';
import type { Fingerprint } from './types.js';

/** KServe ModelServer, MLServer and other Open Inference Protocol v2 servers that are not Triton, on their gRPC port. */
export const openInferenceProtocolGrpc: Fingerprint = {
  id: 'open-inference-protocol-grpc',
  name: 'Open Inference Protocol v2 server, gRPC (KServe, MLServer)',
  category: 'model-server',
  // MLServer's and KServe's default gRPC port.
  defaultPorts: [8081],
  specificity: 25,
  requests: [inferenceGrpcMetadata, inferenceGrpcRepositoryIndex, grpcCanary],
  identify: {
    why: 'gRPC ServerMetadata answers with Open Inference Protocol v2 server metadata (name, version), and an unknown method is UNIMPLEMENTED',
    // The canary rules out a server that answers every method with the same message.
    all: [grpcOk(inferenceGrpcMetadata.id), { on: inferenceGrpcMetadata.id, bodyRegex: /^\{"name":"[^"]+","version":"/ }, grpcCanaryUnimplemented],
  },
  open: {
    why: 'gRPC ServerMetadata answers without credentials; the inference service of this server has no auth of its own',
    all: [grpcOk(inferenceGrpcMetadata.id)],
  },
  noAuthReason: 'KServe ModelServer and MLServer have no authentication of their own (left to Istio/Knative or a gateway, which hides the service).',
  extract: {
    version: { on: inferenceGrpcMetadata.id, regex: /"version":"([^"]+)"/ },
    models: { on: inferenceGrpcRepositoryIndex.id, path: inferenceGrpcModelNames },
  },
  severityWhenOpen: 'high',
  remediation: 'Serve the model only behind an authenticating gateway or service mesh policy, and remove the internet rule for the gRPC port.',
  references: [
    'https://github.com/kserve/open-inference-protocol/blob/main/specification/protocol/inference_grpc.md',
    'https://mlserver.readthedocs.io/en/latest/',
  ],
  verifiedAgainst: ['MLServer 1.7.1'],
};
