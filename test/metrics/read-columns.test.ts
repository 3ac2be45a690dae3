/**
 * readMetricsColumns (simulate's reader) against readMetricsFile: the same series, point for point and key
 * order for key order, whether the file takes the column scanner or the ordinary path, and the same errors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { SeriesColumns } from '../../src/metrics/columns';
import { MetricsData, type Point, type PointValue } from '../../src/metrics/model';
import { readMetricsFile } from '../../src/metrics/read';
import { readMetricsColumns, scanMetricsDocument } from '../../src/metrics/read-columns';
import { NotPlain, scanPoints } from '../../src/metrics/scan-points';
import { writeIso2017, writeJsonpickle } from '../support/clusterman-files';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let n = 0;
function file(text: string, gzip = true): string {
  const path = tmp.file(`m${n++}.json${gzip ? '.gz' : ''}`);
  writeFileSync(path, gzip ? gzipSync(text) : text);
  return path;
}

/** Series as plain data, dict entries as [key, value] lists so that their order counts. */
function plain(data: MetricsData): unknown[] {
  const value = (v: PointValue): unknown => (typeof v === 'number' ? v : [...v]);
  return [...data.series()].map((s) => [s.type, s.key, s.points.map((p) => [p.t, value(p.value)])]);
}

/** Reads the file both ways; `scanned`: whether the column scanner must have read it (no ordinary path). */
async function same(path: string, scanned: boolean): Promise<MetricsData> {
  const ordinary = await readMetricsFile(path);
  const columns = await readMetricsColumns(path);
  const raw = readFileSync(path);
  const scan = (): MetricsData => scanMetricsDocument(raw[0] === 0x1f ? gunzipSync(raw) : raw);
  if (scanned) scan();
  else expect(scan).toThrow(NotPlain);
  expect(columns.format).toBe(ordinary.format);
  expect(plain(columns.data)).toEqual(plain(ordinary.data));
  for (const s of columns.data.stored()) expect(s.stored).toBeInstanceOf(SeriesColumns);
  return columns.data;
}

describe('readMetricsColumns reads what readMetricsFile reads', () => {
  it('plain json: numbers in every spelling, dicts with keys coming and going in any order', async () => {
    const doc = ` { "system_metrics" : { "cpus_allocated|cluster=c,pool=p.mesos" : [ [ 100 , 1.5 ] ,
      [200,-0],[300,1e3],[400,-2.5E-3],[500,12345678901234567890],[600,0.1],[700,-7] ] },
      "metadata": {"fulfilled_capacity|cluster=c,pool=p.mesos": [[100, {"<m3.large, a>": 4, "<c3.xlarge, b>": 8}],
        [160, {"<c3.xlarge, b>": 3, "<m3.large, a>": 5}], [220, {}], [280, {"<m5.large, \\u00e9t\\u00e9>": 2.5}],
        [340, {"<m5.large, été>": 1, "<m3.large, a>": 9}], [400, 7]],
        "spot_prices|aws_availability_zone=a,aws_instance_type=m3.large": [],
        "__proto__": [[1.5, 2]] } }`;
    const data = await same(file(doc), true);
    const capacity = data.columns('metadata', 'fulfilled_capacity|cluster=c,pool=p.mesos') as SeriesColumns;
    expect(capacity.keys).toEqual(['<m3.large, a>', '<c3.xlarge, b>', '<m5.large, été>']);
    expect(capacity.isNumber(5)).toBe(true);
    expect(
      Object.is(data.get('system_metrics', 'cpus_allocated|cluster=c,pool=p.mesos')?.[1]?.value, -0),
    ).toBe(true);
    await same(file(doc, false), true);
  });

  it('what the scanner leaves to the ordinary path: order, duplicates, numeric keys, other formats', async () => {
    const series = (points: string): string => `{"metadata": {"k": [${points}]}}`;
    await same(file(series('[200, 1], [100, 2]')), false);
    await same(file(series('[100, {"b": 1, "a": 2, "b": 3}]')), false);
    await same(file(series('[100, {"b": 1, "10": 2, "2": 3}]')), false);
    const data = new MetricsData();
    data.set('metadata', 'k', [
      { t: 100, value: new Map([['<m3.large, a>', 2]]) },
      { t: 200, value: 1.25 },
    ]);
    await same(await writeJsonpickle(tmp.file('pickle.json.gz'), data), false);
    await same(writeIso2017(tmp.file('iso.json.gz'), data), false);
  });

  it('refuses malformed files in the ordinary words', async () => {
    const bad = [
      '{"metadata": {"k": [[100, 1], [100, 2]]}}',
      '{"metadata": {"k": [[100, 1],]}}',
      '{"metadata": {"k": [[100, "1"]]}}',
      '{"metadata": {"k": [[100, {"a": true}]]}}',
      '{"metadata": {"k": [[100]]}}',
      '{"metadata": {"k": [[100, 01]]}}',
      '{"metadata": {"k": [[1e999, 1]]}}',
      '{"metadata": {"k": [[100, 1]]}} x',
      '{"metrics": {}}',
      '{"metadata": []}',
      '{"metadata": {"k": [[100, {"a\u0001": 1}]]}}',
      '{"metadata": {"k": [[100, 1]]',
      '[]',
    ];
    for (const text of bad) {
      const path = file(text);
      const ordinary = await readMetricsFile(path).then(
        () => 'read',
        (err: Error) => err.message,
      );
      expect(ordinary).not.toBe('read');
      await expect(readMetricsColumns(path)).rejects.toThrow(ordinary);
    }
  });
});

describe('SeriesColumns', () => {
  it('turn points into columns and back, numbers and dicts mixed', () => {
    const points: Point[] = [
      { t: 1, value: 3 },
      { t: 2, value: new Map([['x', 1]]) },
      {
        t: 3,
        value: new Map([
          ['y', 2],
          ['x', 0],
        ]),
      },
      { t: 4, value: new Map() },
    ];
    const columns = SeriesColumns.fromPoints(points);
    expect(columns.toPoints()).toEqual(points);
    expect([...(columns.valueAt(2) as Map<string, number>).keys()]).toEqual(['y', 'x']);
    expect(columns.firstDict()).toBe(1);
    expect(columns.firstAfter(2)).toBe(2);
    expect(columns.allNumbers).toBe(false);
  });

  it('grow past their first size', () => {
    const text = `[${Array.from({ length: 5000 }, (_, i) => `[${i},{"a":${i},"b":${-i}}]`).join(',')}]`;
    const columns = scanPoints(Buffer.from(text), 0, text.length);
    expect(columns.length).toBe(5000);
    expect(columns.valueAt(4999)).toEqual(
      new Map([
        ['a', 4999],
        ['b', -4999],
      ]),
    );
  });
});
