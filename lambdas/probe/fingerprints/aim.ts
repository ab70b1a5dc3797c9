import { canaryAnsweredBy, notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** The repository's description: its name, its path on the host, and the UI's warnings (web/api/projects/views.py). */
const project = { id: 'project', method: 'GET', path: '/api/projects/' } as const;

export const aim: Fingerprint = {
  id: 'aim',
  name: 'Aim experiment tracker (aim up)',
  category: 'ml-platform',
  defaultPorts: [43800],
  specificity: 100,
  requests: [project, rootPage, notFoundCanary],
  identify: {
    why: 'Aim: GET /api/projects/ describes the repository with its path and the UI warnings warn_index and warn_runs',
    all: [{ on: project.id, bodyRegex: /^\s*\{(?=[\s\S]*"path"\s*:)(?=[\s\S]*"warn_index"\s*:)(?=[\s\S]*"warn_runs"\s*:)/ }],
  },
  open: {
    why: 'the tracked runs, their parameters and metrics are readable without credentials (Aim has no authentication), and unless `aim up` was started with --read-only, anyone can also edit, archive and delete them',
    all: [{ on: project.id, status: [200] }],
  },
  noAuthReason: 'Aim has no authentication of its own (left to a proxy, which hides the service).',
  // `aim up` serves its UI shell (<title>Aim</title>) at / and at every unknown path.
  sweepHints: [[{ on: rootPage.id, bodyContains: '<title>Aim</title>' }, ...canaryAnsweredBy.appShell]],
  severityWhenOpen: 'high',
  remediation:
    'Bind `aim up` to localhost (its default, 127.0.0.1) and reach it through SSH or an authenticating proxy; remove the internet rule for port 43800.',
  references: ['https://aimstack.readthedocs.io/en/latest/refs/cli.html#up'],
  verifiedAgainst: ['Aim 3.29.1'],
};
