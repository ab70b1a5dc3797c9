import { canaryNotServed, notFoundCanary, openAiModelIds, openAiModelList, openAiModels } from './common.js';
import type { Fingerprint } from './types.js';

/** FastChat's ModelCard (protocol/openai_api_protocol.py) names itself the owner of every model it lists. */
const ownedByFastchat = /"owned_by"\s*:\s*"fastchat"/;

export const fastchat: Fingerprint = {
  id: 'fastchat',
  name: 'FastChat OpenAI-compatible API server',
  category: 'model-server',
  defaultPorts: [8000],
  specificity: 100,
  requests: [openAiModels, notFoundCanary],
  identify: {
    why: 'FastChat: GET /v1/models lists its models "owned_by": "fastchat"',
    all: [canaryNotServed, { on: openAiModels.id, bodyRegex: ownedByFastchat }],
  },
  open: {
    why: "no --api-keys: GET /v1/models lists the models of its workers to anyone, who can run chat, completion and embedding requests on the owner's GPUs",
    all: [
      { on: openAiModels.id, status: [200] },
      { on: openAiModels.id, bodyRegex: openAiModelList },
    ],
  },
  noAuthReason:
    'its --api-keys refusal (401 {"detail":{"error":{…,"code":"invalid_api_key"}}} on the /v1 routes) lists no model to name FastChat by, so the generic openai-compatible family reads it (auth-required, test/fixtures/openai-compatible/fastchat-api-keys.json); the key leaves /api/v1/chat/completions and /api/v1/token_check open, which run the models for anyone either way.',
  sweepHints: [{ on: openAiModels.id, bodyRegex: ownedByFastchat }],
  extract: { models: { on: openAiModels.id, path: openAiModelIds } },
  severityWhenOpen: 'high',
  remediation:
    'Start the API server with --api-keys and put it behind an authenticating proxy that also covers /api/v1/ (the key leaves /api/v1/chat/completions open), keep its controller (21001) and workers (21002…) on a private network, and remove the internet rule for port 8000.',
  references: [
    'https://github.com/lm-sys/FastChat/blob/main/docs/openai_api.md',
    'https://github.com/lm-sys/FastChat/blob/main/docs/server_arch.md',
  ],
  verifiedAgainst: ['FastChat 0.2.36'],
};
