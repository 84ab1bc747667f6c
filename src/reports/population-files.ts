import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PopulationStats } from '../engine/population/population.js';
import { csvLine, csvLines, type Cell } from './csv-writer.js';
import { populationPlayerId, type TableContext } from './csv-tables.js';
import { round6 } from './numbers.js';

/** The files only a population run writes, beside rooms.csv, visits.csv and timeline.csv. */
export const POPULATION_FILES = { matches: 'matches.csv', players: 'players.csv', ratings: 'ratings.csv' } as const;

const visitId = (visit: number): string => 'v' + (visit + 1);
const num = (x: number): Cell => (Number.isNaN(x) ? null : round6(x));
const ids = (values: ArrayLike<number>, from: number, to: number, cell: (x: number) => string): string => {
  const parts: string[] = [];
  for (let i = from; i < to; i++) parts.push(cell(values[i]));
  return parts.join(' ');
};

/** matches.csv: one row per played match, members in room order (side by side) with their places and ratings before and after. */
export function matchesCsv(stats: PopulationStats, context: TableContext): string {
  const played = stats.played;
  const size = context.roomSize;
  const rows: Cell[][] = [];
  for (let i = 0; i < played.count; i++) {
    const at = i * size;
    rows.push([
      'room_' + ids(played.visits, at, at + size, visitId).replaceAll(' ', '_'),
      num(played.start[i]),
      num(played.end[i]),
      ids(played.members, at, at + size, populationPlayerId),
      ids(played.place, at, at + size, (place) => String(place + 1)),
      ids(played.before, at, at + size, (r) => String(round6(r))),
      ids(played.after, at, at + size, (r) => String(round6(r))),
      num(played.favouriteWin[i]),
      num(played.margin[i]),
      played.blowout[i],
    ]);
  }
  return csvLine(['room', 'start', 'end', 'players', 'places', 'ratings_before', 'ratings_after', 'favourite_win', 'margin', 'blowout']) + csvLines(rows);
}

/** players.csv: one row per player of the population. */
export function populationPlayersCsv(stats: PopulationStats, parties: boolean): string {
  const rows: Cell[][] = [];
  for (let p = 0; p < stats.players; p++) {
    const row: Cell[] = [
      populationPlayerId(p),
      num(stats.skill[p]),
      num(stats.rating[p]),
      num(stats.uncertainty[p]),
      stats.sessions[p],
      stats.matches[p],
      stats.wins[p],
      num(stats.quitAt[p]),
    ];
    if (parties) row.push(populationPlayerId(stats.partyOf[p]));
    rows.push(row);
  }
  const header = ['id', 'true_skill', 'rating', 'uncertainty', 'sessions', 'matches', 'wins', 'quit_at', ...(parties ? ['party'] : [])];
  return csvLine(header) + csvLines(rows);
}

/** ratings.csv: convergence of ratings to true skill at each sample time. */
export function ratingsCsv(stats: PopulationStats): string {
  const c = stats.convergence;
  const rows: Cell[][] = [];
  for (let i = 0; i < c.time.length; i++) rows.push([num(c.time[i]), num(c.correlation[i]), num(c.rmse[i])]);
  return csvLine(['time', 'correlation', 'rmse']) + csvLines(rows);
}

/** Writes the population's own files into a run's directory. */
export function writePopulationFiles(dir: string, stats: PopulationStats, context: TableContext): void {
  writeFileSync(join(dir, POPULATION_FILES.matches), matchesCsv(stats, context));
  writeFileSync(join(dir, POPULATION_FILES.players), populationPlayersCsv(stats, context.parties === true));
  writeFileSync(join(dir, POPULATION_FILES.ratings), ratingsCsv(stats));
}
