import { describe, expect, it } from 'vitest';
import { engineMatcher } from '../../../src/algorithms/registry.js';
import { simulate, type SimulationConfig } from '../../../src/engine/simulation.js';
import { PROPOSAL_OUTCOMES } from '../../../src/engine/run-tally.js';
import { spacedArrivals } from './spaced-arrivals.js';

/** A player every `gap` seconds, all at one score: the seed's pool matches each pair as its second player joins. */
const arrivals = (players: number, gap: number) => spacedArrivals(players, gap, () => 1500);

/** Answers in a given order (true: accept), then acceptances. */
const answers = (...given: boolean[]) => {
  let i = 0;
  return () => (i < given.length ? given[i++] : true);
};

function config(acceptance: SimulationConfig['acceptance']): SimulationConfig {
  const matcher = engineMatcher({ algorithm: 'seed', roomSize: 2, window: { type: 'linear', growth: 1 }, service: { type: 'rounds' } });
  return { tick: 1, end: 100, matcher, abandonment: undefined, ...(acceptance ? { acceptance } : {}) };
}

describe('the acceptance run module', () => {
  it('with every player accepting at once, makes the same rooms one round later: every wait one tick longer', () => {
    const plain = simulate(config(undefined), arrivals(40, 2));
    const accepting = simulate(config({ timeout: 5, accepts: () => true, response: () => 0.5 }), arrivals(40, 2));
    expect(plain.matched).toBe(40);
    expect(accepting.matched).toBe(40);
    for (let p = 0; p < 40; p++) expect(accepting.byPlayer.wait[p]).toBeCloseTo(plain.byPlayer.wait[p] + 1, 9);
    expect(accepting.acceptance).toMatchObject({ potentialMatches: 20, rejectedMatches: 0, timedOutMatches: 0, playersReturned: 0, playersCancelled: 0, answers: 40, rejections: 0, stillProposed: 0 });
    // The records: every proposal accepted at the round after it, each player's answer half a second in.
    const records = accepting.acceptance!.proposals;
    expect([...records.outcome]).toEqual(Array(20).fill(PROPOSAL_OUTCOMES.indexOf('accepted')));
    for (let id = 0; id < 20; id++) expect(records.settledAt[id]).toBe(records.proposedAt[id] + 1);
    expect([...records.rows.player]).toEqual(Array.from({ length: 40 }, (_, p) => p));
    expect([...records.rows.answer]).toEqual(Array(40).fill(1));
    records.rows.answeredAt.forEach((at, row) => expect(at).toBe(records.proposedAt[records.rows.proposal[row]] + 0.5));
  });

  it('returns the accepting ticket of a rejected match to the pool with its queue time, and ends the rejecter\'s', () => {
    // Player 0 (t 0) and 1 (t 3) are proposed at 3; 0 rejects, so at 4 its ticket ends and 1 searches again.
    // Player 2 (t 6) joins 1 at 6, both accept, and their room forms at 7: 1 has waited 4 s since it arrived.
    const stats = simulate(config({ timeout: 5, accepts: answers(false, true), response: () => 0.5 }), arrivals(3, 3));
    expect(stats.matched).toBe(2);
    expect(stats.abandoned).toBe(1);
    expect(stats.cancelled).toBe(1);
    expect(stats.left).toBe(0); // it did not give up waiting: counted apart (acceptance.playersCancelled)
    expect(stats.byPlayer.waitedBeforeLeaving[0]).toBe(4);
    expect(stats.byPlayer.wait[1]).toBe(4);
    expect(stats.byPlayer.wait[2]).toBe(1);
    expect(stats.acceptance).toMatchObject({ potentialMatches: 2, rejectedMatches: 1, timedOutMatches: 0, playersReturned: 1, playersCancelled: 1, answers: 4, rejections: 1 });
    const records = stats.acceptance!.proposals;
    expect([...records.proposedAt]).toEqual([3, 6]);
    expect([...records.settledAt]).toEqual([4, 7]);
    expect([...records.outcome].map((k) => PROPOSAL_OUTCOMES[k])).toEqual(['rejected', 'accepted']);
    expect([...records.rows.player]).toEqual([0, 1, 1, 2]);
    expect([...records.rows.answer]).toEqual([0, 1, 1, 1]);
    expect([...records.rows.answeredAt]).toEqual([3.5, 3.5, 6.5, 6.5]);
  });

  it('drops a match at its timeout when an answer is missing (an answer later than the timeout is none): its tickets end at the first round past the deadline', () => {
    const stats = simulate(config({ timeout: 2.5, accepts: () => true, response: answersAfter(1, 9) }), arrivals(2, 3));
    // Player 0 answers at 4, player 1's answer would come at 12: proposed at 3, dropped at the round of 6 (deadline 5.5), 0 searching alone.
    expect(stats.acceptance).toMatchObject({ potentialMatches: 1, timedOutMatches: 1, playersReturned: 1, playersCancelled: 1, answers: 1 });
    expect(stats.byPlayer.waitedBeforeLeaving[1]).toBe(3);
    expect(stats.waiting).toBe(1);
    const records = stats.acceptance!.proposals;
    expect([...records.outcome].map((k) => PROPOSAL_OUTCOMES[k])).toEqual(['timedOut']);
    expect([...records.settledAt]).toEqual([6]);
    expect([...records.rows.answer]).toEqual([1, -1]);
    expect([...records.rows.answeredAt]).toEqual([4, NaN]);
  });

  it('keeps the players who give up while proposed (patience, cancelled) out of the proposed count at once: every player accounted for at every instant', () => {
    let seed = 11;
    const draw = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const doc = { ...config({ timeout: 6, accepts: () => draw() < 0.9, response: () => draw() * 8 }), abandonment: { patience: () => 1 + draw() * 10, cancel: true } };
    // The run throws if a check finds a player counted twice or lost (proposed and withdrawn alike).
    // Arrivals to the end: some give up after the last round, with their match still proposed (the check at the run's end).
    const stats = simulate(doc, arrivals(333, 0.3));
    expect(stats.accounting!.checks).toBeGreaterThan(50);
    expect(stats.left).toBeGreaterThan(10);
    expect(stats.acceptance!.rejectedMatches).toBeGreaterThan(0);
    expect(stats.players).toBe(stats.matched + stats.waiting + stats.abandoned);
  });

  it('keeps every player accounted for at every tick (the conservation check, with proposed players), and is the same run twice', () => {
    let seed = 7;
    const draw = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const make = () => {
      seed = 7;
      return config({ timeout: 4, accepts: () => draw() < 0.8, response: () => draw() * 6 });
    };
    const a = simulate(make(), arrivals(400, 0.2));
    const b = simulate(make(), arrivals(400, 0.2));
    expect(a.accounting!.checks).toBeGreaterThan(100);
    expect(a.players).toBe(a.matched + a.waiting + a.abandoned);
    const acc = a.acceptance!;
    expect(acc.rejectedMatches + acc.timedOutMatches).toBeGreaterThan(10);
    // Every player of a failed proposal went back or ended; every room is an accepted proposal.
    expect(acc.playersReturned + acc.playersCancelled).toBe(2 * (acc.rejectedMatches + acc.timedOutMatches));
    expect(acc.potentialMatches).toBe(a.matched / 2 + acc.rejectedMatches + acc.timedOutMatches + acc.stillProposed / 2);
    expect(a.abandoned).toBe(acc.playersCancelled);
    expect(b).toEqual(a);
  });
});

/** Response times in the order given. */
function answersAfter(...seconds: number[]): () => number {
  let i = 0;
  return () => seconds[i++ % seconds.length];
}
