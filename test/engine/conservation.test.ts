import { describe, expect, it } from 'vitest';
import { ConservationError, checkConservation } from '../../src/engine/conservation.js';
import type { Candidate, MatchAlgorithm } from '../../src/engine/pool/match-algorithm.js';
import type { CreateMatcher } from '../../src/engine/pool/user-module.js';
import { runScenarioInMemory } from '../../src/run.js';
import { resolveScenario } from '../../src/scenarios/load.js';
import { cli, seedScenario, writeFiles } from '../fixtures/helpers.js';
import { join } from 'node:path';
import { existsSync } from 'node:fs';

describe('conservation', () => {
  it('accounts for every player at the end of a run: queued, in the pool, matched, abandoned or lost', () => {
    const scenario = { ...seedScenario, abandonment: { patience: { type: 'exponential', mean: 10 }, cancel: true }, arrivals: { type: 'poisson', rate: 1 } };
    const { summary } = runScenarioInMemory(resolveScenario('c.json', scenario));
    const c = summary.conservation;
    expect(c.checks).toBe(summary.ticks + 1);
    expect(c.arrived).toBe(summary.players.total);
    expect(c.matched).toBe(summary.players.matched);
    expect(c.abandoned).toBeGreaterThan(0);
    expect(c.arrived).toBe(c.queued + c.pool + c.matched + c.abandoned + c.lost.disconnected);
  });

  it('stops the run at the first tick where a player goes missing, naming it', () => {
    // A pool that quietly forgets every fifth request it is given.
    const create: CreateMatcher = (_options, context) => {
      const kept: Candidate[] = [];
      let seen = 0;
      const pool: MatchAlgorithm<Candidate> = {
        roomSize: context.roomSize,
        get size() {
          return kept.length;
        },
        add: (c) => void (++seen % 5 === 0 ? undefined : kept.push(c)),
        remove: () => false,
        match: () => [],
        waiting: () => [...kept],
      };
      return pool;
    };
    const loaded = resolveScenario('c.json', { ...seedScenario, matcher: { module: './forgetful.mjs' } });
    let error: unknown;
    try {
      runScenarioInMemory({ ...loaded, userModule: { name: './forgetful.mjs', create, options: {} } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConservationError);
    expect((error as Error).message).toMatch(/^conservation broken at t=\d+: arrived (\d+) != queued 0 \+ in pool \d+ \+ matched 0 \+ abandoned 0 \+ lost 0 \(1 missing\)$/);
  });

  it('checkConservation passes a balanced account and refuses one with too many players', () => {
    const account = { arrived: 10, queued: 1, pool: 2, matched: 6, abandoned: 1, lost: { disconnected: 0 } };
    expect(() => checkConservation(5, account)).not.toThrow();
    expect(() => checkConservation(5, { ...account, pool: 3 })).toThrow(/conservation broken at t=5: .* \(1 too many\)/);
  });

  it('the CLI reports a broken run in one line with exit code 3 and writes nothing', async () => {
    const dir = writeFiles({
      'forgetful.mjs': `export function createMatcher(o, c) {
        const kept = []; let seen = 0;
        return { roomSize: c.roomSize, get size() { return kept.length; }, add(r) { if (++seen % 5) kept.push(r); },
          remove() { return false; }, match() { return []; }, waiting() { return [...kept]; } };
      }`,
      's.json': { ...seedScenario, matcher: { module: './forgetful.mjs' } },
    });
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'));
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^matchsim: conservation broken at t=\d+: .*\(1 missing\)\n$/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
