/** A metrics file that cannot be used: names the file and, where known, the series. */
export class MetricsFileError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly series?: { readonly type: string; readonly key: string },
  ) {
    super(`${file}: ${series ? `series '${series.key}' (${series.type}): ` : ''}${detail}`);
    this.name = 'MetricsFileError';
  }
}
