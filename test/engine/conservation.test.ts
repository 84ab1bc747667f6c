import { describe, expect, it } from 'vitest';
import { ConservationError, checkConservation } from '../../src/engine/conservation.js';
import type { Candidate, MatchAlgorithm } from '../../src/engine/pool/match-algorithm.js';
import { UserMatcherError, type CreateMatcher } from '../../src/engine/pool/user-module.js';
import { reportFailure } from '../../src/cli/program.js';
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

  it('a matcher module that quietly loses requests is named, before the account of players could blame the service', () => {
    // A pool that forgets every fifth request it is given, and reports its size and waiting list consistently with that.
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
    expect(error).toBeInstanceOf(UserMatcherError);
    expect(error).not.toBeInstanceOf(ConservationError);
    expect((error as Error).message).toMatch(/^\.\/forgetful\.mjs: waiting: lists \d+ requests, but the module holds \d+ \(added, and not matched or removed\); 1 of them missing/);
  });

  it('checkConservation passes a balanced account and refuses one with too many players', () => {
    const account = { arrived: 10, queued: 1, pool: 2, matched: 6, abandoned: 1, lost: { disconnected: 0 } };
    expect(() => checkConservation(5, account)).not.toThrow();
    expect(() => checkConservation(5, { ...account, pool: 3 })).toThrow(/conservation broken at t=5: .* \(1 too many\)/);
  });

  it('the CLI names the module that lost a request, in one line with exit code 2, and writes nothing', async () => {
    const dir = writeFiles({
      'forgetful.mjs': `export function createMatcher(o, c) {
        const kept = []; let seen = 0;
        return { roomSize: c.roomSize, get size() { return kept.length; }, add(r) { if (++seen % 5) kept.push(r); },
          remove() { return false; }, match() { return []; }, waiting() { return [...kept]; } };
      }`,
      's.json': { ...seedScenario, matcher: { module: './forgetful.mjs' } },
    });
    const r = await cli('run', join(dir, 's.json'), '-o', join(dir, 'out'), '--trust-scenario');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^matchsim: \.\/forgetful\.mjs: waiting: lists \d+ requests, but the module holds \d+ .*\n$/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('a broken account is exit code 3, in one line', () => {
    let stderr = '';
    const code = reportFailure(new ConservationError(7, { arrived: 5, queued: 0, pool: 4, matched: 0, abandoned: 0, lost: { disconnected: 0 } }), { stdout: () => {}, stderr: (t) => (stderr += t) });
    expect(code).toBe(3);
    expect(stderr).toMatch(/^matchsim: conservation broken at t=7: .*\(1 missing\)\n$/);
  });
});
