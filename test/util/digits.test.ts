import { ascii, writeInt } from '../../src/util/digits';

describe('writeInt', () => {
  it('writes what String() writes, for every digit count and across the 10^8 split', () => {
    const values = [0, -0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
    for (let p = 1; p <= 1e16; p *= 10) values.push(p - 1, p, p + 1, -p, 7 * p + 3);
    // A fixed sequence of magnitudes from 1 to 2^53.
    let x = 1;
    for (let i = 0; i < 2000; i++) {
      x = (x * 48271) % 2147483647;
      values.push(Math.floor((x / 2147483647) * 2 ** (i % 54)) * (i % 3 ? 1 : -1));
    }
    const buf = Buffer.alloc(32);
    for (const v of values.filter(Number.isSafeInteger)) {
      const end = writeInt(buf, 3, v);
      expect(buf.toString('latin1', 3, end)).toBe(String(v));
    }
  });
});

describe('ascii', () => {
  it('copies an ASCII string byte for byte', () => {
    const buf = Buffer.alloc(16, 0x2e);
    expect(ascii(buf, 2, 'a,b "c"')).toBe(9);
    expect(buf.toString('latin1')).toBe('..a,b "c".......');
  });
});
