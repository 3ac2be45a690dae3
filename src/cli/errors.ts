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
import { RecordFormatError } from '../records/formats/errors';
import { DatastoreDeclined, DatastoreError, DatastoreKeyError } from '../datastore/errors';
import { BaseUrlError } from '../util/url';
import { SignalFlowProtocolError } from '../sources/signalfx/messages';
import { ProgramError } from '../sources/signalfx/program';
import { TimeError } from '../time';
import { TelemetryDeclined, TelemetryError } from '../telemetry/errors';
import { EventConfigError, EventRunError, EventTargetRefused } from '../events/errors';
import { ioWords } from '../util/io';
import { ConfigError, UsersInputError, UsersRefused } from '../users/errors';
import { StoreSchemaError, StoreUnavailable, StoreUrlError } from '../store/errors';
import { SinkError } from '../records/sinks/errors';
import { networkWords } from '../util/network-words';

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
  TelemetryError,
  ConfigError,
  UsersInputError,
  StoreUrlError,
  StoreSchemaError,
  EventConfigError,
  EventRunError,
  RecordFormatError,
];

/** The user (or a missing --yes) said no: nothing was changed. */
const REFUSALS = [
  OverwriteDeclined,
  BackfillDeclined,
  DatastoreDeclined,
  TelemetryDeclined,
  UsersRefused,
  EventTargetRefused,
];

/** Failures outside the user's input that need no stack to understand: exit 1, no --debug hint. */
const KNOWN_FAILURES = [
  SignalFxError,
  SignalFxJobError,
  SignalFlowProtocolError,
  PrometheusError,
  DatastoreError,
  StoreUnavailable,
  SinkError,
];

/** What went wrong, for scripts: bad input (exit 2), a refusal, or a failure (both exit 1). */
export type ErrorKind = 'input' | 'refused' | 'failed';

export function kindOf(err: unknown): ErrorKind {
  if (REFUSALS.some((cls) => err instanceof cls)) return 'refused';
  if (KNOWN_FAILURES.some((cls) => err instanceof cls)) return 'failed';
  if (INPUT_ERRORS.some((cls) => err instanceof cls)) return 'input';
  return 'failed';
}

export function exitCodeOf(err: unknown): number {
  return kindOf(err) === 'input' ? 2 : 1;
}

/** Errors we wrote ourselves (or a file-system error we can word): no need to point at --debug. */
function isKnown(err: unknown): boolean {
  return kindOf(err) !== 'failed' || KNOWN_FAILURES.some((cls) => err instanceof cls) || isSystemError(err);
}

/** The one line a user sees; unexpected errors say how to see more. */
export function describeError(err: unknown, debug: boolean): string {
  if (debug && err instanceof Error && err.stack) return err.stack;
  const line = errorMessage(err);
  return isKnown(err) ? `Error: ${line}` : `Error: ${line} (run with --debug for details)`;
}

/** The message on one line, with raw error codes put into words and temp files named by their target. */
export function errorMessage(err: unknown): string {
  const message = isSystemError(err)
    ? systemErrorText(err)
    : err instanceof Error
      ? err.message
      : String(err);
  const line = message.replace(/\s*\n\s*/g, ' ').trim();
  return wordNetworkCodes(wordSystemCodes(hideTempNames(line))).replace(/HTTP (\d{3}):? \1\b/g, 'HTTP $1');
}

/** `{"error": {...}}`, what --json prints on stdout instead of a summary. */
export function errorJson(err: unknown, message = errorMessage(err)) {
  const kind = kindOf(err);
  return { error: { message, exit: kind === 'input' ? 2 : 1, kind } };
}

type SystemError = NodeJS.ErrnoException & { code: string };

function isSystemError(err: unknown): err is SystemError {
  return err instanceof Error && ioWords((err as NodeJS.ErrnoException).code) !== undefined;
}

function systemErrorText(err: SystemError): string {
  const words = ioWords(err.code) as string;
  return err.path === undefined ? words : `${err.path}: ${words}`;
}

/** `ENOENT: no such file or directory, open 'x'` inside a longer message -> `x: no such file`. */
function wordSystemCodes(message: string): string {
  return message.replace(
    /\b(E[A-Z]+): [^,]*, [a-z]+ '([^']*)'(?: -> '[^']*')?/g,
    (whole, code: string, path: string) => {
      const words = ioWords(code);
      return words === undefined ? whole : `${path}: ${words}`;
    },
  );
}

function wordNetworkCodes(message: string): string {
  return message.replace(/\b(E[A-Z_]+)\b/g, (code: string) => networkWords(code));
}

/** AtomicFile's `.name.<pid>.<hex>.tmp` is an implementation detail: name the file it stands for. */
function hideTempNames(message: string): string {
  return message.replace(/(^|[\s'"(/])\.([^\s'"/]+)\.\d+\.[0-9a-f]+\.tmp\b/g, '$1$2');
}
