import { compileExpr, ExprError, type ExprEnv, type ExprFunction } from '../../src/expr';

function env(vars: Record<string, number> = {}, t = 0): ExprEnv {
  return {
    vars: new Map(Object.entries(vars)),
    t,
    hour: 13.5,
    weekday: 4,
    localParts: (s) => ({ hour: (s / 3600) % 24, weekday: 2 }),
  };
}
const run = (src: string, vars: Record<string, number> = {}, functions: ExprFunction[] = []) =>
  compileExpr(src, { variables: Object.keys(vars), functions }).evaluate(env(vars));

describe('evaluation', () => {
  it.each<[string, number]>([
    ['1.5 * x + 10', 32.5],
    ['(x - 4) / 2', 5.5],
    ['-7 % 3', 2],
    ['7 % -3', -2],
    ['x > 10 ? 1 : 2', 1],
    ['x >= 15 && x < 16', 1],
    ['x == 15 || 0', 1],
    ['!x', 0],
    ['abs(-3) + min(4, 2, 9) + max(1, 5)', 10],
    ['floor(2.7) + ceil(2.1) + sqrt(16)', 9],
    ['round(2.5) + round(3.5) + round(-0.5)', 6],
    ['round(1.23456, 2)', 1.23],
    ['log(e) + log(8, 2) + exp(0)', 5],
    ['pow(2, 10)', 1024],
    ['clamp(x, 0, 10) + clamp(-5, 0, 10)', 10],
    ['sin(pi / 2) + cos(0)', 2],
    ['hour + weekday', 17.5],
    ['hour(7200)', 2],
  ])('%s', (src, want) => {
    expect(run(src, { x: 15 })).toBeCloseTo(want, 12);
  });

  it('reads t and several variables', () => {
    const e = compileExpr('cpu / mem + t', { variables: ['cpu', 'mem'] });
    expect(e.variablesUsed).toEqual(['cpu', 'mem']);
    expect(e.evaluate(env({ cpu: 8, mem: 4 }, 100))).toBe(102);
  });

  it('calls random functions once per call site, left to right, only in the branch taken', () => {
    const calls: number[][] = [];
    const draw: ExprFunction = {
      name: 'draw',
      minArgs: 1,
      maxArgs: 2,
      random: true,
      call: (args) => {
        calls.push([...args]);
        return args[0] as number;
      },
    };
    const e = compileExpr('draw(1) + draw(2, 3) + (x > 0 ? draw(4) : draw(5))', {
      variables: ['x'],
      functions: [draw],
    });
    expect(e.usesRandom).toBe(true);
    expect(e.evaluate(env({ x: 1 }))).toBe(7);
    expect(calls).toEqual([[1], [2, 3], [4]]);
  });

  it('non-finite results are errors at evaluation', () => {
    expect(() => run('log(0)')).toThrow(/gave -Infinity/);
    expect(() => run('sqrt(-1)')).toThrow(/gave NaN/);
    expect(() => run('1 / x', { x: 0 })).toThrow(ExprError);
  });

  it('is fast enough for millions of points', () => {
    const e = compileExpr('clamp(x * (1 + 0.3 * sin(2 * pi * hour / 24)), 0, 64) + 1', { variables: ['x'] });
    const ev = env({ x: 10 });
    const n = 200_000;
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) e.evaluate(ev);
    const perSecond = n / (Number(process.hrtime.bigint() - start) / 1e9);
    expect(perSecond).toBeGreaterThan(200_000);
  });
});

describe('rejections: untrusted text never reaches JavaScript', () => {
  it.each<[string, RegExp]>([
    ['constructor', /unknown name 'constructor'/],
    ['__proto__', /unknown name '__proto__'/],
    ['toString', /unknown name 'toString'/],
    ['process', /unknown name 'process'/],
    ['globalThis', /unknown name 'globalThis'/],
    ["require('fs')", /unknown function 'require'|only numbers/],
    ['this.x', /'this' is not allowed|property access/],
    ['x.__proto__', /property access is not allowed/],
    ['x.constructor', /property access is not allowed/],
    ['x["a"]', /property access is not allowed/],
    ['(1).constructor', /property access is not allowed/],
    ['`a`', /syntax error/],
    ['a = 1', /syntax error|not allowed/],
    ['[1, 2]', /lists are not allowed/],
    ['"s"', /only numbers are allowed/],
    ['true', /only numbers are allowed/],
    ['x ** 2', /operator '\*\*' is not allowed \(use pow\(a, b\)\)/],
    ['x | 1', /operator '\|' is not allowed/],
    ['x === 1', /operator '===' is not allowed \(use ==\)/],
    ['~x', /operator '~' is not allowed/],
    ['1, 2', /single expression/],
    ['', /empty/],
    ['1 + * 2', /syntax error: .* at column \d+/],
    ['cpux * 2', /unknown name 'cpux' \(did you mean 'cpu'\?\) at column 1/],
    ['sqrt', /'sqrt' is a function/],
    ['x(1)', /'x' is not a function/],
    ['sqrt(1, 2)', /sqrt\(\) takes 1 argument, got 2/],
    ['clamp(1)', /clamp\(\) takes 3 arguments, got 1/],
    ['sine(1)', /unknown function 'sine' \(did you mean 'sin'\?\)/],
  ])('%s', (src, message) => {
    expect(() => compileExpr(src, { variables: ['x', 'cpu'] })).toThrow(message);
  });

  it('a variable may not hide a built-in', () => {
    expect(() => compileExpr('t', { variables: ['t'] })).toThrow(/hide the built-in 't'/);
    expect(() => compileExpr('x', { variables: ['sin'] })).toThrow(/hide the built-in 'sin'/);
  });
});
