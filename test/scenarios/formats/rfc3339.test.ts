import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { before, formatRfc3339, instantAfter, parseRfc3339, secondsBetween } from '../../../src/scenarios/formats/rfc3339.js';

describe('RFC 3339 timestamps', () => {
  it('read to the nanosecond, with Z or an offset', () => {
    expect(parseRfc3339('2024-05-21T06:56:14.658687844Z')).toEqual({ seconds: 1716274574, nanos: 658687844 });
    expect(parseRfc3339('1970-01-01T00:00:00Z')).toEqual({ seconds: 0, nanos: 0 });
    expect(parseRfc3339('1970-01-01T02:00:00+02:00')).toEqual({ seconds: 0, nanos: 0 });
    expect(parseRfc3339('2024-02-29T12:00:00.5-01:30')?.nanos).toBe(500000000);
    const a = parseRfc3339('2024-05-21T06:56:14.000000001Z')!;
    const b = parseRfc3339('2024-05-21T06:56:15.000000000Z')!;
    expect(secondsBetween(a, b)).toBeCloseTo(0.999999999, 12);
    expect(before(a, b)).toBe(true);
  });

  it('agree with Date.parse on millisecond stamps (the oracle), over four centuries', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        const text = date.toISOString();
        const instant = parseRfc3339(text)!;
        expect(instant.seconds * 1000 + instant.nanos / 1e6).toBe(Date.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('refuse what is not one', () => {
    for (const text of ['2024-05-21', '2024-05-21T06:56:14', '2024-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-05-21T24:00:00Z', '2024-05-21T06:56:14.1234567891Z', 'yesterday', '1716274574']) {
      expect(parseRfc3339(text), text).toBeUndefined();
    }
  });
});

describe('RFC 3339 written', () => {
  it('reads back as the same instant, and a time to the microsecond after a start reads back as the same double', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5e9, max: 5e9 }), fc.integer({ min: 0, max: 999_999_999 }), (seconds, nanos) => {
        expect(parseRfc3339(formatRfc3339({ seconds, nanos }))).toEqual({ seconds, nanos });
      }),
      { numRuns: 500 },
    );
    const start = parseRfc3339('2024-01-01T00:00:00Z')!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8_000_000_000_000 }), (micros) => {
        const t = Math.round(micros) / 1e6;
        expect(secondsBetween(start, parseRfc3339(formatRfc3339(instantAfter(start, t)))!)).toBe(t);
      }),
      { numRuns: 2000 },
    );
    expect(formatRfc3339({ seconds: 1716274574, nanos: 658687844 })).toBe('2024-05-21T06:56:14.658687844Z');
  });
});
