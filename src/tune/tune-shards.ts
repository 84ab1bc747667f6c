import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { excerpt, InputError } from '../errors.js';
import { writeDirectoryAtomically } from '../reports/output-dir.js';
import { readJsonFile } from '../scenarios/read-text.js';
import { checkEveryShardOnce, MAX_SHARDS, shardSlice, type Shard } from '../sweep/shard-spec.js';
import { MAX_SWEEP_RUNS } from '../scenarios/schema.js';
import { MAX_BUDGET, MAX_PARAMETERS, MAX_REPLICATIONS } from './parse.js';
import type { Evaluated } from './search.js';
import { writeTuneFiles, type TuneOutcome, type TuneSummary } from './tune-output.js';
import { writeTuneReport } from './tune-report.js';

/*
 * A tuning shared by a CI matrix: its conditions (--across) are cut into
 * contiguous slices, each tuned by one job (--shard K/N) into a shard
 * directory; `matchsim merge` joins them into the outputs an unsharded
 * tuning writes, byte for byte. A search is sequential within a condition,
 * so a condition is never split: N may not exceed the conditions.
 */

export const TUNE_SHARD_FILE = 'tune-shard.json';

// A shard is untrusted input (a CI artifact): every count is held to what the command line allows.
const path = z.string().min(1).max(200);
const estimate = z.strictObject({ mean: z.number(), low: z.number().nullable(), high: z.number().nullable(), n: z.int().min(0).max(MAX_REPLICATIONS) }).nullable();
const evaluated = z.strictObject({
  candidate: z.array(z.tuple([path, z.number()])).max(MAX_PARAMETERS),
  seeds: z.array(z.int().min(0)).min(1).max(MAX_REPLICATIONS),
  figures: z.array(z.tuple([path, estimate])).max(MAX_PARAMETERS + 64),
  feasible: z.boolean(),
  violation: z.number(),
  round: z.int().min(0).max(MAX_BUDGET),
});
const condition = z.array(z.tuple([path, z.unknown()])).max(MAX_PARAMETERS);
const request = z.strictObject({
  file: z.string(),
  goal: z.strictObject({
    objective: z.strictObject({ figure: z.string(), direction: z.enum(['minimize', 'maximize']) }),
    constraints: z.array(z.strictObject({ figure: path, op: z.enum(['<=', '>=']), limit: z.number() })).max(64),
  }),
  parameters: z.array(z.strictObject({ path, low: z.number(), high: z.number(), scale: z.enum(['linear', 'log']), integer: z.boolean().optional() })).min(1).max(MAX_PARAMETERS),
  budget: z.int().min(2).max(MAX_BUDGET),
  replications: z.int().min(1).max(MAX_REPLICATIONS),
  seed: z.int().min(0),
});
const manifestSchema = z.strictObject({
  matchsim: z.strictObject({ tuneShardVersion: z.literal(1) }),
  shard: z.int().min(1).max(MAX_SHARDS),
  of: z.int().min(1).max(MAX_SHARDS),
  charts: z.boolean(),
  /** What every shard of one tuning shares: the search asked for, and every condition (null without --across). */
  request,
  conditions: z.array(condition).min(1).max(MAX_SWEEP_RUNS).nullable(),
  /** This shard's conditions, by their index among all, each with its scenario document and the search's result. */
  outcomes: z.array(
    z.strictObject({
      index: z.int().min(0),
      document: z.record(z.string(), z.unknown()),
      method: z.enum(['bisection', 'successive halving']),
      runs: z.int().min(0).max(MAX_BUDGET),
      evaluated: z.array(evaluated).min(1).max(MAX_BUDGET),
    }),
  ).max(MAX_SWEEP_RUNS),
});
type Manifest = z.output<typeof manifestSchema>;

/** The conditions one shard tunes: a contiguous slice. Refused when there are fewer conditions than shards (a condition is never split). */
export function shardConditions<T>(conditions: readonly T[], shard: Shard): T[] {
  if (shard.of > conditions.length) {
    throw new InputError(`--shard ${shard.index}/${shard.of}`, undefined, `a tuning shards by its conditions (--across), and this one has ${conditions.length}: give at most ${conditions.length} shards`);
  }
  return shardSlice(conditions, shard);
}

