import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** The webserver's versions (webserver.py): its own, Dagster's and its GraphQL layer's. */
const serverInfo = { id: 'serverInfo', method: 'GET', path: '/server_info' } as const;
const versions = /^\s*\{\s*"dagster_webserver_version"\s*:\s*"[^"]*"\s*,\s*"dagster_version"\s*:/;
/**
 * Its code locations, as a GraphQL query sent by GET (a query, which reads, never a mutation): what the UI lists first,
 * and what launching a run goes through.
 */
const repositories = { id: 'repositories', method: 'GET', path: '/graphql?query=%7BrepositoriesOrError%7B__typename%7D%7D' } as const;

export const dagster: Fingerprint = {
  id: 'dagster',
  name: 'Dagster webserver',
  category: 'ml-platform',
  defaultPorts: [3000],
  specificity: 100,
  requests: [serverInfo, repositories, rootPage],
  identify: {
    why: 'Dagster: GET /server_info answers the versions of its webserver, Dagster and its GraphQL layer',
    all: [{ on: serverInfo.id, bodyRegex: versions }],
  },
  open: {
    why: "its GraphQL API answers anyone (GET /graphql lists the code locations), who can read the assets, jobs, run configurations and logs, launch, re-execute and terminate runs of the deployment's jobs on its owner's infrastructure, and wipe assets",
    all: [
      { on: repositories.id, status: [200] },
      { on: repositories.id, bodyRegex: /^\s*\{\s*"data"\s*:\s*\{\s*"repositoriesOrError"\s*:\s*\{\s*"__typename"\s*:\s*"Repository/ },
    ],
  },
  noAuthReason: "Dagster's open-source webserver has no authentication of its own (left to a proxy, which hides the service).",
  // Its UI shell answers / with the title Dagster.
  sweepHints: [{ on: rootPage.id, bodyContains: '>Dagster</title>' }],
  extract: { version: { on: serverInfo.id, regex: /"dagster_version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation:
    'Reach the Dagster webserver only through an authenticating proxy or a private network (dagster-webserver binds to 127.0.0.1 unless told otherwise; --read-only turns off launching and wiping), remove the internet rule for port 3000, and rotate the credentials its run configurations and logs show.',
  references: ['https://docs.dagster.io/guides/deploy/webserver', 'https://docs.dagster.io/api/dagster/cli'],
  verifiedAgainst: ['Dagster 1.13.28'],
};
