import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * The app server of LlamaIndex's llama-agents-appserver (earlier llama-deploy-appserver; what `llamactl serve` runs), the
 * successor of llama-deploy's API server on the same port: it serves one deployment and redirects / there. Identified by
 * that redirect, on the root page every port gets, so its own request goes only to 4501 and to redirects like it.
 */
const deploymentRedirect = /^\/?deployments\/[^/]+\/$/;
/** Its workflow routes take any deployment name (the one it serves answers whatever name is asked), so a fixed one reaches them. */
const workflows = { id: 'workflows', method: 'GET', path: '/deployments/ai-exposure-monitor/workflows' } as const;

export const llamaAgentsAppserver: Fingerprint = {
  id: 'llama-agents-appserver',
  name: 'LlamaDeploy app server (llamactl)',
  category: 'agent-builder',
  defaultPorts: [4501],
  specificity: 100,
  requests: [rootPage, workflows],
  identify: {
    why: "LlamaDeploy's app server (llamactl): / redirects to /deployments/<name>/, the one deployment it serves",
    all: [{ on: rootPage.id, header: 'location', regex: deploymentRedirect }],
  },
  open: {
    why: "it has no authentication: anyone lists the deployment's workflows (GET /deployments/<any name>/workflows), runs them with inputs of their own on the owner's LLM keys and tools, and reads every run's results (/deployments/<name>/handlers)",
    all: [{ on: workflows.id, bodyRegex: /^\s*\{\s*"workflows"\s*:\s*\[/ }],
  },
  noAuthReason: 'The app server has no authentication of its own (left to a proxy, which hides the service).',
  sweepHints: [{ on: rootPage.id, header: 'location', regex: deploymentRedirect }],
  severityWhenOpen: 'high',
  remediation:
    'Keep the app server on 127.0.0.1 (llamactl serve\'s default) or behind an authenticating proxy, remove the internet rule for port 4501, and review the runs it holds for inputs you did not send.',
  references: [
    'https://developers.llamaindex.ai/python/llamaagents/llamactl/getting-started/',
    'https://developers.llamaindex.ai/python/llamaagents/llamactl/workflow-api/',
  ],
  verifiedAgainst: ['llama-agents-appserver 0.12.2'],
};
