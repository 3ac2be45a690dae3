/**
 * The records a population writes, and their lines: csv with the reference's columns (props and data as
 * JSON, ISO UTC times with microseconds) or ndjson. Every record has a stable id (`event_id`) that is the
 * same in every run of a seed, so a receiver can drop repeats after a resumed http run.
 */
import type { SharedProps } from './shared-props';

/** A log event. Times are whole microseconds since the epoch (UTC). */
export interface LogRecord {
  readonly ts: number;
  readonly type: string;
  readonly block: string;
  /** JSON text */
  readonly props: string;
  readonly ol: boolean;
  readonly id: string;
  /** user number: u_id/d_id come from the user */
  readonly user: number;
  readonly up: number;
  readonly dn: number;
  /** `props` when many records share it, with its csv bytes (csv-bytes.ts copies them) */
  readonly shared?: SharedProps | undefined;
}

export interface CatalogRecord {
  readonly ts: number;
  readonly subject: string;
  /** JSON text */
  readonly data: string;
  readonly id: string;
  /** `data` when many rows share it, with its csv bytes */
  readonly shared?: SharedProps | undefined;
}

export const LOG_HEADER = 'u_id,d_id,os,ol,ts,type,ip,up,dn,block,props';
export const CATALOG_HEADER = 'ts,subject_type,data';

let cachedSecond = -1;
let cachedPrefix = '';

/** `2020-01-01T00:00:00.000000Z` from microseconds; the second's text is cached (records come in time order). */
export function isoMicros(us: number): string {
  const second = Math.floor(us / 1e6);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedPrefix = new Date(second * 1000).toISOString().slice(0, 19);
  }
  const frac = us - second * 1e6;
  return `${cachedPrefix}.${String(frac).padStart(6, '0')}Z`;
}

/** Python csv's QUOTE_MINIMAL: quoted when it holds a comma, quote or line break; quotes doubled. */
export function csvField(text: string): string {
  const plain =
    text.indexOf('"') < 0 && text.indexOf(',') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0;
  return plain ? text : `"${text.replaceAll('"', '""')}"`;
}

export function logCsv(r: LogRecord, uid: string, did: string): string {
  return `${uid},${did},android,${r.ol ? 'True' : 'False'},${isoMicros(r.ts)},${r.type},0.0.0.0,${r.up},${r.dn},${r.block},${csvField(r.props)}\r\n`;
}

export function logJson(r: LogRecord, uid: string, did: string): string {
  return `{"event_id":"${r.id}","u_id":"${uid}","d_id":"${did}","os":"android","ol":${r.ol},"ts":"${isoMicros(r.ts)}","type":"${r.type}","ip":"0.0.0.0","up":${r.up},"dn":${r.dn},"block":"${r.block}","props":${r.props}}\n`;
}

export function catalogCsv(r: CatalogRecord): string {
  return `${isoMicros(r.ts)},${r.subject},${csvField(r.data)}\r\n`;
}

export function catalogJson(r: CatalogRecord): string {
  return `{"event_id":"${r.id}","ts":"${isoMicros(r.ts)}","subject_type":"${r.subject}","data":${r.data}}\n`;
}
