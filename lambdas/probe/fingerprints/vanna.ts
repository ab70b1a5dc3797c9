import { prefixThenLater, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * 0.x's VannaFlaskApp: the UI's settings, behind its `auth=` object like every /api/v0 route (vanna/flask/__init__.py).
 * Open, the settings (and the version); refused, `{"type":"not_logged_in","html":<the login form>}` with status 200.
 * Flask sorts the keys.
 */
const getConfig = { id: 'getConfig', method: 'GET', path: '/api/v0/get_config' } as const;
/**
 * 2.x's agent server (vanna/servers/{fastapi,flask}/app.py): a fixed liveness answer, Flask's with its keys sorted. Also
 * sent by other families. Nothing else a GET reaches depends on its UserResolver, which runs only on chat requests.
 */
const health = { id: 'health', method: 'GET', path: '/health' } as const;
const agentsHealth = /^\s*\{\s*(?:"status"\s*:\s*"healthy"\s*,\s*"service"\s*:\s*"vanna"|"service"\s*:\s*"vanna"\s*,\s*"status"\s*:\s*"healthy")\s*\}\s*$/;
/** The settings of a 0.x app (VannaFlaskAPI's own three keys among them), as get_config serves them. */
const configShape = prefixThenLater(/^\s*\{\s*"config"\s*:\s*\{/, /"allow_llm_to_see_data"\s*:\s*(?:true|false)\s*[,}]/, /"type"\s*:\s*"config"\s*\}\s*$/);
/** requires_auth's refusal: the auth object's login form, then the type. */
const notLoggedIn = prefixThenLater(/^\s*\{\s*"html"\s*:\s*"/, /"type"\s*:\s*"not_logged_in"\s*\}\s*$/);

export const vanna: Fingerprint = {
  id: 'vanna',
  name: 'Vanna (text-to-SQL)',
  category: 'agent-builder',
  defaultPorts: [8084],
  specificity: 100,
  requests: [getConfig, health, rootPage],
  identify: {
    why: 'Vanna: GET /api/v0/get_config answers the settings of its 0.x Flask app or its "not_logged_in" refusal, or GET /health answers its 2.x agent server\'s {"status":"healthy","service":"vanna"}',
    any: [
      { on: getConfig.id, bodyRegex: configShape },
      { on: getConfig.id, bodyRegex: notLoggedIn },
      { on: health.id, bodyRegex: agentsHealth },
    ],
  },
  open: {
    why: "its 0.x Flask API answers anyone (GET /api/v0/get_config serves the app's settings): anyone can run any SQL on the connected database with the app's credentials (POST /api/v0/update_sql sets the SQL of an id of their choosing, GET /api/v0/run_sql runs it, no LLM involved), read the training data (DDL, documentation, question-SQL pairs) and other users' questions and results, add and remove training data, and prompt the owner's LLM, whose chart code the server runs with exec (CVE-2024-5565)",
    all: [
      { on: getConfig.id, status: [200] },
      { on: getConfig.id, bodyRegex: configShape },
    ],
  },
  authRequired: {
    why: 'its 0.x Flask app has an auth= object: every /api/v0 route answers {"type":"not_logged_in"} and the login form to a client without a session',
    all: [{ on: getConfig.id, bodyRegex: notLoggedIn }],
  },
  // The 0.x app's page answers every path it does not route; the 2.x server's page is titled for its chat component.
  sweepHints: [
    { on: rootPage.id, bodyContains: '<title>Vanna.AI</title>' },
    { on: rootPage.id, bodyContains: '<title>Vanna Agents Chat</title>' },
  ],
  extract: { version: { on: getConfig.id, regex: /"version"\s*:\s*"(\d[^"]*)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    "Reach Vanna only through an authenticating proxy or a private network and remove the internet rule for its port (0.x: 8084; 2.x: 8000); on 0.x pass VannaFlaskApp an auth= object that checks a signed session (the docs' example trusts any `user` cookie) and move to 2.x (CVE-2024-5565), on 2.x make the UserResolver refuse requests without valid credentials rather than resolve a guest; connect it to the database as a read-only user limited to the tables it needs, and review the database and training data for changes you did not make.",
  references: [
    'https://vanna.ai/docs/web-app-auth',
    'https://vanna.ai/docs/tutorials/quickstart-5min',
    'https://nvd.nist.gov/vuln/detail/CVE-2024-5565',
  ],
  verifiedAgainst: ['Vanna 0.7.9', 'Vanna 2.0.2'],
};
