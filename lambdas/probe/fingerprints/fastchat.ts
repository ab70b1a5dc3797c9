import { canaryAnsweredBy, canaryNotServed, notFoundCanary, openAiModelIds, openAiModelList, openAiModels, openApiDocument } from './common.js';
import type { Fingerprint } from './types.js';

/** FastChat's ModelCard (protocol/openai_api_protocol.py) names itself the owner of every model it lists. */
const ownedByFastchat = /"owned_by"\s*:\s*"fastchat"/;
/**
 * The API server's OpenAPI document (serve/openai_api_server.py, a plain `FastAPI()`, public with --api-keys too) lists its
 * "general API, not OpenAI compatible" beside the OpenAI routes: /api/v1/token_check and /api/v1/chat/completions, which
 * no other product serves together. Anchored at the document's start, so each lookahead reads the body once.
 */
const openApiStart = String.raw`^\s*\{\s*"openapi"\s*:\s*"3\.[^"]*"`;
const tokenCheckRoute = String.raw`(?=[\s\S]*"\/api\/v1\/token_check"\s*:\s*\{\s*"post")`;
const apiV1ChatRoute = String.raw`(?=[\s\S]*"\/api\/v1\/chat\/completions"\s*:\s*\{\s*"post")`;
const fastchatDocument = new RegExp(openApiStart + tokenCheckRoute + apiV1ChatRoute);
/** The route every release's --api-keys leaves out (no `check_api_key` dependency): it runs the workers' models for anyone. */
const listsApiV1Chat = new RegExp(openApiStart + apiV1ChatRoute);
/** The --api-keys refusal on the /v1 routes: `check_api_key`'s OpenAI-style error inside FastAPI's "detail". */
const apiKeyRefusal = /^\s*\{\s*"detail"\s*:\s*\{\s*"error"\s*:\s*\{[^{}]*"code"\s*:\s*"invalid_api_key"/;

export const fastchat: Fingerprint = {
  id: 'fastchat',
  name: 'FastChat OpenAI-compatible API server',
  category: 'model-server',
  defaultPorts: [8000],
  specificity: 100,
  requests: [openAiModels, notFoundCanary, openApiDocument],
  identify: {
    why: 'FastChat: GET /v1/models lists its models "owned_by": "fastchat", or its OpenAPI document lists /api/v1/token_check and /api/v1/chat/completions, its own API beside the OpenAI one',
    // FastAPI's JSON 404 on the canary: the document is asked of FastAPI apps only.
    all: [canaryNotServed, canaryAnsweredBy.starlette],
    any: [
      { on: openAiModels.id, bodyRegex: ownedByFastchat },
      { on: openApiDocument.id, bodyRegex: fastchatDocument },
    ],
  },
  open: {
    why: "its OpenAPI document lists POST /api/v1/chat/completions, which --api-keys does not cover (the key guards the /v1 routes only): anyone can run chat completions on the models of its workers, on the owner's GPUs, with or without a key set",
    all: [{ on: openApiDocument.id, bodyRegex: listsApiV1Chat }],
  },
  noAuthReason:
    'no FastChat API server is closed by --api-keys: the key (401 {"detail":{"error":{…,"code":"invalid_api_key"}}}) guards /v1/models, /v1/chat/completions, /v1/completions and /v1/embeddings, never POST /api/v1/chat/completions or /api/v1/token_check (no check_api_key dependency in serve/openai_api_server.py through 0.2.36, the last release), which its public OpenAPI document lists; a keyed server reads open.',
  sweepHints: [
    { on: openAiModels.id, bodyRegex: ownedByFastchat },
    [{ on: openAiModels.id, status: [401] }, { on: openAiModels.id, bodyRegex: apiKeyRefusal }],
    // A server whose controller has no worker yet lists no model to name FastChat by.
    [canaryAnsweredBy.starlette, { on: openAiModels.id, bodyRegex: openAiModelList }],
  ],
  // Only where /v1/models answers: no key set (a keyed server refuses it, though the models still run for anyone).
  extract: { models: { on: openAiModels.id, path: openAiModelIds } },
  severityWhenOpen: 'high',
  remediation:
    'Put the API server behind an authenticating proxy that covers every path, /api/v1/ included (--api-keys leaves /api/v1/chat/completions open), keep its controller (21001) and workers (21002…) on a private network, and remove the internet rule for port 8000.',
  references: [
    'https://github.com/lm-sys/FastChat/blob/main/docs/openai_api.md',
    'https://github.com/lm-sys/FastChat/blob/main/docs/server_arch.md',
    'https://github.com/lm-sys/FastChat/blob/v0.2.36/fastchat/serve/openai_api_server.py',
  ],
  verifiedAgainst: ['FastChat 0.2.36'],
};
