import { notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * Werkzeug's NotFound description, which Flask answers for any path without a route (whatever the WSGI server:
 * gunicorn, uWSGI, the Werkzeug dev server). A candidate shared hint for Flask-based families.
 */
const flaskNotFound = { on: notFoundCanary.id, bodyContains: 'The requested URL was not found on the server.' } as const;

export const dify: Fingerprint = {
  id: 'dify',
  name: 'Dify',
  category: 'agent-builder',
  defaultPorts: [80, 5001],
  specificity: 100,
  requests: [{ id: 'setup', method: 'GET', path: '/console/api/setup' }, notFoundCanary],
  identify: {
    why: 'Dify: GET /console/api/setup answers its setup step',
    all: [{ on: 'setup', bodyRegex: /^\s*\{\s*"step"\s*:\s*"(?:not_started|finished)"/ }],
  },
  open: {
    why: 'set-up has not started: the first visitor creates the admin account (apps, datasets, model keys)',
    all: [{ on: 'setup', bodyRegex: /"step"\s*:\s*"not_started"/ }],
  },
  authRequired: {
    why: 'set-up is finished: the console requires login',
    all: [{ on: 'setup', bodyRegex: /"step"\s*:\s*"finished"/ }],
  },
  // Dify's API is a Flask app: paths without a route get Werkzeug's NotFound text (HTML page, or the same
  // description in a JSON error), whatever WSGI server runs it. Behind its nginx (port 80) the web app answers
  // them instead: that is the full plan's, or port 80's.
  sweepHints: [flaskNotFound],
  severityWhenOpen: 'critical',
  remediation: 'Finish set-up (INIT_PASSWORD) before exposing Dify, disable open sign-up, and remove the internet rule for the port.',
  references: ['https://docs.dify.ai/getting-started/install-self-hosted/docker-compose', 'https://docs.dify.ai/getting-started/install-self-hosted/environments'],
  derivedFrom: ['Dify commit 02abf95'],
};
