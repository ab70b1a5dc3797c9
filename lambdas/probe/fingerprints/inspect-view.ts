import { canaryNotServed, notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * The log directory's listing (api_logs in _view/fastapi_server.py, and the older aiohttp server's): "log_dir" first,
 * then "files" (0.3.285 puts "log_dir_uri" between them), whatever separators the server's JSON writer uses.
 */
const logs = { id: 'logs', method: 'GET', path: '/api/logs' } as const;
const listing = /^\s*\{\s*"log_dir"\s*:\s*"(?:[^"\\]|\\.)*"\s*,[\s\S]*?"files"\s*:\s*\[/;
/** The viewer's settings, with the Inspect version (0.3.285: {"inspect_version":…,"scout_version":…,"trust_content":…}). */
const appConfig = { id: 'appConfig', method: 'GET', path: '/api/app-config' } as const;
/**
 * The Content-Security-Policy the viewer's build ships (content-security-policy.json in its dist), which the server sets on
 * every answer outside /api, refusals included; /api answers get only `frame-ancestors 'none'` (SecurityHeadersMiddleware).
 * Its script hashes change with each build, so they are not matched.
 */
const viewerPolicy = /^default-src 'none'; script-src 'self'(?: '[^';]+')* 'wasm-unsafe-eval'; worker-src 'self'; style-src-elem 'self';/;
const apiPolicy = /^frame-ancestors 'none'$/;

export const inspectView: Fingerprint = {
  id: 'inspect-view',
  name: 'Inspect log viewer (inspect view)',
  category: 'ml-platform',
  defaultPorts: [7575],
  specificity: 100,
  requests: [logs, appConfig, rootPage, notFoundCanary],
  identify: {
    why: "Inspect View: GET /api/logs lists its log directory (\"log_dir\", \"files\"), or / carries the viewer's own Content-Security-Policy (0.3.285, its token refusal too)",
    // A Host refusal (400) carries the viewer's policy too; it is the hostPolicy's, not an identification.
    all: [canaryNotServed, { on: logs.id, status: [400], not: true }],
    any: [
      { on: logs.id, bodyRegex: listing },
      { on: rootPage.id, header: 'content-security-policy', regex: viewerPolicy },
    ],
  },
  open: {
    why: 'GET /api/logs lists the evaluation logs to anyone, who can read each whole log (prompts, model outputs, scores, sample data, model arguments and task configuration) and, adding the X-Inspect-View-Request header the viewer sends, edit their tags and metadata and delete them',
    all: [
      { on: logs.id, status: [200] },
      { on: logs.id, bodyRegex: listing },
    ],
  },
  authRequired: {
    why: 'INSPECT_VIEW_AUTHORIZATION_TOKEN is set: every path answers 401 "Unauthorized" without that exact Authorization header',
    all: [
      { on: logs.id, status: [401] },
      { on: logs.id, bodyRegex: /^Unauthorized$/ },
      { on: logs.id, header: 'content-security-policy', regex: apiPolicy },
    ],
  },
  hostPolicy: {
    why: 'Inspect View refused the Host header (400 "Invalid host header"): it trusts only its bind address (on a loopback bind, localhost too) and --trusted-host authorities, which a direct client can name itself',
    all: [
      { on: logs.id, status: [400] },
      { on: logs.id, bodyRegex: /^Invalid host header$/ },
      { on: logs.id, header: 'content-security-policy', regex: apiPolicy },
    ],
  },
  // Its UI shell's title (every release), or its policy on / (0.3.285, refusals included). `inspect view bundle` output
  // hosted as static files has the same title and no API: asked, it answers nothing that identifies.
  sweepHints: [
    { on: rootPage.id, bodyContains: '<title>Inspect View</title>' },
    { on: rootPage.id, header: 'content-security-policy', regex: viewerPolicy },
  ],
  extract: { version: { on: appConfig.id, regex: /"inspect_version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'high',
  remediation:
    'Keep inspect view on its default 127.0.0.1 and reach it through SSH forwarding, or set INSPECT_VIEW_AUTHORIZATION_TOKEN behind an authenticating proxy instead of --unsafe-allow-unauthenticated (older releases need a proxy on any --host 0.0.0.0); remove the internet rule for port 7575 and check the logs for prompts, data and credentials you would not publish.',
  references: ['https://inspect.aisi.org.uk/log-viewer.html', 'https://inspect.aisi.org.uk/reference/inspect_view.html'],
  verifiedAgainst: ['Inspect 0.3.285'],
};
