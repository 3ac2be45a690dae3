/** Python's round() and % on floats; expected values computed with CPython 3. */
import { floorMod, roundHalfEven } from '../../src/expr';
import { run } from './support';

describe('round: half to even on the exact binary value, like Python', () => {
  it.each<[number, number, number]>([
    [0.5, 0, 0],
    [1.5, 0, 2],
    [2.5, 0, 2],
    [-0.5, 0, -0],
    [-1.5, 0, -2],
    [-2.5, 0, -2],
    [2.675, 2, 2.67],
    [0.125, 2, 0.12],
    [0.375, 2, 0.38],
    [1.005, 2, 1],
    [-0.125, 2, -0.12],
    [1234.5678, 1, 1234.6],
    [0.1 + 0.2, 1, 0.3],
    [0.285, 2, 0.28],
    [2.5e-8, 8, 2e-8],
    [1.5e-8, 8, 1e-8],
    [5e-324, 3, 0],
    [1e22, 2, 1e22],
    [-7.45, 1, -7.5],
    [-7.55, 1, -7.5],
    [1250, -2, 1200],
    [1350, -2, 1400],
    [-1250, -2, -1200],
    [1249.9, -2, 1200],
    [123.456, -1, 120],
  ])('round(%p, %p) = %p', (x, n, want) => {
    expect(roundHalfEven(x, n)).toBe(want);
    expect(run(`round(x, ${n})`, { x })).toBe(want);
  });

  it('a fractional number of digits is NaN (Python raises)', () => {
    expect(roundHalfEven(1.5, 0.5)).toBeNaN();
  });
});

describe('% takes the sign of the divisor', () => {
  it.each<[number, number, number]>([
    [-7, 3, 2],
    [7, -3, -2],
    [7, 3, 1],
    [-7, -3, -1],
    [5.5, 2, 1.5],
    [-5.5, 2, 0.5],
    [6, 3, 0],
    [-6, 3, 0],
    [-1e-20, 3, 3],
  ])('%p %% %p = %p', (a, b, want) => {
    expect(floorMod(a, b)).toBe(want);
  });
});
