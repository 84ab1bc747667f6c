import { writeFileSync } from 'node:fs';
import { turnTaker } from './event-loop-turns.js';
import { InputError } from './errors.js';
import { isSweep } from './sweep/plan.js';
import { join } from 'node:path';
import type { RunStats } from './engine/run-tally.js';
import { idLookup, type RunSink } from './engine/records.js';
import { exponential, RandomStreams, weightedPicker } from './engine/rng.js';
import { STREAMS } from './scenarios/streams.js';
import { scenarioSource } from './scenarios/sources/source-kinds.js';
import type { AttributeDeclaration } from './engine/ticket/attribute-kinds.js';
import type { FaultConfig } from './engine/faults.js';
import { drain, simulation, type RunProgress, type SimulationConfig } from './engine/simulation.js';
import type { ArrivalSource } from './engine/arrival-source.js';
import { patienceSampler } from './scenarios/patience.js';
import { scoreSampler } from './scenarios/scores.js';
import type { LoadedScenario } from './scenarios/load.js';
import { acceptanceOf, engineMatcher, expansionTargetsOf, matchSides, sessionBackfillOf, teamNamesOf, teamShapeOf } from './algorithms/registry.js';
import type { AcceptanceSettings } from './algorithms/algorithm-entry.js';
import { roleNames } from './scenarios/schema/roles.js';
import { withRecordedRoles } from './scenarios/roles.js';
import { dataCentreNames, dataCentresOf } from './scenarios/schema/latency.js';
import { Geography, placedPlayers } from './scenarios/latency/geography.js';
import { populationConfig } from './scenarios/population.js';
import type { FaultsSpec } from './scenarios/schema.js';
import { CsvFilesSink, type CsvSink } from './reports/csv-files.js';
import { CsvWorkersSink } from './reports/csv-workers-sink.js';
import { CsvFormatter, type Cell, type PlayerRow, type RoomRow, type TableContext, type TableName, type TimelineRow } from './reports/csv-tables.js';
import { writeDirectoryAtomically } from './reports/output-dir.js';
import { BREAKDOWN_FILE, breakdownCsv } from './reports/breakdown.js';
import { PROPOSALS_FILE, proposalsCsv } from './reports/proposals.js';
import { CSV_ONLY, writeParquetTables, type TableFormats } from './reports/parquet-tables.js';
import { writeRunReport } from './reports/run-report.js';
import { writePopulationFiles } from './reports/population-files.js';
import { writeSessionBackfills, writeStreamBackfills } from './reports/session-backfill-files.js';
import { buildSummary, sortSamples, SUMMARY_FILE, type SortedSamples, type Summary } from './reports/summary.js';

export { STREAMS } from './scenarios/streams.js';

/** The arrivals of one run of a loaded scenario, from its source kind (scenarios/sources/), with fresh random streams. */
export function arrivalSource(loaded: LoadedScenario): ArrivalSource {
  const source = scenarioSource(loaded.scenario);
  if (source === undefined) throw new Error('a scenario has arrivals or a population');
  const arrivals = source.arrivals(loaded.scenario, loaded);
  // Recorded players bring their roles in an attribute of theirs, which must be a string list.
  const attribute = loaded.scenario.roles?.attribute;
  if (attribute === undefined) return arrivals;
  const kind = source.attributes(loaded.scenario, loaded).find((a) => a.name === attribute)?.kind;
  if (kind !== 'string-list') throw new InputError(loaded.file, 'roles.attribute', kind === undefined ? 'names no attribute the players carry' : `names a ${kind} attribute: roles are a string list`);
  return withRecordedRoles(arrivals, attribute);
}

/** The attributes a loaded scenario's players carry, as its source declares them (each a column of players.csv). */
function declaredAttributes(loaded: LoadedScenario): readonly AttributeDeclaration[] {
  return scenarioSource(loaded.scenario)?.attributes(loaded.scenario, loaded) ?? [];
}

/** With no abandonment of its own, the leaves its source recorded (a replayed log's cancelled and timed-out tickets), withdrawn as StopMatchmaking withdraws them. */
function recordedLeaves(loaded: LoadedScenario): SimulationConfig['abandonment'] {
  const leaves = scenarioSource(loaded.scenario)?.recordedPatience(loaded);
  const column = leaves === undefined ? -1 : recordedColumns(loaded).indexOf(leaves.column);
  if (leaves === undefined || column < 0) return undefined;
  return { patience: () => NaN, cancel: true, recorded: { column, scale: leaves.scale } };
}

