import { mean } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { engineMatcher } from '../../../src/algorithms/registry.js';
import type { EngineMatcher } from '../../../src/engine/engine-matcher.js';
import type { MatchAlgorithm } from '../../../src/engine/pool/match-algorithm.js';
import type { MatchForming } from '../../../src/engine/pool/match.js';
import { RandomStreams, exponential } from '../../../src/engine/rng.js';
import { simulate, type SimulationConfig } from '../../../src/engine/simulation.js';
import type { PopulationConfig } from '../../../src/engine/population/population.js';
import { Elo } from '../../../src/engine/population/ratings/elo.js';
import { VisitSource } from '../../../src/engine/population/visit-source.js';
import type { RatingSystem } from '../../../src/engine/population/rating-system.js';

const matcher = { algorithm: 'seed', roomSize: 3, window: { type: 'linear', growth: 50 }, service: { type: 'rounds' } } as const;

/** A population run driven from code: every player always online unless `session` says otherwise. */
function run(options: {
  players: number;
  skill?: (p: number) => number;
  ratings?: (n: number) => RatingSystem;
  matchOn?: 'rating' | 'skill';
  duration: (random: RandomStreams) => () => number;
  horizon: number;
  tick?: number;
  session?: { gap: number; length: number };
  cancel?: boolean;
  matcher?: SimulationConfig['matcher'] | EngineMatcher;
  sides?: number;
}) {
  const random = new RandomStreams(7);
  const n = options.players;
  const skill = Float64Array.from({ length: n }, (_, p) => options.skill?.(p) ?? 1500);
  const sessions = random.stream('sessions');
  const population: PopulationConfig & { sides: number } = {
    skill,
    ratings: (options.ratings ?? ((k) => new Elo(k, { initial: 1500, k: 32, scale: 400 })))(n),
    matchOn: options.matchOn ?? 'skill',
    // Always online: every party is a warm start at once, sessions never end.
    sessions: { peak: options.session ? 1 / options.session.gap : 0, rate: () => (options.session ? 1 / options.session.gap : 0), uniform: sessions },
    ...(options.session ? {} : { warmStart: { online: 1, lastMatch: 0, matchLeft: () => 0, sessionLeft: () => 1e12, uniform: sessions } }),
    sessionLength: options.session ? () => exponential(sessions, 1 / options.session!.length) : () => 1e12,
    matchDuration: options.duration(random),
    cancel: options.cancel ?? true,
    outcome: { scale: 400, blowout: 400, uniform: random.stream('outcomes') },
    horizon: options.horizon,
    sampleEvery: options.horizon / 10,
    newPlayerMatches: 10,
    sides: options.sides ?? 3,
  };
  return simulate({ tick: options.tick ?? 1, end: options.horizon, matcher: options.matcher !== undefined && 'createPool' in options.matcher ? options.matcher : engineMatcher(options.matcher ?? matcher), population }, new VisitSource());
}

describe('a closed population', () => {
  it("has the throughput Little's law gives a closed system: N / (mean wait + D), equal scores, D exponential", () => {
    const players = 300;
    const D = 60;
    const horizon = 43200;
    const stats = run({ players, duration: (r) => { const u = r.stream('d'); return () => exponential(u, 1 / D); }, horizon });
    const p = stats.population!;
    // Steady state: leave out the first hour.
    const warm = 3600;
    let matched = 0;
    for (let i = 0; i < p.played.count; i++) if (p.played.end[i] >= warm) matched += 3;
    const throughput = matched / (horizon - warm);
    const waits = Array.from(stats.waits);
    const cycle = mean(waits) + mean(Array.from(p.played.end).map((end, i) => end - p.played.start[i]));
    // Over ~70 000 matches, the boundary effect (players mid-cycle at the ends) and the sampling error are each well under 1%.
    expect(throughput).toBeGreaterThan(0);
    expect(Math.abs(throughput - players / cycle) / (players / cycle)).toBeLessThan(0.01);
    // And with every player always in session and equal scores, a wait is at most a tick plus the wait for two others.
    expect(mean(waits)).toBeLessThan(2);
  });

  it('keeps the sum of Elo ratings through every match, and every player in exactly one state at every tick', () => {
    const stats = run({
      players: 600,
      skill: (p) => 1000 + (p % 100) * 10,
      matchOn: 'rating',
      duration: () => () => 300,
      horizon: 86400,
      session: { gap: 3600, length: 1800 },
    });
    const p = stats.population!;
    expect(p.played.count).toBeGreaterThan(1000);
    const total = p.rating.reduce((a, b) => a + b, 0);
    expect(Math.abs(total - 600 * 1500)).toBeLessThan(1e-6);
    expect(p.largestSumChange).toBeLessThan(1e-9);
    // Every tick was checked, and the states always summed to the population.
    for (let t = 0; t < p.concurrency.time.length; t += 97) expect(p.concurrency.byState.reduce((a, c) => a + c[t], 0)).toBe(600);
    // Ratings learn the true skills.
    expect(p.convergence.correlation[p.convergence.correlation.length - 1]).toBeGreaterThan(0.8);
  });
});

