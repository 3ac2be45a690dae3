/** generate-events' flags -> config + simulation + format + output -> what the user sees. */
import { resolve } from 'node:path';
import { runPaced, systemClock, type WallClock } from '../engine';
import { loadEventConfig } from '../events/config/load';
import { EventTargetRefused } from '../events/errors';
import type { EventConfig, TargetSpec } from '../events/model';
import { loadSchedule } from '../events/schedule';
import { EventSimulation, type Shard } from '../events/simulation';
import {
  atomicFileTarget,
  LineBuffer,
  stdoutTarget,
  streamingFileTarget,
  type TextTarget,
} from '../records/line-output';
import { NdjsonBytes } from '../records/formats/ndjson-bytes';
import { Cursor } from '../events/config/cursor';
import { readConfigFile } from '../events/config/read';
import { UsageError } from './errors';
import { checkRecordFlags, planRecordOutput } from './event-output';
import { parseRunDuration, parseShard, parseStart } from './event-flags';
import { parseSeed } from './seed';
import { checkOutputPath, fileInFolder } from './output-paths';
import { progressBar } from './progress';

export interface GenerateEventsFlags {
  readonly config: string;
  readonly start?: string;
  readonly records?: number;
  readonly duration?: string;
  readonly 'max-workers': number;
  readonly seed?: string;
  readonly pattern?: string;
  readonly template?: string;
  readonly target?: string;
  readonly output?: string;
  readonly format: string;
  readonly shard?: string;
  readonly schedule?: string;
  readonly validate: boolean;
  readonly quiet: boolean;
  readonly metrics?: string;
}

export interface GenerateEventsResult {
  readonly records: number;
  readonly rendered: number;
  readonly peakWorkers: number;
}

/** The wall clock and the slices of a fast run: injectable so that tests can drive time. */
export interface EventsIo {
  readonly clock: WallClock;
  readonly stderr: (text: string) => void;
}

const processIo = (): EventsIo => ({ clock: systemClock, stderr: (t) => process.stderr.write(t) });

/** How long a fast run computes before it lets timers and signals in (and draws progress). */
const SLICE_MS = 50;
const STEP = 512;

export async function runGenerateEvents(
  flags: GenerateEventsFlags,
  io: EventsIo = processIo(),
): Promise<GenerateEventsResult> {
  const nowMs = io.clock.nowMs();
  if (flags.records !== undefined && flags.duration !== undefined)
    throw new UsageError('-n/--records and -r/--duration cannot be used together: give one limit');
  if (flags.records !== undefined && flags.records < 1)
    throw new UsageError(`-n/--records must be at least 1 (got ${flags.records})`);
  checkRecordFlags(flags);
  const seed = parseSeed(flags.seed, nowMs);
  const shard: Shard | undefined = flags.shard === undefined ? undefined : parseShard(flags.shard);
  const duration = flags.duration === undefined ? undefined : parseRunDuration(flags.duration);
  const start =
    flags.start === undefined ? { seconds: nowMs / 1000, offsetMinutes: 0 } : parseStart(flags.start, nowMs);
  const live = flags.start === undefined;

  const config = await loadEventConfig(flags.config);
  const say = (line: string): void => {
    if (!flags.quiet) io.stderr(`${line}\n`);
  };
  for (const w of config.warnings) say(`Warning: ${w}`);
  const target = await chooseTarget(flags, config);
  const schedule =
    flags.schedule === undefined ? undefined : await loadSchedule(flags.schedule, start.offsetMinutes);
  const end = duration === undefined ? undefined : start.seconds + duration;
  const bounded = flags.records !== undefined || end !== undefined;
  if (flags.validate) {
    // Compiling draws the cardinality pools: an unreachable pool is found here too.
    const checked = new EventSimulation({
      config,
      seed,
      start: start.seconds,
      offsetMinutes: start.offsetMinutes,
      maxWorkers: flags['max-workers'],
      records: 0,
    });
    await planRecordOutput(flags, config, checked.schemas, target, bounded);
    io.stderr(
      `${flags.config}: valid v${config.version} config: ${config.emitters.length} emitter(s), ${config.states.length} state(s)\n`,
    );
    return { records: 0, rendered: 0, peakWorkers: 0 };
  }

  const sim = new EventSimulation({
    config,
    seed,
    start: start.seconds,
    offsetMinutes: start.offsetMinutes,
    maxWorkers: flags['max-workers'],
    records: flags.records,
    end,
    shard,
    schedule,
  });
  const plan = await planRecordOutput(flags, config, sim.schemas, target, bounded);
  for (const w of plan.warnings) say(`Warning: ${w}`);
  const { format, output } = await plan.open(() => openTarget(target, bounded));
  const aggregator = plan.aggregator;
  // evspeed: plain JSON lines without --metrics go from the values straight to bytes (no record objects).
  const bytes = isPlainJson(flags) && !aggregator ? new NdjsonBytes(sim.schemas, output) : undefined;
  const lines = bytes ?? new LineBuffer(output);
  if (bytes) sim.onValues = (values, emitter) => bytes.write(values, emitter);
  sim.onRecord = aggregator
    ? (record, emitter) => {
        lines.push(format.line(record, emitter));
        aggregator.add(record, emitter);
      }
    : (record, emitter) => lines.push(format.line(record, emitter));
  const header = format.header();
  if (header !== undefined) lines.push(header);
  say(`Random seed: ${seed}`);

  const progress = progressBar(!flags.quiet, process.stderr, flags.records !== undefined ? 'records' : 's');
  const report = (now: number): void => {
    if (flags.records !== undefined) progress.update(sim.records, flags.records);
    else if (end !== undefined) progress.update(Math.floor(now - start.seconds), Math.ceil(duration ?? 0));
  };
  const began = performance.now();
  let ok = false;
  try {
    if (live || !bounded) {
      // Live, or catch up from a past start and go on live: the engine's wall-clock pacing.
      await runPaced(sim.env, io.clock, {
        onBatch: async (now) => {
          await lines.flush();
          if (lines.closed) sim.env.stop();
          report(now);
        },
      });
    } else {
      let sliceStart = performance.now();
      while (sim.env.step(STEP)) {
        if (lines.full) await lines.flush();
        if (lines.closed) break;
        if (performance.now() - sliceStart >= SLICE_MS) {
          report(sim.env.now);
          await new Promise<void>((r) => setImmediate(r));
          sliceStart = performance.now();
        }
      }
    }
    await lines.flush();
    ok = true;
  } finally {
    progress.stop();
    await output.close(ok);
  }
  const metrics = await plan.writeMetrics();
  const seconds = (performance.now() - began) / 1000;
  if (!lines.closed) {
    const shardText = shard ? ` (shard ${shard.index + 1}/${shard.count} of ${sim.records})` : '';
    const where = target.type === 'file' ? target.path : 'stdout';
    say(
      `Wrote ${sim.rendered} records${shardText} to ${where} in ${seconds.toFixed(2)} s (${Math.round(sim.rendered / Math.max(seconds, 1e-3))} records/s); ${sim.spawned} workers, at most ${sim.peakLive} at once`,
    );
  }
  if (metrics && flags.metrics !== undefined)
    say(`Wrote ${metrics.series} metric series (${metrics.points} points) to ${flags.metrics}`);
  return { records: sim.records, rendered: sim.rendered, peakWorkers: sim.peakLive };
}

