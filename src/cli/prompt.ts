/** A yes/no question on the terminal; the default is No. */
import { createInterface } from 'node:readline';
import { someOf } from '../util/list';

export interface PromptStreams {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
}

export type Confirm = (question: string) => Promise<boolean>;

export function terminalConfirm(streams: PromptStreams): Confirm {
  return (question) =>
    new Promise((resolve) => {
      const rl = createInterface({ input: streams.input, output: streams.output, terminal: false });
      let answered = false;
      streams.output.write(`${question} `);
      rl.once('line', (line) => {
        answered = true;
        rl.close();
        resolve(/^\s*y(es)?\s*$/i.test(line));
      });
      // End of input (Ctrl-D) counts as No.
      rl.once('close', () => {
        if (!answered) resolve(false);
      });
    });
}

/** "7 existing series": the word does not change with the count. */
const series = (n: number): string => `${n} existing series`;

/**
 * The one question before replacing series in a metrics file: the first few named on a line of their own, then
 * the count. `names` are shown as given (a caller may add the metric type).
 */
export function replaceQuestion(names: readonly string[], file: string): string {
  return `Series already in ${file}: ${someOf(names)}\nReplace ${series(names.length)} in ${file}? [y/N]`;
}

/** The one question before replacing points a datastore holds. */
export function datastoreQuestion(names: readonly string[], where: string): string {
  return `Series stored with other points in this time range: ${someOf(names)}\nReplace ${series(names.length)} in ${where} (their points in this time range)? [y/N]`;
}
