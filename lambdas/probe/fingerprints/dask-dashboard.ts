import { canaryAnsweredBy, notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * The identity of the Dask process that serves the dashboard (distributed/http/scheduler/json.py): its type, id and comm
 * address (tcp:// or tls://), its workers with their hosts, threads and memory.
 */
const identity = { id: 'identity', method: 'GET', path: '/json/identity.json' } as const;
const daskIdentity = /^\s*\{\s*"type"\s*:\s*"(?:Scheduler|Worker)"\s*,\s*"id"\s*:\s*"[^"]*"\s*,\s*"address"\s*:\s*"[a-z+]+:\/\//;

export const daskDashboard: Fingerprint = {
  id: 'dask-dashboard',
  name: 'Dask dashboard',
  category: 'ml-platform',
  defaultPorts: [8787],
  specificity: 100,
  requests: [identity, rootPage, notFoundCanary],
  identify: {
    why: 'Dask: GET /json/identity.json names a Dask scheduler (or worker), its id and its comm address',
    all: [{ on: identity.id, bodyRegex: daskIdentity }],
  },
  open: {
    why: "the cluster's diagnostics are readable by anyone: its scheduler's address, its workers' hosts and resources, the tasks running, their call stacks and the logs; where the scheduler's address is tcp:// (no TLS), any client that reaches it can run code on every worker",
    all: [{ on: identity.id, status: [200] }],
  },
  noAuthReason: "Dask's dashboard has no authentication of its own (left to a proxy, which hides the service).",
  // Its / redirects to /status, on Tornado, whose 404 page answers the canary.
  sweepHints: [[{ on: rootPage.id, status: [301, 302] }, { on: rootPage.id, header: 'location', regex: /\/status$/ }, canaryAnsweredBy.tornado]],
  severityWhenOpen: 'medium',
  remediation:
    "Bind the dashboard to a private address or localhost (--dashboard-address) and reach it through SSH or an authenticating proxy; remove the internet rule for port 8787, and make sure the scheduler's port (8786) is not reachable either, or run the cluster with TLS client certificates (tls:// addresses).",
  references: ['https://docs.dask.org/en/stable/dashboard.html', 'https://distributed.dask.org/en/stable/tls.html'],
  verifiedAgainst: ['Dask distributed 2026.8.0'],
};
