/** How the fixture recorder keeps a raw TCP reply's framing true after redacting it. */
import { describe, expect, it } from 'vitest';
import { framedLength } from '../../../lambdas/probe/tcp-exchange.js';
import type { ReplyFraming } from '../../../lambdas/probe/fingerprints/types.js';
import { redactedReply } from '../../support/fixture-format.js';

const resp: ReplyFraming = { line: /^[+-][^\r\n]*\r\n/, lengthPrefixed: { header: /^\$(\d+)\r\n/, trailer: '\r\n' } };
const bulk = (payload: string): Buffer => Buffer.from(`$${Buffer.byteLength(payload)}\r\n${payload}\r\n`);
const runId = 'run_id:4f3c2a1b0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b\r\n';

describe('redactedReply', () => {
  it('rewrites a length header to the redacted payload, so the reply still ends where its header says', () => {
    // Prepare
    const reply = bulk(`# Server\r\nredis_version:7.0.15\r\n${runId}tcp_port:6379\r\n`);

    // Act
    const recorded = redactedReply(reply, resp);

    // Assess
    expect(recorded).toContain('run_id:[redacted]');
    expect(recorded).not.toContain('4f3c2a1b');
    expect(framedLength(resp, recorded)).toBe(Buffer.byteLength(recorded));
  });

  it('counts bytes, not characters, in a payload with multi-byte text', () => {
    const recorded = redactedReply(bulk(`name:modèle-ünïcode\r\n${runId}`), resp);
    expect(framedLength(resp, recorded)).toBe(Buffer.byteLength(recorded));
  });

  it('rewrites the length alone, even where other digits in the header read the same', () => {
    const framing: ReplyFraming = { lengthPrefixed: { header: /^\*\d+\r\n\$(\d+)\r\n/, trailer: '\r\n' } };
    const payload = `${runId}x`;
    expect(Buffer.byteLength(payload)).toBe(50);
    const recorded = redactedReply(Buffer.from(`*50\r\n$50\r\n${payload}\r\n`), framing);
    expect(recorded).toBe('*50\r\n$20\r\nrun_id:[redacted]\r\nx\r\n');
  });

  it('keeps a cut reply short by the same amount, and redacts a reply without a declared length as text', () => {
    const whole = bulk(`${runId}${'a'.repeat(100)}`);
    const cut = redactedReply(whole.subarray(0, 80), resp);
    expect(cut.startsWith(`$${Buffer.byteLength(`run_id:[redacted]\r\n${'a'.repeat(100)}`)}\r\n`)).toBe(true);
    expect(redactedReply(Buffer.from(`+${runId}`), resp)).toBe('+run_id:[redacted]\r\n');
    expect(redactedReply(Buffer.from(runId), undefined)).toBe('run_id:[redacted]\r\n');
  });
});
