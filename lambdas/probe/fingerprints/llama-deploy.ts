import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * The llama-deploy API server (0.9.x, `python -m llama_deploy.apiserver`; deprecated for the app server, its own family
 * llama-agents-appserver) answers / with links to its docs and status, and GET /status/ with its deployments. It is
 * identified by the root page alone, which every port gets, so its status request goes only to 4501 and to LlamaDeploy.
 */
const apiServerRoot = /^\s*\{\s*"swagger_docs"\s*:\s*"[^"]*\/docs"\s*,\s*"status"\s*:\s*"[^"]*\/status"\s*\}\s*$/;
/** Some llama-deploy releases send / to their one deployment's UI (from the source, not recorded). */
const uiRedirect = /^\/?deployments\/[^/]+\/ui$/;
const status = { id: 'status', method: 'GET', path: '/status/' } as const;

export const llamaDeploy: Fingerprint = {
  id: 'llama-deploy',
  name: 'LlamaDeploy (LlamaIndex workflow server)',
  category: 'agent-builder',
  defaultPorts: [4501],
  specificity: 100,
  requests: [rootPage, status],
  identify: {
    why: 'llama-deploy: / answers its API server\'s {"swagger_docs", "status"} links, or redirects to a deployment\'s UI',
    any: [
      { on: rootPage.id, bodyRegex: apiServerRoot },
      { on: rootPage.id, header: 'location', regex: uiRedirect },
    ],
  },
  open: {
    why: "llama-deploy has no authentication: anyone lists the deployments (GET /status/), runs their workflows and creates new deployments (POST /deployments/create), whose services it loads from a folder the caller names, a git repository or pip packages, and runs as Python code",
    all: [{ on: status.id, bodyRegex: /^\s*\{(?=[\s\S]*"max_deployments"\s*:\s*\d+)(?=[\s\S]*"deployments"\s*:\s*\[)/ }],
  },
  noAuthReason: "llama-deploy's API server has no authentication of its own (left to a proxy, which hides the service).",
  sweepHints: [
    { on: rootPage.id, bodyContains: '"swagger_docs"' },
    { on: rootPage.id, header: 'location', regex: uiRedirect },
  ],
  severityWhenOpen: 'critical',
  remediation:
    "Keep llama-deploy's API server on 127.0.0.1 (its default) or behind an authenticating proxy and remove the internet rule for port 4501: it has no authentication, and its POST /deployments/create loads and runs Python code. It is deprecated; its successor, llamactl's app server (a family of its own), runs no caller's code but has no authentication either.",
  references: [
    'https://docs.llamaindex.ai/en/stable/module_guides/llama_deploy/',
    'https://github.com/run-llama/llama_deploy',
  ],
  verifiedAgainst: ['llama-deploy 0.9.2'],
};