/** evspeed: JSON lines, neither a pattern nor a template: NdjsonBytes can write them. */
const isPlainJson = (flags: GenerateEventsFlags): boolean =>
  flags.format === 'json' && flags.pattern === undefined && flags.template === undefined;

type Target = { type: 'stdout' } | { type: 'file'; path: string };

/** -o wins, then --target FILE, then the config's `target`, then stdout. */
async function chooseTarget(flags: GenerateEventsFlags, config: EventConfig): Promise<Target> {
  let spec: TargetSpec | undefined = config.target;
  let from = `${config.file}: target`;
  if (flags.target !== undefined) {
    const { parseTargetSpec } = await import('../events/config/target');
    spec = parseTargetSpec(new Cursor(flags.target, '', await readConfigFile(flags.target, process.env)));
    from = `--target ${flags.target}`;
  }
  if (flags.output !== undefined && flags.output !== '-') {
    await checkOutputPath('--output', flags.output, fileInFolder(flags.output, 'events.jsonl'));
    return { type: 'file', path: flags.output };
  }
  const chosen = spec;
  if (flags.output === '-' || chosen === undefined || chosen.type === 'stdout') return { type: 'stdout' };
  if (chosen.type === 'http')
    throw new EventTargetRefused(
      `${from}: http targets are not available in this build yet; pipe stdout to curl instead`,
    );
  if (chosen.type !== 'file')
    throw new EventTargetRefused(
      `${from}: ${chosen.type} targets are not supported (no broker to test against); pipe stdout to Kafka instead: clusterman generate-events -c ${flags.config} ... | kcat -P -b ${chosen.servers} -t ${chosen.topic ?? 'TOPIC'}`,
    );
  const path = resolve(chosen.path);
  await checkOutputPath(from, path, fileInFolder(path, 'events.jsonl'));
  return { type: 'file', path };
}

async function openTarget(target: Target, bounded: boolean): Promise<TextTarget> {
  if (target.type === 'stdout') return stdoutTarget();
  if (/\.gz$/i.test(target.path))
    throw new UsageError(`${target.path}: gzipped event output is not available in this build yet`);
  return bounded ? atomicFileTarget(target.path) : streamingFileTarget(target.path);
}
