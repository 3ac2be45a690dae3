import { schemaContract, storeContract } from './contract';
import { tempDir } from '../support/tmp';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;

describe('DuckDB store', () => {
  const newUrl = async (): Promise<string> => `duckdb://${tmp.file(`state-${n++}.duckdb`)}`;
  storeContract(newUrl);
  schemaContract(newUrl);
});
