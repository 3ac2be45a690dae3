/** A metrics file written as gzip members on every core, replaced atomically (or streamed, or only counted). */
import { AtomicFile } from './atomic';
import { recycleRunArrays } from './encode/arrays';
import { JobCutter } from './encode/job';
import { type ByteSink, type CompressOptions, MemberCompressor } from './encode/pool';
import type { MetricsData, WriteFormat } from './model';
import { MetricsWriter, writeData } from './write';

export interface OutputStream {
  readonly writer: MetricsWriter;
  /** Await now and then while writing: lets compressed members reach the disk and bounds memory. */
  pause(): Promise<void>;
}

/**
 * Opens `target` for replacement, lets `fill` write the document, and commits only if it returns normally:
 * on any error the temp file is removed and the old file is untouched.
 */
export async function withMetricsOutput(
  target: string,
  format: WriteFormat,
  fill: (out: OutputStream) => Promise<void>,
  options?: CompressOptions,
): Promise<void> {
  const file = await AtomicFile.create(target);
  try {
    await withMetricsSink(file, format, fill, options);
    await file.commit();
  } catch (err) {
    await file.abort();
    throw err;
  }
}

/** Like withMetricsOutput, into any sink (stdout for `-o -`); the sink is not closed. */
export async function withMetricsSink(
  sink: ByteSink,
  format: WriteFormat,
  fill: (out: OutputStream) => Promise<void>,
  options?: CompressOptions,
): Promise<void> {
  const compressor = new MemberCompressor(sink, options);
  try {
    const cutter = new JobCutter(format, (job) => compressor.submit(job));
    const writer = new MetricsWriter(cutter, format);
    const pause = (): Promise<void> => (compressor.congested ? compressor.drain() : Promise.resolve());
    await fill({ writer, pause });
    writer.end();
    cutter.flush();
    await compressor.end();
  } finally {
    await compressor.close();
  }
}

/** A dry run: the document is built point by point (so every check runs) and dropped, neither formatted nor compressed. */
export async function withoutOutput(
  format: WriteFormat,
  fill: (out: OutputStream) => Promise<void>,
): Promise<void> {
  const writer = new MetricsWriter(
    {
      add: (segment) =>
        segment.type === 'points' ? recycleRunArrays(segment.times, segment.values) : undefined,
    },
    format,
  );
  await fill({ writer, pause: () => Promise.resolve() });
  writer.end();
}

/** Bytes to a stream such as stdout, waiting for each write so that memory stays bounded. */
export function streamSink(stream: NodeJS.WritableStream, onError?: (err: Error) => void): ByteSink {
  let failed: Error | undefined;
  // Without a listener a closed pipe would crash the process; the next write reports it instead.
  stream.on('error', (err: Error) => {
    failed = err;
    onError?.(err);
  });
  return {
    write: (chunk) =>
      new Promise<void>((resolve, reject) => {
        if (failed) return reject(failed);
        stream.write(chunk, (err) => (err ? reject(err) : resolve()));
      }),
  };
}

export async function writeMetricsFile(
  target: string,
  data: MetricsData,
  format: WriteFormat,
  options?: CompressOptions,
): Promise<void> {
  await withMetricsOutput(target, format, async ({ writer }) => writeData(writer, data), options);
}
