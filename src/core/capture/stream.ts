import { createCaptureParser, detectFormat } from './detect';
import type { CaptureInfo, CaptureSink } from './types';

export interface StreamOptions {
  /** Called now and then with the number of (decompressed) bytes read so far. */
  onProgress?(bytes: number): void;
  /** Stop early: the parser is ended with what it has. */
  signal?: AbortSignal;
}

/**
 * Reads a capture from any async stream of chunks (a file stream, a fetch body, a worker
 * message port). Gzip is recognised by its magic and decompressed with the platform's
 * streaming `DecompressionStream` (Node ≥ 18, browsers), so memory stays bounded.
 */
export async function readCaptureStream(
  chunks: AsyncIterable<Uint8Array>, sink: CaptureSink, options: StreamOptions = {},
): Promise<CaptureInfo> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  const firstChunk = first.done ? new Uint8Array(0) : first.value;
  const rest: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => ({
      next: () => iterator.next(),
      return: async () => (iterator.return ? iterator.return() : { done: true, value: undefined }),
    }),
  };
  if (detectFormat(firstChunk) === 'gzip') {
    return readGzip(firstChunk, rest, sink, options);
  }
  const parser = createCaptureParser(sink);
  let bytes = 0;
  try {
    parser.push(firstChunk);
    bytes += firstChunk.length;
    for await (const chunk of rest) {
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

async function readGzip(
  firstChunk: Uint8Array, rest: AsyncIterable<Uint8Array>, sink: CaptureSink, options: StreamOptions,
): Promise<CaptureInfo> {
  const parser = createCaptureParser(sink);
  const ds = new DecompressionStream('gzip');
  const writer = ds.writable.getWriter() as WritableStreamDefaultWriter<Uint8Array>;
  let compressedBytes = 0;
  // Feed the compressed bytes in the background; errors surface on the reading side.
  const feeding = (async () => {
    try {
      await writer.write(firstChunk);
      compressedBytes += firstChunk.length;
      for await (const chunk of rest) {
        if (options.signal?.aborted) break;
        await writer.write(chunk);
        compressedBytes += chunk.length;
      }
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
