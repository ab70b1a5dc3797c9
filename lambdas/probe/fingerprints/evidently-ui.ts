import { apiVersion, notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** Its public version answer (ui/service): the application's name, its version and commit. */
const evidentlyVersion = /^\s*\{\s*"application"\s*:\s*"Evidently UI"\s*,\s*"version"\s*:\s*"/;
/** Every project of the workspace, with its dashboards' definitions. */
const projects = { id: 'projects', method: 'GET', path: '/api/projects' } as const;
/** Litestar's static-file 404, which the UI service answers on every path it does not serve. */
const staticNotFound = 'no file or directory match the path';

export const evidentlyUi: Fingerprint = {
  id: 'evidently-ui',
  name: 'Evidently UI',
  category: 'ml-platform',
  defaultPorts: [8000],
  specificity: 100,
  requests: [apiVersion, projects, rootPage, notFoundCanary],
  identify: {
    why: 'Evidently: GET /api/version names the application "Evidently UI" and its version',
    all: [{ on: apiVersion.id, bodyRegex: evidentlyVersion }],
  },
  open: {
    why: 'its projects, dashboards, reports and datasets (with the production data and LLM traces they hold) are readable by anyone, and without --secret anyone can also create, change and delete them',
    all: [
      { on: projects.id, status: [200] },
      { on: projects.id, bodyRegex: /^\s*\[/ },
    ],
  },
  noAuthReason: "Evidently's UI service has no authentication for reading: --secret guards only writes.",
  // The UI's page, and Litestar's static-file 404 on every path it does not serve.
  sweepHints: [
    { on: rootPage.id, bodyContains: '<title>Evidently' },
    [{ on: notFoundCanary.id, status: [404] }, { on: notFoundCanary.id, bodyContains: staticNotFound }],
  ],
  extract: { version: { on: apiVersion.id, regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation:
    'Reach the Evidently UI only through an authenticating proxy or a private network (it binds to 127.0.0.1 unless told otherwise), start it with --secret so writes need it, and remove the internet rule for port 8000.',
  references: ['https://docs.evidentlyai.com/docs/setup/self-hosting'],
  verifiedAgainst: ['Evidently UI 0.7.23'],
};
