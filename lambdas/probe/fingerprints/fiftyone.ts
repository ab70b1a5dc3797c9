import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** The App server's version route (server/routes/fiftyone.py): its version and whether it is a dev install, nothing else. */
const appVersion = { id: 'fiftyone', method: 'GET', path: '/fiftyone' } as const;
/**
 * How many datasets its database holds, as a GraphQL query sent by GET (a query, which reads; the server refuses
 * mutations over GET): what the App's dataset list reads.
 */
const datasetCount = { id: 'datasetCount', method: 'GET', path: '/graphql?query=%7BestimatedDatasetCount%7D' } as const;
/** The App's page title (server/static/index.html), the same from 0.25 to 1.22. */
const appTitle = /<title>\s*FiftyOne\s*<\/title>/;

export const fiftyone: Fingerprint = {
  id: 'fiftyone',
  name: 'FiftyOne App',
  category: 'ml-platform',
  defaultPorts: [5151],
  specificity: 100,
  requests: [rootPage, appVersion, datasetCount],
  identify: {
    why: 'FiftyOne App: GET /fiftyone answers its version and dev flag alone, and GET / is the App titled FiftyOne',
    all: [
      { on: appVersion.id, bodyRegex: /^\s*\{\s*"version"\s*:\s*"[^"]+"\s*,\s*"dev"\s*:\s*(?:true|false)\s*\}\s*$/ },
      { on: rootPage.id, bodyRegex: appTitle },
    ],
  },
  open: {
    why: "its GraphQL API answers anyone (GET /graphql counts the datasets), who can read every dataset's samples and labels, tag, edit and delete them through its operators, list the host's folders, and read any file the server's user can read through GET /media?filepath=<any path>",
    all: [
      { on: datasetCount.id, status: [200] },
      { on: datasetCount.id, bodyRegex: /^\s*\{\s*"data"\s*:\s*\{\s*"estimatedDatasetCount"\s*:\s*\d+/ },
    ],
  },
  noAuthReason:
    'The open-source FiftyOne App has no authentication of its own (no setting or environment variable, and `--remote` only binds it for SSH port forwarding, with no token); a login in front of it is a proxy, which hides the service.',
  // Its App page answers / on any port it is moved to.
  sweepHints: [{ on: rootPage.id, bodyRegex: appTitle }],
  extract: { version: { on: appVersion.id, regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation:
    "Keep the FiftyOne App on localhost (default_app_address, FIFTYONE_DEFAULT_APP_ADDRESS or --address, whose default is localhost) and reach it through SSH port forwarding or an authenticating proxy; remove the internet rule for port 5151, and treat the datasets and every file readable by the server's user as disclosed.",
  references: ['https://docs.voxel51.com/user_guide/app.html#remote-sessions', 'https://docs.voxel51.com/user_guide/config.html'],
  verifiedAgainst: ['FiftyOne 1.22.1', 'FiftyOne 0.25.2'],
};
