/** A metrics file written as gzip members on every core, replaced atomically. */
import { AtomicFile } from './atomic';
import { JobCutter } from './encode/job';
import { type CompressOptions, MemberCompressor } from './encode/pool';
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
  const compressor = new MemberCompressor(file, options);
  try {
    const cutter = new JobCutter(format, (job) => compressor.submit(job));
    const writer = new MetricsWriter(cutter, format);
    const pause = (): Promise<void> => (compressor.congested ? compressor.drain() : Promise.resolve());
    await fill({ writer, pause });
    writer.end();
    cutter.flush();
    await compressor.end();
    await file.commit();
  } catch (err) {
    await file.abort();
    throw err;
  } finally {
    await compressor.close();
  }
}

export async function writeMetricsFile(
  target: string,
  data: MetricsData,
  format: WriteFormat,
  options?: CompressOptions,
): Promise<void> {
  await withMetricsOutput(target, format, async ({ writer }) => writeData(writer, data), options);
}
