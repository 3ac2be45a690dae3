/** Asking before existing data is replaced, the same way for a metrics file and for the datastore. */
import { BackfillDeclined } from '../backfill/errors';
import type { Replacement } from '../backfill/run';
import { DatastoreDeclined } from '../datastore/errors';
import { someOf, someQuoted } from '../util/list';
import { datastoreQuestion, replaceQuestion, type Confirm } from './prompt';

export type { Replacement };

/**
 * Replacements: --yes, else one question on a terminal for every place and key, else a refusal naming a few
 * keys per place.
 */
export function replaceConfirmer(
  yes: boolean,
  confirm: Confirm | undefined,
  metricType: string,
  isFile: (where: string) => boolean,
): (found: readonly Replacement[]) => Promise<boolean> {
  return async (found) => {
    const places = found.filter((r) => r.keys.length > 0);
    if (yes || places.length === 0) return true;
    if (!confirm) throw refusal(places, metricType, isFile);
    return confirm(question(places, isFile));
  };
}

function refusal(places: readonly Replacement[], metricType: string, isFile: (where: string) => boolean) {
  const total = places.reduce((n, r) => n + r.keys.length, 0);
  const it = total === 1 ? 'it' : 'them';
  const held = places.map(({ keys, where }) =>
    isFile(where)
      ? `${where} already holds ${someQuoted(keys)} (${metricType})`
      : `${where} already holds other points of ${someQuoted(keys)} (${metricType}) in this time range`,
  );
  const [only] = places;
  if (places.length === 1 && only && isFile(only.where))
    return new BackfillDeclined(`${held.join('')}: pass --yes to replace ${it} (file left unchanged)`);
  const why = `${held.join('; ')}: pass --yes to replace ${it} (nothing written)`;
  return places.some((r) => isFile(r.where)) ? new BackfillDeclined(why) : new DatastoreDeclined(why);
}

function question(places: readonly Replacement[], isFile: (where: string) => boolean): string {
  const quoted = (keys: readonly string[]) => keys.map((k) => `'${k}'`);
  const ask = ({ keys, where }: Replacement) =>
    isFile(where) ? replaceQuestion(quoted(keys), where) : datastoreQuestion(quoted(keys), where);
  const [only] = places;
  if (places.length === 1 && only) return ask(only);
  // Several places: each one's list line, then a single question counting them all.
  const lists = places.map((r) => (ask(r).split('\n')[0] as string).trimEnd());
  const counts = places.map(({ keys, where }) => `${keys.length} in ${where}`);
  return `${lists.join('\n')}\nReplace existing series: ${someOf(counts)}? [y/N]`;
}