describe('sides from rosters', () => {
  it("plays a room's teams as the match's rosters deal them, not by the members' places in the room", () => {
    type Req = { readonly score: number };
    // Rooms of all four, listed by score, dealt 1000 & 1002 against 1001 & 1003: the rosters alone say who is with whom.
    const waiting: Req[] = [];
    const pool: MatchAlgorithm<Req> & MatchForming<Req> = {
      roomSize: 4,
      get size() {
        return waiting.length;
      },
      add: (r) => void waiting.push(r),
      remove: () => false,
      waiting: () => [...waiting],
      match: (now) => pool.matches(now).map((m) => [...m.tickets]),
      matches: () => {
        if (waiting.length < 4) return [];
        const tickets = waiting.splice(0, 4).sort((a, b) => a.score - b.score);
        return [{ tickets, rosters: [[tickets[0], tickets[2]], [tickets[1], tickets[3]]] }];
      },
    };
    const teamMatcher: EngineMatcher = { roomSize: 4, service: { type: 'rounds' }, teams: { count: 2, size: 2 }, createPool: <T>() => pool as unknown as MatchAlgorithm<T> };
    const stats = run({ players: 4, skill: (p) => 1000 + p, duration: () => () => 50, horizon: 500, matcher: teamMatcher, sides: 2 });
    const played = stats.population!.played;
    expect(played.count).toBeGreaterThan(3);
    for (let m = 0; m < played.count; m++) expect(Array.from(played.members.subarray(4 * m, 4 * m + 4)), `match ${m}`).toEqual([0, 2, 1, 3]);
  });
});

describe('the per-tick invariant', () => {
  it('stops a run whose service holds a request the population does not know of, as a conservation failure', async () => {
    const { Population, PopulationInvariantError } = await import('../../../src/engine/population/population.js');
    const { Kernel } = await import('../../../src/engine/kernel.js');
    const population = new Population(
      {
        skill: new Float64Array(3).fill(1500),
        ratings: new Elo(3, { initial: 1500, k: 32, scale: 400 }),
        matchOn: 'rating',
        sessions: { peak: 0.1, rate: () => 0.1, uniform: () => 0.5 },
        sessionLength: () => 100,
        matchDuration: () => 10,
        cancel: true,
        outcome: { scale: 400, blowout: 400, uniform: () => 0.5 },
        horizon: 100,
        sampleEvery: 50,
        newPlayerMatches: 10,
      },
      { kernel: new Kernel(), queue: () => 0, withdraw: () => {} },
      { size: 3, sides: 3 },
    );
    expect(() => population.check(0, { queued: 0, pool: 0 })).not.toThrow();
    expect(() => population.check(1, { queued: 0, pool: 1 })).toThrow(PopulationInvariantError);
    try {
      population.check(1, { queued: 1, pool: 0 });
    } catch (error) {
      expect((error as { code: string }).code).toBe('E_CONSERVATION');
      expect((error as Error).message).toMatch(/t=1: the population has 0 queued/);
    }
  });
});

describe('correlation', () => {
  it("agrees with simple-statistics' sampleCorrelation, and is NaN for a constant side", async () => {
    const { sampleCorrelation } = await import('simple-statistics');
    const { correlation } = await import('../../../src/engine/population/population.js');
    const random = new RandomStreams(3).stream('x');
    const a = Float64Array.from({ length: 1000 }, () => random() * 100);
    const b = a.map((x) => x * 0.5 + random() * 40);
    expect(correlation(a, b)).toBeCloseTo(sampleCorrelation(Array.from(a), Array.from(b)), 12);
    expect(correlation(a, new Float64Array(1000).fill(1500))).toBeNaN();
  });
});
