/** Asking before existing data is replaced, the same way for a metrics file and for the datastore. */
import { BackfillDeclined } from '../backfill/errors';
import { DatastoreDeclined } from '../datastore/errors';
import { someQuoted } from '../util/list';
import { datastoreQuestion, replaceQuestion, type Confirm } from './prompt';

/** Replacements: --yes, else one question for all the keys on a terminal, else a refusal naming a few. */
export function replaceConfirmer(
  yes: boolean,
  confirm: Confirm | undefined,
  metricType: string,
  isFile: (where: string) => boolean,
): (keys: readonly string[], where: string) => Promise<boolean> {
  return async (keys, where) => {
    if (yes) return true;
    const file = isFile(where);
    if (!confirm) {
      const names = someQuoted(keys);
      const it = keys.length === 1 ? 'it' : 'them';
      throw file
        ? new BackfillDeclined(
            `${where} already holds ${names} (${metricType}): pass --yes to replace ${it} (file left unchanged)`,
          )
        : new DatastoreDeclined(
            `${where} already holds other points of ${names} (${metricType}) in this time range: pass --yes to replace ${it} (nothing written)`,
          );
    }
    const names = keys.map((k) => `'${k}'`);
    return confirm(file ? replaceQuestion(names, where) : datastoreQuestion(names, where));
  };
}
