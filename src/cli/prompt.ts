/** A yes/no question on the terminal; the default is No. */
import { createInterface } from 'node:readline';

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

export function overwriteQuestion(key: string): string {
  return `This will overwrite existing data for ${key}. Do you want to proceed? [y/N]`;
}

export function datastoreQuestion(key: string, where: string): string {
  return `This will replace points of ${key} stored in ${where}. Do you want to proceed? [y/N]`;
}
