/** The per-row fast paths: variables read by slot, functions bound once for constant arguments. */
import { compileExpr, type ExprEnv, type ExprFunction } from '../../src/expr';
import { makeEnv, recorder } from './support';

describe('variables with slots', () => {
  const source = 'cpu * 2 + (x > 1 ? x : -x)';
  const slots = new Map([
    ['cpu', 0],
    ['x', 1],
  ]);

  it('read env.cells by index, and give what reading vars gives', () => {
    const slotted = compileExpr(source, { variables: ['cpu', 'x'], slots });
    const plain = compileExpr(source, { variables: ['cpu', 'x'] });
    for (const [cpu, x] of [
      [1, 2],
      [3.5, -4],
      [0, 0.5],
    ] as const) {
      const env: ExprEnv = { ...makeEnv({ cpu: NaN, x: NaN }), cells: Float64Array.of(cpu, x) };
      expect(slotted.evaluate(env)).toBe(plain.evaluate(makeEnv({ cpu, x })));
    }
  });

  it('fall back to vars when the environment has no cells', () => {
    const slotted = compileExpr(source, { variables: ['cpu', 'x'], slots });
    expect(slotted.evaluate(makeEnv({ cpu: 1, x: 2 }))).toBe(4);
  });
});

describe('bind', () => {
  const counting = () => {
    const bound: number[][] = [];
    const calls: number[][] = [];
    let draws = 0;
    const fn: ExprFunction = {
      name: 'draw',
      minArgs: 0,
      maxArgs: 3,
      random: true,
      bind(args) {
        bound.push([...args]);
        if (args[0] === 99) return undefined; // this function declines: call() is used
        return () => args.reduce((a, b) => a + b, 0) + ++draws / 1000;
      },
      call(args) {
        calls.push([...args]);
        return args.reduce((a, b) => a + b, 0) + ++draws / 1000;
      },
    };
    return { fn, bound, calls };
  };

  it('is asked once per call site with constant arguments, and its function is used on every evaluation', () => {
    const { fn, bound, calls } = counting();
    const e = compileExpr('draw(1, 2) + draw() * 0', { variables: [], functions: [fn] });
    expect(bound).toEqual([[1, 2], []]);
    expect([e.evaluate(makeEnv()), e.evaluate(makeEnv())]).toEqual([3.001 + 0, 3.003 + 0]);
    expect(calls).toEqual([]);
  });

  it('is not asked when an argument varies, and call() gets the values of each evaluation', () => {
    const { fn, bound, calls } = counting();
    const e = compileExpr('draw(x, 1) + draw(99)', { variables: ['x'], functions: [fn] });
    expect(bound).toEqual([[99]]);
    e.evaluate(makeEnv({ x: 5 }));
    e.evaluate(makeEnv({ x: 7 }));
    expect(calls).toEqual([[5, 1], [99], [7, 1], [99]]);
  });

  it('call sites nested in arguments each get their own values', () => {
    const { fn, calls } = recorder('f');
    const e = compileExpr('f(x, f(x + 1, f(x + 2, 3, 4), 5), 6)', { variables: ['x'], functions: [fn] });
    e.evaluate(makeEnv({ x: 10 }));
    expect(calls).toEqual([
      [12, 3, 4],
      [11, 12, 5],
      [10, 11, 6],
    ]);
  });
});
