/** The constant-side closures of binary operators give exactly what the general closures give. */
import { binaryCode, binaryFn } from '../../src/expr/binary';
import { makeEnv } from './support';

const OPS = ['+', '-', '*', '/', '%', '**', '<', '<=', '>', '>=', '==', '!='];
const VALUES = [0, -0, 1, -1, 2, 0.5, -2.5, 7, 100, 1e-9, 1e300, -1e300, Infinity, -Infinity, NaN, 1 / 3];

describe('binary operators with a constant side', () => {
  const env = makeEnv();
  const same = (a: number, b: number) => Object.is(a, b);

  it.each(OPS)('%s: constant on the right or the left gives the general result', (op) => {
    for (const x of VALUES)
      for (const c of VALUES) {
        const general = binaryFn(
          op,
          () => x,
          () => c,
        ) as (e: typeof env) => number;
        const right = binaryCode(op, { fn: () => x }, { fn: () => c, value: c }) as typeof general;
        expect(same(right(env), general(env))).toBe(true);
        const generalLeft = binaryFn(
          op,
          () => c,
          () => x,
        ) as typeof general;
        const left = binaryCode(op, { fn: () => c, value: c }, { fn: () => x }) as typeof general;
        expect(same(left(env), generalLeft(env))).toBe(true);
      }
  });

  it('evaluates the variable side once per call, as the general closure does', () => {
    let calls = 0;
    const side = () => ++calls;
    const f = binaryCode('*', { fn: side }, { fn: () => 3, value: 3 }) as (e: typeof env) => number;
    expect([f(env), f(env)]).toEqual([3, 6]);
    expect(calls).toBe(2);
  });

  it('leaves an unknown operator to the caller', () => {
    expect(binaryCode('^', { fn: () => 1 }, { fn: () => 2, value: 2 })).toBeUndefined();
    expect(binaryCode('^', { fn: () => 2, value: 2 }, { fn: () => 1 })).toBeUndefined();
  });
});
