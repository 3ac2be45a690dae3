/** A report as a test runner prints it, as JSON for scripts, and as JUnit XML for CI. */
import { basename } from 'node:path';
import { type CheckResult, type Offender, passed, type Report } from './report';

const MARK = { passed: '✓', failed: '✗', skipped: '-' } as const;

export function formatText(report: Report): string {
  const lines = [`${report.subject}`];
  for (const check of report.checks) {
    const tail =
      check.status === 'failed'
        ? `: ${check.failures.toLocaleString('en-US')} ${check.failures === 1 ? 'failure' : 'failures'}`
        : check.status === 'skipped'
          ? ` (skipped: ${check.reason ?? ''})`
          : '';
    lines.push(`  ${MARK[check.status]} ${check.name}${tail}`);
    if (check.status !== 'failed') continue;
    for (const o of check.offenders) lines.push(`      ${offenderLine(o)}`);
    const more = check.failures - check.offenders.length;
    if (more > 0) lines.push(`      ... and ${more.toLocaleString('en-US')} more`);
  }
  const count = (s: CheckResult['status']) => report.checks.filter((c) => c.status === s).length;
  const skipped = count('skipped');
  lines.push(
    `${count('passed')} passed, ${count('failed')} failed${skipped ? `, ${skipped} skipped` : ''}` +
      ` (${report.rows.toLocaleString('en-US')} rows in ${report.seconds.toFixed(2)} s)`,
  );
  return `${lines.join('\n')}\n`;
}

function offenderLine(o: Offender): string {
  const where = o.line === undefined ? basename(o.file) : `${basename(o.file)}:${o.line}`;
  const values = o.values
    ? `  [${Object.entries(o.values)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(' ')}]`
    : '';
  return `${where}: ${o.message}${values}`;
}

export function reportJson(report: Report) {
  return { subject: report.subject, passed: passed(report), rows: report.rows, checks: report.checks };
}

const escapeXml = (s: string): string =>
  s
    .replace(
      /[<>&"']/g,
      (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
    )
    // XML 1.0 cannot hold most control characters, even escaped.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '\uFFFD');

/** One <testsuite> named after the command, one <testcase> per check. */
export function formatJunit(report: Report, suite: string): string {
  const count = (s: CheckResult['status']) => report.checks.filter((c) => c.status === s).length;
  const cases = report.checks.map((c) => {
    const open = `    <testcase classname="${escapeXml(suite)}" name="${escapeXml(c.name)}">`;
    if (c.status === 'passed') return `${open}</testcase>`;
    if (c.status === 'skipped') return `${open}<skipped message="${escapeXml(c.reason ?? '')}"/></testcase>`;
    const body = c.offenders.map(offenderLine).join('\n');
    const message = `${c.failures} ${c.failures === 1 ? 'failure' : 'failures'}: ${c.offenders[0]?.message ?? ''}`;
    return `${open}\n      <failure message="${escapeXml(message)}">${escapeXml(body)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites tests="${report.checks.length}" failures="${count('failed')}" skipped="${count('skipped')}">`,
    `  <testsuite name="${escapeXml(suite)}" tests="${report.checks.length}" failures="${count('failed')}" skipped="${count('skipped')}" errors="0" time="${report.seconds.toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
