/** Errors for times and durations the user wrote; messages are one line and quote the input. */
export class TimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeError';
  }
}

const MAX_QUOTED = 80;

/** Quote user input for a one-line message: control characters escaped, very long input shortened. */
export function quote(input: string): string {
  const short = input.length > MAX_QUOTED ? `${input.slice(0, MAX_QUOTED)}…` : input;
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f']/.test(short) ? JSON.stringify(short) : `'${short}'`;
}
