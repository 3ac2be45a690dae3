/** Plain aligned text tables for the terminal. */

export type Align = 'left' | 'right';

export interface Column<Row> {
  readonly header: string;
  readonly align?: Align;
  readonly value: (row: Row) => string;
}

export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((r) => (r[i] as string).length)),
  );
  const line = (values: readonly string[]) =>
    values
      .map((v, i) =>
        columns[i]?.align === 'right' ? v.padStart(widths[i] as number) : v.padEnd(widths[i] as number),
      )
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((c) => c.header)),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
  ].join('\n');
}

/** Numbers for people: up to 6 significant digits, no exponent for everyday magnitudes. */
export function formatStat(x: number | undefined): string {
  if (x === undefined) return '-';
  if (Number.isInteger(x)) return x.toLocaleString('en-US', { useGrouping: false });
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e9)) return x.toExponential(4);
  return String(Number(x.toPrecision(6)));
}
