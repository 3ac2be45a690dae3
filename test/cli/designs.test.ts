import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../support/cli';
import { ROOT } from '../support/paths';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const shipped = (name: string): string => readFileSync(join(ROOT, 'designs', `${name}.yaml`), 'utf8');
const names = (): string[] =>
  readdirSync(join(ROOT, 'designs'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.replace(/\.yaml$/, ''))
    .sort();
/** Every test runs outside the checkout, as after `npm install -g .`. */
const inTmp = { cwd: tmp.path };

describe('clusterman designs', () => {
  it('lists every shipped design with the summary from its first comment, and where they are', () => {
    const res = cli(['designs'], inTmp);
    expect(res.status).toBe(0);
    expect(names().length).toBeGreaterThan(0);
    for (const name of names()) expect(res.stdout).toMatch(new RegExp(`^${name}\\s`, 'm'));
    expect(res.stdout).toMatch(/^autoscaler-workload\s+A realistic week for an autoscaler test$/m);
    expect(res.stdout).toMatch(/^functions\s+Functions of existing metrics$/m);
    expect(res.stdout).toContain(`Files in ${join(ROOT, 'designs')}`);
  });

  it('--json lists name, path and description', () => {
    const res = cli(['designs', '--json'], inTmp);
    const list = JSON.parse(res.stdout) as Array<{ name: string; path: string; description: string }>;
    const example = list.find((d) => d.name === 'example');
    expect(example?.description).toBe("clusterman's documented example design, in today's metric names");
    expect(readFileSync(example?.path ?? '', 'utf8')).toBe(shipped('example'));
  });

  it('copies one into the current folder, and the copy generates data', () => {
    const res = cli(['designs', 'functions'], inTmp);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('Copied functions to functions.yaml');
    expect(readFileSync(tmp.file('functions.yaml'), 'utf8')).toBe(shipped('functions'));
    const gen = cli(
      [
        'generate-data',
        '-i',
        'functions.yaml',
        '-o',
        'f.json.gz',
        '--seed',
        '1',
        '--now',
        '2017-12-02T00:00:00Z',
      ],
      inTmp,
    );
    expect(gen.status).toBe(0);
    expect(readdirSync(tmp.path).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to replace a file without --force, and replaces it with --force', () => {
    const target = tmp.file('mine.yaml');
    writeFileSync(target, 'my own design\n');
    const refused = cli(['designs', 'example', '-o', 'mine.yaml'], inTmp);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toBe(
      'Error: mine.yaml already exists: pass --force to replace it (file left unchanged)',
    );
    expect(readFileSync(target, 'utf8')).toBe('my own design\n');
    const forced = cli(['designs', 'example.yaml', '-o', 'mine.yaml', '--force'], inTmp);
    expect(forced.status).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe(shipped('example'));
  });

  it('-o - prints the design; a folder receives <name>.yaml', () => {
    const printed = cli(['designs', 'autoscaler-workload', '-o', '-'], inTmp);
    expect(printed.status).toBe(0);
    expect(printed.stdout).toBe(shipped('autoscaler-workload'));
    const intoFolder = cli(['designs', 'autoscaler-workload', '-o', '.'], inTmp);
    expect(intoFolder.status).toBe(0);
    expect(readFileSync(tmp.file('autoscaler-workload.yaml'), 'utf8')).toBe(shipped('autoscaler-workload'));
  });

  it('an unknown name exits 2 with a suggestion and the list', () => {
    const res = cli(['designs', 'exampel'], inTmp);
    expect(res.status).toBe(2);
    expect(res.stderr.trim()).toBe(
      `Error: no shipped design 'exampel' (did you mean 'example'?); the designs are ${names().join(', ')}`,
    );
  });

  it('-q copies without a word; a missing folder is refused before anything is written', () => {
    const quiet = cli(['designs', 'example', '-q', '-o', 'quiet-copy.yaml'], inTmp);
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toBe('');
    expect(readFileSync(tmp.file('quiet-copy.yaml'), 'utf8')).toBe(shipped('example'));
    const nowhere = cli(['designs', 'example', '-o', 'no/such/folder/x.yaml'], inTmp);
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toMatch(
      /^Error: --output: no\/such\/folder\/x\.yaml: folder no\/such\/folder does not exist\n$/,
    );
  });
});
