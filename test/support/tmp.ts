import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder per test file, removed afterwards. */
export function tempDir(): { path: string; file: (name: string) => string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'clusterman-test-'));
  return {
    path,
    file: (name) => join(path, name),
    cleanup: () => rmSync(path, { recursive: true, force: true }),
  };
}