/** What a loaded scenario's source records of each ticket (each a column observed_<name> of players.csv). */
function recordedColumns(loaded: LoadedScenario): readonly string[] {
  return scenarioSource(loaded.scenario)?.recordedColumns(loaded) ?? [];
}

/** Runs a loaded scenario, streaming its batches to `sink` (none: its summary alone is wanted); returns the summary. */
export function runScenario(loaded: LoadedScenario, sink?: RunSink): Summary {
  return drain(runSteps(loaded, arrivalSource(loaded), sink)).summary;
}

/** As runScenario, for its summary alone, letting the event loop run every few milliseconds (a signal is answered at once). */
export async function runScenarioSummary(loaded: LoadedScenario): Promise<Summary> {
  return (await driveSteps(runSteps(loaded, arrivalSource(loaded), undefined))).summary;
}

/** Drives a run's steps to their end, giving the event loop a turn every few milliseconds (see turnTaker). */
async function driveSteps<T>(steps: Generator<void, T, void>): Promise<T> {
  const turn = turnTaker();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const pause = turn();
    if (pause !== undefined) await pause;
  }
}

interface RunResult {
  readonly summary: Summary;
  readonly stats: RunStats;
  readonly sorted: SortedSamples;
}

/** The faults a scenario may inject, by their field in scenario.faults. */
export const FAULT_FIELDS = ['channels', 'delivery', 'consumer', 'disconnect', 'cache', 'worker'] as const satisfies ReadonlyArray<keyof FaultsSpec>;
export type FaultField = (typeof FAULT_FIELDS)[number];

/** All of a scenario's faults (true), none (false), only one of them, or all but one. */
type FaultSelection = boolean | FaultField | { readonly without: FaultField };

/**
 * The simulation's settings for a scenario, with fresh random streams: the
 * same draws on every call. `withFaults`: all of the scenario's faults, none,
 * only one of them, or all but one (each fault draws from streams of its own,
 * so alone it strikes as it does among the others).
 */
