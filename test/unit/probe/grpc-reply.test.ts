/** Reading a gRPC reply's message: the frame, then the message by the request's schema, to the JSON matchers read. */
import { describe, expect, it } from 'vitest';
import { decodeReply } from '../../../lambdas/probe/grpc-exchange.js';

const reply = {
  type: 'toy.Metadata',
  schema: { nested: { toy: { nested: { Metadata: { fields: { name: { type: 'string', id: 1 }, version: { type: 'string', id: 2 }, tags: { rule: 'repeated', type: 'string', id: 3 } } } } } } },
};
/** toy.Metadata{name: "toy", version: "1.2.3"}. */
const message = Buffer.from('0a03746f791205312e322e33', 'hex');
const framed = (bytes: Buffer, flag = 0): Buffer => Buffer.concat([Buffer.from([flag]), Buffer.from([0, 0, 0, bytes.length]), bytes]);

describe('Function: decodeReply', () => {
  it('reads the message as compact JSON, in the schema\'s field order', () => {
    expect(decodeReply(reply, framed(message), false)).toEqual({ body: '{"name":"toy","version":"1.2.3"}' });
  });

  it('skips fields the schema does not name', () => {
    // field 9 (varint 1) before the named ones
    expect(decodeReply(reply, framed(Buffer.concat([Buffer.from('4801', 'hex'), message])), false)).toEqual({ body: '{"name":"toy","version":"1.2.3"}' });
  });

  it('reads no reply message as an empty body (a trailers-only refusal)', () => {
    expect(decodeReply(reply, Buffer.alloc(0), false)).toEqual({ body: '' });
  });

  it.each([
    ['a frame header cut short', Buffer.from([0, 0, 0]), 'reply message cut short'],
    ['a message shorter than its frame says', framed(message).subarray(0, 9), 'reply message cut short'],
    ['a compressed message (none was offered)', framed(message, 1), 'compressed reply message (no compression was offered)'],
    ['bytes that are not the type', framed(Buffer.from('0aff', 'hex')), /^reply is not a toy\.Metadata message \(index out of range/],
    ['invalid UTF-8 in a string field', framed(Buffer.from('0a03ffffff', 'hex')), /^reply is not a toy\.Metadata message/],
    ['groups nested past any depth', framed(Buffer.alloc(60_000, 0x0b)), /^reply is not a toy\.Metadata message/],
  ])('says why it cannot read %s', (_what, bytes, error) => {
    const decoded = decodeReply(reply, bytes, false);
    expect(decoded.body).toBe('');
    expect(decoded.error).toEqual(typeof error === 'string' ? error : expect.stringMatching(error));
  });

  it('reads a reply the byte cap cut as truncated, not as broken', () => {
    expect(decodeReply(reply, framed(message).subarray(0, 9), true)).toEqual({ body: '' });
    expect(decodeReply(reply, Buffer.from([0, 0]), true)).toEqual({ body: '' });
  });
});
