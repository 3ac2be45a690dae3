import { compileExpr, ExprError } from '../../src/expr';
import { makeEnv, recorder, run } from './support';

describe('precedence and associativity (Python semantics for ** and %)', () => {
  it.each<[string, number]>([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['100 / 10 / 5', 2],
    ['2 * 3 % 4', 2],
    ['-2 * 3 % 4', 2],
    ['2 ** 3 ** 2', 512],
    ['(2 ** 3) ** 2', 64],
    ['2 * 3 ** 2', 18],
    ['-2 ** 2', -4],
    ['(-2) ** 2', 4],
    ['+2 ** 2', 4],
    ['--2 ** 2', 4],
    ['3 * -2 ** 2', -12],
    ['2 ** -1', 0.5],
    ['2 ** -1 ** 2', 0.5],
    ['-2 ** 3 ** 2', -512],
    ['-x ** 2', -9],
    ['!2 ** 0', 0],
    ['-7 % 3', 2],
    ['7 % -3', -2],
    ['-7 % -3', -1],
    ['5.5 % 2', 1.5],
    ['-5.5 % 2', 0.5],
    ['1e3 + 2.5E-1 + .5', 1000.75],
    ['1 + 2 < 4', 1],
    ['x * 2 >= 6', 1],
    ['2 <= 1', 0],
    ['1 == 1.0', 1],
    ['1 != 1', 0],
    ['(x > 0) == (x > 1)', 1],
    ['2 > 1 && 0 || 1', 1],
    ['0 || 0', 0],
    ['3 && 4', 1],
    ['!3', 0],
    ['!0', 1],
    ['-x', -3],
    ['1 - 1 ? 5 : 6', 6],
    ['x > 2 ? x > 5 ? 1 : 2 : 3', 2],
    ['0 ? 1 : 0 ? 2 : 3', 3],
    ['x > 2 ? -1 : 1 + 1', -1],
    ['1 + (x < 0 ? 10 : 20) * 2', 41],
  ])('%s = %p', (src, want) => {
    expect(run(src, { x: 3 })).toBe(want);
  });
});

describe('built-ins', () => {
  it.each<[string, number]>([
    ['abs(-3.5)', 3.5],
    ['min(4)', 4],
    ['min(4, 2, 9)', 2],
    ['max(1, 5)', 5],
    ['max(1, 7, 5, 2)', 7],
    ['floor(-2.5)', -3],
    ['ceil(2.1)', 3],
    ['round(2.5)', 2],
    ['round(3.5)', 4],
    ['round(-2.5)', -2],
    ['round(2.675, 2)', 2.67],
    ['round(1250, -2)', 1200],
    ['sqrt(16)', 4],
    ['log(e)', 1],
    ['log(8, 2)', 3],
    ['log(100, 10)', 2],
    ['exp(0)', 1],
    ['pow(2, 10)', 1024],
    ['pow(2, -1)', 0.5],
    ['sin(pi / 2)', 1],
    ['cos(0)', 1],
    ['clamp(15, 0, 10)', 10],
    ['clamp(-5, 0, 10)', 0],
    ['clamp(5, 0, 10)', 5],
    ['pi', Math.PI],
    ['e', Math.E],
    ['t', 7200],
    ['hour', 13.5],
    ['weekday', 4],
    ['hour(7200)', 2],
    ['hour(t + 5400)', 3.5],
    ['weekday(0)', 3],
    ['weekday(4 * 86400)', 0],
  ])('%s = %p', (src, want) => {
    expect(compileExpr(src, { variables: [] }).evaluate(makeEnv({}, 7200))).toBeCloseTo(want, 12);
  });

  it('reads several variables and reports them once each, in order', () => {
    const e = compileExpr('mem + cpu / mem', { variables: ['cpu', 'mem', 'disk'] });
    expect(e.variablesUsed).toEqual(['mem', 'cpu']);
    expect(e.usesRandom).toBe(false);
    expect(e.source).toBe('mem + cpu / mem');
    expect(e.evaluate(makeEnv({ cpu: 8, mem: 4 }))).toBe(6);
  });

  it('a variable without a value at evaluation is an error, not a silent NaN', () => {
    const e = compileExpr('x > 1', { variables: ['x'] });
    expect(() => e.evaluate(makeEnv({}))).toThrow(new ExprError("variable 'x' has no value"));
  });

  it('the typical expression from the design docs', () => {
    const { fn: gauss } = recorder('gauss');
    const e = compileExpr('clamp(x * (1 + 0.3 * sin(2 * pi * hour / 24)), 0, 64) + gauss(0, 5)', {
      variables: ['x'],
      functions: [gauss],
    });
    expect(e.usesRandom).toBe(true);
    expect(e.evaluate(makeEnv({ x: 10 }))).toBeCloseTo(
      10 * (1 + 0.3 * Math.sin((2 * Math.PI * 13.5) / 24)),
      12,
    );
  });
});

