/**
 * `users run` figures (bench/run.js case 8): ../shared/bench/users-1000x7.yaml (1,000 users for 7 simulated
 * days, csv sinks; goal >= 500,000 log events/s, peak RSS <= 300 MB) beside the reference's figure measured
 * on this machine kind (5,267,706 log events in 549 s: 9,600/s, 726 MB); 100,000 users for one day (peak RSS
 * <= 1 GB); and the resume of that simulation (start to the first new record <= 2 s).
 */
const { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const REFERENCE = { log_events: 5_267_706, wall_s: 549, peak_rss_mib: 726 };

function countLines(file) {
  const text = readFileSync(file);
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text[i] === 10) n++;
  return n - 1; // the header
}

function measureUsers({ measure, median, runs, bin, out, shared }) {
  const config = join(shared, 'bench/users-1000x7.yaml');
  if (!existsSync(config)) return undefined;
  const dir = join(out, 'users');
  const fresh = () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  };
  const argv = ['node', bin, 'users', 'run', config, '--seed', '1', '--output-dir', dir, '-q'];
  const rows = [];
  for (let i = 0; i < Math.max(1, Math.min(runs, 3)); i++) {
    fresh();
    rows.push(measure(argv));
  }
  const events = countLines(join(dir, 'out/ingest.csv'));
  const wall = median(rows.map((r) => r.wall));

  // 100,000 users for one day, then a resume of one more simulated minute.
  const big = join(out, 'users-100k.yaml');
  writeFileSync(
    big,
    readFileSync(config, 'utf8')
      .replace('initial_count: 1000', 'initial_count: 100000')
      .replace('target_min_count: 1000', 'target_min_count: 100000')
      .replace('target_max_count: 1200', 'target_max_count: 120000')
      .replace('end_ts: "2020-01-08 00:00:00"', 'end_ts: "2020-01-02 00:00:00"'),
  );
  fresh();
  const day = measure(['node', bin, 'users', 'run', big, '--seed', '1', '--output-dir', dir, '-q']);
  const before = statSync(join(dir, 'out/ingest.csv')).size;
  const resume = measure([
    'node',
    bin,
    'users',
    'run',
    big,
    '--output-dir',
    dir,
    '-q',
    '--until',
    '2020-01-02 00:01:00',
  ]);
  const after = statSync(join(dir, 'out/ingest.csv')).size;
  return {
    log_events: events,
    wall_s: wall,
    log_events_per_s: events / wall,
    peak_rss_mib: Math.max(...rows.map((r) => r.rss_mib)),
    reference: { ...REFERENCE, log_events_per_s: REFERENCE.log_events / REFERENCE.wall_s },
    users_100k_1d: { wall_s: day.wall, peak_rss_mib: day.rss_mib },
    // An upper bound of start to first new record: the whole resumed run (one simulated minute).
    resume_100k: { wall_s: resume.wall, peak_rss_mib: resume.rss_mib, wrote: after > before },
  };
}

function printUsers(users, line, fmt) {
  if (!users) {
    console.log('users: skipped (../shared/bench/users-1000x7.yaml is not there)');
    return;
  }
  line('users run, 1,000 users x 7 days, csv: wall s', fmt(users.wall_s), '');
  line('  log events/s', Math.round(users.log_events_per_s).toLocaleString('en-US'), 'goal >= 500,000');
  line('  peak RSS MiB', fmt(users.peak_rss_mib, 1), 'goal <= 300 MB');
  line(
    '  reference (benshi, measured once): log events/s',
    Math.round(users.reference.log_events_per_s).toLocaleString('en-US'),
    '',
  );
  line(
    'users run, 100,000 users x 1 day: peak RSS MiB',
    fmt(users.users_100k_1d.peak_rss_mib, 1),
    'goal <= 1 GB',
  );
  line(
    '  resume of 100,000 users (whole run of 1 more minute): wall s',
    fmt(users.resume_100k.wall_s),
    'goal <= 2 s to the first record',
  );
}

module.exports = { measureUsers, printUsers };
