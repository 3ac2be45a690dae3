import { writeFileSync } from 'node:fs';
import { scanCsvBuffer, scanCsvFile } from '../../src/validate/csv';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

interface Seen {
  line: number;
  fields: string[];
  malformed?: string;
}

const collect = (seen: Seen[]) => (row: Parameters<Parameters<typeof scanCsvBuffer>[2]>[0]) => {
  const fields = Array.from({ length: row.count }, (_, i) => row.text(i));
  seen.push({ line: row.line, fields, ...(row.malformed ? { malformed: row.malformed } : {}) });
};

const TEXT =
  'sn,model,value\n' +
  'A1,"HPE DL325, Gen10",1.5\r\n' +
  '"B2","say ""hi""","2"\n' +
  'C3,"two\nlines",3\n' +
  'D4,,4\n' +
  'E5,last,5';

const EXPECTED: Seen[] = [
  { line: 1, fields: ['sn', 'model', 'value'] },
  { line: 2, fields: ['A1', 'HPE DL325, Gen10', '1.5'] },
  { line: 3, fields: ['B2', 'say "hi"', '2'] },
  { line: 4, fields: ['C3', 'two\nlines', '3'] },
  { line: 6, fields: ['D4', '', '4'] },
  { line: 7, fields: ['E5', 'last', '5'] },
];

describe('CSV scanner', () => {
  it('reads minimal and full quoting, escaped quotes, CRLF, line breaks inside quotes, a last row without newline', () => {
    const seen: Seen[] = [];
    scanCsvBuffer(Buffer.from(TEXT), 8, collect(seen));
    expect(seen).toEqual(EXPECTED);
  });

  it('gives the same rows whatever the chunk size (rows across chunk ends, rows longer than a chunk)', async () => {
    const file = tmp.file('t.csv');
    writeFileSync(file, TEXT);
    for (const chunk of [1, 2, 5, 7, 16, 1 << 20]) {
      const seen: Seen[] = [];
      await scanCsvFile(file, 8, collect(seen), chunk);
      expect({ chunk, seen }).toEqual({ chunk, seen: EXPECTED });
    }
  });

  it('says what is wrong with a broken quote', () => {
    const seen: Seen[] = [];
    scanCsvBuffer(Buffer.from('a,"b"x,c\nd,"never closed\n'), 8, collect(seen));
    expect(seen.map((s) => s.malformed)).toEqual([
      'text after a closing quote',
      'a quoted field is never closed',
    ]);
  });

  it('counts fields beyond its capacity without recording them', () => {
    const seen: number[] = [];
    scanCsvBuffer(Buffer.from('a,b,c,d,e\n'), 2, (row) => seen.push(row.count));
    expect(seen).toEqual([5]);
  });
});
