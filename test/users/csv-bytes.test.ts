import { CsvBytes } from '../../src/users/csv-bytes';
import { catalogCsv, type LogRecord, logCsv } from '../../src/users/records';
import { SessionLog } from '../../src/users/builder';
import { PackedRecords } from '../../src/users/packed';
import { SharedProps } from '../../src/users/shared-props';
import type { UserState } from '../../src/users/user';

const user = { no: 3, id: 'u_3', did: '-77' } as UserState;

function log(ts: number, props: string): LogRecord {
  return {
    ts,
    type: 'item',
    block: 'e-commerce',
    props,
    ol: ts % 2 === 0,
    id: 'x',
    user: 3,
    up: 1000,
    dn: 99_999,
  };
}

describe('CsvBytes', () => {
  it('writes the same bytes as logCsv and catalogCsv, across seconds, days, months and a leap day', () => {
    const day = 86_400_000_000;
    const times = [
      Date.UTC(2020, 0, 1) * 1000,
      Date.UTC(2020, 0, 1) * 1000 + 7,
      Date.UTC(2020, 0, 1, 23, 59, 59) * 1000 + 999_999,
      Date.UTC(2020, 1, 29, 12, 34, 56) * 1000 + 100_000,
      Date.UTC(2020, 2, 1, 9, 5, 3) * 1000 + 10,
      Date.UTC(2021, 11, 31, 23, 0, 0) * 1000 + 500_001,
    ];
    for (let t = times[0] as number; t < (times[0] as number) + 3 * day; t += 7_654_321_987) times.push(t);
    const props = [
      '{"action":"view","item":{"id":"a,b"}}',
      '{"x":1}',
      'plain',
      'é "ü"',
      'a,b',
      'cr\r',
      'lf\n',
      '',
      'ü, plain',
    ];
    const bytes = new CsvBytes(64);
    let expected = '';
    times.forEach((ts, i) => {
      const r = log(ts, props[i % props.length] as string);
      bytes.log(r, user);
      expected += logCsv(r, user.id, user.did);
      const c = { ts, subject: 'media', data: props[(i + 1) % props.length] as string, id: 'c' };
      bytes.catalog(c);
      expected += catalogCsv(c);
    });
    expect(bytes.buf.subarray(0, bytes.length).toString('utf8')).toBe(expected);
  });

  it('copies a shared props (or catalog data) text as the same bytes as escaping it', () => {
    const props = [
      '{"action":"view","item":{"id":"a,b","price":1.5},"usd_rate":1}',
      'plain',
      'é "ü"',
      'cr\r',
      '',
    ];
    const bytes = new CsvBytes(16);
    let expected = '';
    props.forEach((text, i) => {
      const r = { ...log(Date.UTC(2020, 0, 1, 12) * 1000 + i, text), shared: new SharedProps(text) };
      bytes.log(r, user);
      expected += logCsv(r, user.id, user.did);
      const c = { ts: r.ts, subject: 'drug', data: text, id: 'c', shared: new SharedProps(text) };
      bytes.catalog(c);
      expected += catalogCsv(c);
    });
    expect(bytes.buf.subarray(0, bytes.length).toString('utf8')).toBe(expected);
  });

  it('writes packed session records as logCsv writes them as objects', () => {
    const t0 = Date.UTC(2020, 0, 1, 23, 59, 58) * 1000;
    const shared = new SharedProps('{"action":"view","item":{"id":"x"},"usd_rate":1}');
    const records = [
      new SessionLog(t0, 'item', 'e-commerce', shared.text, true, 3, 1000, 99_999, 'k', 0, shared),
      new SessionLog(t0 + 1, 'app', 'core', '{"action":"open"}', false, 3, 54_321, 1001, 'k', 1),
      new SessionLog(t0 + 2_000_001, 'item', 'e-commerce', shared.text, false, 3, 12_345, 5, 'k', 2, shared),
    ];
    const packed = new PackedRecords(records, 3);
    expectPackedAsObjects(records, packed);
  });

  it('writes long texts (kept as bytes) as logCsv writes them, quoted or not, repeated or not', () => {
    const t0 = Date.UTC(2020, 0, 1, 12) * 1000;
    const cart = `{"action":"cart","items":[${'{"id":"a","price":1.5},'.repeat(20)}{}]}`;
    const texts = [
      cart,
      'x'.repeat(300),
      `${'y'.repeat(299)},`,
      cart,
      'é'.repeat(300),
      `line\n${'z'.repeat(300)}`,
    ];
    const records = texts.map(
      (text, i) => new SessionLog(t0 + i, 'cart', 'e-commerce', text, i % 2 === 0, 3, 100 + i, 7, 'k', i),
    );
    const packed = new PackedRecords(records, 3);
    // The ASCII ones moved to bytes (the two-byte one stays a string).
    expect(texts.map((_, i) => packed.longTexts(i) !== null)).toEqual([true, true, true, true, false, true]);
    expectPackedAsObjects(records, packed);
  });
});

/** Each packed record written from the arrays gives the line logCsv writes for it as an object. */
function expectPackedAsObjects(records: readonly SessionLog[], packed: PackedRecords): void {
  const bytes = new CsvBytes(16);
  let expected = '';
  records.forEach((r, i) => {
    bytes.logPacked(packed, i, packed.logKind(i) as NonNullable<ReturnType<PackedRecords['logKind']>>, user);
    expected += logCsv(r, user.id, user.did);
  });
  expect(bytes.buf.subarray(0, bytes.length).toString('utf8')).toBe(expected);
}
