/**
 * Real files from other public projects (Python's clusterman, Imply's generator, benshi, the power telemetry
 * exporter) live beside the checkout in ../shared, never in the repository. Interop tests that read them run
 * only when the folder is there: under CI=true a missing folder is a failing test, elsewhere a visible skip.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT, SHARED } from './paths';

export const sharedPresent = existsSync(SHARED);

/** `describe` when ../shared exists; otherwise a failing test under CI, a visible skip elsewhere. */
export function describeWithShared(name: string, body: () => void): void {
  if (sharedPresent) return describe(name, body);
  const why = `${relative(ROOT, SHARED)} is absent (real inputs of the reference tools, kept beside the checkout)`;
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
