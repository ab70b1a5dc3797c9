import { describe, expect, it } from 'vitest';
import { redis } from '../../../lambdas/probe/fingerprints/redis.js';
import type { ReplyFraming, TcpProbeRequest } from '../../../lambdas/probe/fingerprints/types.js';
import { framedLength } from '../../../lambdas/probe/tcp-exchange.js';

const resp = (redis.requests[0] as TcpProbeRequest).replyEnds as ReplyFraming;

describe('Function: framedLength (a raw TCP reply whole by its framing, here RESP as the Redis fingerprint frames it)', () => {
  it.each([
    ['a status line', '+PONG\r\n', 7],
    ['an error line, with what followed it left out', '-NOAUTH Authentication required.\r\n+OK\r\n', 34],
    ['a bulk string, by its byte count and trailer', '$5\r\nhello', 11],
    ['an empty bulk string', '$0\r\n', 6],
  ])('%s', (_case, start, length) => {
    // Act
    const framed = framedLength(resp, start);
    // Assess
    expect(framed).toBe(length);
  });

  it.each([
    ['a line not ended yet', '+PON'],
    ['a bulk header not ended yet', '$58'],
    ['a reply of another protocol', 'HTTP/1.1 400 Bad Request\r\n'],
    ['an echo of the request', 'PING\r\n'],
    ['a frame that does not start the reply', 'banner\r\n+PONG\r\n'],
    ['a null bulk string (no byte count)', '$-1\r\n'],
    ['a byte count no number can hold', `$${'9'.repeat(400)}\r\n`],
  ])('leaves %s to the quiet period', (_case, start) => {
    // Act
    const framed = framedLength(resp, start);
    // Assess
    expect(framed).toBeUndefined();
  });
});
