import { join } from 'node:path';
import type { BackfillStats, PopulationStats } from '../engine/population/population.js';
import { BACKFILL_OUTCOMES, type BackfillRequestColumns } from '../engine/population/running-match.js';
import { csvLine, type Cell } from './csv-writer.js';
import { populationPlayerId, type TableContext } from './csv-tables.js';
import { round6 } from './numbers.js';
import { ByteRows } from './byte-rows.js';

/** The files only a population run writes, beside rooms.csv, visits.csv and timeline.csv. */
export const POPULATION_FILES = { matches: 'matches.csv', matchPlayers: 'match_players.csv', players: 'players.csv', ratings: 'ratings.csv', backfills: 'backfills.csv' } as const;

const visitId = (visit: number): string => 'v' + (visit + 1);
const num = (x: number): Cell => (Number.isNaN(x) ? null : round6(x));
const ids = (values: ArrayLike<number>, from: number, to: number, cell: (x: number) => string): string => {
  const parts: string[] = [];
  for (let i = from; i < to; i++) parts.push(cell(values[i]));
  return parts.join(' ');
};

/**
 * Writes a table of `count` rows, each `lineOf(i)` (a CSV line, its line
 * break included), through one reused buffer: gathering the lines as a string
 * first cost more than building them (joining, then flattening and encoding
 * the join).
 */
export function writeTable(path: string, header: readonly string[], count: number, lineOf: (i: number) => string, chunkBytes?: number): void {
  const rows = new ByteRows(path, chunkBytes);
  try {
    for (let i = -1; i < count; i++) {
      const line = i < 0 ? csvLine(header) : lineOf(i);
      // A UTF-16 unit is at most 3 bytes of UTF-8.
      rows.room(3 * line.length);
      rows.utf8(line);
    }
    rows.flush();
  } finally {
    rows.close();
  }
}

/** The header of matches.csv. */
export const MATCHES_HEADER = ['room', 'start', 'end', 'players', 'places', 'ratings_before', 'ratings_after', 'favourite_win', 'margin', 'blowout'];
/** matches.csv's columns with backfill: the players who left the match and who joined it, and the seconds it had a seat empty. */
export const BACKFILL_MATCH_COLUMNS = ['left', 'joined', 'short_seconds'];

/**
 * matches.csv: one row per played match, members in room order (side by side)
 * with their places and ratings before and after. A week of a big population
 * has millions, written as bytes directly (ids and numbers never call for
 * quotes); matchCells, the same rows by the general path, is their oracle.
 */
export function writeMatches(path: string, stats: PopulationStats, roomSize: number, chunkBytes?: number): void {
  const played = stats.played;
  const backfill = stats.backfill?.played;
  const rows = new ByteRows(path, chunkBytes);
  try {
    const header = csvLine(backfill === undefined ? MATCHES_HEADER : [...MATCHES_HEADER, ...BACKFILL_MATCH_COLUMNS]);
    rows.room(header.length);
    rows.text(header);
    // Bytes a row may take: 24 per number, id or place at most, 10 cells of them per member.
    const rowBytes = 240 * roomSize + 256;
    let left = 0;
    let joined = 0;
    for (let i = 0; i < played.count; i++) {
      rows.room(rowBytes);
      matchRow(rows, played, i, roomSize);
      if (backfill !== undefined) {
        rows.room(24 * (backfill.left[i] + backfill.joined[i]) + 32);
        rows.byte(COMMA);
        left = playerIdBytes(rows, backfill.leftPlayers, left, backfill.left[i]);
        rows.byte(COMMA);
        joined = playerIdBytes(rows, backfill.joinedPlayers, joined, backfill.joined[i]);
        rows.byte(COMMA);
        rows.number(backfill.shortSeconds[i]);
      }
      rows.byte(NEWLINE);
    }
    rows.flush();
  } finally {
    rows.close();
  }
}

const SPACE = 32;
const COMMA = 44;
const NEWLINE = 10;

