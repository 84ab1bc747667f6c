import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeDirectoryAtomically } from '../reports/output-dir.js';
import { writeSweepReport } from './sweep-report.js';
import { SWEEP_FILES } from '../reports/sweep-summary.js';
import { aggregateSweep, sweepCsv, type SweepSummary } from './aggregate.js';
import { RUNS_FILE, runsCsv } from './runs-table.js';
import type { Summary } from '../reports/summary.js';
import type { TableFormats } from '../reports/parquet-tables.js';
import type { SweepPlan, SweepTask } from './plan.js';
import { runTasks, type Progress } from './task-pool.js';

export interface SweepOptions {
  /** Threads for the runs; 0 runs them one after another on this thread. The outputs are the same. */
  readonly workers: number;
  readonly charts?: boolean;
  /** What each run writes: every file (default), or its summary.json alone (a big sweep's, whose tables would be many megabytes a run). */
  readonly runs?: RunFiles;
  /** The formats of each run's large tables (--tables). */
  readonly tables?: TableFormats;
  readonly progress?: Progress;
}

/** What each run of a sweep writes: `all` its files, `summary` its summary.json alone. */
export type RunFiles = 'all' | 'summary';

export { SWEEP_FILES } from '../reports/sweep-summary.js';

/** Runs every point and replication of a sweep into `outDir`, atomically, and writes sweep.json and sweep.csv. */
export async function runSweepToDirectory(plan: SweepPlan, outDir: string, options: SweepOptions): Promise<SweepSummary> {
  const charts = options.charts ?? true;
  return writeDirectoryAtomically(outDir, async (dir) => {
    const summaries = await runSweepTasks(plan, plan.tasks, dir, options);
    return finishSweep(plan, summaries, dir, charts);
  });
}

/** Runs some tasks of a sweep, each into its directory under `dir`; their summaries in the order given. */
export async function runSweepTasks(plan: SweepPlan, tasks: readonly SweepTask[], dir: string, options: SweepOptions): Promise<Summary[]> {
  const inputs = tasks.map((task) => ({
    file: plan.file,
    trust: plan.trust.trust,
    resolved: plan.points[task.point].resolved,
    seed: task.seed,
    outDir: join(dir, task.dir),
    charts: options.charts ?? true,
    summaryOnly: options.runs === 'summary',
    ...(options.tables ? { tables: options.tables } : {}),
  }));
  return runTasks(inputs, options.workers, options.progress);
}

/** Aggregates a sweep's summaries (one per task, in task order) and writes sweep.json, sweep.csv, runs.csv and report.html into `dir`. */
export async function finishSweep(plan: SweepPlan, summaries: readonly Summary[], dir: string, charts: boolean): Promise<SweepSummary> {
  const sweep = aggregateSweep(plan, summaries);
  writeFileSync(join(dir, SWEEP_FILES.summary), JSON.stringify(sweep, null, 2) + '\n');
  writeFileSync(join(dir, SWEEP_FILES.table), sweepCsv(sweep));
  writeFileSync(join(dir, RUNS_FILE), runsCsv(plan, summaries));
  await writeSweepReport(dir, sweep, charts);
  return sweep;
}
