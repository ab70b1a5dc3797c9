import { openApiDocument, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** The web app's page (html/index.html), the same from a project and from a saved build (`--load-file`). */
const pageTitle = '<title>Kedro-Viz</title>';
/**
 * Its FastAPI app's document (api/apps.py), titled "Kedro-Viz API" since the early releases, with a description
 * ("REST API for Kedro Viz", later "…Kedro-Viz") between the title and the Kedro-Viz version.
 */
const apiDocument = /^\s*\{\s*"openapi"\s*:\s*"[^"]*"\s*,\s*"info"\s*:\s*\{\s*"title"\s*:\s*"Kedro-Viz API"/;
const apiVersion = /"title"\s*:\s*"Kedro-Viz API"\s*,\s*(?:"description"\s*:\s*"[^"]*"\s*,\s*)?"version"\s*:\s*"([^"]+)"/;
/**
 * The default pipeline's graph (api/rest/router.py, or the saved file): every node, dataset and parameter with the
 * parameters' values, which the UI loads first. Only its opening is read: a large project's graph outgrows the body cap.
 */
const mainGraph = { id: 'main', method: 'GET', path: '/api/main' } as const;

export const kedroViz: Fingerprint = {
  id: 'kedro-viz',
  name: 'Kedro-Viz',
  category: 'ml-platform',
  defaultPorts: [4141],
  specificity: 100,
  requests: [rootPage, openApiDocument, mainGraph],
  identify: {
    why: 'Kedro-Viz: its page is titled Kedro-Viz, or GET /openapi.json is the "Kedro-Viz API" document with its version',
    any: [
      { on: rootPage.id, bodyContains: pageTitle },
      { on: openApiDocument.id, bodyRegex: apiDocument },
    ],
  },
  open: {
    why: "its API answers anyone (GET /api/main serves the pipeline graph with parameter values), who can read every node's source code and file path, the parameters and rows of each dataset's preview (/api/nodes/<id>), and, when it serves a project, POST /api/deploy to publish the whole visualisation (with every preview) to a bucket the caller names using the host's cloud credentials, or into a build folder on its disk",
    all: [
      { on: mainGraph.id, status: [200] },
      { on: mainGraph.id, bodyRegex: /^\s*\{\s*"nodes"\s*:\s*\[/ },
    ],
  },
  noAuthReason: 'Kedro-Viz has no authentication of its own (a local development tool; left to a proxy, which hides the service).',
  // Its page answers / (uvicorn serves it, whose FastAPI 404 a dozen families share).
  sweepHints: [{ on: rootPage.id, bodyContains: pageTitle }],
  extract: { version: { on: openApiDocument.id, regex: apiVersion } },
  severityWhenOpen: 'high',
  remediation:
    'Run `kedro viz run` on 127.0.0.1 (its default) and reach it through SSH or an authenticating proxy instead of --host 0.0.0.0, remove the internet rule for port 4141, share pipelines as a static `kedro viz build` without previews, and keep cloud credentials out of the environment it runs in.',
  references: [
    'https://docs.kedro.org/projects/kedro-viz/en/latest/cli-docs/',
    'https://docs.kedro.org/projects/kedro-viz/en/latest/preview_datasets/',
  ],
  verifiedAgainst: ['Kedro-Viz 12.5.0'],
};
