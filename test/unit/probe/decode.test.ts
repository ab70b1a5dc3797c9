import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../lambdas/probe/decode.js';

const text = '{"models":[{"name":"llama3:8b"}]}';

describe('Function: decodeBody', () => {
  it.each([
    ['gzip', gzipSync(text)],
    ['x-gzip', gzipSync(text)],
    ['deflate', deflateSync(text)],
    ['deflate', deflateRawSync(text)], // servers that send raw deflate under the zlib name
    ['br', brotliCompressSync(text)],
    ['GZIP ', gzipSync(text)],
  ])('decodes %j', async (encoding, raw) => {
    // Act
    const decoded = await decodeBody(raw, encoding, 1024);
    // Assess
    expect(decoded).toEqual({ bytes: Buffer.from(text), truncated: false });
  });

  it.each([[undefined], ['identity'], ['zstd']])('passes %j through under the cap', async (encoding) => {
    const decoded = await decodeBody(Buffer.from('abcdef'), encoding, 4);
    expect(decoded).toEqual({ bytes: Buffer.from('abcd'), truncated: true });
  });

  it.each([
    ['gzip', (data: Buffer) => gzipSync(data)],
    ['deflate', (data: Buffer) => deflateSync(data)],
    ['br', (data: Buffer) => brotliCompressSync(data)],
  ])('stops a %s bomb at the output cap', async (encoding, compress) => {
    // Prepare: 1 MiB of zeros per member, 64 members: 64 MiB if fully decoded
    const member = compress(Buffer.alloc(1024 * 1024));
    const bomb = encoding === 'gzip' ? Buffer.concat(Array.from({ length: 64 }, () => member)) : member;
    const rssBefore = process.memoryUsage().rss;
    // Act
    const decoded = await decodeBody(bomb, encoding, 16 * 1024);
    // Assess
    expect(decoded.bytes.length).toBe(16 * 1024);
    expect(decoded.truncated).toBe(true);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(32 * 1024 * 1024);
  });

  it('decodes a body cut by the wire cap up to the cut', async () => {
    // Prepare: incompressible-ish text so the cut falls inside the data
    const long = Array.from({ length: 2000 }, (_, i) => `line ${i} ${(i * 7919) % 10007}`).join('\n');
    const compressed = gzipSync(long);
    // Act
    const decoded = await decodeBody(compressed.subarray(0, Math.floor(compressed.length / 2)), 'gzip', 1024 * 1024);
    // Assess
    expect(decoded.error).toBeUndefined();
    expect(decoded.bytes.length).toBeGreaterThan(0);
    expect(long.startsWith(decoded.bytes.toString('utf8'))).toBe(true);
  });

  it('reports invalid compressed data instead of throwing', async () => {
    const decoded = await decodeBody(Buffer.from('this is not gzip at all'), 'gzip', 1024);
    expect(decoded.error).toMatch(/^invalid gzip data/);
    expect(decoded.bytes.length).toBe(0);
  });
});
