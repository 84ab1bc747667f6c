import { resolveScenario } from '../scenarios/load.js';
import { loadMatcherModule } from '../scenarios/matcher-module.js';
import { runScenarioToDirectory } from '../run.js';
import type { Summary } from '../reports/summary.js';

/** Everything one run of a sweep needs: plain data, so that it can cross to a worker thread. */
export interface TaskInput {
  readonly file: string;
  readonly document: Record<string, unknown>;
  readonly seed: number;
  /** Absolute directory to write the run into. */
  readonly outDir: string;
  readonly charts: boolean;
}

/** Runs one point at one seed into its directory; formatting stays on this thread, the sweep is the parallelism. */
export async function runTask(input: TaskInput): Promise<Summary> {
  const loaded = await loadMatcherModule(resolveScenario(input.file, { ...input.document, seed: input.seed }));
  return runScenarioToDirectory(loaded, input.outDir, { csvWorkers: 0, charts: input.charts });
}
