import { buildProgram, parseFilters, quote } from '../../../src/sources/signalfx/program';

describe('SignalFlow programs', () => {
  it("builds clusterman's query: filters AND-ed across dimensions, OR-ed within one, then the aggregation", () => {
    expect(
      buildProgram({
        metric: 'cpus_allocated',
        filters: parseFilters(['cluster:norcal-prod', 'AZ:us-west-2a', 'AZ:us-west-2b']),
        rollup: 'average',
        extrapolation: 'last_value',
        maxExtrapolations: 3,
        groupBy: { dimensions: ['AZ', 'inst_type'], aggregation: 'sum' },
      }),
    ).toBe(
      'data("cpus_allocated", filter=filter("cluster", "norcal-prod") and filter("AZ", "us-west-2a", "us-west-2b"), ' +
        'rollup="average", extrapolation="last_value", maxExtrapolations=3).sum(by=["AZ", "inst_type"]).publish()',
    );
    expect(buildProgram({ metric: 'm', filters: new Map() })).toBe('data("m").publish()');
  });

  it('quotes whatever users type, so it cannot change the program', () => {
    expect(quote('a"b')).toBe('"a\\"b"');
    expect(quote('back\\slash')).toBe('"back\\\\slash"');
    expect(quote('x").publish()\nfoo("')).toBe('"x\\").publish()\\nfoo(\\""');
    expect(buildProgram({ metric: 'm', filters: parseFilters(['host:a:b"c']) })).toBe(
      'data("m", filter=filter("host", "a:b\\"c")).publish()',
    );
    expect(() => quote('bell\u0007')).toThrow(/control character U\+0007/);
  });

  it('refuses bad options by name', () => {
    expect(() => parseFilters(['nocolon'])).toThrow("filters: 'nocolon' is not dimension:value");
    expect(() => parseFilters([':x'])).toThrow(/not dimension:value/);
    expect(() => buildProgram({ metric: 'm', filters: new Map(), rollup: 'avg' as never })).toThrow(
      "rollup must be one of average, sum, min, max, count, latest, lag, delta, rate (got 'avg')",
    );
    expect(() => buildProgram({ metric: 'm', filters: new Map(), maxExtrapolations: -2 })).toThrow(/>= -1/);
    expect(() =>
      buildProgram({
        metric: 'm',
        filters: new Map(),
        groupBy: { dimensions: ['AZ'], aggregation: 'avg' as never },
      }),
    ).toThrow(/aggregation must be one of/);
    expect(() => buildProgram({ metric: ' ', filters: new Map() })).toThrow(/empty/);
  });
});