describe('evaluation order of caller functions', () => {
  it('evaluates operands and arguments left to right, once per call site per evaluation', () => {
    const { fn: draw, calls } = recorder('draw');
    const e = compileExpr('draw(1) - draw(2) * draw(3) + max(draw(4), draw(5)) + draw(draw(6), draw(7), 8)', {
      variables: [],
      functions: [draw],
    });
    expect(e.usesRandom).toBe(true);
    e.evaluate(makeEnv());
    expect(calls).toEqual([[1], [2], [3], [4], [5], [6], [7], [6, 7, 8]]);
    e.evaluate(makeEnv());
    expect(calls).toHaveLength(16);
  });

  it('evaluates only the branch a ternary takes', () => {
    const { fn: draw, calls } = recorder('draw');
    const e = compileExpr('x > 0 ? draw(1) + draw(2) : draw(3)', { variables: ['x'], functions: [draw] });
    expect(e.evaluate(makeEnv({ x: 1 }))).toBe(3);
    expect(calls).toEqual([[1], [2]]);
    expect(e.evaluate(makeEnv({ x: -1 }))).toBe(3);
    expect(calls).toEqual([[1], [2], [3]]);
  });

  it('a constant condition picks its branch at compile time; the other never draws', () => {
    const { fn: draw, calls } = recorder('draw');
    const e = compileExpr('(2 > 1 ? draw(1) : draw(2)) + (0 && draw(3)) + (1 || draw(4))', {
      variables: [],
      functions: [draw],
    });
    expect(e.evaluate(makeEnv())).toBe(2);
    expect(calls).toEqual([[1]]);
  });

  it('&& and || skip the right side when the left decides', () => {
    const { fn: draw, calls } = recorder('draw');
    const e = compileExpr('(x && draw(1)) + (x || draw(2))', { variables: ['x'], functions: [draw] });
    expect(e.evaluate(makeEnv({ x: 0 }))).toBe(0 + 1);
    expect(calls).toEqual([[2]]);
    expect(e.evaluate(makeEnv({ x: 5 }))).toBe(2);
    expect(calls).toEqual([[2], [1]]);
  });

  it('calls a non-random caller function at every evaluation (never folded) but does not flag randomness', () => {
    const { fn: tick, calls } = recorder('tick', false);
    const e = compileExpr('tick(2) * 3', { variables: [], functions: [tick] });
    expect(e.usesRandom).toBe(false);
    expect(e.evaluate(makeEnv())).toBe(6);
    expect(e.evaluate(makeEnv())).toBe(6);
    expect(calls).toEqual([[2], [2]]);
  });

  it('hands the environment to caller functions', () => {
    const e = compileExpr('at()', {
      variables: [],
      functions: [{ name: 'at', minArgs: 0, maxArgs: 0, random: false, call: (_args, env) => env.t }],
    });
    expect(e.evaluate(makeEnv({}, 42))).toBe(42);
  });
});

describe('non-finite results are errors at evaluation', () => {
  it.each<[string, string]>([
    ['log(0)', 'gave -Infinity'],
    ['sqrt(-1)', 'gave NaN'],
    ['1 / x', 'gave Infinity'],
    ['-1 / x', 'gave -Infinity'],
    ['x / x', 'gave NaN'],
    ['5 % x', 'gave NaN'],
    ['(-8) ** (1 / 3)', 'gave NaN'],
    ['10 ** 400', 'gave Infinity'],
    ['round(x, 0.5)', 'gave NaN'],
  ])('%s', (src, message) => {
    const e = compileExpr(src, { variables: ['x'] }); // compiling is fine, even when folded to a constant
    let thrown: unknown;
    try {
      e.evaluate(makeEnv({ x: 0 }));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ExprError);
    expect((thrown as ExprError).message).toBe(message);
    expect((thrown as ExprError).column).toBeUndefined();
  });

  it('an infinite intermediate value is fine when the result is finite', () => {
    expect(run('1 / (1 / x) + 1', { x: 0 })).toBe(1);
    expect(run('x > 0 ? log(0) : 1', { x: 0 })).toBe(1);
  });
});
