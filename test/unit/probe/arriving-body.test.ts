import { describe, expect, it } from 'vitest';
import { ArrivingBody, MAX_REPLY_PIECES } from '../../../lambdas/probe/arriving-body.js';
import { streamEndSearch } from '../../../lambdas/probe/http-exchange.js';

describe('Class: ArrivingBody', () => {
  it('holds the pieces in order, whatever their sizes', () => {
    // Prepare: pieces from one byte to past the initial 4 KiB, as socket reads and chunks come
    const pieces = [1, 1, 7, 4096, 3, 10_000, 1, 65_536].map((size, index) => Buffer.alloc(size, 97 + index));
    const body = new ArrivingBody(128 * 1024);
    // Act
    for (const piece of pieces) body.append(piece);
    // Assess
    expect(body.bytes().equals(Buffer.concat(pieces))).toBe(true);
    expect(body.length).toBe(Buffer.concat(pieces).length);
  });

  it('keeps a body of one piece as it came, without a copy', () => {
    const piece = Buffer.from('{"models":[]}');
    const body = new ArrivingBody(1024);
    body.append(piece);
    expect(body.bytes().buffer).toBe(piece.buffer);
    expect(body.bytes().equals(piece)).toBe(true);
  });

  it('never writes into the first piece once more arrive', () => {
    const first = Buffer.from('abc');
    const body = new ArrivingBody(1024);
    body.append(first);
    body.append(Buffer.from('def'));
    expect(first.toString()).toBe('abc');
    expect(body.bytes().toString()).toBe('abcdef');
  });

  it('says when the next piece is the last one read', () => {
    const body = new ArrivingBody(1024 * 1024);
    for (let count = 1; count < MAX_REPLY_PIECES - 1; count += 1) body.append(Buffer.from('x'));
    expect(body.atLastPiece).toBe(false);
    body.append(Buffer.from('x'));
    expect(body.atLastPiece).toBe(true);
  });

  it('fills a body up to its cap exactly', () => {
    const body = new ArrivingBody(10);
    body.append(Buffer.from('0123'));
    body.append(Buffer.from('456789'));
    expect(body.bytes().toString()).toBe('0123456789');
  });
});

describe('Function: streamEndSearch', () => {
  /** Feeds `pieces` one by one, as they arrive; the index of the piece that completed the stream, or -1. */
  const completedAt = (markers: readonly string[], pieces: readonly string[]): number => {
    const ended = streamEndSearch(markers);
    const body = new ArrivingBody(1024 * 1024);
    return pieces.findIndex((piece) => {
      const bytes = Buffer.from(piece);
      body.append(bytes);
      return ended(body.bytes(), bytes.length);
    });
  };

  it.each([
    ['in one piece', ['event: endpoint\ndata: /messages\n\n'], 0],
    ['split between two pieces', ['event: endpoint\ndata: /messages\n', '\n'], 1],
    ['a CRLF marker split byte by byte', ['data: x', '\r', '\n', '\r', '\n', 'more'], 4],
    ['in a later piece after a long one', ['x'.repeat(5000), 'data: y\n\n'], 1],
  ])('finds the end marker %s', (_case, pieces, index) => {
    expect(completedAt(['\n\n', '\r\n\r\n'], pieces)).toBe(index);
  });

  it('does not end a stream whose markers never arrive', () => {
    expect(completedAt(['\n\n'], ['event: ping\n', 'data: 1\n', 'x'.repeat(3000)])).toBe(-1);
  });
});
