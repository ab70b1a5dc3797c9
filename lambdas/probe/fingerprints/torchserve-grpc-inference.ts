import { grpcCanary, grpcCanaryUnimplemented, grpcOk, torchServeGrpcReferences, torchServeGrpcSchema, torchServeGrpcTokenRefusal, torchServeGrpcTokenRefused } from './common.js';
import type { Fingerprint, GrpcProbeRequest } from './types.js';

/** The inference service's health check: the gRPC twin of `GET /ping`. */
const ping: GrpcProbeRequest = {
  id: 'grpc-ping',
  kind: 'grpc',
  method: '/org.pytorch.serve.grpc.inference.InferenceAPIsService/Ping',
  reply: { type: 'org.pytorch.serve.grpc.inference.TorchServeHealthResponse', schema: torchServeGrpcSchema },
};

/** `{"health": "<the HTTP API's JSON, {"status": "Healthy"}>"}`; with failing workers, "Partial Healthy" or "Unhealthy". */
const healthStatus = /^\{"health":"\{(?:\\n| )*\\"status\\": \\"(?:Healthy|Partial Healthy|Unhealthy)\\"/;

/** TorchServe's gRPC inference API (port 7070): the loaded models, to anyone who reaches it when the token is off. */
export const torchserveGrpcInference: Fingerprint = {
  id: 'torchserve-grpc-inference',
  name: 'TorchServe inference API (gRPC)',
  category: 'model-server',
  defaultPorts: [7070],
  specificity: 100,
  requests: [ping, grpcCanary],
  identify: {
    why: "gRPC Ping of TorchServe's inference service answers its health status, or TorchServe's token check refuses it; an unknown method is UNIMPLEMENTED",
    // The canary rules out a server that answers every method alike, whatever it says.
    all: [grpcCanaryUnimplemented],
    any: [
      { on: ping.id, bodyRegex: healthStatus },
      { on: ping.id, header: 'grpc-message', regex: torchServeGrpcTokenRefusal },
    ],
  },
  open: {
    why: 'the inference API answers without a token: anyone can run the models loaded on this server',
    all: [grpcOk(ping.id), { on: ping.id, bodyRegex: healthStatus }],
  },
  authRequired: {
    why: 'TorchServe token authorization is on (PERMISSION_DENIED "Token Authorization failed")',
    all: torchServeGrpcTokenRefused(ping.id),
  },
  severityWhenOpen: 'high',
  remediation:
    'Keep token authorization on (never --disable-token-auth), serve inference through an authenticating gateway, and remove the internet rules for port 7070 and the management port 7071 beside it.',
  references: torchServeGrpcReferences,
  cpe: 'cpe:2.3:a:pytorch:torchserve',
  verifiedAgainst: ['TorchServe 0.12.0'],
};
