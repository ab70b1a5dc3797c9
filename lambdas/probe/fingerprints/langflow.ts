import { apiV1Version, canaryAnsweredBy, notFoundCanary, openApiDocumentListsNone } from './common.js';
import type { Fingerprint } from './types.js';

export const langflow: Fingerprint = {
  id: 'langflow',
  name: 'Langflow',
  category: 'agent-builder',
  defaultPorts: [7860],
  specificity: 100,
  requests: [apiV1Version, { id: 'autoLogin', method: 'GET', path: '/api/v1/auto_login' }, notFoundCanary],
  identify: {
    why: 'Langflow: GET /api/v1/version answers "package": "Langflow", or auto_login answers Langflow\'s own refusal',
    // package is "Langflow", "Langflow Base" or a "… Nightly" build; the refusal text was "Auto login is disabled.
    // Please enable it in the settings" (400) in older releases and is "Auto login is disabled." (403) in 1.13.0.
    any: [
      { on: 'v1version', bodyRegex: /"package"\s*:\s*"Langflow(?: Base)?(?: Nightly)?"/i },
      { on: 'autoLogin', bodyContains: 'Auto login is disabled.' },
    ],
  },
  open: {
    why: 'AUTO_LOGIN is on: GET /api/v1/auto_login hands any visitor a superuser token, and flows run Python (code execution)',
    // The UI calls this route on load; the token in the answer is redacted from evidence. AUTO_LOGIN was on by
    // default in older releases; the 1.13.0 release defaults it off and will not start without
    // LANGFLOW_SUPERUSER_PASSWORD, so an open 1.13 server had LANGFLOW_AUTO_LOGIN=true set on purpose.
    all: [{ on: 'autoLogin', status: [200] }, { on: 'autoLogin', bodyContains: '"access_token"' }],
  },
  authRequired: {
    why: 'AUTO_LOGIN is off (400, or 403 in 1.13, "Auto login is disabled"): a login is required',
    all: [{ on: 'autoLogin', bodyContains: '"auto_login":false' }],
  },
  // Langflow's FastAPI app answers unknown paths with its UI page (200, titled "Langflow") when the frontend is
  // bundled, and with FastAPI's JSON 404 when it runs backend-only (--backend-only, the langflow-backend image).
  sweepHints: [
    [...canaryAnsweredBy.appShell, { on: notFoundCanary.id, bodyRegex: /langflow/i }],
    canaryAnsweredBy.starlette,
  ],
  // main.py includes the /api/v1 routers into the app: /api/v1/version and /api/v1/flows/ are in the document (recent
  // releases hide /api/v1/auto_login from it).
  sweepRuledOutBy: [openApiDocumentListsNone('/api/v1/version', '/api/v1/flows', '/api/v1/build', '/api/v1/auto_login', '/api/v2/')],
  extract: { version: { on: 'v1version', regex: /"version"\s*:\s*"([^"]+)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'Set LANGFLOW_AUTO_LOGIN=false with a superuser password, upgrade to 1.3.0+ (CVE-2025-3248), and remove the internet rule for port 7860.',
  references: ['https://docs.langflow.org/configuration-authentication', 'https://docs.langflow.org/api-reference-api-examples'],
  cpe: 'cpe:2.3:a:langflow:langflow',
  verifiedAgainst: ['Langflow 1.13.0'],
};
