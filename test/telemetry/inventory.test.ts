import { inventoryReadme, readmeWithDataGlob } from '../../src/telemetry/inventory';

describe('readmeWithDataGlob', () => {
  const readme = inventoryReadme('0123456789abcdef0123456789abcdef', 3);

  it('leaves the README alone when its data glob matches the files (day and hour files)', () => {
    expect(
      readmeWithDataGlob(readme, ['data-2023-02-27.csv', 'data-2023-02-27T05.csv'], 'data-*.csv'),
    ).toBeUndefined();
  });

  it('changes only the data line when the files are Parquet', () => {
    const changed = readmeWithDataGlob(readme, ['data-2023-02-27.parquet'], 'data-*.parquet');
    expect(changed).toBe(readme.replace('data: data-*.csv', 'data: data-*.parquet'));
  });

  it('adds a data line to front matter without one, and ignores a README without front matter', () => {
    expect(readmeWithDataGlob('---\ndevices: inventory.csv\n---\n# x\n', ['data-1.csv'], 'data-*.csv')).toBe(
      '---\ndevices: inventory.csv\ndata: data-*.csv\n---\n# x\n',
    );
    expect(readmeWithDataGlob('# no front matter\n', ['data-1.csv'], 'data-*.csv')).toBeUndefined();
  });
});