/** Row i of matches.csv, as bytes, up to its line break (the backfill columns may follow). */
function matchRow(rows: ByteRows, played: PopulationStats['played'], i: number, roomSize: number): void {
  const at = i * roomSize;
  const end = at + roomSize;
  rows.text('room');
  for (let m = at; m < end; m++) {
    rows.text('_v');
    rows.int(played.visits[m] + 1);
  }
  rows.byte(COMMA);
  cellBytes(rows, played.start[i]);
  rows.byte(COMMA);
  cellBytes(rows, played.end[i]);
  rows.byte(COMMA);
  for (let m = at; m < end; m++) {
    if (m > at) rows.byte(SPACE);
    rows.byte(112); // 'p'
    rows.int(played.members[m] + 1);
  }
  rows.byte(COMMA);
  for (let m = at; m < end; m++) {
    if (m > at) rows.byte(SPACE);
    rows.int(played.place[m] + 1);
  }
  rows.byte(COMMA);
  for (let m = at; m < end; m++) {
    if (m > at) rows.byte(SPACE);
    rows.number(played.before[m]);
  }
  rows.byte(COMMA);
  for (let m = at; m < end; m++) {
    if (m > at) rows.byte(SPACE);
    rows.number(played.after[m]);
  }
  rows.byte(COMMA);
  cellBytes(rows, played.favouriteWin[i]);
  rows.byte(COMMA);
  cellBytes(rows, played.margin[i]);
  rows.byte(COMMA);
  rows.int(played.blowout[i]);
}

/** `count` player ids from players[from], space-separated; returns where the next match's begin. */
function playerIdBytes(rows: ByteRows, players: Int32Array, from: number, count: number): number {
  for (let j = from; j < from + count; j++) {
    if (j > from) rows.byte(SPACE);
    rows.byte(112); // 'p'
    rows.int(players[j] + 1);
  }
  return from + count;
}

/** The header of match_players.csv. */
export const MATCH_PLAYERS_HEADER = ['room', 'player', 'seat', 'place', 'rating_before', 'rating_after'];

/**
 * match_players.csv: the long table beside matches.csv, one row per member
 * of each played match (its seat in room order, its place, its rating before
 * and after), so that a rating's path needs no splitting of packed lists.
 * Written as bytes, as matches.csv is; matchPlayerCells is its oracle.
 */
export function writeMatchPlayers(path: string, stats: PopulationStats, roomSize: number, chunkBytes?: number): void {
  const played = stats.played;
  const rows = new ByteRows(path, chunkBytes);
  try {
    const header = csvLine(MATCH_PLAYERS_HEADER);
    rows.room(header.length);
    rows.text(header);
    for (let i = 0; i < played.count; i++) {
      const at = i * roomSize;
      for (let m = at; m < at + roomSize; m++) {
        // Room id, player id, two ints and two numbers: well under 64 bytes a visit id, 24 a number.
        rows.room(64 * roomSize + 128);
        rows.text('room');
        for (let v = at; v < at + roomSize; v++) {
          rows.text('_v');
          rows.int(played.visits[v] + 1);
        }
        rows.byte(COMMA);
        rows.byte(112); // 'p'
        rows.int(played.members[m] + 1);
        rows.byte(COMMA);
        rows.int(m - at + 1);
        rows.byte(COMMA);
        rows.int(played.place[m] + 1);
        rows.byte(COMMA);
        rows.number(played.before[m]);
        rows.byte(COMMA);
        rows.number(played.after[m]);
        rows.byte(NEWLINE);
      }
    }
    rows.flush();
  } finally {
    rows.close();
  }
}

/** The rows of match i in match_players.csv by the general CSV path: the oracle of writeMatchPlayers. */
export function matchPlayerCells(played: PopulationStats['played'], i: number, roomSize: number): Cell[][] {
  const at = i * roomSize;
  const room = 'room_' + ids(played.visits, at, at + roomSize, visitId).replaceAll(' ', '_');
  return Array.from({ length: roomSize }, (_, seat) => [room, populationPlayerId(played.members[at + seat]), seat + 1, played.place[at + seat] + 1, round6(played.before[at + seat]), round6(played.after[at + seat])]);
}

/** A number's cell: empty for NaN. */
function cellBytes(rows: ByteRows, x: number): void {
  if (!Number.isNaN(x)) rows.number(x);
}

/** Row i of matches.csv by the general CSV path: the oracle of the bytes writeMatches writes (with `backfill`, its columns too). */
export function matchCells(played: PopulationStats['played'], i: number, roomSize: number, backfill?: BackfillStats['played']): Cell[] {
  const cells = matchOwnCells(played, i, roomSize);
  if (backfill === undefined) return cells;
  let left = 0;
  let joined = 0;
  for (let j = 0; j < i; j++) {
    left += backfill.left[j];
    joined += backfill.joined[j];
  }
  const playerIds = (players: Int32Array, from: number, count: number): string => Array.from(players.subarray(from, from + count), populationPlayerId).join(' ');
  return [...cells, playerIds(backfill.leftPlayers, left, backfill.left[i]), playerIds(backfill.joinedPlayers, joined, backfill.joined[i]), round6(backfill.shortSeconds[i])];
}

