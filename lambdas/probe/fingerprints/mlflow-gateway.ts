import { canaryAnsweredBy, notFoundCanary, openApiDocument, openApiDocumentListsNone, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * The standalone gateway's OpenAPI document (gateway/app.py, FastAPI): titled "MLflow AI Gateway" (3.17.2, 2.22.4) or
 * "MLflow Deployments Server" (2.11.3, served by `mlflow deployments start-server`), then a description, then MLflow's version.
 * The tracking server (the `mlflow` family, whose built-in AI Gateway lives under /gateway/ and /api/3.0/mlflow/gateway/)
 * serves no /openapi.json and no /api/2.0/endpoints/ (404, 3.17.2), and the gateway answers the `mlflow` family's
 * experiments/search and /version with FastAPI's 404: neither claims the other's server.
 */
const title = String.raw`"title"\s*:\s*"MLflow (?:AI Gateway|Deployments Server)"`;
const gatewayDocument = new RegExp(String.raw`^\s*\{\s*"openapi"\s*:\s*"[^"]*"\s*,\s*"info"\s*:\s*\{\s*${title}`);
const gatewayVersion = new RegExp(String.raw`${title}\s*,\s*"description"\s*:\s*"[^"\\]*"\s*,\s*"version"\s*:\s*"([^"]+)"`);
/** Its endpoints as the configuration file names them (ListEndpoints), each with its provider and model, the config's keys left out. */
const endpoints = { id: 'endpoints', method: 'GET', path: '/api/2.0/endpoints/' } as const;
const endpointList = /^\s*\{\s*"endpoints"\s*:\s*\[/;

export const mlflowGateway: Fingerprint = {
  id: 'mlflow-gateway',
  name: 'MLflow AI Gateway (standalone, formerly MLflow Deployments Server)',
  category: 'gateway',
  defaultPorts: [5000],
  specificity: 100,
  requests: [openApiDocument, endpoints, rootPage, notFoundCanary],
  identify: {
    why: 'MLflow AI Gateway: GET /openapi.json is the gateway\'s own document ("MLflow AI Gateway", or "MLflow Deployments Server" in older 2.x releases), with its version',
    all: [
      { on: openApiDocument.id, status: [200] },
      { on: openApiDocument.id, bodyRegex: gatewayDocument },
    ],
  },
  open: {
    why: "the gateway has no authentication: GET /api/2.0/endpoints/ lists its endpoints to anyone, who can query each one (POST /gateway/<name>/invocations) and so spend the owner's provider API keys from its configuration (the keys themselves are not shown)",
    all: [
      { on: endpoints.id, status: [200] },
      { on: endpoints.id, bodyRegex: endpointList },
    ],
  },
  noAuthReason:
    "The standalone gateway (`mlflow gateway start`, `mlflow deployments start-server` before 3.x) has no authentication and no Host check of its own; MLflow's docs leave access control to a proxy, which hides the service.",
  // / redirects to its Swagger page at /docs and unknown paths get FastAPI's JSON 404: a shape many FastAPI apps share, so a
  // port whose own OpenAPI document lists no /api/2.0/endpoints/ path is ruled out before the gateway's list is asked for.
  sweepHints: [
    [
      { on: rootPage.id, status: [307] },
      { on: rootPage.id, header: 'location', regex: /^\/docs$/ },
      canaryAnsweredBy.starlette,
    ],
  ],
  sweepRuledOutBy: [openApiDocumentListsNone('/api/2.0/endpoints/')],
  extract: {
    version: { on: openApiDocument.id, regex: gatewayVersion },
    models: { on: endpoints.id, path: ['endpoints', '*', 'name'] },
  },
  severityWhenOpen: 'high',
  remediation:
    "Keep the gateway on 127.0.0.1 (its default) or a private network behind an authenticating proxy, remove the internet rule for its port (5000 by default), rotate the provider API keys in its configuration, and check the providers' usage; MLflow 3 replaces it with the tracking server's AI Gateway, which basic auth can protect.",
  references: [
    'https://mlflow.org/docs/latest/genai/governance/ai-gateway/setup',
    'https://mlflow.org/docs/latest/genai/governance/ai-gateway/configuration',
    'https://mlflow.org/docs/2.22.1/llms/deployments',
  ],
  cpe: 'cpe:2.3:a:lfprojects:mlflow',
  verifiedAgainst: ['MLflow 3.17.2', 'MLflow 2.11.3'],
};
