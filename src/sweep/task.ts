import { resolveScenario, type LoadedScenario } from '../scenarios/load.js';
import { loadMatcherModule } from '../scenarios/matcher-module.js';
import { runScenarioIntoDirectory, runScenarioToDirectory } from '../run.js';
import type { Summary } from '../reports/summary.js';
import type { RunProgress } from '../engine/simulation.js';

/** Everything one run of a sweep needs: plain data, so that it can cross to a worker thread. */
export interface TaskInput {
  readonly file: string;
  readonly document: Record<string, unknown>;
  /** --trust-scenario: the run may import the scenario's matcher module and read files outside its folder. */
  readonly trust: boolean;
  /**
   * The scenario already resolved, its trace and score files read (a big
   * single run handed to a thread): used as it is, so that a big trace is
   * not parsed a second time. Without it the document is resolved here.
   */
  readonly resolved?: Pick<LoadedScenario, 'scenario' | 'trace' | 'empirical'>;
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
export async function runTask(input: TaskInput, progress?: RunProgress): Promise<Summary> {
  const trust = { trust: input.trust };
  const resolved: LoadedScenario =
    input.resolved !== undefined
      ? { file: input.file, trust, ...input.resolved, scenario: { ...input.resolved.scenario, seed: input.seed } }
      : resolveScenario(input.file, { ...input.document, seed: input.seed }, [], trust);
  const loaded = await loadMatcherModule(resolved);
  const options = { csvWorkers: input.csvWorkers ?? 0, charts: input.charts, ...(progress ? { progress } : {}) };
  return input.atomic === false ? runScenarioIntoDirectory(loaded, input.outDir, options) : runScenarioToDirectory(loaded, input.outDir, options);
}
