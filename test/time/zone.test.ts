import { DateTime, IANAZone } from 'luxon';
import { formatTime, isValidZone, localParts, TimeError } from '../../src/time';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('isValidZone', () => {
  it.each(['UTC', 'Etc/UTC', 'GMT', 'America/Los_Angeles', 'Asia/Kolkata', 'Europe/London', 'Etc/GMT+8'])(
    'accepts %s',
    (zone) => expect(isValidZone(zone)).toBe(true),
  );
  it.each(['Mars/Olympus', '', 'Not a zone', '+05:00', 'UTC+5', 'Z'])('rejects %j', (zone) =>
    expect(isValidZone(zone)).toBe(false),
  );
});

describe('localParts', () => {
  it('gives a fractional hour and a Monday-based weekday', () => {
    expect(localParts(at('2017-12-01T08:00:00Z'), 'UTC')).toEqual({ hour: 8, weekday: 4 }); // Friday
    expect(localParts(at('2017-12-01T13:30:00Z'), 'UTC')).toEqual({ hour: 13.5, weekday: 4 });
    expect(localParts(at('2017-12-04T00:00:00Z'), 'UTC')).toEqual({ hour: 0, weekday: 0 }); // Monday
    expect(localParts(at('2017-12-03T23:59:59Z'), 'UTC').weekday).toBe(6); // Sunday
    expect(localParts(at('2017-12-01T08:00:00Z'), 'America/Los_Angeles')).toEqual({ hour: 0, weekday: 4 });
    expect(localParts(at('2017-12-01T08:00:00Z'), 'Asia/Kolkata')).toEqual({ hour: 13.5, weekday: 4 });
    expect(localParts(at('2017-12-01T03:00:00Z'), 'America/Los_Angeles')).toEqual({ hour: 19, weekday: 3 });
  });

  it('handles instants before 1970', () => {
    expect(localParts(-1, 'UTC').weekday).toBe(2); // Wednesday
    expect(localParts(-1, 'UTC').hour).toBeCloseTo(23 + 59 / 60 + 59 / 3600, 12);
    expect(localParts(at('1969-07-20T20:17:40Z'), 'UTC').weekday).toBe(6);
  });

  it('follows DST changes to the second in Los Angeles', () => {
    const la = 'America/Los_Angeles';
    expect(localParts(at('2017-03-12T09:59:59Z'), la).hour).toBeCloseTo(1 + 59 / 60 + 59 / 3600, 12);
    expect(localParts(at('2017-03-12T10:00:00Z'), la).hour).toBe(3);
    expect(localParts(at('2017-11-05T08:30:00Z'), la).hour).toBe(1.5); // 01:30 PDT
    expect(localParts(at('2017-11-05T08:59:59Z'), la).hour).toBeCloseTo(1 + 59 / 60 + 59 / 3600, 12);
    expect(localParts(at('2017-11-05T09:00:00Z'), la).hour).toBe(1); // back to 01:00 PST
    expect(localParts(at('2017-11-05T09:30:00Z'), la).hour).toBe(1.5); // 01:30 PST, again
  });

  it('follows changes that are not hour-aligned in UTC (Lord Howe moves by 30 min at 15:30Z)', () => {
    const zone = 'Australia/Lord_Howe';
    expect(localParts(at('2017-09-30T15:29:59Z'), zone).hour).toBeCloseTo(1 + 59 / 60 + 59 / 3600, 12);
    expect(localParts(at('2017-09-30T15:30:00Z'), zone).hour).toBe(2.5);
    expect(localParts(at('2017-09-30T15:00:00Z'), zone).hour).toBe(1.5);
  });

  it('throws TimeError for an unknown zone', () => {
    expect(() => localParts(0, 'Mars/Olympus')).toThrow(TimeError);
    expect(() => localParts(0, 'Mars/Olympus')).toThrow("unknown time zone 'Mars/Olympus'");
  });

  describe('agrees with luxon', () => {
    const ZONES = [
      'UTC',
      'Etc/UTC',
      'America/Los_Angeles',
      'Asia/Kolkata',
      'Europe/London',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'America/St_Johns',
      'Pacific/Chatham',
      'America/Sao_Paulo',
      'Africa/Casablanca',
      'Pacific/Apia',
      'Etc/GMT+8',
    ];
    const luxonParts = (t: number, zone: string) => {
      const d = DateTime.fromSeconds(t, { zone });
      return { hour: d.hour + d.minute / 60 + d.second / 3600, weekday: d.weekday - 1 };
    };
    // A small deterministic generator so failures reproduce.
    let seed = 0x2017_1201;
    const random = () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return seed / 2 ** 32;
    };
    const FROM = at('1970-01-01T00:00:00Z');
    const TO = at('2040-01-01T00:00:00Z');

    it.each(ZONES)('for 2000 random instants in %s', (zone) => {
      for (let i = 0; i < 2000; i++) {
        const t = Math.floor(FROM + random() * (TO - FROM));
        const got = localParts(t, zone);
        const want = luxonParts(t, zone);
        expect(got.weekday).toBe(want.weekday);
        expect(Math.abs(got.hour - want.hour)).toBeLessThan(1e-9);
      }
    });

    const DST_ZONES = ZONES.filter((zone) => !/UTC|GMT|Kolkata|Kathmandu/.test(zone));
    it.each(DST_ZONES)('second by second-ish around every change in 2016-2018 in %s', (zone) => {
      const iana = IANAZone.create(zone);
      let changes = 0;
      for (let h = at('2016-01-01T00:00:00Z'); h < at('2019-01-01T00:00:00Z'); h += 3600) {
        if (iana.offset(h * 1000) === iana.offset((h + 3600) * 1000)) continue;
        changes++;
        for (let t = h - 2 * 3600; t < h + 3 * 3600; t += 37) {
          const got = localParts(t, zone);
          const want = luxonParts(t, zone);
          if (got.weekday !== want.weekday || Math.abs(got.hour - want.hour) > 1e-9) {
            throw new Error(`${zone} at ${t}: got ${JSON.stringify(got)}, luxon ${JSON.stringify(want)}`);
          }
        }
      }
      expect(changes).toBeGreaterThanOrEqual(2);
    });
  });
});

describe('formatTime', () => {
  it('writes Z for UTC and the offset elsewhere', () => {
    expect(formatTime(1512115200)).toBe('2017-12-01T08:00:00Z');
    expect(formatTime(1512115200, 'UTC')).toBe('2017-12-01T08:00:00Z');
    expect(formatTime(1512115200, 'Etc/UTC')).toBe('2017-12-01T08:00:00Z');
    expect(formatTime(1512115200, 'America/Los_Angeles')).toBe('2017-12-01T00:00:00-08:00');
    expect(formatTime(1512115200, 'Asia/Kolkata')).toBe('2017-12-01T13:30:00+05:30');
    expect(formatTime(1512115200, 'Europe/London')).toBe('2017-12-01T08:00:00+00:00');
    expect(formatTime(at('2017-07-01T08:00:00Z'), 'America/Los_Angeles')).toBe('2017-07-01T01:00:00-07:00');
  });

  it('floors fractional seconds and handles times before 1970', () => {
    expect(formatTime(1512115200.999)).toBe('2017-12-01T08:00:00Z');
    expect(formatTime(-0.5)).toBe('1969-12-31T23:59:59Z');
  });

  it('refuses unknown zones and non-finite times', () => {
    expect(() => formatTime(0, 'Mars/Olympus')).toThrow(TimeError);
    expect(() => formatTime(NaN)).toThrow(TimeError);
  });
});
