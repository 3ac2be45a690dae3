/** Reads a metrics file from disk: gzip (one or several members) or plain JSON, any of the three formats. */
import { readFile } from 'node:fs/promises';
import { describeIoError } from '../util/io';
import { MetricsFileError } from './errors';
import { gunzipWhole } from './gunzip';
import { type ParsedMetrics, parseMetricsJson, parseMetricsLevels, type TypeBody } from './parse';
import { JsonScanError, objectMembers, opensObject, skipSpace } from './scan';

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
  return parseMetricsBytes(await metricsBytes(raw, file), file);
}

/** The metrics in a file's JSON text (see metricsBytes). */
export function parseMetricsBytes(bytes: Buffer, file: string): ParsedMetrics {
  try {
    return parseByParts(bytes, file);
  } catch (err) {
    if (!(err instanceof JsonScanError || err instanceof SyntaxError)) throw err;
  }
  // Malformed: parsed whole, for JSON.parse's own words about where.
  return parseMetricsJson(parseWhole(bytes, file), file);
}

/** The file's JSON document, un-gzipped and parsed but not yet checked (validate metrics checks it itself). */
export async function decodeMetricsBuffer(raw: Buffer, file: string): Promise<unknown> {
  return parseWhole(await metricsBytes(raw, file), file);
}

/** The file's JSON text as bytes: un-gzipped when it is gzip, refused when it is neither gzip nor JSON. */
export async function metricsBytes(raw: Buffer, file: string): Promise<Buffer> {
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return await gunzipWhole(raw);
    } catch (err) {
      throw new MetricsFileError(file, `corrupt gzip data (${(err as Error).message})`);
    }
  }
  if (raw.subarray(0, 64).toString('utf8').trimStart().startsWith('{')) return raw;
  throw new MetricsFileError(file, 'not a metrics file (neither gzip nor JSON)');
}

function parseWhole(bytes: Buffer, file: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch (err) {
    throw new MetricsFileError(file, `not valid JSON (${(err as Error).message})`);
  }
}

/** The document a series at a time: its bytes are scanned for the outer two levels, each series parsed alone. */
function parseByParts(bytes: Buffer, file: string): ParsedMetrics {
  const top = objectMembers(bytes, 0);
  if (skipSpace(bytes, top.end) !== bytes.length) throw new JsonScanError('data after the document');
  const types = top.members.map(({ key, start }): [string, TypeBody] => [
    key,
    opensObject(bytes, start)
      ? objectMembers(bytes, start).members.map(
          (m) => [m.key, () => JSON.parse(bytes.toString('utf8', m.start, m.end)) as unknown] as const,
        )
      : undefined,
  ]);
  return parseMetricsLevels(types, file);
}
