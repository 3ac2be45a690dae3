/** generate-events' flags -> config + simulation + format + output -> what the user sees. */
import { runPaced, systemClock, type WallClock } from '../engine';
import { loadEventConfig } from '../events/config/load';
import { loadSchedule } from '../events/schedule';
import { EventSimulation, type Shard } from '../events/simulation';
import { UsageError } from './errors';
import { checkRecordFlags, planRecordOutput } from './event-output';
import { parseRunDuration, parseShard, parseStart } from './event-flags';
import { parseSeed } from './seed';
import { chooseTarget, openTargetSink, targetName, type EventTarget } from './event-targets';
import { progressBar } from './progress';
import { BytesRecordWriter, RecordWriter } from './record-writer';
import { SIGNAL_EXIT_CODES, exitOnSignal, stopGracefullyOnSignal } from './signals';
import { monotonicMs } from '../util/monotonic';

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
const LIVE_FLUSH_MS = 1000;

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
  const startMs = start.seconds * 1000;
  const { format, output } = await plan.open((f) =>
    openTargetSink(target, { bounded, header: f.header(), quiet: flags.quiet, startMs }),
  );
  const aggregator = plan.aggregator;
  const env = sim.env;
  // JSON lines and pattern lines to stdout or one unrotated file go from the values straight to bytes (no
  // record objects); rotation and http need each record's own time, so they take the line path.
  const direct =
    plan.bytes && !aggregator && output.writeBytes !== undefined && !rotatesOrPosts(target)
      ? new BytesRecordWriter(output, startMs, plan.bytes)
      : undefined;
  const bytes = direct?.bytes;
  if (bytes) sim.onValues = (values, emitter) => bytes.write(values, emitter);
  const lines = direct ?? new RecordWriter(output);
  sim.onRecord = aggregator
    ? (record, emitter) => {
        lines.push(format.line(record, emitter), env.now * 1000);
        aggregator.add(record, emitter);
      }
    : (record, emitter) => lines.push(format.line(record, emitter), env.now * 1000);
  say(`Random seed: ${seed}`);

  const progress = progressBar(!flags.quiet, undefined, flags.records !== undefined ? 'records' : 's');
  const report = (now: number): void => {
    if (flags.records !== undefined) progress.update(sim.records, flags.records);
    else if (end !== undefined) progress.update(Math.floor(now - start.seconds), Math.ceil(duration ?? 0));
  };
  const began = monotonicMs();
  let ok = false;
  // An endless run's normal end is Ctrl-C: stop between batches and finish the files written so far.
  let signal: string | undefined;
  const forget = bounded ? () => undefined : stopGracefullyOnSignal((s) => (signal = s));
  try {
    if (live || !bounded) {
      // Live, or catch up from a past start and go on live: the engine's wall-clock pacing.
      let flushed = monotonicMs();
      await runPaced(sim.env, io.clock, {
        onBatch: async (now) => {
          await lines.settle();
          // Lines reach stdout at once; files and http at most once a second (a flush fsyncs or waits for a reply).
          if (target.type === 'stdout' || monotonicMs() - flushed >= LIVE_FLUSH_MS) {
            await output.flush();
            flushed = monotonicMs();
          }
          if (output.closed || signal !== undefined) sim.env.stop();
          report(now);
        },
      });
    } else {
      let sliceStart = monotonicMs();
      while (sim.env.step(STEP)) {
        if (lines.waiting) await lines.settle();
        if (output.closed) break;
        if (monotonicMs() - sliceStart >= SLICE_MS) {
          report(sim.env.now);
          await new Promise<void>((r) => setImmediate(r));
          sliceStart = monotonicMs();
        }
      }
    }
    await lines.settle();
    await output.close();
    ok = true;
  } finally {
    progress.stop();
    forget();
    if (!ok) await output.abort?.();
  }
  const metrics = await plan.writeMetrics();
  const seconds = (monotonicMs() - began) / 1000;
  if (!output.closed) {
    const shardText = shard ? ` (shard ${shard.index + 1}/${shard.count} of ${sim.records})` : '';
    const where = targetName(target);
    say(
      `Wrote ${sim.rendered} records${shardText} to ${where} in ${seconds.toFixed(2)} s (${Math.round(sim.rendered / Math.max(seconds, 1e-3))} records/s); ${sim.spawned} workers, at most ${sim.peakLive} at once`,
    );
  }
  if (metrics && flags.metrics !== undefined)
    say(`Wrote ${metrics.series} metric series (${metrics.points} points) to ${flags.metrics}`);
  if (signal !== undefined) exitOnSignal(SIGNAL_EXIT_CODES[signal as keyof typeof SIGNAL_EXIT_CODES] ?? 130);
  return { records: sim.records, rendered: sim.rendered, peakWorkers: sim.peakLive };
}

const rotatesOrPosts = (target: EventTarget): boolean =>
  target.type === 'http' || (target.type === 'file' && target.rotation.kind !== 'none');
