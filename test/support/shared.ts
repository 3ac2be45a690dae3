/**
 * Real files from other public projects (Python's clusterman among them) live beside the checkout in
 * ../shared, never in the repository. Interop tests that read them run only when the folder is there:
 * under CI=true a missing folder is a failing test, elsewhere a visible skip.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { CLUSTERMAN_FIXTURES, ROOT } from './paths';

export const sharedPresent = existsSync(CLUSTERMAN_FIXTURES);

/** `describe` when ../shared/fixtures/clusterman exists; otherwise a failing test under CI, a visible skip elsewhere. */
export function describeWithShared(name: string, body: () => void): void {
  if (sharedPresent) return describe(name, body);
  const why = `${relative(ROOT, CLUSTERMAN_FIXTURES)} is absent (real files from Python's clusterman, kept beside the checkout)`;
  if (process.env.CI === 'true') {
    describe(name, () =>
      it('needs ../shared', () => {
        throw new Error(why);
      }),
    );
    return;
  }
  process.stderr.write(`SKIPPED "${name}": ${why}\n`);
  describe.skip(name, body);
}
