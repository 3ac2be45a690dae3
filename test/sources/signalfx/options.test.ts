/** -o stream_url: the base URL SignalFx's own clients take, or the full execute endpoint. */
import { SourceOptionError } from '../../../src/sources/errors';
import { executeUrl, signalFxOptions } from '../../../src/sources/signalfx/options';

const urlOf = (pairs: string[]): string => signalFxOptions(['api_token=t', ...pairs], {}).url;

describe('signalFxOptions: where SignalFlow runs', () => {
  it('a base URL gets /v2/signalflow/execute, with or without a trailing slash', () => {
    expect(urlOf(['stream_url=https://stream.us1.signalfx.com'])).toBe(
      'https://stream.us1.signalfx.com/v2/signalflow/execute',
    );
    expect(urlOf(['stream_url=https://stream.us1.signalfx.com/'])).toBe(
      'https://stream.us1.signalfx.com/v2/signalflow/execute',
    );
    expect(urlOf(['stream_url=http://127.0.0.1:8080'])).toBe('http://127.0.0.1:8080/v2/signalflow/execute');
  });

  it('the full endpoint is used as given, a trailing slash dropped', () => {
    expect(urlOf(['stream_url=https://stream.us1.signalfx.com/v2/signalflow/execute'])).toBe(
      'https://stream.us1.signalfx.com/v2/signalflow/execute',
    );
    expect(urlOf(['stream_url=https://stream.us1.signalfx.com/v2/signalflow/execute/'])).toBe(
      'https://stream.us1.signalfx.com/v2/signalflow/execute',
    );
  });

  it("a proxy's own path is kept", () => {
    expect(executeUrl('http://proxy.internal:3128/sfx/v2/signalflow/execute')).toBe(
      'http://proxy.internal:3128/sfx/v2/signalflow/execute',
    );
  });

  it('without stream_url, the realm names the endpoint (us0 by default)', () => {
    expect(urlOf([])).toBe('https://stream.us0.signalfx.com/v2/signalflow/execute');
    expect(urlOf(['realm=eu0'])).toBe('https://stream.eu0.signalfx.com/v2/signalflow/execute');
  });

  it('a stream_url that is not an http(s) URL is bad input naming the option', () => {
    expect(() => urlOf(['stream_url=stream.us1.signalfx.com'])).toThrow(
      new SourceOptionError(
        "-o stream_url: 'stream.us1.signalfx.com' is not a URL (expected http://host:port[/path])",
      ),
    );
    expect(() => urlOf(['stream_url=ftp://stream.us1.signalfx.com'])).toThrow(
      new SourceOptionError("-o stream_url: 'ftp://stream.us1.signalfx.com' is not an http or https URL"),
    );
  });
});
