import { apiVersion, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

export const zeppelin: Fingerprint = {
  id: 'zeppelin',
  name: 'Apache Zeppelin',
  category: 'notebook',
  defaultPorts: [8080],
  specificity: 100,
  requests: [apiVersion, { id: 'notebooks', method: 'GET', path: '/api/notebook' }, rootPage],
  // GET / carries Zeppelin's own CORS headers, with or without Shiro: zeppelin-server's ZeppelinServer.java maps
  // CorsFilter on the web app's /* (every dispatcher type) and ShiroFilter on /api/* only, so the UI's index.html at /
  // is served anonymously; CorsFilter.java sets these two exact values on every response, Origin or not (same in
  // every version read, javax and Jakarta). Recorded from 0.10.0 (without the UI war, see the fixtures): the headers
  // are on every answer of the web app, Jetty's 403 at / and its 404 for the canary included, and on the Shiro 302.
  sweepHints: [
    [
      { on: rootPage.id, header: 'access-control-allow-headers', contains: 'authorization,Content-Type' },
      { on: rootPage.id, header: 'access-control-allow-methods', contains: 'POST, GET, OPTIONS, PUT, HEAD, DELETE' },
    ],
  ],
  identify: {
    why: 'Zeppelin: GET /api/version answers {"status": "OK", "message": "Zeppelin version", …}',
    all: [{ on: 'apiVersion', bodyContains: '"Zeppelin version"' }],
  },
  open: {
    why: 'notebooks are listed anonymously: anyone can run interpreter paragraphs (shell, Python, Spark), i.e. code execution',
    all: [{ on: 'notebooks', status: [200] }, { on: 'notebooks', bodyRegex: /"status"\s*:\s*"OK"/ }],
  },
  authRequired: {
    why: 'Zeppelin Shiro authentication is on (notebooks refused, or redirected to the /api/login form URL)',
    // With the stock shiro.ini the authc filter redirects to shiro.loginUrl = /api/login instead of answering 401.
    any: [
      { on: 'notebooks', status: [401, 403] },
      { on: 'notebooks', header: 'location', regex: /\/api\/login(?:[;?#]|$)/ },
    ],
  },
  extract: { version: { on: 'apiVersion', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation: 'Enable Shiro authentication (conf/shiro.ini) and disable anonymous access, and remove the internet rule for port 8080.',
  references: ['https://zeppelin.apache.org/docs/latest/setup/security/shiro_authentication.html', 'https://zeppelin.apache.org/docs/latest/usage/rest_api/notebook.html'],
  cpe: 'cpe:2.3:a:apache:zeppelin',
  verifiedAgainst: ['Apache Zeppelin 0.10.0'],
};
