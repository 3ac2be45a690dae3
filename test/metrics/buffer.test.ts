import { PointBuffer } from '../../src/metrics/buffer';

describe('PointBuffer', () => {
  it('grows past its first block, keeps time order and drops repeats (the first value wins)', () => {
    const b = new PointBuffer();
    for (let t = 0; t < 5000; t++) b.push(t, t * 2);
    b.push(4999, -1); // a repeated boundary point
    b.push(10, -1); // an earlier one
    expect(b.size).toBe(5000);
    expect(b.times[4999]).toBe(4999);
    expect(b.values[4999]).toBe(9998);
    expect([...b].slice(0, 2)).toEqual([
      [0, 0],
      [1, 2],
    ]);
  });
});
