/**
 * The one place that decides what Ctrl-C (SIGINT), kill (SIGTERM) and a closed terminal (SIGHUP) do: stop
 * whatever draws on the terminal, remove every temp file, put the terminal back (cursor shown, line wrap on)
 * and exit with 128 + the signal's number, as a shell would report it.
 */
import { writeSync } from 'node:fs';
import { removePendingTempFiles } from '../metrics/atomic';

export const SIGNAL_EXIT_CODES = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;
export const BROKEN_PIPE_EXIT_CODE = 141;

/** Shows the cursor (DECTCEM) and turns automatic line wrap back on (DECAWM): what a progress bar turns off. */
export const RESTORE_TERMINAL = '\x1b[?25h\x1b[?7h';

const stoppers = new Set<() => void>();

/** Registers something to stop on a signal (a progress bar); call the returned function once it stopped. */
export function stopOnSignal(stop: () => void): () => void {
  stoppers.add(stop);
  return () => {
    stoppers.delete(stop);
  };
}

let installed = false;
let graceful: ((signal: string) => void) | undefined;

export function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of Object.entries(SIGNAL_EXIT_CODES)) {
    process.on(signal, () => {
      // A second signal, or one outside a graceful section, stops at once.
      const stop = graceful;
      graceful = undefined;
      if (stop) stop(signal);
      else exitOnSignal(code);
    });
  }
}

/**
 * For long runs that save their state before stopping (`users run`): while set, SIGINT, SIGTERM and SIGHUP call
 * `stop` instead of exiting; a second signal exits at once. Returns the function that unsets it.
 */
export function stopGracefullyOnSignal(stop: (signal: string) => void): () => void {
  graceful = stop;
  return () => {
    if (graceful === stop) graceful = undefined;
  };
}

/**
 * Stops, cleans up and exits as the signal handlers do. Also for a reader that closed our stdout (`-o - | head`):
 * exit 141, as a process killed by SIGPIPE, which Node ignores.
 */
export function exitOnSignal(code: number): never {
  // Temp files first: on a hung-up terminal the writes below may fail, the files must go regardless.
  removePendingTempFiles();
  for (const stop of stoppers) {
    try {
      stop();
    } catch {
      // a terminal that is gone cannot be drawn on
    }
  }
  stoppers.clear();
  if (process.stderr.isTTY) {
    try {
      writeSync(process.stderr.fd, RESTORE_TERMINAL);
    } catch {
      // same
    }
  }
  process.exit(code);
}
