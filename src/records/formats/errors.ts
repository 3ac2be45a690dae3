/**
 * Bad output-format input (a pattern file, a template, a strftime format, an `aggregate:` block): the message
 * is one line naming the file or template and what is wrong in it. The CLI maps it to exit 2.
 */
export class RecordFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordFormatError';
  }
}
