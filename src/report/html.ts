/** One self-contained HTML page: the summary, then each report's charts as inline SVG (no scripts, no network). */
import type { ReportType } from '../simulator/result';
import { REPORT_TITLES } from './specs';

const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export interface HtmlReport {
  readonly title: string;
  readonly summary: ReadonlyArray<readonly [string, string]>;
  readonly charts: ReadonlyArray<{ readonly type: ReportType; readonly svg: string }>;
}

const STYLE = `body{font-family:sans-serif;margin:2rem auto;max-width:900px;color:#222}
table{border-collapse:collapse;margin-bottom:2rem}td{padding:.2rem 1rem .2rem 0}td:last-child{text-align:right;font-variant-numeric:tabular-nums}
section{margin:2rem 0}nav a{margin-right:1rem}svg{max-width:100%;height:auto}`;

export function renderHtml(report: HtmlReport): string {
  const rows = report.summary
    .map(([k, v]) => `<tr><td>${escape(k)}</td><td>${escape(v)}</td></tr>`)
    .join('\n');
  const nav = report.charts
    .map((c) => `<a href="#${c.type}">${escape(REPORT_TITLES[c.type].title)}</a>`)
    .join('');
  // Vega's SVG is generated from our numbers and labels, not from user markup; it is inlined as is.
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
<table class="summary">
${rows}
</table>
<nav>${nav}</nav>
${sections}
</body>
</html>
`;
}
