/**
 * One self-contained HTML page: the run block (what was simulated), warnings, the figures (a run's summary or
 * a comparison's A, B and A op B), then each chart as inline SVG (no scripts, no network).
 */
import type { ChartType } from './files';

export const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

/** A table with a header row; the first column names the row. */
export interface Table {
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

export interface HtmlReport {
  readonly title: string;
  readonly run: Table;
  readonly warnings: readonly string[];
  readonly figures: Table;
  readonly charts: ReadonlyArray<{ readonly type: ChartType; readonly title: string; readonly svg: string }>;
}

const STYLE = `body{font-family:sans-serif;margin:2rem auto;max-width:1000px;color:#222}
table{border-collapse:collapse;margin-bottom:1.5rem}th,td{padding:.2rem 1rem .2rem 0;text-align:left;vertical-align:top}
table.summary td:not(:first-child),table.summary th:not(:first-child){text-align:right;font-variant-numeric:tabular-nums}
table.run td:first-child,table.summary td:first-child{color:#555;white-space:nowrap}
table.run td{word-break:break-word}table.run code{font-size:.85rem}
.warning{background:#fff3cd;border-left:4px solid #e0a800;padding:.5rem 1rem}
section{margin:2rem 0}nav a{margin-right:1rem}svg{max-width:100%;height:auto}`;

function table(cls: string, t: Table, cell: (text: string, row: number, col: number) => string): string {
  const head = `<tr>${t.headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr>`;
  const body = t.rows
    .map((r, i) => `<tr>${r.map((text, j) => `<td>${cell(text, i, j)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table class="${cls}">\n${head}\n${body}\n</table>`;
}

export function renderHtml(report: HtmlReport): string {
  const commandRow = report.run.rows.findIndex((r) => r[0] === 'command line');
  const run = table('run', report.run, (text, row, col) =>
    row === commandRow && col > 0 ? `<code>${escape(text)}</code>` : escape(text),
  );
  const warnings = report.warnings.map((w) => `<p class="warning">Warning: ${escape(w)}</p>`).join('\n');
  const figures = table('summary', report.figures, (text) => escape(text));
  const nav = report.charts.map((c) => `<a href="#${c.type}">${escape(c.title)}</a>`).join('');
  // Vega's SVG is generated from our numbers and labels (escaped by Vega), not from user markup: inlined as is.
  const sections = report.charts
    .map((c) => `<section id="${c.type}" class="report" data-report="${c.type}">\n${c.svg}\n</section>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(report.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escape(report.title)}</h1>
<h2>Run</h2>
${run}
${warnings}
<h2>Figures</h2>
${figures}
<nav>${nav}</nav>
${sections}
</body>
</html>
`;
}
