/**
 * The check framework: each check has a name and passes, fails (keeping its first offending rows) or is
 * skipped (with why). A Report collects them in the order they were declared, so output is stable.
 */

/** One offending row (or file): where it is and what is wrong, with the row's values for context. */
export interface Offender {
  readonly file: string;
  /** 1-based line (CSV) or row (Parquet); undefined when the offence is about a whole file. */
  readonly line?: number;
  readonly message: string;
  readonly values?: Readonly<Record<string, string>>;
}

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  readonly name: string;
  readonly description: string;
  readonly status: CheckStatus;
  /** How many offences in all (only the first few are kept). */
  readonly failures: number;
  readonly offenders: readonly Offender[];
  /** Why a check was skipped. */
  readonly reason?: string;
}

/** Offending rows kept per check: enough to see the pattern, few enough to read. */
export const KEPT_OFFENDERS = 5;

export class Check {
  private failuresSeen = 0;
  private readonly kept: Offender[] = [];
  private skipReason: string | undefined;

  constructor(
    readonly name: string,
    readonly description: string,
  ) {}

  fail(offender: Offender): void {
    this.failuresSeen++;
    if (this.kept.length < KEPT_OFFENDERS) this.kept.push(offender);
  }

  /** Whether another offender would still be kept: callers skip building values nobody will see. */
  get wantsDetail(): boolean {
    return this.kept.length < KEPT_OFFENDERS;
  }

  /** Counts an offence whose details are not kept (cheaper than fail() on a hot path). */
  count(): void {
    this.failuresSeen++;
  }

  skip(reason: string): void {
    this.skipReason ??= reason;
  }

  get failed(): boolean {
    return this.failuresSeen > 0;
  }

  result(): CheckResult {
    const status: CheckStatus =
      this.failuresSeen > 0 ? 'failed' : this.skipReason !== undefined ? 'skipped' : 'passed';
    return {
      name: this.name,
      description: this.description,
      status,
      failures: this.failuresSeen,
      offenders: [...this.kept],
      ...(status === 'skipped' ? { reason: this.skipReason } : {}),
    };
  }
}

export interface Report {
  /** What was validated, e.g. `telemetry in data/`. */
  readonly subject: string;
  readonly checks: readonly CheckResult[];
  /** Rows read, for the summary line and rows/s. */
  readonly rows: number;
  readonly seconds: number;
}

export const passed = (report: Report): boolean => report.checks.every((c) => c.status !== 'failed');
