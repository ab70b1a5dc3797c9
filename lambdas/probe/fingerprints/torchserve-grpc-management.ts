import { grpcCanary, grpcCanaryUnimplemented, grpcOk, torchServeGrpcReferences, torchServeGrpcSchema, torchServeGrpcTokenRefusal, torchServeGrpcTokenRefused } from './common.js';
import type { Fingerprint, GrpcProbeRequest } from './types.js';

/**
 * The management service's model list. The empty request asks for a page of 0 models, so the list comes back empty
 * whatever the server holds, but only TorchServe's management service answers it.
 */
const listModels: GrpcProbeRequest = {
  id: 'grpc-list-models',
  kind: 'grpc',
  method: '/org.pytorch.serve.grpc.management.ManagementAPIsService/ListModels',
  reply: { type: 'org.pytorch.serve.grpc.management.ManagementResponse', schema: torchServeGrpcSchema },
};

/** `{"msg": "<the HTTP API's JSON, {"nextPageToken": …, "models": [...]}>"}`, the inner JSON escaped. */
const modelList = /^\{"msg":"\{(?:\\n| )*(?:\\"nextPageToken\\": \\"\d+\\",(?:\\n| )*)?\\"models\\": \[/;

/** TorchServe's gRPC management API (port 7071): the powers of the HTTP one on 8081, model registration included. */
export const torchserveGrpcManagement: Fingerprint = {
  id: 'torchserve-grpc-management',
  name: 'TorchServe management API (gRPC)',
  category: 'model-server',
  defaultPorts: [7071],
  specificity: 100,
  requests: [listModels, grpcCanary],
  identify: {
    why: "gRPC ListModels of TorchServe's management service answers its model list, or TorchServe's token check refuses it; an unknown method is UNIMPLEMENTED",
    // The canary rules out a server that answers every method alike, whatever it says.
    all: [grpcCanaryUnimplemented],
    any: [
      { on: listModels.id, bodyRegex: modelList },
      { on: listModels.id, header: 'grpc-message', regex: torchServeGrpcTokenRefusal },
    ],
  },
  open: {
    why: 'the management API answers without a token: anyone can register a model from a URL, i.e. run code on the server (ShellTorch)',
    all: [grpcOk(listModels.id), { on: listModels.id, bodyRegex: modelList }],
  },
  authRequired: {
    why: 'TorchServe token authorization is on (PERMISSION_DENIED "Token Authorization failed")',
    all: torchServeGrpcTokenRefused(listModels.id),
  },
  severityWhenOpen: 'critical',
  remediation:
    'Keep token authorization on (never --disable-token-auth), bind grpc_management_address to localhost, restrict allowed_urls, and remove the internet rule for port 7071.',
  references: torchServeGrpcReferences,
  cpe: 'cpe:2.3:a:pytorch:torchserve',
  verifiedAgainst: ['TorchServe 0.12.0'],
};
