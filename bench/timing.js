/**
 * What every bench case times with: `measure(argv)` runs a whole command under bench/measure.py and returns
 * {wall, cpu, rss_mib, exit}; `median` of several runs.
 */
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');

function measure(argv, opts = {}) {
  const res = spawnSync('python3', [join(__dirname, 'measure.py'), '--', ...argv], {
    cwd: ROOT,
    encoding: 'utf8',
    ...opts,
  });
  if (res.status !== 0) throw new Error(`measure failed: ${res.stderr}`);
  const m = JSON.parse(res.stdout.trim().split('\n').pop());
  if (m.exit !== 0) throw new Error(`${argv.join(' ')} exited ${m.exit}`);
  return m;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

module.exports = { measure, median };
