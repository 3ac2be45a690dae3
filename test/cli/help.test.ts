/** Help and mistyped input: `help`, `-h`, did-you-mean for commands and flags, one-line parse errors. */
import { cli } from '../support/cli';

describe('help', () => {
  it('`help` lists every command, `help <command>` shows its flags', () => {
    const all = cli(['help']);
    expect(all.status).toBe(0);
    for (const id of ['backfill', 'generate-data', 'simulate'])
      expect(all.stdout).toMatch(new RegExp(`^  ${id} `, 'm'));
    const one = cli(['help', 'generate-data']);
    expect(one.status).toBe(0);
    expect(one.stdout).toContain('--seed=<value>');
  });

  it('-h is --help', () => {
    const short = cli(['simulate', '-h']);
    expect(short.status).toBe(0);
    expect(short.stdout).toBe(cli(['simulate', '--help']).stdout);
  });

  it("groups simulate's flags and shows defaults that oclif would hide", () => {
    const { stdout } = cli(['simulate', '--help']);
    const headings = stdout.match(/^[A-Z]+ FLAGS$|^FLAGS$/gm);
    expect(headings?.[0]).toBe('FLAGS');
    expect([...(headings ?? [])].sort()).toEqual([
      'BILLING FLAGS',
      'CLUSTER FLAGS',
      'FLAGS',
      'GLOBAL FLAGS',
      'OUTPUT FLAGS',
    ]);
    const billing = stdout.slice(stdout.indexOf('BILLING FLAGS'));
    expect(billing.slice(0, billing.indexOf('\n\n'))).toMatch(/--\[no-\]refund-outbid\s+\[default: on\]/);
    expect(stdout).toMatch(/--ebs-volume-size=<value>\s+\[default: 0\]/);
  });

  it('descriptions are wrapped once, by oclif: no line of a paragraph is cut short mid-sentence', () => {
    const { stdout } = cli(['simulate', '--help']);
    const description = stdout.slice(stdout.indexOf('DESCRIPTION'), stdout.indexOf('EXAMPLES'));
    // A hard-wrapped source line shows up as a short line followed by one that continues the sentence.
    expect(description).toContain('its size follows fulfilled_capacity, allocation');
  });
});

describe('mistyped commands and flags', () => {
  it('an unknown command names the nearest one, exit 2', () => {
    const res = cli(['generat', '-i', 'x.yaml']);
    expect(res.status).toBe(2);
    expect(res.stderr).toBe(
      "Error: unknown command 'generat' (did you mean generate-data?)\nSee clusterman --help\n",
    );
    expect(res.stdout).toBe('');
  });

  it('outside any command too: a mistyped root flag, help for an unknown command', () => {
    const flag = cli(['--versoin']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toBe(
      'Error: unknown flag --versoin (did you mean --version?)\nSee clusterman --help\n',
    );
    const help = cli(['help', 'nothing']);
    expect(help.status).toBe(2);
    expect(help.stderr).toBe('Error: command nothing not found\nSee clusterman --help\n');
  });

  it('an unknown flag is one line with the nearest flag, not a dump of the usage', () => {
    const res = cli(['generate-data', '--sed', '3', '-i', 'x.yaml']);
    expect(res.status).toBe(2);
    expect(res.stderr).toBe(
      'Error: unknown flag --sed (did you mean --seed?)\nSee clusterman generate-data --help\n',
    );
  });

  it.each([
    [['generate-data'], 'missing required flag --input'],
    [['generate-data', '-i', 'x.yaml', '--max-points', 'many'], '--max-points: expected an integer'],
    [
      ['backfill', '--src', 'signalf', '--src-metric-names', 'a', '--dest-file', 'x'],
      "--src: 'signalf' is not one of signalfx, prometheus (did you mean signalfx?)",
    ],
    [['simulate', '--metrics-data-files', 'a', '--cluster'], '--cluster needs a value'],
    [['generate-data', '-i', 'x.yaml', 'stray'], 'unexpected argument: stray'],
  ])('%j: one line, exit 2', (args, message) => {
    const res = cli(args);
    expect(res.status).toBe(2);
    const lines = res.stderr.split('\n');
    expect(lines[0]).toContain(`Error: ${message}`);
    expect(lines.slice(1)).toEqual([`See clusterman ${args[0]} --help`, '']);
  });

  it('with --json, a parse error is also an {"error": ...} object on stdout', () => {
    const res = cli(['simulate', '--json', '--metrics-data-files', 'a', '--scheduler', 'yarn']);
    expect(res.status).toBe(2);
    expect(JSON.parse(res.stdout)).toEqual({
      error: {
        message: "--scheduler: 'yarn' is not one of mesos, kubernetes",
        exit: 2,
        kind: 'input',
      },
    });
  });
});
