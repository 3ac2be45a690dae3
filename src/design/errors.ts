/** A problem in a design file: one line naming the file, the metric and the field. */
export class DesignError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly metric?: { readonly type: string; readonly key: string },
    readonly field?: string,
  ) {
    super(
      [file, metric && `metric '${metric.key}' (${metric.type})`, field, detail]
        .filter((part) => part !== undefined)
        .join(': '),
    );
    this.name = 'DesignError';
  }
}
