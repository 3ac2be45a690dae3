/**
 * generate-data's summary on terminals of a given width (util-linux `script` gives the CLI a pseudo-terminal,
 * `stty cols` sets its width): no line is wider than the terminal; piped, the keys are whole.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cli } from '../support/cli';
import { BIN } from '../support/paths';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const KEYS = [
  'cpus_allocated|cluster=norcal-prod,pool=default.mesos',
  'mem_allocated|cluster=norcal-prod,pool=default.mesos',
];
const design = tmp.file('long-keys.yaml');
writeFileSync(
  design,
  `system_metrics:\n${KEYS.map(
    (k) =>
      `  '${k}': {start_time: '2017-12-01T00:00:00Z', end_time: '2017-12-01T01:00:00Z', frequency: 1m, values: {distribution: gauss, params: {mu: 50, sigma: 5}}}\n`,
  ).join('')}`,
);

/** The summary as a terminal `columns` wide shows it, one entry per line. */
function onTerminal(columns: number, output: string): string[] {
  const run = [process.execPath, BIN, 'generate-data', '-i', design, '-o', output, '--seed', '1', '--yes']
    .map((a) => `'${a}'`)
    .join(' ');
  const res = spawnSync('script', ['-qec', `stty cols ${columns}; ${run}`, '/dev/null'], {
    input: '',
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', TERM: 'dumb' },
    timeout: 30_000,
  });
  expect(res.status).toBe(0);
  // After the seed line, the progress bar (on the same terminal) draws and finally erases its line.
  let summary = res.stdout.replace(/\r\n/g, '\n');
  summary = summary.slice(summary.indexOf('Random seed: 1\n') + 'Random seed: 1\n'.length);
  const erased = summary.lastIndexOf('\x1b[2K');
  if (erased >= 0) summary = summary.slice(erased + '\x1b[2K'.length);
  return summary.split('\n').filter((l) => l !== '' && !l.startsWith('Wrote '));
}

describe('the generate-data summary', () => {
  it('on a 120-column terminal: a table whose keys are shortened in the middle', () => {
    const lines = onTerminal(120, tmp.file('w120.json.gz'));
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(120);
    expect(lines[0]).toMatch(/^metric_type\s+key\s+points\s+first\s+last\s+min\s+mean\s+max$/);
    expect(lines[2]).toMatch(/^system_metrics\s+cpus_allocat\S*…\S*\.mesos\s+60\s+2017-12-01T00:00:00Z/);
    expect(lines.join('\n')).not.toContain(KEYS[0]);
  });

  it('on an 80-column terminal: one block per series', () => {
    const lines = onTerminal(80, tmp.file('w80.json.gz'));
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines[0]).toBe(KEYS[0]);
    expect(lines[1]).toMatch(/^ {2}metric_type system_metrics {2}points 60 {2}first 2017-12-01T00:00:00Z$/);
    expect(lines).toContain(KEYS[1]);
  });

  it('piped: the keys are whole, whatever their length', () => {
    const res = cli(['generate-data', '-i', design, '-o', tmp.file('piped.json.gz'), '--seed', '1', '--yes']);
    expect(res.status).toBe(0);
    for (const key of KEYS) expect(res.stdout).toContain(key);
  });
});
