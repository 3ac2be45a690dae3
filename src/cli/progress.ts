/** A progress bar on stderr, only when stderr is a terminal; otherwise nothing at all. */
import type { SingleBar } from 'cli-progress';
import { stopOnSignal } from './signals';

export interface ProgressReporter {
  update(done: number, total: number | undefined): void;
  stop(): void;
}

const SILENT: ProgressReporter = { update: () => undefined, stop: () => undefined };

export function progressBar(enabled: boolean, to?: NodeJS.WriteStream, unit = 'points'): ProgressReporter {
  if (!enabled) return SILENT;
  // process.stderr is made on first use (it loads node:stream): a quiet run never asks for it.
  const stream = to ?? process.stderr;
  if (!stream.isTTY) return SILENT;
  // Loaded only when drawn: keeps start-up fast for piped and --json runs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SingleBar: Bar, Presets } = require('cli-progress') as typeof import('cli-progress');
  let bar: SingleBar | undefined;
  let lastTotal = 0;
  let forget: (() => void) | undefined;
  return {
    update(done, total) {
      const t = Math.max(total ?? 0, done, 1);
      if (!bar) {
        bar = new Bar(
          {
            stream,
            format: ` {bar} {percentage}% | {value}/{total} ${unit} | {eta_formatted} left`,
            hideCursor: true,
            clearOnComplete: true,
            etaBuffer: 50,
          },
          Presets.shades_classic,
        );
        bar.start(t, done);
        lastTotal = t;
        // A signal stops the bar too, so that it gives back the cursor and line wrap it took.
        const drawn = bar;
        forget = stopOnSignal(() => drawn.stop());
      }
      if (t !== lastTotal) {
        bar.setTotal(t);
        lastTotal = t;
      }
      bar.update(done);
    },
    stop() {
      bar?.stop();
      forget?.();
      forget = undefined;
    },
  };
}
