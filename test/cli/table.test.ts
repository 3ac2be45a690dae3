/** Tables fit the terminal: the key shortened in the middle, or one block per row; piped, nothing is cut. */
import { type Column, renderTable, shortenMiddle } from '../../src/cli/table';

interface Row {
  readonly key: string;
  readonly points: number;
  readonly first: string;
}

const KEY = 'cpus_allocated|cluster=norcal-prod,pool=default.mesos';
const ROWS: Row[] = [
  { key: KEY, points: 1234567, first: '2017-12-01T00:00:00Z' },
  { key: 'mem_allocated|cluster=norcal-prod,pool=default.mesos', points: 7, first: '2017-12-01T00:00:00Z' },
];
const COLUMNS: Column<Row>[] = [
  { header: 'key', value: (r) => r.key, shrink: true },
  { header: 'points', align: 'right', value: (r) => String(r.points) },
  { header: 'first', value: (r) => r.first },
];
const lines = (text: string): string[] => text.split('\n');
const widest = (text: string): number => Math.max(...lines(text).map((l) => l.length));

describe('shortenMiddle', () => {
  it('keeps both ends and marks the cut with …', () => {
    expect(shortenMiddle('abcdefghij', 7)).toBe('abc…hij');
    expect(shortenMiddle('abcdefghij', 6)).toBe('abc…ij');
    expect(shortenMiddle('abcdefghij', 10)).toBe('abcdefghij');
    expect(shortenMiddle('abcdefghij', 1)).toBe('…');
  });
});

describe('renderTable', () => {
  it('without a width (piped), every cell is whole', () => {
    const text = renderTable(ROWS, COLUMNS, undefined);
    expect(text).toContain(KEY);
    expect(widest(text)).toBe(KEY.length + 2 + '1234567'.length + 2 + 20);
  });

  it('a table that fits is the same with or without a width', () => {
    expect(renderTable(ROWS, COLUMNS, 200)).toBe(renderTable(ROWS, COLUMNS, undefined));
  });

  it('too wide: the key is shortened in the middle to fit, numbers and times stay whole', () => {
    const text = renderTable(ROWS, COLUMNS, 60);
    expect(widest(text)).toBeLessThanOrEqual(60);
    const [header, rule, first, second] = lines(text);
    expect(header).toMatch(/^key\s+points {2}first$/);
    expect(rule).toMatch(/^-+ {2}-{7} {2}-{20}$/);
    expect(first).toMatch(/^cpus_allocat\S*…\S*default\.mesos\s+1234567 {2}2017-12-01T00:00:00Z$/);
    expect(second).toMatch(/^mem_allocate\S*…\S*default\.mesos\s+7 {2}2017-12-01T00:00:00Z$/);
  });

  it('too narrow even for a shortened key: one block per row, every line within the width', () => {
    const text = renderTable(ROWS, COLUMNS, 40);
    expect(widest(text)).toBeLessThanOrEqual(40);
    expect(lines(text)).toEqual([
      'cpus_allocated|clust…,pool=default.mesos',
      '  points 1234567',
      '  first 2017-12-01T00:00:00Z',
      'mem_allocated|cluste…,pool=default.mesos',
      '  points 7  first 2017-12-01T00:00:00Z',
    ]);
  });

  it('a key shorter than 24 characters would not tell series apart: blocks instead', () => {
    const text = renderTable(ROWS, COLUMNS, 50);
    expect(lines(text)).toContain('  points 1234567  first 2017-12-01T00:00:00Z');
    expect(lines(text)[0]).toBe('cpus_allocated|cluster=no…-prod,pool=default.mesos');
    expect(widest(text)).toBeLessThanOrEqual(50);
  });
});
