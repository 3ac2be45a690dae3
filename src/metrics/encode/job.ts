/**
 * The unit of compression. The writer turns a document into segments: structural and dict text as strings,
 * and numeric points as runs of raw doubles, so the thread that draws them never formats a number. Segments
 * are grouped into jobs of about JOB_BYTES of text; each job becomes one gzip member. Cuts depend only on the
 * content, so the same document always gives the same bytes, whichever thread compresses it.
 */
import type { ValueKind, WriteFormat } from '../model';

export interface TextSegment {
  readonly type: 'text';
  readonly text: string;
}

/** Consecutive numeric points of one series. */
export interface PointRun {
  readonly type: 'points';
  readonly times: Float64Array;
  readonly values: Float64Array;
  readonly count: number;
  readonly kind: ValueKind;
  /** True when points of the same series precede this run, so its first point needs a separator. */
  readonly continues: boolean;
}

export type Segment = TextSegment | PointRun;

export interface Job {
  readonly format: WriteFormat;
  readonly segments: readonly Segment[];
}

export interface SegmentSink {
  add(segment: Segment): void;
}

/** Uncompressed bytes per gzip member: big enough that restarting the dictionary costs little (~0.1%). */
export const JOB_BYTES = 1 << 20;

/** A fixed guess of a point's text length, used only to decide where jobs end (never to size buffers). */
const POINT_ESTIMATE: Record<WriteFormat, number> = { json: 32, jsonpickle: 96 };

/** Groups segments into jobs and hands each one on as soon as it is full. */
export class JobCutter implements SegmentSink {
  private segments: Segment[] = [];
  private size = 0;

  constructor(
    private readonly format: WriteFormat,
    private readonly submit: (job: Job) => void,
    private readonly jobBytes = JOB_BYTES,
  ) {}

  add(segment: Segment): void {
    this.segments.push(segment);
    this.size += segment.type === 'text' ? segment.text.length : segment.count * POINT_ESTIMATE[this.format];
    if (this.size >= this.jobBytes) this.flush();
  }

  flush(): void {
    if (this.segments.length === 0) return;
    this.submit({ format: this.format, segments: this.segments });
    this.segments = [];
    this.size = 0;
  }
}

/** The arrays of a job's point runs (each run owns two). */
export function runArrays(job: Job): Float64Array[] {
  return job.segments.filter((s): s is PointRun => s.type === 'points').flatMap((s) => [s.times, s.values]);
}
