/**
 * Plain aligned text tables for the terminal. On a terminal a table fits its width: the key column is
 * shortened in the middle, or, when even that is not enough, each row becomes a block of `header value`
 * pairs. Piped output keeps every cell whole, for scripts.
 */

export type Align = 'left' | 'right';

export interface Column<Row> {
  readonly header: string;
  readonly align?: Align;
  readonly value: (row: Row) => string;
  /** The column shortened in the middle when the table is too wide (a series key); numbers stay whole. */
  readonly shrink?: boolean;
}

const GAP = '  ';
/** Narrower than this, a shortened key no longer tells series apart: rows become blocks instead. */
const MIN_SHRUNK = 24;

/** The terminal's width when `stream` is one; undefined when piped (no limit). */
export function terminalWidth(stream: NodeJS.WriteStream = process.stdout): number | undefined {
  return stream.isTTY && stream.columns > 0 ? stream.columns : undefined;
}

/** `text` in at most `width` characters, its middle replaced by `…` (keys differ at both ends). */
export function shortenMiddle(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width <= 1) return '…'.slice(0, Math.max(width, 0));
  const head = Math.ceil((width - 1) / 2);
  const tail = width - 1 - head;
  return `${text.slice(0, head)}…${tail > 0 ? text.slice(-tail) : ''}`;
}

/** The rows under their headers; `width` (default: the terminal's, none when piped) bounds every line. */
export function renderTable<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  width: number | undefined = terminalWidth(),
): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((r) => (r[i] as string).length)),
  );
  const total = widths.reduce((a, w) => a + w, 0) + GAP.length * (columns.length - 1);
  if (width === undefined || total <= width) return aligned(columns, cells, widths);
  const k = columns.findIndex((c) => c.shrink);
  if (k >= 0) {
    const fitted = (widths[k] as number) - (total - width);
    if (fitted >= Math.max(MIN_SHRUNK, (columns[k] as Column<Row>).header.length)) {
      widths[k] = fitted;
      for (const r of cells) r[k] = shortenMiddle(r[k] as string, fitted);
      return aligned(columns, cells, widths);
    }
  }
  return blocks(columns, cells, Math.max(k, 0), width);
}

function aligned<Row>(columns: readonly Column<Row>[], cells: string[][], widths: number[]): string {
  const line = (values: readonly string[]) =>
    values
      .map((v, i) =>
        columns[i]?.align === 'right' ? v.padStart(widths[i] as number) : v.padEnd(widths[i] as number),
      )
      .join(GAP)
      .trimEnd();
  return [
    line(columns.map((c) => c.header)),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
  ].join('\n');
}

/** One block per row: its key on a line, then the other cells as `header value`, as many to a line as fit. */
function blocks<Row>(columns: readonly Column<Row>[], cells: string[][], key: number, width: number): string {
  const indent = '  ';
  const out: string[] = [];
  for (const row of cells) {
    out.push(shortenMiddle(row[key] as string, width));
    let line = '';
    columns.forEach((c, i) => {
      if (i === key) return;
      const pair = `${c.header} ${row[i] as string}`;
      if (line !== '' && indent.length + line.length + GAP.length + pair.length > width) {
        out.push(shortenMiddle(indent + line, width));
        line = '';
      }
      line = line === '' ? pair : line + GAP + pair;
    });
    if (line !== '') out.push(shortenMiddle(indent + line, width));
  }
  return out.join('\n');
}

/** Numbers for people: up to 6 significant digits, no exponent for everyday magnitudes. */
export function formatStat(x: number | undefined): string {
  if (x === undefined) return '-';
  if (Number.isInteger(x)) return x.toLocaleString('en-US', { useGrouping: false });
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e9)) return x.toExponential(4);
  return String(Number(x.toPrecision(6)));
}
