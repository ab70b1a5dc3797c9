import { notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

/** The serving app's liveness answer (core/_serving/v1/app.py), which other products' /health shares in shape. */
const health = { id: 'health', method: 'GET', path: '/health' } as const;
const healthy = /^\s*\{\s*"status"\s*:\s*"Healthy"\s*,\s*"version"\s*:\s*"\d[^"]*"\s*\}\s*$/;
/**
 * The flow's OpenAPI document, generated from the flow (swagger.py): titled "Promptflow[<flow name>] API", with POST /score,
 * which runs the flow. It declares bearer auth, which the app never checks.
 */
const swagger = { id: 'swagger', method: 'GET', path: '/swagger.json' } as const;
/** Its static-web blueprint's answer to unknown paths (with the chat UI it serves by default). */
const notSupported = 'with GET is not supported by current app, if you entered the URL manually';

export const promptflowServe: Fingerprint = {
  id: 'promptflow-serve',
  name: 'Prompt flow served flow (pf flow serve)',
  category: 'agent-builder',
  defaultPorts: [8080],
  specificity: 100,
  requests: [health, swagger, notFoundCanary],
  identify: {
    why: 'A flow served by prompt flow: unknown paths answer "The requested api … is not supported by current app", and GET /health answers {"status": "Healthy", "version": …}',
    all: [
      { on: notFoundCanary.id, status: [404] },
      { on: notFoundCanary.id, bodyContains: notSupported },
      { on: health.id, bodyRegex: healthy },
    ],
  },
  open: {
    why: "the flow's endpoint answers anyone (GET /swagger.json describes POST /score): anyone can run the flow, with its owner's connections and model keys, and send feedback into its traces",
    all: [
      { on: swagger.id, status: [200] },
      { on: swagger.id, bodyRegex: /"title"\s*:\s*"Promptflow\[[^"\]]*\] API"/ },
      { on: swagger.id, bodyContains: '"/score"' },
    ],
  },
  noAuthReason: '`pf flow serve` (and the Docker image `pf flow build` makes) has no authentication: the bearer auth its OpenAPI document declares is left to the platform in front (Azure ML endpoints) or a proxy, which hides the service.',
  sweepHints: [{ on: notFoundCanary.id, bodyContains: notSupported }],
  extract: { version: { on: health.id, regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation:
    'Serve flows on 127.0.0.1 (`pf flow serve --host localhost`, its default) or behind an authenticating proxy or a managed endpoint with keys, remove the internet rule for the port, and rotate the model keys of the connections the flow uses if it was reachable.',
  references: [
    'https://microsoft.github.io/promptflow/how-to-guides/deploy-a-flow/deploy-using-dev-server.html',
    'https://microsoft.github.io/promptflow/how-to-guides/deploy-a-flow/deploy-using-docker.html',
    'https://microsoft.github.io/promptflow/reference/pf-command-reference.html',
  ],
  verifiedAgainst: ['Prompt flow 1.18.5'],
};
