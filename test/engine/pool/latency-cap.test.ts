import { describe, expect, it } from 'vitest';
import { LatencyCap, LatencyPlacer, type RequestPings } from '../../../src/engine/pool/latency-cap.js';

/** A request of players, each with a round trip to every data centre (NaN: none). */
interface Req {
  readonly pings: ReadonlyArray<readonly number[]>;
}

const pingsOf = (dataCentres: readonly string[]): RequestPings<Req> => ({ dataCentres, players: (r) => r.pings.length, ping: (r, k, dc) => r.pings[k][dc] });
const solo = (...ms: number[]): Req => ({ pings: [ms] });

describe('LatencyCap', () => {
  const cap = new LatencyCap({ max: 50, maxDistance: 20, steps: [{ after: 10, max: 100 }, { after: 20, max: 150, maxDistance: 40 }] });

  it('puts a step in force from its after on, at exactly after too', () => {
    expect(cap.capAt(0)).toBe(50);
    expect(cap.capAt(9.999999)).toBe(50);
    expect(cap.capAt(10)).toBe(100);
    expect(cap.capAt(19.999)).toBe(100);
    expect(cap.capAt(20)).toBe(150);
    expect(cap.capAt(1e9)).toBe(150);
    expect(cap.levelAt(10)).toBe(1);
    expect(cap.nextAfter(0)).toBe(10);
    expect(cap.nextAfter(2)).toBe(Infinity);
  });

  it('keeps a step\'s distance until one relaxes it', () => {
    expect(cap.maxDistanceAt(0)).toBe(20);
    expect(cap.maxDistanceAt(1)).toBe(20);
    expect(cap.maxDistanceAt(2)).toBe(40);
    expect(cap.limitsDistance).toBe(true);
    expect(new LatencyCap({ max: 10 }).limitsDistance).toBe(false);
  });

  it('refuses steps out of order or that tighten the cap', () => {
    expect(() => new LatencyCap({ max: 50, steps: [{ after: 10, max: 40 }] })).toThrow(/relax the cap/);
    expect(() => new LatencyCap({ max: 50, steps: [{ after: 10, max: 60 }, { after: 10, max: 70 }] })).toThrow(/above 10/);
    expect(() => new LatencyCap({ max: 50, maxDistance: 20, steps: [{ after: 5, max: 60, maxDistance: 10 }] })).toThrow(/relax the distance/);
    // A distance brought in by a step would tighten what had no limit.
    expect(() => new LatencyCap({ max: 50, steps: [{ after: 5, max: 60, maxDistance: 10 }] })).toThrow(/relax the distance/);
    expect(() => new LatencyCap({ max: -1 })).toThrow(/>= 0/);
  });
});

describe('LatencyPlacer', () => {
  const two = pingsOf(['a', 'b']);

  it('breaks a tie of equidistant data centres to the first listed', () => {
    const placer = new LatencyPlacer(new LatencyCap({ max: 100 }), two);
    expect(placer.place([solo(30, 30), solo(50, 50)], [0, 0])).toBe(0);
    // Listed the other way round, the other wins: the order is the tie-break, nothing else.
    const swapped = pingsOf(['b', 'a']);
    expect(swapped.dataCentres[new LatencyPlacer(new LatencyCap({ max: 100 }), swapped).place([solo(30, 30), solo(50, 50)], [0, 0])]).toBe('b');
    // Not a tie: the lower worst wins wherever it is listed.
    expect(placer.place([solo(30, 30), solo(50, 51)], [0, 0])).toBe(0);
    expect(placer.place([solo(30, 30), solo(50, 49)], [0, 0])).toBe(1);
  });

  it('places at the lowest worst round trip, then the lowest mean', () => {
    const placer = new LatencyPlacer(new LatencyCap({ max: 100 }), two);
    expect(placer.place([solo(10, 40), solo(60, 45)], [0, 0])).toBe(1); // worst 60 against 45
    expect(placer.place([solo(50, 20), solo(50, 50)], [0, 0])).toBe(1); // worst 50 both; mean 50 against 35
  });

  it('cannot place a player where it has no latency, as FlexMatch', () => {
    const placer = new LatencyPlacer(new LatencyCap({ max: Infinity }), two);
    expect(placer.place([solo(NaN, 10), solo(20, 30)], [0, 0])).toBe(1);
    expect(placer.place([solo(10, NaN), solo(NaN, 30)], [0, 0])).toBe(-1);
    expect(placer.admits(solo(NaN, 5), 0, 0)).toBe(false);
  });

  it('holds every player of a party to the cap', () => {
    const placer = new LatencyPlacer(new LatencyCap({ max: 50 }), two);
    expect(placer.place([{ pings: [[10, 10], [60, 40]] }], [0])).toBe(1);
  });

  it("under the member clock, each player meets its own wait's cap; under the match's, the oldest's or the newest's", () => {
    const spec = { max: 50, steps: [{ after: 10, max: 100 }] };
    const members = [solo(80, NaN), solo(80, NaN)];
    expect(new LatencyPlacer(new LatencyCap({ ...spec, follows: 'member' }), two).place(members, [12, 3])).toBe(-1);
    expect(new LatencyPlacer(new LatencyCap({ ...spec, follows: 'oldest' }), two).place(members, [12, 3])).toBe(0);
    expect(new LatencyPlacer(new LatencyCap({ ...spec, follows: 'newest' }), two).place(members, [12, 3])).toBe(-1);
    expect(new LatencyPlacer(new LatencyCap({ ...spec, follows: 'newest' }), two).place(members, [12, 10])).toBe(0);
    expect(new LatencyPlacer(new LatencyCap({ ...spec, follows: 'member' }), two).place(members, [12, 10])).toBe(0);
  });

  it('measures maxDistance from the lowest round trip, or from the mean', () => {
    const members = [solo(10), solo(30), solo(60)];
    const one = pingsOf(['a']);
    expect(new LatencyPlacer(new LatencyCap({ max: 100, maxDistance: 40 }), one).place(members, [0, 0, 0])).toBe(-1); // 60 - 10 > 40
    expect(new LatencyPlacer(new LatencyCap({ max: 100, maxDistance: 50 }), one).place(members, [0, 0, 0])).toBe(0);
    // The mean is 33.3: every player within 26.7 of it.
    expect(new LatencyPlacer(new LatencyCap({ max: 100, maxDistance: 27, reference: 'avg' }), one).place(members, [0, 0, 0])).toBe(0);
    expect(new LatencyPlacer(new LatencyCap({ max: 100, maxDistance: 26, reference: 'avg' }), one).place(members, [0, 0, 0])).toBe(-1);
  });
});
