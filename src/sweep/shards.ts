import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { copyRegularFile, copyRunDirectory } from './copy-run.js';
import { turnTaker } from '../event-loop-turns.js';
import * as z from 'zod';
import { excerpt, InputError } from '../errors.js';
import { checkEveryShardOnce, MAX_SHARDS, shardSlice, type Shard } from './shard-spec.js';
export { parseShard, type Shard } from './shard-spec.js';
import { writeDirectoryAtomically } from '../reports/output-dir.js';
import { SUMMARY_FILE, type Summary } from '../reports/summary.js';
import { resolveScenario, scenarioDataFiles } from '../scenarios/load.js';
import { readJsonFile } from '../scenarios/read-text.js';
import { resultFile, scenarioFile, UNTRUSTED, type ScenarioTrust } from '../scenarios/scenario-files.js';
import { isSummary } from '../reports/figures.js';
import type { SweepSummary } from './aggregate.js';
import { isSweep, planSweep, type SweepPlan, type SweepTask } from './plan.js';
import { MAX_SWEEP_RUNS } from '../scenarios/schema.js';
import { finishSweep, runSweepTasks, type SweepOptions } from './run-sweep.js';

export const SHARD_FILE = 'shard.json';
/**
 * A shard carries what its scenario reads: the scenario as run (the
 * document with the command line's overrides) and a copy of each data file
 * it names (traces, score files) at the same relative path. merge resolves
 * the scenario from there, so it reads nothing outside the shard.
 */
export const SHARD_INPUTS = { dir: 'inputs', scenario: 'scenario.json' } as const;

/** What a shard directory says of itself, so that merge can check the slices belong together. */
interface ShardManifest {
  readonly matchsim: { readonly shardVersion: 1 };
  readonly shard: number;
  readonly of: number;
  /** The scenario file as given, and its document with the command line's overrides applied. */
  readonly file: string;
  readonly document: Record<string, unknown>;
  readonly charts: boolean;
  /** The runs this shard holds: task numbers and their directories. */
  readonly tasks: ReadonlyArray<{ readonly index: number; readonly dir: string }>;
}

/** The runs of one shard: a contiguous slice of the sweep's tasks, the slices as even as whole runs allow. */
export function shardTasks(tasks: readonly SweepTask[], shard: Shard): SweepTask[] {
  return shardSlice(tasks, shard);
}

/**
 * Runs one shard of a sweep into `outDir`: the runs of its slice, each in the
 * directory it has in the whole sweep, and shard.json. `matchsim merge`
 * joins the shards into the sweep's outputs.
 */
export async function runShardToDirectory(plan: SweepPlan, document: Record<string, unknown>, shard: Shard, outDir: string, options: SweepOptions): Promise<number> {
  const tasks = shardTasks(plan.tasks, shard);
  return writeDirectoryAtomically(outDir, async (dir) => {
    await runSweepTasks(plan, tasks, dir, options);
    const manifest: ShardManifest = {
      matchsim: { shardVersion: 1 },
      shard: shard.index,
      of: shard.of,
      file: plan.file,
      document,
      charts: options.charts ?? true,
      tasks: tasks.map((t) => ({ index: t.index, dir: t.dir })),
    };
    writeFileSync(join(dir, SHARD_FILE), JSON.stringify(manifest, null, 2) + '\n');
    writeShardInputs(plan, document, join(dir, SHARD_INPUTS.dir));
    return tasks.length;
  });
}

/** The manifest of a shard: untrusted input (a CI artifact), every number held to the command line's bounds. */
const manifestSchema = z.strictObject({
  matchsim: z.strictObject({ shardVersion: z.literal(1) }),
  shard: z.int().min(1).max(MAX_SHARDS),
  of: z.int().min(1).max(MAX_SHARDS),
  file: z.string().max(4096),
  document: z.record(z.string(), z.unknown()),
  charts: z.boolean(),
  tasks: z.array(z.strictObject({ index: z.int().min(0).max(MAX_SWEEP_RUNS - 1), dir: z.string().max(4096) })).max(MAX_SWEEP_RUNS),
});

/** The scenario and copies of its data files, for merge (see SHARD_INPUTS); a file outside the scenario's folder (allowed with --trust-scenario) is not copied, and merge then needs the flag too. */
function writeShardInputs(plan: SweepPlan, document: Record<string, unknown>, inputs: string): void {
  mkdirSync(inputs);
  writeFileSync(join(inputs, SHARD_INPUTS.scenario), JSON.stringify(document, null, 2) + '\n');
  const copied = new Set<string>();
  for (const point of plan.points) {
    for (const data of scenarioDataFiles(point.resolved.scenario)) {
      const given = data.file.split(/[\\/]/);
      if (isAbsolute(data.file) || given.includes('..') || copied.has(data.file)) continue;
      copied.add(data.file);
      mkdirSync(dirname(join(inputs, data.file)), { recursive: true });
      copyRegularFile(scenarioFile(plan.file, data.field, data.file, plan.trust), join(inputs, data.file));
    }
  }
}

