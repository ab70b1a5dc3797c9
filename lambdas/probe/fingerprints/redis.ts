import type { Fingerprint, ReplyFraming } from './types.js';

/** RESP frames every reply: a status or error line (`+PONG`, `-NOAUTH …`) or a bulk string (`$<bytes>\r\n…\r\n`, INFO's). */
const respReply: ReplyFraming = { line: /^[+-][^\r\n]*\r\n/, lengthPrefixed: { header: /^\$(\d+)\r\n/, trailer: '\r\n' } };

/** Redis over RESP on raw TCP: HTTP probes only get an empty reply (and Redis logs an attack). */
export const redis: Fingerprint = {
  id: 'redis',
  name: 'Redis',
  category: 'vector-db',
  defaultPorts: [6379],
  specificity: 100,
  // No sweepHints (always asked): RESP closes or garbles every HTTP request, so the shared first-stage answers are failures.
  requests: [
    { id: 'ping', kind: 'tcp', send: 'PING\r\n', replyEnds: respReply },
    { id: 'info', kind: 'tcp', send: 'INFO server\r\n', replyEnds: respReply },
  ],
  identify: {
    why: 'RESP answer to PING (+PONG or -NOAUTH)',
    // RESP replies start with a type byte; these exact replies come from Redis-protocol servers
    // (Redis, Valkey, KeyDB), and an echo server would send "PING" back instead.
    any: [
      { on: 'ping', bodyRegex: /^\+PONG\r?\n/ },
      { on: 'ping', bodyRegex: /^-NOAUTH / },
    ],
  },
  open: {
    why: 'PING answered +PONG without AUTH: anyone can read and write data (and often get code execution via CONFIG/MODULE)',
    any: [{ on: 'ping', bodyRegex: /^\+PONG\r?\n/ }],
  },
  authRequired: {
    why: 'Redis demands a password (-NOAUTH Authentication required)',
    any: [{ on: 'ping', bodyRegex: /^-NOAUTH / }],
  },
  hostPolicy: {
    why: 'Redis protected mode refused a non-local client (-DENIED)',
    any: [{ on: 'ping', bodyRegex: /^-DENIED Redis is running in protected mode/ }],
  },
  // Valkey reports a Redis compatibility version (7.2.4) before its own (valkey_version, src/server.c): no Redis version is
  // read from it, so Redis's advisories are never matched against a number that is not its release.
  extract: { version: { on: 'info', regex: /^(?![\s\S]*\nvalkey_version:)[\s\S]*?redis_version:([^\r\n]+)/ } },
  severityWhenOpen: 'critical',
  remediation: 'Set requirepass or ACL users, bind Redis to private addresses, and remove the internet rule for port 6379.',
  references: [
    'https://redis.io/docs/latest/operate/oss_and_stack/management/security/',
    'https://redis.io/docs/latest/commands/ping/',
  ],
  cpe: 'cpe:2.3:a:redis:redis',
  verifiedAgainst: ['Redis 7.0.15'],
};
