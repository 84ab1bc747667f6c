import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineMatcher } from '../src/algorithms/registry.js';
import { simulate } from '../src/engine/simulation.js';
import { arrivalSource, runScenarioInMemory, runScenarioToDirectory } from '../src/run.js';
import { loadScenario, resolveScenario } from '../src/scenarios/load.js';
import { InputError } from '../src/errors.js';
import { RandomStreams } from '../src/engine/rng.js';
import { populationConfig } from '../src/scenarios/population.js';
import { tempDir, writeFiles } from './fixtures/helpers.js';

const population = {
  players: 400,
  skill: { type: 'normal', mean: 1500, sd: 300 },
  sessions: { perDay: 6, length: { type: 'exponential', mean: 3600 } },
  matchDuration: { type: 'lognormal', mu: 5.5, sigma: 0.3 },
};
const base = { seed: 4, duration: 21600, population, matcher: { algorithm: 'seed', roomSize: 2, windowGrowth: 20 } };
const resolve = (name: string, extra: Record<string, unknown> = {}) => resolveScenario(`${name}.json`, { name, ...base, ...extra });
const statsOf = (name: string, extra: Record<string, unknown> = {}) => {
  const loaded = resolve(name, extra);
  // The simulation alone, as run.ts drives it, for the population's own columns.
  return runScenarioInMemory(loaded);
};

