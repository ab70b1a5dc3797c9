import { notFoundCanary, rootPage } from './common.js';
import type { Fingerprint } from './types.js';

/** Its liveness answer (async_core.py), the one path its API-key check lets through. */
const heartbeat = { id: 'heartbeat', method: 'GET', path: '/heartbeat' } as const;
const alive = /^\s*\{\s*"status"\s*:\s*"alive"\s*\}\s*$/;
/**
 * The conversation so far, as its settings route answers any attribute of the interpreter: a JSON string that holds
 * the setting's JSON (`"{\"messages\": […]}"`).
 */
const messages = { id: 'messages', method: 'GET', path: '/settings/messages' } as const;
const conversation = /^\s*"\{\\"messages\\": \[/;
/** The API-key middleware's refusal (INTERPRETER_API_KEY set), on every path but /heartbeat. */
const keyRefusal = /^\s*\{\s*"detail"\s*:\s*"Authentication failed"\s*\}\s*$/;

export const openInterpreter: Fingerprint = {
  id: 'open-interpreter',
  name: 'Open Interpreter server (interpreter --server)',
  category: 'agent-builder',
  defaultPorts: [8000],
  specificity: 100,
  requests: [heartbeat, messages, rootPage, notFoundCanary],
  identify: {
    why: 'Open Interpreter: GET /heartbeat answers {"status":"alive"} alone, and GET /settings/messages answers its conversation as a JSON string or refuses with its API-key check',
    all: [{ on: heartbeat.id, status: [200] }, { on: heartbeat.id, bodyRegex: alive }],
    any: [
      { on: messages.id, bodyRegex: conversation },
      { on: messages.id, bodyRegex: keyRefusal },
    ],
  },
  open: {
    why: "no INTERPRETER_API_KEY (the default): anyone can read the conversation and settings, and have the interpreter write and run code and shell commands on the host, on its owner's model key (its OpenAI-compatible route runs code without approval, and a client approves the rest itself)",
    all: [
      { on: messages.id, status: [200] },
      { on: messages.id, bodyRegex: conversation },
    ],
  },
  authRequired: {
    why: 'INTERPRETER_API_KEY is set: every path but /heartbeat answers 403 "Authentication failed" without the key in X-API-KEY',
    all: [
      { on: messages.id, status: [403] },
      { on: messages.id, bodyRegex: keyRefusal },
    ],
  },
  // Without a key, / is its bundled chat page, with its code-approval and key buttons; with one, the key check refuses
  // unknown paths too.
  sweepHints: [
    [{ on: rootPage.id, bodyContains: 'id="approveCodeButton"' }, { on: rootPage.id, bodyContains: 'id="authButton"' }],
    [{ on: notFoundCanary.id, status: [403] }, { on: notFoundCanary.id, bodyRegex: keyRefusal }],
  ],
  severityWhenOpen: 'critical',
  remediation:
    'Stop the interpreter server or bind it to localhost (its default, 127.0.0.1); if it must be reached, set a strong INTERPRETER_API_KEY and put it behind TLS and an authenticating proxy, never set INTERPRETER_INSECURE_ROUTES, rotate the model key it holds, check the host for changes you did not make, and remove the internet rule for port 8000.',
  references: ['https://docs.openinterpreter.com/server/usage', 'https://docs.openinterpreter.com/safety/introduction'],
  verifiedAgainst: ['Open Interpreter 0.4.3'],
};
