import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunStats } from './engine/recorder.js';
import type { PlayerRecord, RoomRecord, RunSink, TickRecord } from './engine/records.js';
import { RandomStreams } from './engine/rng.js';
import { simulate } from './engine/simulation.js';
import { poissonArrivals, traceArrivals, type ArrivalSource } from './scenarios/arrivals.js';
import type { LoadedScenario } from './scenarios/load.js';
import { scoreSampler } from './scenarios/scores.js';
import { CsvFilesSink } from './reports/csv-files.js';
import { writeDirectoryAtomically } from './reports/output-dir.js';
import { buildSummary, type Summary } from './reports/summary.js';

/** Random streams by purpose; adding a stream never shifts the values of another. */
export const STREAMS = { arrivals: 'arrivals', scores: 'scores' } as const;

export function arrivalSource(loaded: LoadedScenario): ArrivalSource {
  const { scenario } = loaded;
  if (scenario.arrivals.type === 'trace') {
    if (!loaded.trace) throw new Error('a trace scenario must be loaded with its trace');
    return traceArrivals(loaded.trace);
  }
  if (!scenario.scores) throw new Error('poisson arrivals need scores');
  const random = new RandomStreams(scenario.seed);
  const scores = scoreSampler(scenario.scores, random.stream(STREAMS.scores));
  return poissonArrivals(scenario.arrivals.rate, scenario.duration, random.stream(STREAMS.arrivals), scores);
}

/** Runs a loaded scenario, streaming its rows to `sink`; returns the summary. */
export function runScenario(loaded: LoadedScenario, sink: RunSink): Summary {
  const { scenario } = loaded;
  const stats: RunStats = simulate(
    { tick: scenario.tick, end: scenario.duration + scenario.drain, matcher: scenario.matcher },
    arrivalSource(loaded),
    sink,
  );
  return buildSummary(scenario, stats);
}

/** Every row of a run, held in memory: for tests and small runs driven from code. */
export interface RunRows {
  readonly summary: Summary;
  readonly rooms: RoomRecord[];
  readonly players: PlayerRecord[];
  readonly timeline: TickRecord[];
}

export function runScenarioInMemory(loaded: LoadedScenario): RunRows {
  const rooms: RoomRecord[] = [];
  const players: PlayerRecord[] = [];
  const timeline: TickRecord[] = [];
  const summary = runScenario(loaded, {
    rooms: (batch) => void rooms.push(...batch),
    players: (batch) => void players.push(...batch),
    ticks: (batch) => void timeline.push(...batch),
  });
  return { summary, rooms, players, timeline };
}

export const SUMMARY_FILE = 'summary.json';

/** Runs a loaded scenario into `outDir` (rooms.csv, players.csv, timeline.csv, summary.json), atomically. */
export function runScenarioToDirectory(loaded: LoadedScenario, outDir: string): Summary {
  return writeDirectoryAtomically(outDir, (dir) => {
    const sink = new CsvFilesSink(dir);
    let summary: Summary;
    try {
      summary = runScenario(loaded, sink);
    } finally {
      sink.close();
    }
    writeFileSync(join(dir, SUMMARY_FILE), JSON.stringify(summary, null, 2) + '\n');
    return summary;
  });
}
