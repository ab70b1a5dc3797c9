import { notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

/**
 * The dashboard's answer to a path it does not serve: the Quart releases (3.5.12 and 4.14.6 recorded) answer 200 with a
 * text of their own (dashboard/routes/static_file.py), with or without the WebUI files; the FastAPI ones (4.29.3
 * recorded) a 404 page about missing WebUI files, which they send for every unknown path even with the WebUI in place.
 */
const quartNotFound = '如果你初次使用打开面板发现 404, 请参考文档: https://astrbot.app/faq.html';
const fastApiNotFound = '<title>404 · WebUI 文件缺失 / WebUI files are missing</title>';
/** The versions of AstrBot and its WebUI (stat.py), behind the dashboard's JWT check like every /api path but a few. */
const statVersion = { id: 'statVersion', method: 'GET', path: '/api/stat/version' } as const;
/** The same versions without a login from 4.29 on (the login page shows them); 401 on 3.5.12 and 4.14.6. */
const statVersions = { id: 'statVersions', method: 'GET', path: '/api/stat/versions' } as const;
/**
 * Public from 4.29 on (401 on 3.5.12 and 4.14.6): whether the first-start setup (POST /api/auth/setup, which sets the admin
 * login) is still due, and whether it may be done without the initial password (ASTRBOT_DASHBOARD_SKIP_DEFAULT_PASSWORD_AUTH,
 * honoured only on a loopback dashboard, i.e. one a same-host proxy publishes).
 */
const setupStatus = { id: 'setupStatus', method: 'GET', path: '/api/auth/setup-status' } as const;

export const astrbot: Fingerprint = {
  id: 'astrbot',
  name: 'AstrBot dashboard',
  category: 'agent-builder',
  defaultPorts: [6185],
  specificity: 100,
  requests: [statVersion, statVersions, setupStatus, notFoundCanary],
  identify: {
    why: "AstrBot: an unknown path gets its dashboard's own 404 text (pointing at astrbot.app's FAQ) or its missing-WebUI page, or GET /api/stat/versions names astrbot_version",
    any: [
      { on: notFoundCanary.id, bodyContains: quartNotFound },
      { on: notFoundCanary.id, bodyContains: fastApiNotFound },
      { on: statVersions.id, bodyRegex: /"astrbot_version"\s*:\s*"/ },
    ],
  },
  // The default login (astrbot / astrbot on 3.5.12 and 4.14.6 until changed) is never tried: those dashboards read auth-required.
  open: {
    why: "anyone may take the dashboard over: GET /api/auth/setup-status says its first-start setup is still due and may skip the password (ASTRBOT_DASHBOARD_SKIP_DEFAULT_PASSWORD_AUTH), so an anonymous POST /api/auth/setup sets the admin username and password and returns an admin token; or its API answers without a login (GET /api/stat/version ok). Either way, everything the dashboard can do: read the owner's LLM provider keys and QQ/Telegram/… platform tokens, and install plugins (Python code AstrBot runs)",
    any: [
      // AstrBot's refusals say "status": "error".
      { on: statVersion.id, bodyRegex: /^\s*\{\s*"status"\s*:\s*"ok"/ },
      // The keys in the order auth_service.setup_status writes them; setup_required false once the owner has done it.
      { on: setupStatus.id, bodyRegex: /"setup_required"\s*:\s*true\s*,\s*"skip_default_password_auth"\s*:\s*true\b/ },
    ],
  },
  authRequired: {
    why: 'the dashboard API demands a login token: GET /api/stat/version answers 401 {"status": "error", "message": "未授权"}',
    all: [
      { on: statVersion.id, status: [401] },
      // Quart's JSON escapes the message, FastAPI's (4.29.3) does not.
      { on: statVersion.id, bodyRegex: /"message"\s*:\s*"(?:未授权|\\u672a\\u6388\\u6743)"/ },
    ],
  },
  // The canary is sent to every port first, so its answer is a free hint.
  sweepHints: [
    { on: notFoundCanary.id, bodyContains: quartNotFound },
    { on: notFoundCanary.id, bodyContains: fastApiNotFound },
  ],
  // The public route first (4.29), else the one an open dashboard answers; "webui_version" is not matched.
  extract: { version: { on: [statVersions.id, statVersion.id], regex: /"(?:astrbot_)?version"\s*:\s*"v?(\d[^"]*)"/ } },
  severityWhenOpen: 'critical',
  remediation:
    'Finish the first-start setup at once (4.29 and later) and unset ASTRBOT_DASHBOARD_SKIP_DEFAULT_PASSWORD_AUTH on any dashboard a proxy publishes (until setup is done anyone can set the admin login), then check that the admin login in data/cmd_config.json is yours and remove plugins you did not install; change the login from the default astrbot / astrbot at once (releases before the random initial password keep it until changed); upgrade AstrBot (3.5.12 and earlier read any file without a login, CVE-2025-48957; 3.5.17 and earlier sign logins with a key published in their source), bind the dashboard to 127.0.0.1 (dashboard.host in data/cmd_config.json; it listens on 0.0.0.0:6185) or put it behind an authenticating proxy, remove the internet rule for port 6185, and rotate the LLM keys and platform tokens it holds.',
  references: [
    'https://docs.astrbot.app/use/webui',
    'https://docs.astrbot.app/en/faq.html',
    'https://docs.astrbot.app/en/deploy/astrbot/package.html',
    'https://docs.astrbot.app/en/use/cli.html',
    'https://github.com/AstrBotDevs/AstrBot/security/advisories/GHSA-cq37-g2qp-3c2p',
  ],
  verifiedAgainst: ['AstrBot 3.5.12', 'AstrBot 4.14.6', 'AstrBot 4.29.3'],
};
