import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { checkEveryShardOnce, shardSlice, type Shard } from './shard-spec.js';
export { parseShard, type Shard } from './shard-spec.js';
import { writeDirectoryAtomically } from '../reports/output-dir.js';
import { SUMMARY_FILE, type Summary } from '../reports/summary.js';
import { resolveScenario } from '../scenarios/load.js';
import { readJsonFile } from '../scenarios/read-text.js';
import { UNTRUSTED, type ScenarioTrust } from '../scenarios/scenario-files.js';
import { isSummary } from '../reports/figures.js';
import type { SweepSummary } from './aggregate.js';
import { isSweep, planSweep, type SweepPlan, type SweepTask } from './plan.js';
import { finishSweep, runSweepTasks, type SweepOptions } from './run-sweep.js';

export const SHARD_FILE = 'shard.json';

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
    return tasks.length;
  });
}

function readManifest(dir: string): ShardManifest {
  const file = join(dir, SHARD_FILE);
  if (!existsSync(file)) throw new InputError(dir, undefined, `not a shard directory: no ${SHARD_FILE} (run with --shard K/N)`);
  const manifest = readJsonFile(file, 'shard manifest') as Partial<ShardManifest> | null;
  const whole = (x: unknown) => Number.isSafeInteger(x) && (x as number) >= 1;
  const valid =
    manifest?.matchsim?.shardVersion === 1 &&
    Array.isArray(manifest.tasks) &&
    manifest.tasks.every((t) => Number.isSafeInteger(t?.index) && typeof t?.dir === 'string') &&
    typeof manifest.file === 'string' &&
    typeof manifest.document === 'object' &&
    manifest.document !== null &&
    whole(manifest.shard) &&
    whole(manifest.of) &&
    typeof manifest.charts === 'boolean';
  if (!valid) throw new InputError(file, undefined, 'not a matchsim shard manifest');
  return manifest as ShardManifest;
}

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
    if (!same) throw new InputError(dirs[i], undefined, `not a shard of the same sweep as ${dirs[0]} (scenario ${first.file}, ${first.of} shards)`);
  });
  checkEveryShardOnce(dirs, manifests);

  const loaded = resolveScenario(first.file, first.document, [], trust);
  if (!isSweep(loaded.scenario)) throw new InputError(first.file, undefined, 'the shards are not of a sweep');
  const plan = planSweep(first.file, first.document, loaded.scenario, trust);
  const owner: string[] = new Array(plan.tasks.length);
  manifests.forEach((m, i) => {
    const expected = shardTasks(plan.tasks, { index: m.shard, of: m.of });
    if (JSON.stringify(expected.map((t) => ({ index: t.index, dir: t.dir }))) !== JSON.stringify(m.tasks)) {
      throw new InputError(dirs[i], SHARD_FILE, `its runs are not those of shard ${m.shard}/${m.of} of this sweep`);
    }
    for (const t of m.tasks) owner[t.index] = dirs[i];
  });
  return writeDirectoryAtomically(outDir, async (dir) => {
    const summaries: Summary[] = plan.tasks.map((task) => {
      const from = join(owner[task.index], task.dir);
      if (!existsSync(join(from, SUMMARY_FILE))) throw new InputError(owner[task.index], task.dir, `the run is missing (no ${SUMMARY_FILE})`);
      const summary = readJsonFile(join(from, SUMMARY_FILE), 'run summary');
      if (!isSummary(summary)) throw new InputError(join(from, SUMMARY_FILE), undefined, 'not a matchsim run summary');
      cpSync(from, join(dir, task.dir), { recursive: true });
      return summary;
    });
    return finishSweep(plan, summaries, dir, first.charts);
  });
}
