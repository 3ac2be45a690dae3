/**
 * Debian's `chromium` for the tests that open a page as a user would. Without it those tests fail under CI=true
 * and are skipped, with a visible message, elsewhere (as VictoriaMetrics' are).
 */
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumInstalled = existsSync(CHROMIUM);

/** `it` when Chromium is installed; otherwise a failing test under CI, a visible skip elsewhere. */
export function itWithChromium(name: string, body: () => Promise<void>, timeout?: number): void {
  if (chromiumInstalled) return it(name, body, timeout);
  const why = `${CHROMIUM} is missing (npm run test:deps, or apt-get install chromium; CHROMIUM_PATH picks another)`;
  if (process.env.CI === 'true') {
    it(name, () => {
      throw new Error(why);
    });
    return;
  }
  process.stderr.write(`SKIPPED "${name}": ${why}\n`);
  it.skip(name, body);
}