/** Writes one shard's outcomes into `outDir`, atomically, for `matchsim merge`. */
export async function writeTuneShard(outDir: string, shard: Shard, charts: boolean, allConditions: TuneOutcome['condition'][], indices: readonly number[], outcomes: readonly TuneOutcome[]): Promise<void> {
  const { file, goal, parameters, budget, replications, seed } = outcomes[0].request;
  const manifest: Manifest = {
    matchsim: { tuneShardVersion: 1 },
    shard: shard.index,
    of: shard.of,
    charts,
    request: { file, goal: { objective: goal.objective, constraints: [...goal.constraints] }, parameters: parameters.map((p) => ({ ...p })), budget, replications, seed },
    conditions: allConditions[0] === undefined ? null : allConditions.map((c) => (c ?? []).map(([path, value]) => [path, value] as [string, unknown])),
    outcomes: outcomes.map((o, k) => ({
      index: indices[k],
      document: o.request.document,
      method: o.result.method,
      runs: o.result.runs,
      evaluated: o.result.evaluated.map((e) => ({ ...e, candidate: [...e.candidate], seeds: [...e.seeds], figures: [...e.figures] })),
    })),
  };
  await writeDirectoryAtomically(outDir, async (dir) => writeFileSync(join(dir, TUNE_SHARD_FILE), JSON.stringify(manifest, null, 2) + '\n'));
}

/** True when `dir` holds a tuning's shard rather than a sweep's. */
export function isTuneShard(dir: string): boolean {
  return existsSync(join(dir, TUNE_SHARD_FILE));
}

function readManifest(dir: string): Manifest {
  const file = join(dir, TUNE_SHARD_FILE);
  if (!existsSync(file)) throw new InputError(dir, undefined, `not a tuning's shard directory: no ${TUNE_SHARD_FILE} (run matchsim tune with --shard K/N)`);
  const parsed = manifestSchema.safeParse(readJsonFile(file, 'tuning shard manifest'));
  if (!parsed.success) throw new InputError(file, parsed.error.issues[0].path.join('.') || undefined, 'not a matchsim tuning shard manifest');
  const m = parsed.data;
  if (m.shard > m.of) throw new InputError(file, 'shard', `is more than its "of" (${m.of}): not a matchsim tuning shard manifest`);
  // Every candidate sets exactly the parameters searched, and has every figure the goal reads.
  const searched = JSON.stringify(m.request.parameters.map((p) => p.path));
  const needed = [m.request.goal.objective.figure, ...m.request.goal.constraints.map((c) => c.figure)];
  m.outcomes.forEach((o, k) =>
    o.evaluated.forEach((e, j) => {
      const where = `outcomes.${k}.evaluated.${j}`;
      if (JSON.stringify(e.candidate.map(([p]) => p)) !== searched) throw new InputError(file, `${where}.candidate`, 'does not set the parameters the request searches: not a matchsim tuning shard manifest');
      const figures = new Set(e.figures.map(([f]) => f));
      if (!needed.every((f) => figures.has(f))) throw new InputError(file, `${where}.figures`, 'lacks a figure of the goal: not a matchsim tuning shard manifest');
    }),
  );
  return m;
}

/** Joins the N shards of one tuning into its outputs (tune.csv, tune.json, tuned files, report.html), as an unsharded tuning writes them. */
export async function mergeTuneShards(dirs: readonly string[], outDir: string): Promise<TuneSummary> {
  const manifests = dirs.map(readManifest);
  const first = manifests[0];
  const shared = (m: Manifest) => JSON.stringify([m.request, m.conditions, m.of, m.charts]);
  manifests.forEach((m, i) => {
    if (shared(m) !== shared(first)) throw new InputError(dirs[i], undefined, `not a shard of the same tuning as ${dirs[0]} (scenario ${excerpt(first.request.file)}, ${first.of} shards)`);
  });
  checkEveryShardOnce(dirs, manifests);
  const count = first.conditions?.length ?? 1;
  const indices = Array.from({ length: count }, (_, k) => k);
  const byIndex = new Map<number, Manifest['outcomes'][number]>();
  manifests.forEach((m, i) => {
    const expected = shardSlice(indices, { index: m.shard, of: m.of });
    if (JSON.stringify(m.outcomes.map((o) => o.index)) !== JSON.stringify(expected)) {
      throw new InputError(dirs[i], TUNE_SHARD_FILE, `its conditions are not those of shard ${m.shard}/${m.of} of this tuning`);
    }
    for (const o of m.outcomes) byIndex.set(o.index, o);
  });
  const outcomes: TuneOutcome[] = indices.map((k) => {
    const o = byIndex.get(k) as Manifest['outcomes'][number];
    const condition = first.conditions?.[k];
    return {
      ...(condition !== undefined ? { condition } : {}),
      request: { ...first.request, document: o.document, trust: { trust: false }, workers: 0 },
      result: {
        method: o.method,
        runs: o.runs,
        evaluated: o.evaluated.map((e): Evaluated => ({ ...e, candidate: new Map(e.candidate), figures: new Map(e.figures) })),
      },
    };
  });
  return writeDirectoryAtomically(outDir, async (dir) => {
    const summary = writeTuneFiles(dir, outcomes, outDir);
    await writeTuneReport(dir, outcomes, summary, first.charts);
    return summary;
  });
}
