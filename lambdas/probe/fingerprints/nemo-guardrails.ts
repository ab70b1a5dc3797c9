import { notFoundCanary, openApiDocument, rootPage, starletteWithoutRootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * Both servers are FastAPI apps whose OpenAPI document names them (server/api.py, actions_server.py): the title, then the
 * description, then (license and version between) their routes, the configs list first on the guardrails server.
 */
const guardrailsServerDocument = /^\s*\{\s*"openapi"\s*:\s*"[^"]*"\s*,\s*"info"\s*:\s*\{\s*"title"\s*:\s*"Guardrails Server API"(?=[\s\S]*"\/v1\/rails\/configs")/;
const actionsServerDocument = /^\s*\{\s*"openapi"\s*:\s*"[^"]*"\s*,\s*"info"\s*:\s*\{\s*"title"\s*:\s*"Guardrails Action Server API"(?=[\s\S]*"\/v1\/actions\/run")/;
/** The rails configs the server serves, `[{"id": <config>}, …]`, or none. */
const configs = { id: 'railsConfigs', method: 'GET', path: '/v1/rails/configs' } as const;
const configList = /^\s*\[\s*(?:\{\s*"id"\s*:|\])/;

export const nemoGuardrails: Fingerprint = {
  id: 'nemo-guardrails',
  name: 'NVIDIA NeMo Guardrails server',
  category: 'gateway',
  // The guardrails server's port. Not the actions server's 8001, Triton's gRPC port, which an HTTP family would make the
  // planner open as HTTP too: full plans ask every port for the OpenAPI document anyway, and sweeps follow the hints.
  defaultPorts: [8000],
  specificity: 100,
  requests: [openApiDocument, configs, rootPage, notFoundCanary],
  identify: {
    why: 'NeMo Guardrails: its OpenAPI document is titled "Guardrails Server API" with /v1/rails/configs, or "Guardrails Action Server API" with /v1/actions/run',
    any: [
      { on: openApiDocument.id, bodyRegex: guardrailsServerDocument },
      { on: openApiDocument.id, bodyRegex: actionsServerDocument },
    ],
  },
  open: {
    why: "no key is asked: anyone can list the rails configs and run chat completions and checks through them on the owner's model and API key (naming any model), or, on an actions server, list and run its registered actions (the library's and the owner's Python) with parameters of their choosing, one of which POSTs to any URL it is given",
    any: [
      { on: configs.id, bodyRegex: configList },
      { on: openApiDocument.id, bodyRegex: actionsServerDocument },
    ],
  },
  noAuthReason:
    'Neither `nemoguardrails server` nor `nemoguardrails actions-server` has an authentication option, and both bind every interface; NVIDIA leaves auth to the deployment (a proxy, which hides the service).',
  // The guardrails server answers unknown paths with an OpenAI-style error object of its own; with the chat UI, / redirects
  // to it at chat (0.22 on: Chainlit), or is the UI itself (up to 0.21: a Next.js page). The actions server is plain
  // FastAPI with no / route.
  sweepHints: [
    { on: notFoundCanary.id, bodyRegex: /^\s*\{\s*"error"\s*:\s*\{\s*"message"\s*:\s*"Not Found"\s*,\s*"type"\s*:\s*"not_found_error"/ },
    [
      { on: rootPage.id, status: [307] },
      { on: rootPage.id, header: 'location', regex: /^chat$/ },
    ],
    { on: rootPage.id, bodyContains: '<title>NeMo Guardrails Chat</title>' },
    starletteWithoutRootPage,
  ],
  severityWhenOpen: 'high',
  remediation:
    "Put the guardrails server (8000) and any actions server (8001) behind an authenticating proxy or on a private network only, remove their internet rules, and rotate the model keys the server holds (an actions server's too, with any key its actions use).",
  references: [
    'https://docs.nvidia.com/nemo/guardrails/latest/run-rails/using-fastapi-server/run-guardrails-server.html',
    'https://docs.nvidia.com/nemo/guardrails/latest/run-rails/using-fastapi-server/actions-server.html',
    'https://docs.nvidia.com/nemo/guardrails/user_guides/server-guide.html',
  ],
  verifiedAgainst: ['NeMo Guardrails 0.24.1', 'NeMo Guardrails 0.21.0'],
};
