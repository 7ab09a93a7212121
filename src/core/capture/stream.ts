import { concatBytes } from './bytes';
import { createCaptureParser, detectFormat } from './detect';
import type { CaptureInfo, CaptureSink } from './types';

export interface StreamOptions {
  /** Called now and then with the number of (decompressed) bytes read so far. */
  onProgress?(bytes: number): void;
  /** Stop early: the parser is ended with what it has. */
  signal?: AbortSignal;
}

/** Compressed bytes are handed to the decompressor in slices this small: when it meets damage it
 * drops the output of the write in progress, so small writes keep what came before the damage. */
const GZIP_SLICE = 16 * 1024;
const GZIP_TRAILER = 8;

/**
 * Reads a capture from any async stream of chunks (a file stream, a fetch body, a worker
 * message port). Gzip is recognised by its magic and decompressed with the platform's
 * streaming `DecompressionStream` (Node ≥ 18, browsers), so memory stays bounded.
 */
export async function readCaptureStream(
  chunks: AsyncIterable<Uint8Array>, sink: CaptureSink, options: StreamOptions = {},
): Promise<CaptureInfo> {
  const iterator = chunks[Symbol.asyncIterator]();
  // Gather at least the 4 bytes that decide the format, however the source slices its chunks.
  const head: Uint8Array[] = [];
  let headLength = 0;
  let ended = false;
  while (headLength < 4) {
    const r = await iterator.next();
    if (r.done) { ended = true; break; }
    head.push(r.value);
    headLength += r.value.length;
  }
  const headBytes = concatBytes(head);
  async function* rest(): AsyncGenerator<Uint8Array> {
    if (headLength > 0) yield headBytes;
    if (ended) return;
    for (;;) {
      const r = await iterator.next();
      if (r.done) return;
      yield r.value;
    }
  }
  if (detectFormat(headBytes) === 'gzip') return readGzip(rest(), sink, options);
  const parser = createCaptureParser(sink);
  let bytes = 0;
  try {
    for await (const chunk of rest()) {
      if (options.signal?.aborted) break;
      parser.push(chunk);
      bytes += chunk.length;
      options.onProgress?.(bytes);
    }
  } finally {
    parser.end();
  }
  return parser.info;
}

async function readGzip(compressed: AsyncIterable<Uint8Array>, sink: CaptureSink, options: StreamOptions): Promise<CaptureInfo> {
  const parser = createCaptureParser(sink);
  const ds = new DecompressionStream('gzip');
  const writer = ds.writable.getWriter() as WritableStreamDefaultWriter<Uint8Array>;
  let compressedBytes = 0;
  // Feed the compressed bytes in the background; errors surface on the reading side.
  const feeding = (async () => {
    try {
      // The last 8 bytes of a gzip member are its CRC and length; they are held back and written
      // on their own, so a bad trailer cannot take the packets decompressed just before it.
      let tail: Uint8Array = new Uint8Array(0);
      for await (const chunk of compressed) {
        const data = tail.length ? concatBytes([tail, chunk]) : chunk;
        const body = Math.max(0, data.length - GZIP_TRAILER);
        for (let o = 0; o < body; o += GZIP_SLICE) {
          if (options.signal?.aborted) return;
          const slice = data.subarray(o, Math.min(body, o + GZIP_SLICE));
          await writer.write(slice);
          compressedBytes += slice.length;
        }
        tail = data.slice(body);
      }
      if (tail.length) await writer.write(tail);
      await writer.close();
    } catch {
      /* reported by the reader below */
    }
  })();
  const reader = ds.readable.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(value);
      bytes += value.length;
      options.onProgress?.(bytes);
      if (options.signal?.aborted) {
        await reader.cancel().catch(() => undefined);
        break;
      }
    }
  } catch (err) {
    sink.diagnostic?.({
      severity: 'warning', code: 'gzip.corrupt', offset: bytes,
      message: `gzip data is damaged or cut short after ${bytes} decompressed bytes (about ${compressedBytes} compressed bytes read): ${(err as Error).message}; packets before that point are shown`,
    });
  } finally {
    parser.end();
    writer.abort().catch(() => undefined);
    await feeding;
  }
  parser.info.gzip = true;
  return parser.info;
}