function simulationConfig(loaded: LoadedScenario, withFaults: FaultSelection, progress?: RunProgress): SimulationConfig {
  const { scenario } = loaded;
  const random = new RandomStreams(scenario.seed);
  const abandonment = scenario.abandonment ? { patience: patienceSampler(scenario.abandonment.patience, random.stream(STREAMS.patience)), cancel: scenario.abandonment.cancel } : recordedLeaves(loaded);
  const matcher = { ...scenario.matcher, userModule: loaded.userModule, parties: hasParties(loaded) };
  const acceptance = acceptanceConfig(acceptanceOf(matcher), random);
  const backfill = sessionBackfillOf(matcher);
  const backfillStream = backfillStreamConfig(scenario, random, loaded.empirical);
  const sessionBackfill = backfill && { startup: backfill.startupSeconds, timeout: backfill.timeoutSeconds, until: backfill.untilSeconds, priority: backfill.priority, teams: teamNamesOf(matcher)?.length ?? 1 };
  const end = scenario.duration + scenario.drain;
  const all = scenario.faults;
  const f: FaultsSpec | undefined =
    withFaults === false || all === undefined
      ? undefined
      : withFaults === true
        ? all
        : typeof withFaults === 'string'
          ? { [withFaults]: all[withFaults] }
          : Object.fromEntries(FAULT_FIELDS.filter((k) => k !== withFaults.without && all[k] !== undefined).map((k) => [k, all[k]]));
  const faults: FaultConfig | undefined = f && {
    ...(f.channels ? { channels: f.channels } : {}),
    ...(f.delivery
      ? { delivery: { drop: f.delivery.drop, draw: random.stream(STREAMS.faultDelivery), ...(f.delivery.delay ? { delay: patienceSampler(f.delivery.delay, random.stream(STREAMS.faultDelay)) } : {}) } }
      : {}),
    ...(f.consumer ? { consumerLag: patienceSampler(f.consumer.lag, random.stream(STREAMS.faultLag)) } : {}),
    ...(f.disconnect
      ? { disconnect: { probability: f.disconnect.probability, after: patienceSampler(f.disconnect.after, random.stream(STREAMS.faultDisconnectAfter)), cancel: f.disconnect.cancel, draw: random.stream(STREAMS.faultDisconnect) } }
      : {}),
    ...(f.cache ? { cache: f.cache.maxEntries === undefined ? {} : { limit: { maxEntries: f.cache.maxEntries, cullFrequency: f.cache.cullFrequency } } } : {}),
    ...(f.worker ? { worker: { ...f.worker, draw: random.stream(STREAMS.faultStall) } } : {}),
  };
  const roomTtl = f?.cache?.ttl;
  const attributes = declaredAttributes(loaded);
  const recorded = recordedColumns(loaded);
  const dataCentres = dataCentreNames(loaded.scenario.latency);
  const geography = scenario.population && scenario.latency?.players ? new Geography(scenario.latency.players, dataCentresOf(scenario.latency), random) : undefined;
  const population = scenario.population && {
    ...populationConfig({ ...scenario, population: scenario.population, duration: scenario.duration }, random, loaded.empirical),
    sides: matchSides(scenario.matcher),
    ...(geography !== undefined ? { roundTrips: placedPlayers(geography, scenario.population.players) } : {}),
  };
  return {
    ...(population ? { population } : {}), tick: scenario.tick, end, matcher: engineMatcher(matcher, random.stream(STREAMS.poolChoices)), abandonment, ...(acceptance ? { acceptance } : {}), partyScore: scenario.parties?.score, ...(faults ? { faults } : {}), ...(roomTtl ? { roomTtl } : {}), ...(progress ? { progress } : {}), ...(attributes.length > 0 ? { attributes } : {}), ...(recorded.length > 0 ? { recorded } : {}), ...(dataCentres.length > 0 ? { dataCentres } : {}), ...(scenario.roles !== undefined ? { roles: roleNames(scenario.roles) } : {}), ...(sessionBackfill ? { sessionBackfill } : {}), ...(backfillStream ? { backfillStream } : {}) };
}

/** A stream of backfill requests (scenario.backfillRequests) on streams of its own: its gaps, places and scores change no other draw. */
function backfillStreamConfig(scenario: LoadedScenario['scenario'], random: RandomStreams, empirical: LoadedScenario['empirical']): SimulationConfig['backfillStream'] {
  const spec = scenario.backfillRequests;
  if (spec === undefined) return undefined;
  const gaps = random.stream(STREAMS.backfillRequests);
  const places = Object.keys(spec.open);
  const pick = weightedPicker(places.map((k) => spec.open[k]), random.stream(STREAMS.backfillOpen));
  const scoreSpec = spec.score ?? scenario.scores;
  if (scoreSpec === undefined) throw new RangeError('backfillRequests.score is required where the players bring their own scores');
  const score = scoreSampler(scoreSpec, random.stream(STREAMS.backfillScore), spec.score === undefined ? empirical : undefined);
  return { gap: () => exponential(gaps, spec.rate), open: () => Number(places[pick()]), score, timeout: spec.timeoutSeconds, priority: spec.priority, until: scenario.duration };
}

/** Players' answers to proposed matches, on streams of their own: whether each accepts, and when it says so. */
function acceptanceConfig(settings: AcceptanceSettings | undefined, random: RandomStreams): SimulationConfig['acceptance'] {
  if (settings === undefined) return undefined;
  const answer = random.stream(STREAMS.acceptanceAnswer);
  const { probability } = settings;
  return { timeout: settings.timeoutSeconds, accepts: () => answer() < probability, response: patienceSampler(settings.response, random.stream(STREAMS.acceptanceResponse)) };
}

/** Players queue in parties: drawn by the parties section, or recorded in the trace's party column. */
function hasParties(loaded: LoadedScenario): boolean {
  return loaded.scenario.parties !== undefined || loaded.trace?.parties !== undefined;
}

