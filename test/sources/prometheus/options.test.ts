import { SourceOptionError } from '../../../src/sources/errors';
import { prometheusOptions } from '../../../src/sources/prometheus/options';

const URL_OPT = 'url=http://localhost:9090';
const opts = (pairs: string[], env: NodeJS.ProcessEnv = {}) => prometheusOptions(pairs, env);
const refusal = (pairs: string[]): Error => {
  try {
    opts(pairs);
  } catch (err) {
    return err as Error;
  }
  throw new Error(`accepted ${pairs.join(' ')}`);
};

describe('prometheusOptions', () => {
  it('needs -o url, and says how to give it', () => {
    expect(() => opts([])).toThrow(
      new SourceOptionError(
        'Prometheus needs the server: -o url=http://host:9090 (or a VictoriaMetrics URL)',
      ),
    );
  });

  it('defaults: step 60 s, 10,000 evaluations per request, 5 retries, no labels dropped, no token', () => {
    const o = opts([URL_OPT]);
    expect(o.url.href).toBe('http://localhost:9090/');
    expect(o).toMatchObject({
      token: undefined,
      stepSeconds: 60,
      chunkPoints: 10_000,
      maxRetries: 5,
      dropLabels: [],
    });
  });

  it("keeps the URL's path without a trailing slash (a VictoriaMetrics cluster)", () => {
    const o = opts(['url=http://vmselect:8481/select/0/prometheus/']);
    expect(o.url.pathname).toBe('/select/0/prometheus');
  });

  it.each([
    ['url=not a url', "-o url: 'not a url' is not a URL (expected http://host:port[/path])"],
    ['url=ftp://host/metrics', "-o url: 'ftp://host/metrics' is not an http or https URL"],
    ['url=localhost:9090', "-o url: 'localhost:9090' is not an http or https URL"],
  ])('refuses a bad url: %s', (pair, message) => {
    expect(refusal([pair])).toEqual(new SourceOptionError(message));
  });

  it('does not print the password of a bad url', () => {
    const err = refusal(['url=http://alice:s3cret-pw@prom host:9090']);
    expect(err).toBeInstanceOf(SourceOptionError);
    expect(err.message).toMatch(/^-o url: .* is not a URL/);
    expect(err.message).not.toContain('s3cret-pw');
  });

  it.each([
    ['steps=1m', "-o steps: unknown Prometheus option (did you mean 'step'?)"],
    ['drop_label=job', "-o drop_label: unknown Prometheus option (did you mean 'drop_labels'?)"],
    ['chunkpoints=1000', "-o chunkpoints: unknown Prometheus option (did you mean 'chunk_points'?)"],
    ['max_retry=3', "-o max_retry: unknown Prometheus option (did you mean 'max_retries'?)"],
  ])('refuses an unknown option with a suggestion: %s', (pair, message) => {
    expect(refusal([URL_OPT, pair])).toEqual(new SourceOptionError(message));
  });

  it.each([
    ['90', 90],
    ['1m', 60],
    ['90s', 90],
    ['1m30s', 90],
    ['1h', 3600],
  ])('step=%s is %d seconds', (step, seconds) => {
    expect(opts([URL_OPT, `step=${step}`]).stepSeconds).toBe(seconds);
  });

  it.each([
    ['step=1.5', "-o step: must be a whole number of seconds (got '1.5')"],
    ['step=2.5s', "-o step: must be a whole number of seconds (got '2.5s')"],
    ['step=0', "-o step: must be positive (got '0')"],
    ['step=-1m', "-o step: must be positive (got '-1m')"],
  ])('refuses %s', (pair, message) => {
    expect(refusal([URL_OPT, pair])).toEqual(new SourceOptionError(message));
  });

  it('refuses a step that is no duration, saying which units it takes', () => {
    expect(refusal([URL_OPT, 'step=fast']).message).toMatch(
      /^-o step: cannot understand duration 'fast'.*'1m'/,
    );
  });

  it('reads the bearer token from PROM_BEARER_TOKEN only; empty is none', () => {
    expect(opts([URL_OPT], { PROM_BEARER_TOKEN: 'tok-123' }).token).toBe('tok-123');
    expect(opts([URL_OPT], { PROM_BEARER_TOKEN: '' }).token).toBeUndefined();
    expect(refusal([URL_OPT, 'token=tok-123']).message).toMatch(/^-o token: unknown Prometheus option/);
  });

  it('takes chunk_points >= 1 and max_retries >= 0 as integers', () => {
    expect(opts([URL_OPT, 'chunk_points=1', 'max_retries=0'])).toMatchObject({
      chunkPoints: 1,
      maxRetries: 0,
    });
    expect(opts([URL_OPT, 'chunk_points=11000', 'max_retries=12'])).toMatchObject({
      chunkPoints: 11_000,
      maxRetries: 12,
    });
  });

  it.each([
    ['chunk_points=0', "-o chunk_points: expected an integer >= 1 (got '0')"],
    ['chunk_points=2.5', "-o chunk_points: expected an integer >= 1 (got '2.5')"],
    ['chunk_points=', "-o chunk_points: expected an integer >= 1 (got '')"],
    ['max_retries=-1', "-o max_retries: expected an integer >= 0 (got '-1')"],
    ['max_retries=many', "-o max_retries: expected an integer >= 0 (got 'many')"],
  ])('refuses %s', (pair, message) => {
    expect(refusal([URL_OPT, pair])).toEqual(new SourceOptionError(message));
  });

  it('refuses an option given twice, except drop_labels', () => {
    expect(refusal([URL_OPT, 'url=http://other:9090'])).toEqual(
      new SourceOptionError('-o url: given 2 times'),
    );
    expect(refusal([URL_OPT, 'step=60', 'step=30'])).toEqual(new SourceOptionError('-o step: given 2 times'));
  });

  it('drop_labels: comma lists, repeatable, blanks ignored', () => {
    expect(opts([URL_OPT, 'drop_labels=instance']).dropLabels).toEqual(['instance']);
    expect(opts([URL_OPT, 'drop_labels=instance, job,', 'drop_labels=metric_type']).dropLabels).toEqual([
      'instance',
      'job',
      'metric_type',
    ]);
  });
});
