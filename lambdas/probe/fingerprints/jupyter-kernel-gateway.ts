import { jupyterApiRoot, notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** Its kernel specs (GET /api/kernelspecs), behind its token check: the default kernel and every spec it can start. */
const kernelspecs = { id: 'kernelspecs', method: 'GET', path: '/api/kernelspecs' } as const;
const kernelspecList = /^\s*\{\s*"default"\s*:\s*"[^"]*"\s*,\s*"kernelspecs"\s*:\s*\{/;
/**
 * The gateway's JSON errors put "reason" first, with an empty message, on every path it does not serve (`/` included: it
 * has no UI). Jupyter Server's API errors put "message" first, and its pages (`/`, unknown paths) are HTML.
 */
const gatewayNotFound = /^\s*\{\s*"reason"\s*:\s*"Not Found"\s*,\s*"message"\s*:\s*""\s*\}\s*$/;
/** Its token check's refusal without KG_AUTH_TOKEN (EG_AUTH_TOKEN), as `Authorization: token …`, on every API path, /api included. */
const gatewayUnauthorized = /^\s*\{\s*"reason"\s*:\s*"Unauthorized"\s*,\s*"message"\s*:\s*""\s*\}\s*$/;

export const jupyterKernelGateway: Fingerprint = {
  id: 'jupyter-kernel-gateway',
  name: 'Jupyter Kernel Gateway / Enterprise Gateway',
  category: 'notebook',
  defaultPorts: [8888],
  specificity: 100,
  requests: [kernelspecs, jupyterApiRoot, rootPage, notFoundCanary],
  identify: {
    why: "Jupyter Kernel Gateway or Enterprise Gateway (built on it): a Jupyter kernel API with no UI, whose JSON errors are the gateway's own (/ and unknown paths 404 {\"reason\": \"Not Found\", \"message\": \"\"}), listing its kernel specs or refusing with its token check's 401",
    all: [
      { on: rootPage.id, status: [404] },
      { on: rootPage.id, bodyRegex: gatewayNotFound },
      { on: notFoundCanary.id, bodyRegex: gatewayNotFound },
    ],
    any: [
      { on: kernelspecs.id, bodyRegex: kernelspecList },
      { on: kernelspecs.id, bodyRegex: gatewayUnauthorized },
    ],
  },
  open: {
    why: 'no KG_AUTH_TOKEN (EG_AUTH_TOKEN), the default: GET /api/kernelspecs answers anyone, so anyone can start a kernel (POST /api/kernels) and run code on the host through it',
    all: [
      { on: kernelspecs.id, status: [200] },
      { on: kernelspecs.id, bodyRegex: kernelspecList },
    ],
  },
  authRequired: {
    why: 'KG_AUTH_TOKEN (EG_AUTH_TOKEN) is set: the API answers 401 "Unauthorized" without the token',
    all: [
      { on: kernelspecs.id, status: [401] },
      { on: kernelspecs.id, bodyRegex: gatewayUnauthorized },
    ],
  },
  // Unknown paths answer the gateway's JSON 404, with its token or without.
  sweepHints: [{ on: notFoundCanary.id, bodyRegex: gatewayNotFound }],
  // Enterprise Gateway adds its own version (gateway_version) to Jupyter's API root beside Jupyter Server's; Kernel Gateway
  // names only Jupyter Server's, which is not the gateway's.
  extract: { version: { on: jupyterApiRoot.id, regex: /"gateway_version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'Set KG_AUTH_TOKEN (EG_AUTH_TOKEN for Enterprise Gateway; clients then send it as "Authorization: token …"), reach the gateway only from the notebook servers that use it (bind to a private address, or put it behind an authenticating proxy), and remove the internet rule for port 8888.',
  references: [
    'https://jupyter-kernel-gateway.readthedocs.io/en/latest/config-options.html',
    'https://jupyter-kernel-gateway.readthedocs.io/en/latest/websocket-mode.html',
    'https://jupyter-enterprise-gateway.readthedocs.io/en/latest/operators/config-security.html',
  ],
  verifiedAgainst: ['Jupyter Kernel Gateway 3.0.1', 'Jupyter Enterprise Gateway 3.3.0'],
};
