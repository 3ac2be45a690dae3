/** A metrics file written as gzip members on every core, replaced atomically. */
import { AtomicFile } from './atomic';
import { ParallelGzip, type ParallelGzipOptions } from './gzip';
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
  gzipOptions?: ParallelGzipOptions,
): Promise<void> {
  const file = await AtomicFile.create(target);
  try {
    const gz = new ParallelGzip(file, gzipOptions);
    const writer = new MetricsWriter(gz, format);
    await fill({ writer, pause: () => (gz.congested ? gz.drain() : Promise.resolve()) });
    writer.end();
    await gz.end();
    await file.commit();
  } catch (err) {
    await file.abort();
    throw err;
  }
}

export async function writeMetricsFile(
  target: string,
  data: MetricsData,
  format: WriteFormat,
): Promise<void> {
  await withMetricsOutput(target, format, async ({ writer }) => writeData(writer, data));
}
