import { openAiModelIds, openAiModelList, openAiModels, openApiDocument, openApiTitled, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * The console's shell (routes/ui.py serves ui/index.html at /, outside the auth, whatever the flags; behind the embedded
 * Higress gateway on port 80 too, whose catch-all route forwards / to the server): titled GPUStack since 2.2 or 2.3 (the
 * 0.7.1 and 2.1.2 shells have no title), with the build's version in data-version ("v2.3.0") in every release.
 */
const consoleTitle = /<title>\s*GPUStack\s*<\/title>/;
const consoleShell = 'data-env="production" data-version="v';
/** FastAPI's document, titled GPUStack (server/app.py, 0.x to 2.3); public unless --disable-openapi-docs. */
const gpustackDocument = openApiTitled('GPUStack');
/**
 * The server's refusal without credentials (api/auth.py credentials_exception, written by api/exceptions.py as its
 * ErrorResponse code, reason, message), on /v1, /v1-openai and every /v2 management path alike, in 0.x as in 2.3.
 */
const credentialsRefusal = /^\s*\{\s*"code"\s*:\s*401\s*,\s*"reason"\s*:\s*"Unauthorized"\s*,\s*"message"\s*:\s*"Invalid authentication credentials"\s*\}\s*$/;
/** 0.x served its admin model list at /v1/models (routes/routes.py, before the OpenAI alias): a PaginatedList, items first. */
const managementModelList = /^\s*\{\s*"items"\s*:\s*\[/;

export const gpustack: Fingerprint = {
  id: 'gpustack',
  name: 'GPUStack',
  category: 'model-server',
  // 80: the embedded gateway the container publishes; 30080: the API server itself, on 0.0.0.0 with --gateway-mode disabled.
  defaultPorts: [80, 30080],
  specificity: 100,
  requests: [rootPage, openAiModels, openApiDocument],
  identify: {
    why: 'GPUStack: GET / is its console titled GPUStack, GET /openapi.json is the GPUStack API document, or GET /v1/models is refused with its own error',
    any: [
      { on: rootPage.id, bodyRegex: consoleTitle },
      { on: openApiDocument.id, bodyRegex: gpustackDocument.document },
      { on: openAiModels.id, bodyRegex: credentialsRefusal },
    ],
  },
  open: {
    why: "GET /v1/models answers without an API key (before 2.2 GPUStack took every caller from 127.0.0.1 for its admin unless --force-auth-localhost, so a reverse proxy on the same host let anyone in as admin): anyone can run the owner's models, and as admin read its users and keys and deploy models, which its workers run as containers",
    all: [{ on: openAiModels.id, status: [200] }],
    any: [
      { on: openAiModels.id, bodyRegex: openAiModelList },
      { on: openAiModels.id, bodyRegex: managementModelList },
    ],
  },
  authRequired: {
    why: 'GPUStack demands an API key or a session: GET /v1/models answers 401 "Invalid authentication credentials"',
    all: [
      { on: openAiModels.id, status: [401] },
      { on: openAiModels.id, bodyRegex: credentialsRefusal },
    ],
  },
  noOpenReason:
    "GPUStack 2.3 has no switch that turns its authentication off: the OpenAI-compatible API, the model list and the /v2 admin API always want an API key or a session (the admin's first password is random unless --bootstrap-password sets it), from loopback callers too. A model route whose access policy is \"public\" answers inference through the gateway without a key, but only to a caller who names the model, which the probe never does. Releases before 2.2 took loopback callers for the admin (`open` catches one behind a same-host proxy), and none was recorded here.",
  // Its console on / (titled, or the untitled shell of older releases) and its refusal on /v1/models, on every port it
  // answers (gateway or API server).
  sweepHints: [
    { on: rootPage.id, bodyRegex: consoleTitle },
    { on: rootPage.id, bodyContains: consoleShell },
    { on: openAiModels.id, bodyRegex: credentialsRefusal },
  ],
  extract: {
    version: { on: rootPage.id, regex: /\sdata-version="v?(\d+\.\d+[^"]{0,32})"/ },
    models: { on: openAiModels.id, path: openAiModelIds },
  },
  // Open is, in practice, a release before 2.2 behind a proxy on its host: every caller is the admin, who can deploy models
  // with any image and command (custom inference backends), which its workers run.
  severityWhenOpen: 'critical',
  remediation:
    'Upgrade to GPUStack 2.2 or later (or start older releases with --force-auth-localhost) and never proxy to it on 127.0.0.1 otherwise; keep it on a private network or VPN and remove the internet rule for ports 80/443 (and 30080, 10161); change the generated admin password, give API keys only the models they need, and leave no model route on the "public" access policy.',
  references: [
    'https://docs.gpustack.ai/2.3/cli-reference/start/',
    'https://docs.gpustack.ai/2.3/user-guide/api-key-management/',
    'https://docs.gpustack.ai/latest/user-guide/user-management',
    'https://docs.gpustack.ai/latest/user-guide/openai-compatible-apis/',
    'https://docs.gpustack.ai/2.3/user-guide/model-route-management/',
  ],
  verifiedAgainst: ['GPUStack 2.3.0'],
};
