/** Long lists in messages: the first few items, then how many more, so one line stays readable. */

/** How many items a message shows before "… and N more". */
export const SHOWN = 5;

/** "'a', 'b', 'c', 'd', 'e' … and 2 more"; items are shown as given. */
export function someOf(items: readonly string[], shown = SHOWN): string {
  if (items.length <= shown) return items.join(', ');
  return `${items.slice(0, shown).join(', ')} … and ${items.length - shown} more`;
}

/** someOf with every name in quotes. */
export const someQuoted = (names: readonly string[], shown = SHOWN): string =>
  someOf(
    names.map((n) => `'${n}'`),
    shown,
  );
