import { notFoundCanary } from './common.js';
import type { Fingerprint } from './types.js';

/** ClearML's API envelope for the login.supported_modes endpoint, answered successfully. */
const supportedModes = /^\s*\{(?=[\s\S]*"endpoint"\s*:\s*\{\s*"name"\s*:\s*"login\.supported_modes")(?=[\s\S]*"result_code"\s*:\s*200)(?=[\s\S]*"data"\s*:\s*\{)/;

/**
 * ClearML server (apiserver). `login.supported_modes` is one of the few endpoints that needs no credentials
 * (schema `authorize: false`); it tells the web app whether fixed users (username/password) are configured.
 * Without them the web login takes any user name, so the whole server is open.
 */
export const clearml: Fingerprint = {
  id: 'clearml',
  name: 'ClearML server',
  category: 'ml-platform',
  defaultPorts: [8008],
  specificity: 100,
  requests: [{ id: 'loginModes', method: 'GET', path: '/login.supported_modes' }, notFoundCanary],
  identify: {
    why: 'ClearML apiserver: GET /login.supported_modes answers in its {"meta": {"endpoint": {"name": "login.supported_modes"}, …}, "data": …} envelope',
    all: [{ on: 'loginModes', status: [200] }, { on: 'loginModes', bodyRegex: supportedModes }],
  },
  open: {
    why: 'no fixed users are configured (basic.enabled false): the web login accepts any user name, giving access to every project, dataset, model, stored credential and the queues that run code on the agents',
    all: [{ on: 'loginModes', bodyRegex: /"basic"\s*:\s*\{\s*"enabled"\s*:\s*false/ }],
  },
  authRequired: {
    why: 'ClearML fixed users (username and password) are configured (basic.enabled true)',
    all: [{ on: 'loginModes', bodyRegex: /"basic"\s*:\s*\{\s*"enabled"\s*:\s*true/ }],
  },
  // The apiserver answers every path itself, before any credential check, in its {"meta": {…, "result_code",
  // "result_subcode", …}} envelope (a path that is not service.action fails 400 "Invalid request path").
  sweepHints: [{ on: notFoundCanary.id, bodyRegex: /^\s*\{\s*"meta"\s*:\s*\{(?=[\s\S]*"result_code"\s*:)(?=[\s\S]*"result_subcode"\s*:)/ }],
  severityWhenOpen: 'critical',
  remediation:
    'Configure auth.fixed_users (hashed passwords) or SSO in apiserver.conf, keep the apiserver (8008), web (8080) and file server (8081) behind a VPN or authenticating proxy, and remove their internet rules.',
  references: [
    'https://clear.ml/docs/latest/docs/deploying_clearml/clearml_server_config#web-login-authentication',
    'https://clear.ml/docs/latest/docs/deploying_clearml/clearml_server_security',
  ],
  derivedFrom: ['ClearML server commit 8f64604'],
};
