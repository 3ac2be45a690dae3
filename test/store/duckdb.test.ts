import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { openStore } from '../../src/store';
import { schemaContract, storeContract } from './contract';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;

describe('DuckDB store', () => {
  const newUrl = async (): Promise<string> => `duckdb://${tmp.file(`state-${n++}.duckdb`)}`;
  storeContract(newUrl);

  it('saving a state again and again keeps the file near the size of one state, not of all saves', async () => {
    const file = tmp.file(`state-${n++}.duckdb`);
    const store = await openStore(`duckdb://${file}`);
    const key = { organisation: 'acme', project: 'shop' };
    const size = 3_000_000;
    for (let i = 0; i < 12; i++)
      await store.save(key, {
        simulatedTime: i,
        meta: {},
        state: new Uint8Array(randomBytes(size)),
        outputs: {},
      });
    await store.close();
    expect(statSync(file).size).toBeLessThan(4 * size);
  });
  schemaContract(newUrl);
});
