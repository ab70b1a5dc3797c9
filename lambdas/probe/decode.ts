/**
 * Content decoding with a cap on OUTPUT bytes, so a compression bomb costs at most `maxBytes`
 * of memory and the CPU to produce them: the decoder is destroyed as soon as the cap is reached.
 */
import type { Transform } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

export interface DecodedBody {
  readonly bytes: Buffer;
  /** The cap cut the decoded output. */
  readonly truncated: boolean;
  /** Set when the compressed data was invalid; `bytes` then holds what decoded before the fault. */
  readonly error?: string;
}

function decoderFor(encoding: string, firstByte: number | undefined): Transform | undefined {
  // Sync flush: a body cut by our wire cap is still decoded up to the cut instead of failing.
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
    case 'deflate':
      // "deflate" should be zlib-wrapped, but servers send raw deflate too; the zlib header's low nibble is 8.
      return firstByte !== undefined && (firstByte & 0x0f) === 8
        ? createInflate({ finishFlush: constants.Z_SYNC_FLUSH })
        : createInflateRaw({ finishFlush: constants.Z_SYNC_FLUSH });
    case 'br':
      return createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
    default:
      return undefined;
  }
}

/** Decodes `raw` per its Content-Encoding; unknown or absent encodings pass through. */
export async function decodeBody(raw: Buffer, contentEncoding: string | undefined, maxBytes: number): Promise<DecodedBody> {
  const encoding = contentEncoding?.trim().toLowerCase() ?? '';
  const decoder = raw.length === 0 ? undefined : decoderFor(encoding, raw[0]);
  if (!decoder) return { bytes: raw.subarray(0, maxBytes), truncated: raw.length > maxBytes };
  const chunks: Buffer[] = [];
  let total = 0;
  let truncated = false;
  let error: string | undefined;
  decoder.end(raw);
  try {
    for await (const chunk of decoder as AsyncIterable<Buffer>) {
      const room = maxBytes - total;
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room));
        total += room;
        truncated = true;
        break;
      }
      chunks.push(chunk);
      total += chunk.length;
    }
  } catch (cause) {
    error = `invalid ${encoding} data (${(cause as NodeJS.ErrnoException).code ?? 'decode error'})`;
  } finally {
    decoder.destroy();
  }
  return { bytes: Buffer.concat(chunks, total), truncated, ...(error === undefined ? {} : { error }) };
}