/** A run, and the twin runs its faults are measured against, as steps (see simulation()). */
function* runSteps(loaded: LoadedScenario, source: ArrivalSource, sink: RunSink | undefined, progress?: RunProgress): Generator<void, RunResult, void> {
  const { scenario } = loaded;
  // One run: a sweep (or replications) is many, which runSweepToDirectory runs (planSweep lists them).
  if (isSweep(scenario)) {
    throw new InputError(loaded.file, Object.keys(scenario.sweep ?? {}).length > 0 ? 'sweep' : 'replications', 'is a sweep of several runs, and this runs one: run it with runSweepToDirectory(planSweep(...)), or remove sweep and replications');
  }
  if (scenario.matcher.module !== undefined && loaded.userModule === undefined) {
    throw new Error(`the matcher module ${scenario.matcher.module} is not loaded: await loadMatcherModule(loaded) before running`);
  }
  const stats = yield* simulation(simulationConfig(loaded, true, progress), source, sink);
  const sorted = sortSamples(stats);
  // A fault's cost in waiting is measured against the same arrivals without the faults (a twin run), and each fault's alone against it too.
  const faults = scenario.faults;
  function* twin(withFaults: FaultSelection) {
    const twinStats = yield* simulation(simulationConfig(loaded, withFaults), arrivalSource(loaded));
    return { sorted: sortSamples(twinStats), notified: twinStats.playersNotified, lost: twinStats.faults?.playersLost };
  }
  let twins;
  if (faults) {
    const clean = yield* twin(false);
    const each = [];
    // Alone, a fault shows what it does by itself; removed from the rest, what it does through the others too (a cache only loses entries that a lagging consumer reads late).
    for (const fault of FAULT_FIELDS) if (faults[fault] !== undefined) each.push({ fault, ...(yield* twin(fault)), without: yield* twin({ without: fault }) });
    twins = { clean, each };
  }
  const { skippedLines } = loaded.trace ?? {};
  return { summary: buildSummary(scenario, stats, sorted, twins, { ...(skippedLines !== undefined ? { skippedLines } : {}), parties: hasParties(loaded) }), stats, sorted };
}

function tableContext(loaded: LoadedScenario, source: ArrivalSource): TableContext {
  const { matcher } = loaded.scenario;
  const parties = hasParties(loaded);
  const attributes = declaredAttributes(loaded);
  const recorded = recordedColumns(loaded);
  const dataCentres = dataCentreNames(loaded.scenario.latency);
  const teams = teamShapeOf(matcher);
  const teamNames = teamNamesOf(matcher);
  const expansions = expansionTargetsOf(matcher);
  return {
    ids: source.ids,
    roomSize: matcher.roomSize,
    pools: (matcher.pools ?? []).map((p) => p.name),
    ...(teams ? { teams: { count: teams.count, size: teams.size } } : {}),
    ...(teamNames !== undefined ? { teamNames } : {}),
    ...(expansions.length > 0 ? { expansions } : {}),
    ...(parties ? { parties: true } : {}),
    ...(loaded.scenario.population ? { population: true } : {}),
    ...(attributes.length > 0 ? { attributes } : {}),
    ...(recorded.length > 0 ? { recorded } : {}),
    ...(dataCentres.length > 0 ? { dataCentres } : {}),
    ...(loaded.scenario.roles !== undefined ? { roles: roleNames(loaded.scenario.roles) } : {}),
  };
}

/** A table's rows as objects keyed by the CSV header: exactly the cells the CSV files hold. */
export type CsvRecord = Record<string, Cell>;

/** Every row of a run, held in memory: for tests and small runs driven from code. */
export interface RunRows {
  readonly summary: Summary;
  readonly rooms: RoomRow[];
  readonly players: PlayerRow[];
  readonly timeline: TimelineRow[];
}

export function runScenarioInMemory(loaded: LoadedScenario): RunRows {
  const source = arrivalSource(loaded);
  const formatter = new CsvFormatter(tableContext(loaded, source), 'values');
  const tables: Record<TableName, CsvRecord[]> = { rooms: [], players: [], timeline: [] };
  const keep = (table: TableName) => (batch: Parameters<CsvFormatter['rows']>[1]) => {
    const header = formatter.header(table);
    for (const row of formatter.rows(table, batch)) {
      const record: CsvRecord = {};
      header.forEach((name, i) => (record[name] = row[i]));
      tables[table].push(record);
    }
  };
  const { summary } = drain(runSteps(loaded, source, {
    rooms: keep('rooms'),
    players: keep('players'),
    ticks: keep('timeline'),
  }));
  // The formatter lays out each table's cells as its row type says (csv-tables.ts).
  return { summary, rooms: tables.rooms as unknown as RoomRow[], players: tables.players as unknown as PlayerRow[], timeline: tables.timeline as unknown as TimelineRow[] };
}

