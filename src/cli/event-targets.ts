/**
 * generate-events' targets: which one the flags and the config choose (-o, then --target FILE, then the
 * config's `target`, then stdout), checked before anything is written, and the record sink that writes it.
 * Files are written under a temp name and renamed into place when finished (a bounded run's end, or the
 * end of a rotation period), except an endless run's single file, written in place so that it can be followed.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Cursor } from '../events/config/cursor';
import { readConfigFile } from '../events/config/read';
import { EventTargetRefused } from '../events/errors';
import type { EventConfig, HttpTargetSpec, TargetSpec } from '../events/model';
import { openFileSink } from '../records/sinks/file';
import { stdoutSink } from '../records/sinks/stdout';
import type { LineSink, Rotation } from '../records/sinks/types';
import { UsageError } from './errors';
import { checkOutputPath, fileInFolder } from './output-paths';
import { retryOptions } from './retries';

export type EventTarget =
  | { readonly type: 'stdout' }
  | { readonly type: 'file'; readonly path: string; readonly rotation: Rotation }
  | {
      readonly type: 'http';
      readonly spec: HttpTargetSpec;
      /** Values the config took from the environment: never printed. */
      readonly secrets: readonly string[];
    };

export interface TargetFlags {
  readonly config: string;
  readonly target?: string;
  readonly output?: string;
  readonly format: string;
}

/** -o wins, then --target FILE, then the config's `target`, then stdout. */
export async function chooseTarget(flags: TargetFlags, config: EventConfig): Promise<EventTarget> {
  let spec: TargetSpec | undefined = config.target;
  let from = `${config.file}: target`;
  let specFile = config.file;
  if (flags.target !== undefined) {
    const { parseTargetSpec } = await import('../events/config/target');
    spec = parseTargetSpec(new Cursor(flags.target, '', await readConfigFile(flags.target, process.env)));
    from = `--target ${flags.target}`;
    specFile = flags.target;
  }
  if (flags.output !== undefined && flags.output !== '-') {
    await checkOutputPath('--output', flags.output, fileInFolder(flags.output, 'events.jsonl'));
    return { type: 'file', path: flags.output, rotation: { kind: 'none' } };
  }
  const chosen = spec;
  if (flags.output === '-' || chosen === undefined || chosen.type === 'stdout') return { type: 'stdout' };
  return checkedTarget(chosen, from, specFile, flags);
}

async function checkedTarget(
  spec: Exclude<TargetSpec, { type: 'stdout' }>,
  from: string,
  specFile: string,
  flags: TargetFlags,
): Promise<EventTarget> {
  if (spec.type !== 'file' && spec.type !== 'http')
    throw new EventTargetRefused(
      `${from}: ${spec.type} targets are not supported (no broker to test against); pipe stdout to Kafka instead: clusterman generate-events -c ${flags.config} ... | kcat -P -b ${spec.servers} -t ${spec.topic ?? 'TOPIC'}`,
    );
  if (flags.format === 'parquet' && spec.type === 'http')
    throw new UsageError(`${from}: --format parquet is written to a file, not sent over http`);
  if (spec.type === 'http')
    return { type: 'http', spec, secrets: envSecrets(await readFile(specFile, 'utf8'), process.env) };
  if (flags.format === 'parquet' && spec.rotation.kind !== 'none')
    throw new UsageError(`${from}.rotation: a Parquet file is written whole at the end; it cannot rotate`);
  const path = resolve(spec.path);
  await checkOutputPath(from, path, fileInFolder(path, 'events.jsonl'));
  return { type: 'file', path, rotation: spec.rotation };
}

/** How messages name a target. */
export function targetName(target: EventTarget): string {
  if (target.type === 'file') return target.path;
  if (target.type === 'stdout') return 'stdout';
  let name: string;
  try {
    const url = new URL(target.spec.url);
    url.username = '';
    url.password = '';
    url.search = '';
    name = url.href;
  } catch {
    name = 'the http target';
  }
  for (const secret of target.secrets) if (secret !== '') name = name.split(secret).join('***');
  return name;
}

/**
 * The sink of a text format. `header` (a CSV header) begins every file, and stdout and http once.
 * `bounded`: the run has an end (-n, -r), so a file is complete only when it ends.
 */
export async function openTargetSink(
  target: EventTarget,
  options: { bounded: boolean; header: string | undefined; quiet: boolean; startMs: number },
): Promise<LineSink> {
  const header = options.header === undefined ? undefined : `${options.header}\n`;
  if (target.type === 'file') {
    const inPlace = !options.bounded && target.rotation.kind === 'none';
    const sink = openFileSink({
      path: target.path,
      rotation: target.rotation,
      mode: inPlace ? 'truncate' : 'replace',
      ...(header !== undefined && { header }),
    });
    // An unrotated file exists from the start, as it always did: a run with no records leaves its header.
    if (target.rotation.kind === 'none') sink.write('', options.startMs);
    return sink;
  }
  // The http sink brings axios: loaded only when it is used (start-up is a tenth of a short run).
  const sink =
    target.type === 'stdout'
      ? stdoutSink()
      : (await import('../records/sinks/http')).httpSink({
          url: target.spec.url,
          headers: target.spec.headers,
          body: target.spec.body,
          ...(target.spec.batchLines !== undefined && { batchLines: target.spec.batchLines }),
          ...(target.spec.batchBytes !== undefined && { batchBytes: target.spec.batchBytes }),
          ...(target.spec.retries !== undefined && { maxRetries: target.spec.retries }),
          ...(target.spec.timeoutMs !== undefined && { timeoutMs: target.spec.timeoutMs }),
          secrets: target.secrets,
          retry: retryOptions(options.quiet, (t) => process.stderr.write(t)),
        });
  if (header !== undefined) sink.write(header, options.startMs)?.catch(() => undefined);
  return sink;
}

/**
 * The values of the `%NAME%` environment variables a config file names: they may be keys and passwords, so
 * the http sink blanks them from every message. Base URLs without credentials are left readable.
 */
export function envSecrets(text: string, env: NodeJS.ProcessEnv): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/%([A-Za-z_][A-Za-z0-9_]+)%/g)) {
    const value = env[m[1] as string];
    // A base URL is an address, not a secret (credentials in it are blanked by the sink anyway).
    if (value !== undefined && value.length >= 3 && !/^https?:\/\/[^@]*$/i.test(value)) out.add(value);
  }
  return [...out];
}
