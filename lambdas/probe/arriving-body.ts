/** A reply's bytes as they arrive, bounded in bytes and in pieces (HTTP bodies and raw TCP replies alike). */

/**
 * Pieces of one reply read at most: a server sending one byte per chunk (or per TCP segment) would otherwise
 * cost a callback per byte of the byte cap. Real answers to the catalog's requests come in far fewer (a 128 KiB
 * body is a few socket reads; an event stream's first event one chunk or a few), and one cut here is kept
 * as a truncated answer, as at the byte cap.
 */
export const MAX_REPLY_PIECES = 2048;

/**
 * A reply as it arrives, in one buffer grown by doubling up to the byte cap: a reply sent in many small
 * pieces costs linear copying and one buffer, not an object per piece. A reply of one piece is not copied.
 */
export class ArrivingBody {
  private buffer: Buffer = Buffer.alloc(0);
  /** False while `buffer` is the first piece itself, which is not ours to write into. */
  private owned = false;
  private received = 0;
  private count = 0;

  constructor(private readonly capBytes: number) {}

  /** Bytes so far. */
  get length(): number {
    return this.received;
  }

  /** Whether the next piece is the last one read (`MAX_REPLY_PIECES`). */
  get atLastPiece(): boolean {
    return this.count >= MAX_REPLY_PIECES - 1;
  }

  /** The caller keeps the total within the byte cap. */
  append(piece: Buffer): void {
    this.count += 1;
    if (this.count === 1) {
      this.buffer = piece;
      this.received = piece.length;
      return;
    }
    const needed = this.received + piece.length;
    if (!this.owned || needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, Math.min(Math.max(2 * this.received, 4096), this.capBytes)));
      this.buffer.copy(grown, 0, 0, this.received);
      this.buffer = grown;
      this.owned = true;
    }
    piece.copy(this.buffer, this.received);
    this.received = needed;
  }

  bytes(): Buffer {
    return this.buffer.subarray(0, this.received);
  }
}
