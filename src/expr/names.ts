import { nearest } from '../util/nearest';

/** `did you mean 'cpu'?`, or undefined when nothing is close. Short names allow one edit only: `x` must not suggest `t`. */
export function suggestion(word: string, candidates: Iterable<string>): string | undefined {
  const best = nearest(word, candidates, 1);
  return best === undefined ? undefined : `did you mean '${best}'?`;
}
