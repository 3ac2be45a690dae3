/** Input that cannot be generated (exit 2), naming the file, metric and field where known. */
export class GenerateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GenerateError';
  }
}

/** The user (or the lack of a terminal and of --yes) did not allow replacing existing series (exit 1). */
export class OverwriteDeclined extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OverwriteDeclined';
  }
}
