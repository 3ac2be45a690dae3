/**
 * `users run` figures (bench/run.js case 8): ../shared/bench/users-1000x7.yaml (1,000 users for 7 simulated
 * days, csv sinks; goal >= 500,000 log events/s, peak RSS <= 300 MB) beside the reference's figure measured
 * on this machine kind (5,267,706 log events in 549 s: 9,600/s, 726 MB); 100,000 users for one day (peak RSS
 * <= 1 GB); and the resume of that simulation (start to the first new record <= 2 s).
 */
const { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const REFERENCE = { log_events: 5_267_706, wall_s: 549, peak_rss_mib: 726 };

function countLines(file) {
  const text = readFileSync(file);
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text[i] === 10) n++;
  return n - 1; // the header
}

/**
 * Seconds from starting `argv` to `file` growing past `before` bytes (the first new record on disk: the
 * sink writes a batch at the latest when a checkpoint drains it), and to its exit. Polled every 5 ms.
 */
function firstRecord(argv, file, before) {
  const script = `
    const { spawn } = require('node:child_process');
    const { statSync } = require('node:fs');
    const [file, before, ...argv] = process.argv.slice(1);
    const t0 = process.hrtime.bigint();
    const secs = () => Number(process.hrtime.bigint() - t0) / 1e9;
    let first = null;
    const size = () => { try { return statSync(file).size; } catch { return 0; } };
    const poll = setInterval(() => { if (first === null && size() > +before) first = secs(); }, 5);
    spawn(argv[0], argv.slice(1), { stdio: 'ignore' }).on('exit', (code) => {
      clearInterval(poll);
      if (first === null && size() > +before) first = secs();
      console.log(JSON.stringify({ first_record_s: first, wall_s: secs(), exit: code }));
    });`;
  const res = spawnSync(process.execPath, ['-e', script, file, String(before), ...argv], {
    encoding: 'utf8',
  });
  const m = JSON.parse(res.stdout.trim().split('\n').pop());
  if (m.exit !== 0) throw new Error(`${argv.join(' ')} exited ${m.exit}`);
  return m;
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

  // 100,000 users for one day (USERS_BIG=n for another count), then a resume of one more simulated minute.
  const n = Number(process.env.USERS_BIG ?? 100_000);
  const big = join(out, 'users-100k.yaml');
  writeFileSync(
    big,
    readFileSync(config, 'utf8')
      .replace('initial_count: 1000', `initial_count: ${n}`)
      .replace('target_min_count: 1000', `target_min_count: ${n}`)
      .replace('target_max_count: 1200', `target_max_count: ${Math.round(n * 1.2)}`)
      .replace('end_ts: "2020-01-08 00:00:00"', 'end_ts: "2020-01-02 00:00:00"'),
  );
  fresh();
  const day = measure(['node', bin, 'users', 'run', big, '--seed', '1', '--output-dir', dir, '-q']);
  const before = statSync(join(dir, 'out/ingest.csv')).size;
  const resumeArgv = ['node', bin, 'users', 'run', big, '--output-dir', dir, '-q', '--until'];
  // Twice from the same saved day: once timed whole (RSS), once watched for its first new record.
  const saved = join(out, 'users-100k-saved');
  rmSync(saved, { recursive: true, force: true });
  cpSync(dir, saved, { recursive: true });
  const resume = measure([...resumeArgv, '2020-01-02 00:01:00']);
  const after = statSync(join(dir, 'out/ingest.csv')).size;
  rmSync(dir, { recursive: true, force: true });
  cpSync(saved, dir, { recursive: true });
  // The copy leaves ~10 GB of pages for the disk to take: let it take them first, so the figure is the
  // resume's own and not the write-back of the copy beside it.
  spawnSync('sync');
  const first = firstRecord([...resumeArgv, '2020-01-02 00:01:00'], join(dir, 'out/ingest.csv'), before);
  rmSync(saved, { recursive: true, force: true });
  return {
    log_events: events,
    wall_s: wall,
    log_events_per_s: events / wall,
    peak_rss_mib: Math.max(...rows.map((r) => r.rss_mib)),
    reference: { ...REFERENCE, log_events_per_s: REFERENCE.log_events / REFERENCE.wall_s },
    users_100k_1d: { users: n, wall_s: day.wall, peak_rss_mib: day.rss_mib },
    // An upper bound of start to first new record: the whole resumed run (one simulated minute).
    resume_100k: {
      wall_s: resume.wall,
      peak_rss_mib: resume.rss_mib,
      wrote: after > before,
      first_record_s: first.first_record_s,
    },
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
    `users run, ${users.users_100k_1d.users.toLocaleString('en-US')} users x 1 day: peak RSS MiB`,
    fmt(users.users_100k_1d.peak_rss_mib, 1),
    'goal <= 1 GB',
  );
  line('  resume of those users (whole run of 1 more minute): wall s', fmt(users.resume_100k.wall_s), '');
  line(
    '  resume: start to the first new record on disk, s',
    users.resume_100k.first_record_s === null ? 'none' : fmt(users.resume_100k.first_record_s),
    'goal <= 2 s',
  );
}

module.exports = { measureUsers, printUsers };
