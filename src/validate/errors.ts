/** Input `validate` cannot work with (a contract, a folder, an inventory): one line, exit 2. */
export class ValidateInputError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly key?: string,
  ) {
    super([file, key, detail].filter((p) => p !== undefined).join(': '));
    this.name = 'ValidateInputError';
  }
}
