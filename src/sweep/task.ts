import { resolveScenario } from '../scenarios/load.js';
import { loadMatcherModule } from '../scenarios/matcher-module.js';
import { runScenarioIntoDirectory, runScenarioToDirectory } from '../run.js';
import type { Summary } from '../reports/summary.js';

/** Everything one run of a sweep needs: plain data, so that it can cross to a worker thread. */
export interface TaskInput {
  readonly file: string;
  readonly document: Record<string, unknown>;
  /** --trust-scenario: the run may import the scenario's matcher module and read files outside its folder. */
  readonly trust: boolean;
  readonly seed: number;
  /** Absolute directory to write the run into. */
  readonly outDir: string;
  readonly charts: boolean;
  /** CSV threads for the run (default 0: in a sweep, the runs are the parallelism). */
  readonly csvWorkers?: number;
  /** false: outDir exists and is already the temporary directory of an atomic write (default true). */
  readonly atomic?: boolean;
}

/** Runs one point at one seed into its directory. */
export async function runTask(input: TaskInput): Promise<Summary> {
  const loaded = await loadMatcherModule(resolveScenario(input.file, { ...input.document, seed: input.seed }, [], { trust: input.trust }));
  const options = { csvWorkers: input.csvWorkers ?? 0, charts: input.charts };
  return input.atomic === false ? runScenarioIntoDirectory(loaded, input.outDir, options) : runScenarioToDirectory(loaded, input.outDir, options);
}
