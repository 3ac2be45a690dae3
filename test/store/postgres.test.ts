import { openStore, StoreUnavailable } from '../../src/store';
import { freePort } from '../support/ports';
import { describeWithPostgres, POSTGRES_PASSWORD, startPostgres, type Postgres } from '../support/postgres';
import { schemaContract, storeContract } from './contract';

describeWithPostgres('PostgreSQL store', () => {
  let pg: Postgres;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
  });
  const newUrl = (): Promise<string> => pg.emptyDatabase();

  storeContract(newUrl);
  schemaContract(newUrl, POSTGRES_PASSWORD);

  it('one run per simulation: a second claim of the same key is refused until the first store closes', async () => {
    const url = await pg.emptyDatabase();
    const first = await openStore(url);
    const second = await openStore(url);
    await first.claim({ organisation: 'acme', project: 'shop' });
    await second.claim({ organisation: 'acme', project: 'shop', simulation: 'events' });
    await expect(second.claim({ organisation: 'acme', project: 'shop' })).rejects.toThrow(
      new StoreUnavailable(
        `acme/shop is being run by another process (store ${url.replace(/\/\/.*@/, '//***@')})`,
      ),
    );
    await first.close();
    await second.claim({ organisation: 'acme', project: 'shop' });
    await second.close();
  });

  it('a wrong password, a missing database and a server that is not there: one line, no password', async () => {
    const port = await freePort();
    const cases: [string, RegExp][] = [
      [pg.url().replace(POSTGRES_PASSWORD, 'wrong-secret'), /password authentication failed/],
      [pg.url('no_such_db'), /database "no_such_db" does not exist/],
      [`postgresql://clusterman:${POSTGRES_PASSWORD}@127.0.0.1:${port}/db`, /connection refused/],
    ];
    for (const [url, why] of cases) {
      const err = (await openStore(url).then(
        () => new Error('opened'),
        (e: Error) => e,
      )) as Error;
      expect(err).toBeInstanceOf(StoreUnavailable);
      expect(err.message).toMatch(why);
      expect(err.message).toMatch(/^PostgreSQL at postgresql:\/\/\*\*\*@127\.0\.0\.1:\d+\/\w+: /);
      expect(err.message).not.toContain(POSTGRES_PASSWORD);
      expect(err.message).not.toContain('wrong-secret');
      expect(err.message).not.toContain('\n');
    }
  });
});