function readManifest(dir: string): ShardManifest {
  const file = join(dir, SHARD_FILE);
  if (!existsSync(file)) throw new InputError(dir, undefined, `not a shard directory: no ${SHARD_FILE} (run with --shard K/N)`);
  const parsed = manifestSchema.safeParse(readJsonFile(file, 'shard manifest'));
  if (!parsed.success) throw new InputError(file, parsed.error.issues[0].path.join('.') || undefined, 'not a matchsim shard manifest');
  if (parsed.data.shard > parsed.data.of) throw new InputError(file, 'shard', `is more than its "of" (${parsed.data.of}): not a matchsim shard manifest`);
  return parsed.data;
}

/**
 * The resolved scenario of a run, for comparing a run's summary with the
 * plan: its seed is the run's own.
 */
const sameRun = (summary: Summary, scenario: SweepPlan['points'][number]['resolved']['scenario'], seed: number) =>
  summary.seed === seed && JSON.stringify(summary.scenario) === JSON.stringify({ ...scenario, seed });

/**
 * Joins shard directories into the outputs of the whole sweep, byte-identical
 * to an unsharded run: the runs are copied into place, and sweep.json,
 * sweep.csv and report.html are made from their summaries. The shards must
 * be the N slices of one sweep (same scenario, same overrides), each once.
 */
export async function mergeShards(dirs: readonly string[], outDir: string, trust: ScenarioTrust = UNTRUSTED): Promise<SweepSummary> {
  if (dirs.length === 0) throw new InputError('merge', undefined, 'give the shard directories to merge');
  const manifests = dirs.map(readManifest);
  const first = manifests[0];
  manifests.forEach((m, i) => {
    const same = m.file === first.file && m.of === first.of && m.charts === first.charts && JSON.stringify(m.document) === JSON.stringify(first.document);
    if (!same) throw new InputError(dirs[i], undefined, `not a shard of the same sweep as ${dirs[0]} (scenario ${excerpt(first.file)}, ${first.of} shards)`);
  });
  checkEveryShardOnce(dirs, manifests);

  // The embedded scenario is the shard's: it reads files only from the shard's own inputs, as a scenario
  // there would, unless the user trusts it; then from where the run read them (the file as the manifest names it).
  const file = trust.trust ? first.file : join(dirs[0], SHARD_INPUTS.dir, SHARD_INPUTS.scenario);
  const loaded = resolveScenario(file, first.document, [], trust);
  if (!isSweep(loaded.scenario)) throw new InputError(join(dirs[0], SHARD_FILE), 'document', 'the shards are not of a sweep');
  const plan = planSweep(file, first.document, loaded.scenario, trust);
  const owner: string[] = new Array(plan.tasks.length);
  manifests.forEach((m, i) => {
    const expected = shardTasks(plan.tasks, { index: m.shard, of: m.of });
    if (JSON.stringify(expected.map((t) => ({ index: t.index, dir: t.dir }))) !== JSON.stringify(m.tasks)) {
      throw new InputError(dirs[i], SHARD_FILE, `its runs are not those of shard ${m.shard}/${m.of} of this sweep`);
    }
    for (const t of m.tasks) owner[t.index] = dirs[i];
  });
  return writeDirectoryAtomically(outDir, async (dir) => {
    const turn = turnTaker();
    const summaries: Summary[] = [];
    for (const task of plan.tasks) {
      const from = resultFile(owner[task.index], join(owner[task.index], task.dir));
      if (!existsSync(join(from, SUMMARY_FILE))) throw new InputError(owner[task.index], task.dir, `the run is missing (no ${SUMMARY_FILE})`);
      const summary = readJsonFile(resultFile(owner[task.index], join(from, SUMMARY_FILE)), 'run summary');
      if (!isSummary(summary)) throw new InputError(join(from, SUMMARY_FILE), undefined, 'not a matchsim run summary');
      if (!sameRun(summary, plan.points[task.point].resolved.scenario, task.seed)) {
        throw new InputError(join(from, SUMMARY_FILE), undefined, `not a run of this sweep: its scenario or seed differs from point ${excerpt(plan.points[task.point].label)} at seed ${task.seed}`);
      }
      mkdirSync(dirname(join(dir, task.dir)), { recursive: true });
      copyRunDirectory(from, join(dir, task.dir));
      summaries.push(summary);
      await turn();
    }
    return finishSweep(plan, summaries, dir, first.charts);
  });
}
