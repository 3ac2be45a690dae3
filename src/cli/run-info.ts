/** The run block of a report: what simulate ran on, with which settings, by which command and version. */
import type { RunInfo } from '../simulator/result';
import { redactUrl } from '../util/url';

/** How the command was started: oclif's version and the arguments after the command name. */
export interface Invocation {
  readonly bin: string;
  readonly version: string;
  readonly argv: readonly string[];
}

/** Plain words stay as they are; anything a shell would split or expand is single-quoted. */
const shellWord = (arg: string): string =>
  /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;

/** Credentials in a URL argument (`http://user:pass@host`) never reach the page. */
const hideSecrets = (arg: string): string => (/^[a-z][\w+.-]*:\/\/[^/]*@/i.test(arg) ? redactUrl(arg) : arg);

export function commandLine(invocation: Invocation): string {
  return [invocation.bin, 'simulate', ...invocation.argv.map(hideSecrets)].map(shellWord).join(' ');
}

export interface RunSettings {
  readonly cluster: string;
  readonly pool: string;
  readonly scheduler: string;
  readonly files: readonly string[];
  readonly datastore: string | undefined;
  readonly billingPeriod: string;
  readonly cpusPerWeight: number;
  readonly clustermanWindow: boolean;
  readonly autoscaler: { readonly config: string; readonly policy: string | undefined } | undefined;
  readonly seed: bigint;
  readonly startedMs: number;
}

export function runInfo(settings: RunSettings, invocation: Invocation): RunInfo {
  const { autoscaler } = settings;
  return {
    cluster: settings.cluster,
    pool: settings.pool,
    scheduler: settings.scheduler,
    inputs: [...settings.files, ...(settings.datastore === undefined ? [] : [redactUrl(settings.datastore)])],
    billingPeriod: settings.billingPeriod,
    cpusPerWeight: settings.cpusPerWeight,
    clustermanWindow: settings.clustermanWindow,
    ...(autoscaler && {
      autoscaler: { config: autoscaler.config, policy: autoscaler.policy ?? 'built-in setpoint policy' },
    }),
    seed: settings.seed.toString(),
    commandLine: commandLine(invocation),
    version: invocation.version,
    ranAt: new Date(settings.startedMs).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}
