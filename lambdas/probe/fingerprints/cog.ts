import { rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * The index of its HTTP API that a Cog server (Replicate's model container) answers on `/`: the Cog version and the URLs of
 * its routes, predictions and shutdown among them. Python's server (cog/server/http.py, to 0.16) and the Rust one
 * (coglet, from 0.17) list the same keys in another order.
 */
const cogIndex = /^\s*\{(?=[\s\S]*"cog_version"\s*:\s*")(?=[\s\S]*"predictions_url"\s*:\s*"\/predictions")(?=[\s\S]*"healthcheck_url"\s*:\s*")/;

export const cog: Fingerprint = {
  id: 'cog',
  name: 'Cog model server (Replicate)',
  category: 'model-server',
  defaultPorts: [5000],
  specificity: 100,
  requests: [rootPage],
  // The index is on `/`, which every sweep asks first.
  sweepHints: [{ on: rootPage.id, bodyContains: '"cog_version"' }],
  identify: {
    why: 'Cog: GET / answers the index of its HTTP API (cog_version, predictions_url, healthcheck_url)',
    all: [{ on: rootPage.id, bodyRegex: cogIndex }],
  },
  open: {
    why: "anyone can run the packaged model on its owner's hardware (POST /predictions), have the server fetch the URLs given as file inputs, and stop it (POST /shutdown)",
    all: [
      { on: rootPage.id, status: [200] },
      { on: rootPage.id, bodyRegex: cogIndex },
    ],
  },
  noAuthReason: "Cog's HTTP server has no authentication, and listens on every interface unless --host says otherwise (left to a gateway, or to Replicate, which hides the container).",
  extract: { version: { on: rootPage.id, regex: /"cog_version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation:
    'Serve the Cog container only behind an authenticating gateway (or on a private network), and remove the internet rule for port 5000 (the port the container listens on; -p maps it).',
  references: ['https://cog.run/http/', 'https://github.com/replicate/cog/blob/main/docs/http.md'],
  verifiedAgainst: ['Cog 0.23.1', 'Cog 0.16.12'],
};
