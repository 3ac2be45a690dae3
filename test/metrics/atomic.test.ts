/** AtomicFile in process: temp files never outlive a failed commit, and symlinks are followed. */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { AtomicFile, removePendingTempFiles } from '../../src/metrics/atomic';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const temps = (): string[] => readdirSync(tmp.path).filter((f) => f.endsWith('.tmp'));

describe('AtomicFile', () => {
  it('a commit that fails at the rename (the target became a folder) leaves no temp file after abort', async () => {
    const target = tmp.file('became-a-folder');
    const file = await AtomicFile.create(target);
    await file.write(Buffer.from('data'));
    mkdirSync(target);
    writeFileSync(`${target}/inside`, 'x');
    await expect(file.commit()).rejects.toMatchObject({
      code: expect.stringMatching(/EISDIR|ENOTEMPTY|EEXIST/),
    });
    await file.abort();
    expect(temps()).toEqual([]);
    expect(readFileSync(`${target}/inside`, 'utf8')).toBe('x');
    rmSync(target, { recursive: true });
  });

  it('the temp file is listed as soon as it exists: removePendingTempFiles (a signal) removes it', async () => {
    const file = await AtomicFile.create(tmp.file('pending'));
    expect(temps()).toHaveLength(1);
    removePendingTempFiles();
    expect(temps()).toEqual([]);
    await file.abort();
  });

  it('a symlink is followed: its target is replaced, the link stays a link', async () => {
    const real = tmp.file('real.json.gz');
    writeFileSync(real, 'old');
    const link = tmp.file('link.json.gz');
    symlinkSync('real.json.gz', link);
    const file = await AtomicFile.create(link);
    await file.write(Buffer.from('new'));
    await file.commit();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(temps()).toEqual([]);
  });

  it('a dangling symlink gets its target created', async () => {
    const link = tmp.file('dangling.json.gz');
    symlinkSync('created.json.gz', link);
    const file = await AtomicFile.create(link);
    await file.write(Buffer.from('made'));
    await file.commit();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(existsSync(tmp.file('created.json.gz'))).toBe(true);
    expect(readFileSync(link, 'utf8')).toBe('made');
  });
});