describe('population mode', () => {
  it('writes the same bytes on every run, on CSV threads as on this thread: visits, matches and their players, players, ratings, timeline, summary', async () => {
    // CSV threads run the built worker: the built library, as the CLI runs it.
    const built = (await import('../dist/src/run.js')) as typeof import('../src/run.js');
    const { resolveScenario: resolveBuilt } = (await import('../dist/src/scenarios/load.js')) as typeof import('../src/scenarios/load.js');
    const document = { name: 'same', ...base, population: { ...population, rating: { system: 'glicko2' } }, matcher: { algorithm: 'anchor', roomSize: 4 } };
    const a = join(tempDir(), 'a');
    const b = join(tempDir(), 'b');
    await runScenarioToDirectory(resolve('same', document), a, { charts: false, csvWorkers: 0 });
    await built.runScenarioToDirectory(resolveBuilt('same.json', document), b, { charts: false, csvWorkers: 1 });
    const files = readdirSync(a).filter((f) => f.endsWith('.csv') || f.endsWith('.json')).sort();
    expect(files).toEqual(['breakdown.csv', 'match_players.csv', 'matches.csv', 'players.csv', 'ratings.csv', 'rooms.csv', 'summary.json', 'timeline.csv', 'visits.csv']);
    for (const f of files) expect(readFileSync(join(b, f), 'utf8'), f).toBe(readFileSync(join(a, f), 'utf8'));
    // One row per player, whose matches and wins add up to the matches played.
    const players = readFileSync(join(a, 'players.csv'), 'utf8').trim().split('\n');
    expect(players[0]).toBe('id,true_skill,rating,uncertainty,sessions,matches,wins,quit_at');
    expect(players.length - 1).toBe(400);
    const matches = readFileSync(join(a, 'matches.csv'), 'utf8').trim().split('\n').slice(1);
    const played = players.slice(1).reduce((n, line) => n + Number(line.split(',')[5]), 0);
    const won = players.slice(1).reduce((n, line) => n + Number(line.split(',')[6]), 0);
    expect(played).toBe(matches.length * 4);
    // Four sides of one (a free-for-all of four): one winner a match.
    expect(won).toBe(matches.length);
    const timeline = readFileSync(join(a, 'timeline.csv'), 'utf8').split('\n');
    expect(timeline[0]).toBe('time,queue,pool,rooms,matched,messages,players_offline,players_queued,players_in_pool,players_in_match,players_gone,players_online');
  });

  it('draws outcomes from a stream of their own: another rating system, or none of the ratings seen, leaves every room and wait as it was', () => {
    const elo = statsOf('elo', { population: { ...population, matchOn: 'skill' } });
    const openskill = statsOf('openskill', { population: { ...population, matchOn: 'skill', rating: { system: 'openskill' } } });
    expect(openskill.rooms).toEqual(elo.rooms);
    expect(openskill.players).toEqual(elo.players);
    expect(openskill.summary.population?.convergence).not.toEqual(elo.summary.population?.convergence);
  });

  it('decides matches by true skill: two sides by the Elo logistic, three by Plackett-Luce (softmax); the favourite wins as often as predicted, and Elo keeps its sum', () => {
    for (const sides of [2, 3]) {
      const loaded = resolve('outcomes', { duration: 86400, matcher: { algorithm: 'seed', roomSize: sides, windowGrowth: 20 } });
      const stats = simulate(
        { tick: 1, end: 86400, matcher: engineMatcher({ ...loaded.scenario.matcher, parties: false }), population: { ...populationOf(loaded), sides } },
        arrivalSource(loaded) as never,
      );
      const p = stats.population!;
      const beta = 400 / Math.log(10);
      let expected = 0;
      let won = 0;
      let variance = 0;
      for (let i = 0; i < p.played.count; i++) {
        // The first member's chance to finish first, against what it did.
        const skills = Array.from({ length: sides }, (_, k) => p.skill[p.played.members[sides * i + k]]);
        const chance = Math.exp(skills[0] / beta) / skills.reduce((t, x) => t + Math.exp(x / beta), 0);
        if (sides === 2) expect(chance).toBeCloseTo(1 / (1 + 10 ** ((skills[1] - skills[0]) / 400)), 12);
        expected += chance;
        variance += chance * (1 - chance);
        won += p.played.place[sides * i] === 0 ? 1 : 0;
      }
      expect(p.played.count).toBeGreaterThan(5000);
      expect(Math.abs(won - expected), `${sides} sides`).toBeLessThan(3 * Math.sqrt(variance));
      expect(Math.abs(p.rating.reduce((x, y) => x + y, 0) - 400 * 1500)).toBeLessThan(1e-6);
    }
  });

  it('works with every service path: ghosts left by sessions that end (cancel false), abandonment, the retry service, teams with parties, ghosts withdrawn when their patience runs out', () => {
    const runs = [
      statsOf('ghosts', { population: { ...population, sessions: { ...population.sessions, cancel: false } } }),
      statsOf('patience', { abandonment: { patience: { type: 'exponential', mean: 20 }, cancel: true } }),
      statsOf('retry', { matcher: { algorithm: 'anchor', roomSize: 2, windowGrowth: 20, service: { type: 'retry', delay: 2 } } }),
      statsOf('teams', { parties: { sizes: { '1': 3, '2': 1 } }, matcher: { algorithm: 'teams', roomSize: 4, windowGrowth: 20, teams: { count: 2, size: 2 } } }),
      // Ghosts whose requests are withdrawn later, when their patience runs out.
      statsOf('ghosts-withdrawn', {
        population: { ...population, sessions: { ...population.sessions, length: { type: 'exponential', mean: 300 }, cancel: false } },
        abandonment: { patience: { type: 'exponential', mean: 60 }, cancel: true },
        matcher: { algorithm: 'seed', roomSize: 2, windowGrowth: 5 },
      }),
    ];
    for (const { summary } of runs) {
      const p = summary.population!;
      expect(p.matches).toBeGreaterThan(200);
      expect(summary.conservation.checks).toBeGreaterThan(21000);
    }
    expect(runs[0].summary.population?.voidRooms).toBeGreaterThan(0);
    expect(runs[1].summary.abandonment.left).toBeGreaterThan(0);
    expect(runs[4].summary.abandonment.cancelled).toBeGreaterThan(0);
    // A party is one request: its members queue together and play on one team.
    const teams = runs[3];
    const byParty = new Map<string, Set<unknown>>();
    for (const visit of teams.players) {
      if (visit.party === null || visit.party === undefined || visit.team === null) continue;
      byParty.set(visit.party, (byParty.get(visit.party) ?? new Set()).add(visit.team));
    }
    expect(byParty.size).toBeGreaterThan(100);
    for (const teamsOfParty of byParty.values()) expect(teamsOfParty.size).toBe(1);
  });

  it("draws true skills from a file of the scenario's folder (empirical), as scores can be", () => {
    const dir = writeFiles({ 'skills.csv': 'rating\n1200\n1500\n1800\n' });
    const file = join(dir, 's.json');
    writeFileSync(file, JSON.stringify({ name: 's', ...base, population: { ...population, skill: { type: 'empirical', file: 'skills.csv', column: 'rating' } } }));
    const { summary } = runScenarioInMemory(loadScenario(file));
    const skills = new Set(readFileSync(join(dir, 'skills.csv'), 'utf8').trim().split('\n').slice(1).map(Number));
    expect(summary.population?.retentionBySkill.every((band) => skills.has(band.minSkill) && skills.has(band.maxSkill))).toBe(true);
  });

  it('refuses a scenario with both arrivals and population, or neither, or a population with faults, naming the field', () => {
    const refuse = (document: Record<string, unknown>, field: string) => {
      try {
        resolveScenario('x.json', { name: 'x', seed: 1, duration: 60, ...document });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        expect((error as Error).message).toContain(field);
      }
    };
    refuse({ population, arrivals: { type: 'poisson', rate: 1 } }, 'population');
    refuse({ matcher: {} }, 'arrivals');
    refuse({ population, faults: { worker: { stallProbability: 0.1, stallTicks: 1 } } }, 'faults');
    refuse({ population: { ...population, churn: { intercept: 99 } } }, 'population.churn.intercept');
  });
});

/** The population's settings as run.ts builds them, with fresh streams. */
function populationOf(loaded: ReturnType<typeof resolve>) {
  const scenario = loaded.scenario;
  return populationConfig({ ...scenario, population: scenario.population!, duration: scenario.duration }, new RandomStreams(scenario.seed));
}
