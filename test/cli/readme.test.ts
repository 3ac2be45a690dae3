/**
 * Every example in the README runs: each `sh` command against the built CLI (`clusterman` on PATH) in a fresh
 * folder holding the repository's designs/ and examples/, each `yaml` block through the loader it is meant
 * for. Blocks that need a token or a server say so with a marker (test/support/readme.ts).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDesign } from '../../src/design';
import { loadAutoscalerConfig } from '../../src/simulator/autoscaler/config';
import { BIN, ROOT } from '../support/paths';
import { type ReadmeBlock, readmeBlocks, shCommands } from '../support/readme';
import { tempDir } from '../support/tmp';
import { describeWithVictoria, startVictoria, type Victoria } from '../support/victoria';

const blocks = readmeBlocks(readFileSync(join(ROOT, 'README.md'), 'utf8'));
const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** `clusterman` on PATH is the built CLI, as after `npm install -g .`. */
const shimDir = tmp.file('bin');
mkdirSync(shimDir);
writeFileSync(join(shimDir, 'clusterman'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
chmodSync(join(shimDir, 'clusterman'), 0o755);

/** A fresh folder per block, with the repository's designs/ and examples/ in it. */
function workspace(block: ReadmeBlock): string {
  const dir = tmp.file(`line-${block.line}`);
  for (const sub of ['designs', 'examples']) cpSync(join(ROOT, sub), join(dir, sub), { recursive: true });
  return dir;
}

function runBlock(block: ReadmeBlock, expected: number, rewrite: (cmd: string) => string = (c) => c): void {
  const cwd = workspace(block);
  for (const command of shCommands(block.body).map(rewrite)) {
    const res = spawnSync('sh', ['-c', command], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${shimDir}:${process.env.PATH ?? ''}`, FORCE_COLOR: '0' },
      timeout: 120_000,
    });
    const what = `README.md line ${block.line}: ${command}\nstdout: ${res.stdout}\nstderr: ${res.stderr}`;
    expect({ what, status: res.status }).toEqual({ what, status: expected });
  }
}

const title = (b: ReadmeBlock): string =>
  `line ${b.line} (${b.lang}): ${b.body.split('\n')[0]?.slice(0, 70)}`;

describe('README examples', () => {
  it('has yaml and sh examples, and every skipped one says why', () => {
    expect(blocks.filter((b) => b.lang === 'yaml' && b.check.kind === 'design').length).toBeGreaterThan(0);
    expect(blocks.filter((b) => b.check.kind === 'run').length).toBeGreaterThan(0);
    for (const b of blocks) if (b.check.kind === 'skip') expect(b.check.why.length).toBeGreaterThan(5);
  });

  for (const block of blocks) {
    const { check } = block;
    if (check.kind === 'skip') {
      it.skip(`${title(block)} [skipped: ${check.why}]`, () => undefined);
    } else if (check.kind === 'design' || check.kind === 'autoscaler-config') {
      it(`${title(block)} loads as ${check.kind === 'design' ? 'a design' : 'an autoscaler config'}`, async () => {
        const file = tmp.file(`line-${block.line}.yaml`);
        writeFileSync(file, `${block.body}\n`);
        if (check.kind === 'autoscaler-config') expect(loadAutoscalerConfig(file)).toBeDefined();
        else {
          const design = await loadDesign(file, {
            time: { nowMs: Date.now(), zone: 'UTC' },
            metricType: 'system_metrics',
          });
          expect(design.specs.length).toBeGreaterThan(0);
        }
      });
    } else if (!check.victoria) {
      it(`${title(block)} exits ${check.exit}`, () => runBlock(block, check.exit), 300_000);
    }
  }
});

describeWithVictoria('README examples that use VictoriaMetrics', () => {
  let vm: Victoria;
  beforeAll(async () => {
    vm = await startVictoria();
  });
  afterAll(() => vm.stop());

  for (const block of blocks) {
    const { check } = block;
    if (check.kind !== 'run' || !check.victoria) continue;
    it(
      `${title(block)} exits ${check.exit}`,
      () => runBlock(block, check.exit, (cmd) => cmd.replaceAll('http://localhost:8428', vm.url)),
      300_000,
    );
  }
});