export { SUMMARY_FILE } from './reports/summary.js';

export interface DirectoryRunOptions {
  /**
   * Worker threads that format the CSV files while the simulation runs; 0
   * formats them on the main thread. The files are the same either way.
   * Default: 0 for runs expected to have fewer than 200 000 players (a
   * worker's start-up would cost more than it saves), otherwise 1 (measured on
   * the full day with the direct CSV writer: one thread 21.6 s, two 22.7 s).
   */
  readonly csvWorkers?: number;
  /** Write charts (SVG and Vega-Lite JSON) and put them in report.html. Default true. */
  readonly charts?: boolean;
  /** Told after every tick how far the run is: for a progress line. */
  readonly progress?: RunProgress;
  /** Write summary.json alone: no tables, breakdown or report (a big sweep's runs, with --runs summary). Default false. */
  readonly summaryOnly?: boolean;
  /** The formats of the large tables (--tables): CSV (default), Parquet, or both. */
  readonly tables?: TableFormats;
}

/** Players a scenario is expected to bring: for sizing decisions, not for results. */
export function expectedPlayers(loaded: LoadedScenario): number {
  return loaded.expectedPlayers;
}

/** Runs a loaded scenario into `outDir` (rooms.csv, players.csv, timeline.csv, summary.json, report.html, charts/), atomically. */
export async function runScenarioToDirectory(
  loaded: LoadedScenario,
  outDir: string,
  options: DirectoryRunOptions = {},
): Promise<Summary> {
  return writeDirectoryAtomically(outDir, (dir) => runScenarioIntoDirectory(loaded, dir, options));
}

/** Runs a loaded scenario into an existing, empty directory: the caller makes it appear atomically. */
export async function runScenarioIntoDirectory(loaded: LoadedScenario, dir: string, options: DirectoryRunOptions = {}): Promise<Summary> {
  if (options.summaryOnly === true) {
    const { summary } = await driveSteps(runSteps(loaded, arrivalSource(loaded), undefined, options.progress));
    writeFileSync(join(dir, SUMMARY_FILE), JSON.stringify(summary, null, 2) + '\n');
    return summary;
  }
  const workers = options.csvWorkers ?? defaultCsvWorkers(loaded);
  const source = arrivalSource(loaded);
  const context = tableContext(loaded, source);
  const sink: CsvSink = workers > 0 ? new CsvWorkersSink(dir, context, workers) : new CsvFilesSink(dir, context);
  let result: RunResult;
  try {
    result = await driveSteps(runSteps(loaded, source, sink, options.progress));
  } catch (error) {
    await sink.abort();
    throw error;
  }
  await sink.close();
  if (result.stats.population) writePopulationFiles(dir, result.stats.population, context);
  if (result.stats.sessionBackfill) writeSessionBackfills(dir, result.stats.sessionBackfill, context);
  if (result.stats.backfillStream) writeStreamBackfills(dir, result.stats.backfillStream, context);
  await writeParquetTables(dir, options.tables ?? CSV_ONLY, context);
  writeFileSync(join(dir, SUMMARY_FILE), JSON.stringify(result.summary, null, 2) + '\n');
  writeFileSync(join(dir, BREAKDOWN_FILE), breakdownCsv(result.summary));
  if (result.stats.acceptance !== undefined) writeFileSync(join(dir, PROPOSALS_FILE), proposalsCsv(result.stats.acceptance.proposals, idLookup(context.ids)));
  await writeRunReport(dir, result.summary, result.stats, result.sorted, options.charts ?? true);
  return result.summary;
}

/** Runs expected to bring at least this many players are big: CSV threads pay off, and the CLI runs them off its main thread. */
export const BIG_RUN_PLAYERS = 200_000;

/** CSV threads by default: none for small runs (a thread's start-up would cost more than it saves), one for big ones (two cost more than they save since the direct CSV writer). */
export function defaultCsvWorkers(loaded: LoadedScenario): number {
  return expectedPlayers(loaded) < BIG_RUN_PLAYERS ? 0 : 1;
}
