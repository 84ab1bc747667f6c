import { readScenarioData, type LoadedScenario } from '../scenarios/load.js';
import { loadMatcherModule } from '../scenarios/matcher-module.js';
import { runScenarioIntoDirectory, runScenarioSummary, runScenarioToDirectory } from '../run.js';
import type { Summary } from '../reports/summary.js';
import type { RunProgress } from '../engine/simulation.js';
import type { TableFormats } from '../reports/parquet-tables.js';

/** Everything one run of a sweep needs: plain data, so that it can cross to a worker thread. */
export interface TaskInput {
  readonly file: string;
  /** --trust-scenario: the run may import the scenario's matcher module and read files outside its folder. */
  readonly trust: boolean;
  /**
   * The scenario as it was resolved once (a sweep point's, or a single run's),
   * used as it is: plain data, so that it can cross to a thread. Its trace
   * and score files, when not given (a sweep's tasks), are read here, once
   * per thread (see readTrace).
   */
  readonly resolved: Pick<LoadedScenario, 'scenario' | 'expectedPlayers'> & Partial<Pick<LoadedScenario, 'trace' | 'empirical'>>;
  readonly seed: number;
  /** Absolute directory to write the run into; absent, the run writes nothing and only its summary is wanted (a tuning's candidate). */
  readonly outDir?: string;
  readonly charts: boolean;
  /** CSV threads for the run (default 0: in a sweep, the runs are the parallelism). */
  readonly csvWorkers?: number;
  /** Write the run's summary.json alone (--runs summary). */
  readonly summaryOnly?: boolean;
  /** The formats of the run's large tables (--tables). */
  readonly tables?: TableFormats;
  /** false: outDir exists and is already the temporary directory of an atomic write (default true). */
  readonly atomic?: boolean;
}

/** Runs one point at one seed into its directory (or, without one, for its summary alone). */
export async function runTask(input: TaskInput, progress?: RunProgress): Promise<Summary> {
  const trust = { trust: input.trust };
  const { scenario, expectedPlayers } = input.resolved;
  const data = input.resolved.empirical !== undefined ? { trace: input.resolved.trace, empirical: input.resolved.empirical } : readScenarioData(input.file, scenario, trust);
  const resolved: LoadedScenario = { file: input.file, trust, ...data, expectedPlayers, scenario: { ...scenario, seed: input.seed } };
  const loaded = await loadMatcherModule(resolved);
  if (input.outDir === undefined) return runScenarioSummary(loaded);
  const options = { csvWorkers: input.csvWorkers ?? 0, charts: input.charts, summaryOnly: input.summaryOnly === true, ...(input.tables ? { tables: input.tables } : {}), ...(progress ? { progress } : {}) };
  return input.atomic === false ? runScenarioIntoDirectory(loaded, input.outDir, options) : runScenarioToDirectory(loaded, input.outDir, options);
}