function matchOwnCells(played: PopulationStats['played'], i: number, roomSize: number): Cell[] {
  const at = i * roomSize;
  return [
    'room_' + ids(played.visits, at, at + roomSize, visitId).replaceAll(' ', '_'),
    num(played.start[i]),
    num(played.end[i]),
    ids(played.members, at, at + roomSize, populationPlayerId),
    ids(played.place, at, at + roomSize, (place) => String(place + 1)),
    ids(played.before, at, at + roomSize, (r) => String(round6(r))),
    ids(played.after, at, at + roomSize, (r) => String(round6(r))),
    num(played.favouriteWin[i]),
    num(played.margin[i]),
    played.blowout[i],
  ];
}

/** players.csv: one row per player of the population. */
export function writePopulationPlayers(path: string, stats: PopulationStats, parties: boolean): void {
  const header = ['id', 'true_skill', 'rating', 'uncertainty', 'sessions', 'matches', 'wins', 'quit_at', ...(parties ? ['party'] : [])];
  writeTable(path, header, stats.players, (p) => {
    const row: Cell[] = [populationPlayerId(p), num(stats.skill[p]), num(stats.rating[p]), num(stats.uncertainty[p]), stats.sessions[p], stats.matches[p], stats.wins[p], num(stats.quitAt[p])];
    if (parties) row.push(populationPlayerId(stats.partyOf[p]));
    return csvLine(row);
  });
}

/** ratings.csv: convergence of ratings to true skill at each sample time. */
export function writeRatings(path: string, stats: PopulationStats): void {
  const c = stats.convergence;
  writeTable(path, ['time', 'correlation', 'rmse'], c.time.length, (i) => csvLine([num(c.time[i]), num(c.correlation[i]), num(c.rmse[i])]));
}

/** The header of backfills.csv. */
export const BACKFILLS_HEADER = ['request', 'room', 'opened_at', 'closed_at', 'open', 'outcome', 'joined'];

/**
 * backfills.csv: one row per backfill request, as opened: the running room it
 * asks for (`roomOf`: its name, as rooms.csv names it), when it opened and
 * closed (empty: standing at the end), the places it asked for, how it ended
 * (BACKFILL_OUTCOMES) and the players who joined by it (`playerOf` a joiner's
 * visit: its player's id).
 */
export function writeBackfillRequests(path: string, log: BackfillRequestColumns, roomOf: (room: number) => string, playerOf: (visit: number) => string): void {
  const { requests, joiners } = log;
  // Joiner rows are in the order requests closed, which is not the order they opened: each request's from its first.
  const joinedBy: string[][] = Array.from({ length: requests.room.length }, () => []);
  for (let j = 0; j < joiners.request.length; j++) joinedBy[joiners.request[j]].push(playerOf(joiners.visit[j]));
  writeTable(path, BACKFILLS_HEADER, requests.room.length, (r) =>
    csvLine(['b' + (r + 1), roomOf(requests.room[r]), num(requests.openedAt[r]), num(requests.closedAt[r]), requests.open[r], BACKFILL_OUTCOMES[requests.outcome[r]], joinedBy[r].join(' ')]),
  );
}

/** A population's backfills.csv: rooms named by their starting visits, joiners by their players. */
export function writeBackfills(path: string, backfill: BackfillStats, visitPlayer: Int32Array, roomSize: number): void {
  const roomOf = (room: number): string => {
    let name = 'room';
    for (let k = room * roomSize; k < (room + 1) * roomSize; k++) name += '_' + visitId(backfill.roomVisits[k]);
    return name;
  };
  writeBackfillRequests(path, backfill, roomOf, (visit) => populationPlayerId(visitPlayer[visit]));
}

/** Writes the population's own files into a run's directory. */
export function writePopulationFiles(dir: string, stats: PopulationStats, context: TableContext): void {
  writeMatches(join(dir, POPULATION_FILES.matches), stats, context.roomSize);
  writeMatchPlayers(join(dir, POPULATION_FILES.matchPlayers), stats, context.roomSize);
  writePopulationPlayers(join(dir, POPULATION_FILES.players), stats, context.parties === true);
  writeRatings(join(dir, POPULATION_FILES.ratings), stats);
  if (stats.backfill !== undefined) writeBackfills(join(dir, POPULATION_FILES.backfills), stats.backfill, stats.visitPlayer, context.roomSize);
}
