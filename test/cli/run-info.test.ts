/** The command line in a report's run block: as typed, quoted where a shell needs it, credentials hidden. */
import { commandLine, runInfo, type RunSettings } from '../../src/cli/run-info';
import { runBlock } from '../../src/report/run-block';
import type { ResultView } from '../../src/simulator/result';

describe('the run block', () => {
  it('quotes what a shell would split and hides credentials in URLs', () => {
    const line = commandLine({
      bin: 'clusterman',
      version: '1.2.3',
      argv: [
        '--metrics-datastore',
        'http://admin:s3cret@127.0.0.1:8428',
        '--name',
        "Bob's run",
        '--reports',
        'all',
      ],
    });
    expect(line).toBe(
      "clusterman simulate --metrics-datastore 'http://***@127.0.0.1:8428' --name 'Bob'\\''s run' --reports all",
    );
    expect(line).not.toContain('s3cret');
  });

  it('lists files, then the datastore without its credentials, and the built-in policy by name', () => {
    const info = runInfo(
      {
        cluster: 'c',
        pool: 'p',
        scheduler: 'mesos',
        files: ['a.json.gz'],
        datastore: 'http://u:pw@127.0.0.1:8428',
        billingPeriod: '1h',
        cpusPerWeight: 2,
        clustermanWindow: false,
        autoscaler: { config: 'as.yaml', policy: undefined },
        seed: 42n,
        startedMs: Date.UTC(2026, 11, 2, 15, 0, 0, 250),
      },
      { bin: 'clusterman', version: '1.2.3', argv: [] },
    );
    expect(info).toMatchObject({
      inputs: ['a.json.gz', 'http://***@127.0.0.1:8428'],
      autoscaler: { config: 'as.yaml', policy: 'built-in setpoint policy' },
      seed: '42',
      version: '1.2.3',
      ranAt: '2026-12-02T15:00:00Z',
    });
  });

  it('says how the window starts: carried in, as clusterman (--clusterman-window), or not recorded', () => {
    const settings: RunSettings = {
      cluster: 'c',
      pool: 'p',
      scheduler: 'mesos',
      files: ['a.json.gz'],
      datastore: undefined,
      billingPeriod: '1h',
      cpusPerWeight: 1,
      clustermanWindow: true,
      autoscaler: undefined,
      seed: 1n,
      startedMs: 0,
    };
    const invocation = { bin: 'clusterman', version: '1.2.3', argv: [] };
    const view = (run: ResultView['run']) => ({ name: 'n', start: 0, end: 3600, run }) as ResultView;
    // A result saved before the field existed.
    const saved: ResultView['run'] = { ...runInfo(settings, invocation), clustermanWindow: undefined };
    const row = runBlock([
      view(runInfo(settings, invocation)),
      view(runInfo({ ...settings, clustermanWindow: false }, invocation)),
      view(saved),
    ]).find((r) => r.label === 'window start');
    expect(row?.values).toEqual([
      expect.stringContaining('--clusterman-window'),
      'capacity, prices and allocation in effect carried in',
      'not recorded',
    ]);
  });
});
