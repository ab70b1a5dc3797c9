import { notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** Every study of the storage it was started on (list_study_summaries, _app.py): names, directions and user attributes. */
const studies = { id: 'studies', method: 'GET', path: '/api/studies' } as const;
/** The list's key since the earliest releases (0.8.0's wheel and 0.21.0's alike). */
const studyList = /^\s*\{\s*"study_summaries"\s*:\s*\[/;

export const optunaDashboard: Fingerprint = {
  id: 'optuna-dashboard',
  name: 'Optuna Dashboard',
  category: 'ml-platform',
  defaultPorts: [8080],
  specificity: 100,
  requests: [studies, rootPage, notFoundCanary],
  identify: {
    why: 'Optuna Dashboard: GET /api/studies answers its "study_summaries" list',
    all: [{ on: studies.id, bodyRegex: studyList }],
  },
  open: {
    why: "the hyperparameter studies of its storage, with every trial's parameters, results and notes (and its artifacts, where an artifact store is set), are readable by anyone, who can also rename and delete studies and report the results of running trials",
    all: [{ on: studies.id, status: [200] }],
  },
  noAuthReason: 'Optuna Dashboard has no authentication of its own (left to a proxy, which hides the service).',
  // Its / redirects to the UI at /dashboard, and Bottle, which serves it, answers unknown paths with its HTML error page.
  sweepHints: [
    [
      { on: rootPage.id, status: [302] },
      { on: rootPage.id, header: 'location', regex: /\/dashboard$/ },
      { on: notFoundCanary.id, status: [404] },
      { on: notFoundCanary.id, bodyContains: 'Sorry, the requested URL' },
    ],
  ],
  severityWhenOpen: 'high',
  remediation:
    'Bind Optuna Dashboard to localhost (its default, 127.0.0.1) and reach it through SSH or an authenticating proxy; remove the internet rule for port 8080, and check its studies for trials and results you did not record.',
  references: ['https://optuna-dashboard.readthedocs.io/en/latest/getting-started.html'],
  verifiedAgainst: ['Optuna Dashboard 0.21.0'],
};
