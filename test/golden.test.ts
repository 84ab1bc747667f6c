import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenarioToDirectory } from '../src/run.js';
import { loadScenario, readScenarioDocument, resolveScenario } from '../src/scenarios/load.js';
import { loadMatcherModule } from '../src/scenarios/matcher-module.js';
import { isSweep, planSweep } from '../src/sweep/plan.js';
import { tempDir } from './fixtures/helpers.js';

/**
 * The bytes of every bundled scenario's tables and summary, as digests: the engine may
 * be rebuilt for speed, but every result stays what it was. A result that must
 * change (a bug fixed) is regenerated with MATCHSIM_UPDATE_GOLDEN=1, and the
 * change explained in the commit.
 */
const GOLDEN = 'test/fixtures/golden.json';
/** Every table and the summary a run writes (a population adds visits.csv, matches.csv and ratings.csv). */
const tablesOf = (dir: string): string[] => readdirSync(dir).filter((f) => /\.(csv|json)$/.test(f)).sort();
const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);

/** Each bundled scenario's runs: a single run, or each point of a sweep at its first seed. */
function runsOf(file: string): Array<{ label: string; document: Record<string, unknown> }> {
  const document = readScenarioDocument(file) as Record<string, unknown>;
  const loaded = loadScenario(file, [], { trust: true });
  if (!isSweep(loaded.scenario)) return [{ label: '', document }];
  const plan = planSweep(file, document, loaded.scenario, loaded.trust);
  return plan.points.map((p) => ({ label: p.label, document: { ...p.document, seed: plan.seeds[0] } }));
}

describe('golden results: every bundled scenario gives the same tables (rooms.csv, players.csv, timeline.csv, breakdown.csv, and a population\'s own) and summary.json as recorded', () => {
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, Record<string, string>>;
  const files = readdirSync('scenarios').filter((f) => f.endsWith('.json')).sort();
  const computed: Record<string, Record<string, string>> = {};

  for (const name of files) {
    it(name, async () => {
      const file = join('scenarios', name);
      for (const run of runsOf(file)) {
        const key = run.label ? `${name} ${run.label}` : name;
        const loaded = await loadMatcherModule(resolveScenario(file, run.document, [], { trust: true }));
        const out = join(tempDir(), 'out');
        await runScenarioToDirectory(loaded, out, { charts: false, csvWorkers: 0 });
        computed[key] = Object.fromEntries(tablesOf(out).map((t) => [t, digest(join(out, t))]));
        if (process.env.MATCHSIM_UPDATE_GOLDEN !== '1') expect(computed[key], key).toEqual(golden[key]);
      }
    }, 60_000);
  }

  it('covers every run of the record, and no other', () => {
    if (process.env.MATCHSIM_UPDATE_GOLDEN === '1') {
      writeFileSync(GOLDEN, JSON.stringify(Object.fromEntries(Object.keys(computed).sort().map((k) => [k, computed[k]])), null, 2) + '\n');
      return;
    }
    expect(Object.keys(computed).sort()).toEqual(Object.keys(golden).sort());
  });
});
