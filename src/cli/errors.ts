/** Turning errors into one line on stderr and an exit code: 2 bad input, 1 refused or failed. */
import { DesignError } from '../design/errors';
import { ExprError } from '../expr';
import { GenerateError, OverwriteDeclined } from '../generate/errors';
import { MetricsFileError } from '../metrics/errors';
import { DistributionError } from '../random/distributions';
import { SimulationInputError } from '../simulator/errors';
import { BackfillDeclined } from '../backfill/errors';
import { SignalFxError, SignalFxJobError } from '../sources/signalfx/errors';
import { SourceOptionError } from '../sources/errors';
import { PrometheusError } from '../sources/prometheus/errors';
import { DatastoreDeclined, DatastoreError, DatastoreKeyError } from '../datastore/errors';
import { BaseUrlError } from '../util/url';
import { SignalFlowProtocolError } from '../sources/signalfx/messages';
import { ProgramError } from '../sources/signalfx/program';
import { TimeError } from '../time';

/** Bad flags or input found by a command itself. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const INPUT_ERRORS = [
  UsageError,
  DesignError,
  MetricsFileError,
  GenerateError,
  TimeError,
  ExprError,
  DistributionError,
  SimulationInputError,
  SourceOptionError,
  ProgramError,
  BaseUrlError,
  DatastoreKeyError,
];

/** Failures outside the user's input that need no stack to understand: exit 1, no --debug hint. */
const KNOWN_FAILURES = [
  OverwriteDeclined,
  BackfillDeclined,
  SignalFxError,
  SignalFxJobError,
  SignalFlowProtocolError,
  PrometheusError,
  DatastoreError,
  DatastoreDeclined,
];

export function exitCodeOf(err: unknown): number {
  if (KNOWN_FAILURES.some((cls) => err instanceof cls)) return 1;
  return INPUT_ERRORS.some((cls) => err instanceof cls) ? 2 : 1;
}

/** The one line a user sees; unexpected errors say how to see more. */
export function describeError(err: unknown, debug: boolean): string {
  const known = exitCodeOf(err) === 2 || KNOWN_FAILURES.some((cls) => err instanceof cls);
  const message = err instanceof Error ? err.message : String(err);
  const oneLine = message.replace(/\s*\n\s*/g, ' ').trim();
  if (debug && err instanceof Error && err.stack) return err.stack;
  return known ? `Error: ${oneLine}` : `Error: ${oneLine} (run with --debug for details)`;
}
