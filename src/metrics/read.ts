/** Reads a metrics file from disk: gzip (one or several members) or plain JSON, any of the three formats. */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { describeIoError } from '../util/io';
import { MetricsFileError } from './errors';
import { type ParsedMetrics, parseMetricsJson } from './parse';

const gunzipAsync = promisify(gunzip);

export async function readMetricsFile(file: string): Promise<ParsedMetrics> {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (err) {
    throw new MetricsFileError(file, describeIoError(err));
  }
  return parseMetricsBuffer(raw, file);
}

/** Like readMetricsFile, but a missing file is `undefined` (any other problem is still an error). */
export async function readMetricsFileIfExists(file: string): Promise<ParsedMetrics | undefined> {
  try {
    return await readMetricsFile(file);
  } catch (err) {
    if (err instanceof MetricsFileError && err.detail === 'no such file') return undefined;
    throw err;
  }
}

export async function parseMetricsBuffer(raw: Buffer, file: string): Promise<ParsedMetrics> {
  return parseMetricsJson(await decodeMetricsBuffer(raw, file), file);
}

/** The file's JSON document, un-gzipped and parsed but not yet checked (validate metrics checks it itself). */
export async function decodeMetricsBuffer(raw: Buffer, file: string): Promise<unknown> {
  let text: string;
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      text = (await gunzipAsync(raw)).toString('utf8');
    } catch (err) {
      throw new MetricsFileError(file, `corrupt gzip data (${(err as Error).message})`);
    }
  } else if (raw.subarray(0, 64).toString('utf8').trimStart().startsWith('{')) {
    text = raw.toString('utf8');
  } else {
    throw new MetricsFileError(file, 'not a metrics file (neither gzip nor JSON)');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new MetricsFileError(file, `not valid JSON (${(err as Error).message})`);
  }
}
