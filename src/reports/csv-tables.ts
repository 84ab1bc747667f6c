import { idLookup, type PlayerBatch, type RoomBatch, type TickBatch } from '../engine/records.js';
import { STATES } from '../engine/population/states.js';
import { idCellOf, neutraliseFormula } from './csv-safety.js';
import { round6 } from './numbers.js';
import { csvLine, csvLines, csvNumber, csvText, type Cell } from './csv-writer.js';
import type { CellFormat, PlayerColumn } from './player-columns/player-column.js';
import { PLAYER_COLUMNS } from './player-columns/player-columns.js';
import type { TableContext } from './table-context.js';

export { populationPlayerId, type TableContext } from './table-context.js';
export { attributeColumnName } from './player-columns/attributes.js';

/** A cell before it is written (csv-writer.ts): null is an empty cell. */
export type { Cell } from './csv-writer.js';

export const TABLES = {
  rooms: { file: 'rooms.csv', header: ['room', 'time', 'players', 'min_score', 'max_score', 'spread'] },
  players: {
    file: 'players.csv',
    header: ['id', 'arrival', 'score', 'joined', 'matched_at', 'wait', 'room', 'notified_at', 'left_at', 'pool'],
  },
  timeline: { file: 'timeline.csv', header: ['time', 'queue', 'pool', 'rooms', 'matched', 'messages'] },
} as const;

/** A row of rooms.csv, as the library returns it (numbers rounded to 1e-6; null is an empty cell). */
export interface RoomRow {
  readonly room: string;
  readonly time: number;
  /** Member ids in room order, separated by spaces. */
  readonly players: string;
  readonly min_score: number;
  readonly max_score: number;
  readonly spread: number;
  /** With teams: the ids team by team, teams separated by " | ". */
  readonly teams?: string;
  /** With teams: each team's mean score, separated by spaces. */
  readonly team_means?: string;
  readonly team_gap?: number | null;
  readonly favourite_win?: number | null;
  /** With data centres: the room's, and its members' highest round trip there in ms. */
  readonly dc?: string | null;
  readonly max_latency_ms?: number | null;
  /** With a pool's expansions (a FlexMatch rule set's), expansion_1_step, expansion_2_step ...: the step each had reached (0: none yet), in the rule set's order. */
  readonly [expansionStep: `expansion_${number}_step`]: number | undefined;
}

/** A row of players.csv. */
export interface PlayerRow {
  readonly id: string;
  readonly arrival: number;
  readonly score: number;
  readonly joined: number | null;
  readonly matched_at: number | null;
  readonly wait: number | null;
  readonly room: string | null;
  readonly notified_at: number | null;
  readonly left_at: number | null;
  /** The pool's name, "(no pool)", or null without pools. */
  readonly pool: string | null;
  /** With teams: the player's team, from 1. */
  readonly team?: number | null;
  /** With parties: the id of the party's first player, or null alone. */
  readonly party?: string | null;
}

/** A row of timeline.csv: one per worker round (with retries, per sample). */
export interface TimelineRow {
  readonly time: number;
  readonly queue: number;
  readonly pool: number;
  readonly rooms: number;
  readonly matched: number;
  readonly messages: number;
}

/** Columns only runs with teams have, after the rooms table's own (players.csv's are registered in player-columns/). */
const TEAM_ROOM_COLUMNS = ['teams', 'team_means', 'team_gap', 'favourite_win'];
/** Columns only runs with data centres have, after those of teams: the room's data centre and its members' highest round trip there. */
const PLACE_ROOM_COLUMNS = ['dc', 'max_latency_ms'];
/** With a pool's expansions: the step each had reached when the room formed, one column each in their order. */
export const expansionColumns = (expansions: readonly string[] | undefined): string[] => (expansions ?? []).map((_, k) => `expansion_${k + 1}_step`);
/** With a population: the timeline's players by state (STATES order), then online (queued + in pool + in a match). */
const POPULATION_TIMELINE_COLUMNS = ['players_offline', 'players_queued', 'players_in_pool', 'players_in_match', 'players_gone', 'players_online'];

/** With a population a request is a visit: the requests' table is written here, and players.csv is the population's own (population-files.ts). */
export const VISITS_FILE = 'visits.csv';

/** The file a table is written to. */
export function tableFile(table: TableName, context: TableContext): string {
  return context.population && table === 'players' ? VISITS_FILE : TABLES[table].file;
}

/** A table's header for a run: the base columns, then those the run has of teams, a population and the registered player columns. */
export function tableHeader(table: TableName, context: TableContext): string[] {
  const header: string[] = [...TABLES[table].header];
  if (table === 'rooms' && context.teams) header.push(...TEAM_ROOM_COLUMNS);
  if (table === 'rooms' && (context.dataCentres?.length ?? 0) > 0) header.push(...PLACE_ROOM_COLUMNS);
  if (table === 'rooms') header.push(...expansionColumns(context.expansions));
  if (table === 'rooms' && context.roles !== undefined) header.push('roles');
  if (table === 'players') for (const column of PLAYER_COLUMNS) header.push(...column.header(context));
  if (table === 'timeline' && context.population) header.push(...POPULATION_TIMELINE_COLUMNS);
  return header;
}

/** The registered player columns this run has, in their order. */
function playerColumnsOf(context: TableContext): PlayerColumn[] {
  return PLAYER_COLUMNS.filter((column) => column.header(context).length > 0);
}
export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];


/**
 * Turns columnar batches into CSV rows and text. The one place the CSV layout is decided.
 * With `numbers: 'text'` (for files) numbers become their CSV text here; with 'values'
 * (rows kept in memory) they stay numbers. Both are rounded to 1e-6 alike.
 */
export class CsvFormatter {
  private readonly idOf: (index: number) => string;
  /** A text cell that may start with an id. */
  private readonly safe: (cell: string) => string;
  private readonly roomSize: number;
  private readonly pools: readonly string[];
  private readonly num: (x: number) => string | number;
  private readonly cell: (x: number) => string | number | null;
  private readonly headers: Record<TableName, string[]>;
  /** No id calls for quoting, so a cell of ids needs none either. */
  private readonly plainIds: boolean;
  /** The registered player columns this run has, and how they write cells as values (rows) and as text (lines). */
  private readonly playerColumns: readonly PlayerColumn[];
  private readonly valueFormat: CellFormat;
  private readonly textFormat: CellFormat;
  /** The run's data centres, for the rooms' dc column (empty without). */
  private readonly dataCentres: readonly string[];
  private readonly expansions: number;
  /** With role queues: the run's roles, for rooms.csv's roles column. */
  private readonly roles: readonly string[] | undefined;
  /** A row's registered cells, reused line to line by the direct path. */
  private readonly scratch: Cell[] = [];

  constructor(
    readonly context: TableContext,
    numbers: 'text' | 'values' = 'text',
  ) {
    this.headers = { rooms: tableHeader('rooms', context), players: tableHeader('players', context), timeline: tableHeader('timeline', context) };
    this.idOf = idLookup(context.ids);
    this.safe = idCellOf(context.ids);
    this.roomSize = context.roomSize;
    this.pools = context.pools.map(neutraliseFormula);
    const num = numbers === 'text' ? (x: number) => String(round6(x)) : round6;
    this.num = num;
    this.cell = (x) => (Number.isNaN(x) ? null : num(x));
    this.plainIds = context.ids.kind === 'sequence' || context.ids.ids.every((id) => csvText(id) === id);
    this.playerColumns = playerColumnsOf(context);
    const dataCentres = (context.dataCentres ?? []).map(neutraliseFormula);
    this.dataCentres = dataCentres;
    this.expansions = context.expansions?.length ?? 0;
    this.roles = context.roles;
    // Names from a rule set, neutralised once as formulas, as the data centres are.
    const named = { ...(context.teamNames !== undefined ? { teamNames: context.teamNames.map(neutraliseFormula) } : {}), ...(context.roles !== undefined ? { roles: context.roles } : {}) };
    this.valueFormat = { cell: this.cell, id: this.idOf, safe: this.safe, dataCentres, ...named };
    this.textFormat = { cell: (x) => (Number.isNaN(x) ? null : csvNumber(x)), id: this.idOf, safe: this.safe, dataCentres, ...named };
  }

  /** The players of the room whose members start at `at`: roomSize, or fewer where its members end in -1 (rooms that vary in size). */
  private playersIn(members: Int32Array, at: number): number {
    let n = 0;
    while (n < this.roomSize && members[at + n] >= 0) n++;
    return n;
  }

  /** The role each member of the room at `at` played, in members order, space-separated (the run's role names: words, never quoted). */
  private memberRoles(batch: RoomBatch, at: number): string {
    const roles = this.roles as readonly string[];
    const players = this.playersIn(batch.members, at);
    const parts: string[] = [];
    for (let m = at; m < at + players; m++) parts.push(roles[batch.memberRoles?.[m] ?? -1] ?? '');
    return parts.join(' ');
  }

  /** The members of a room (`members` from `at`) joined by `separator`. */
  private memberIds(members: Int32Array, at: number, separator: string): string {
    const players = this.playersIn(members, at);
    const parts: string[] = new Array(players);
    for (let m = 0; m < players; m++) parts[m] = this.idOf(members[at + m]);
    return parts.join(separator);
  }

  roomRows(batch: RoomBatch): Cell[][] {
    const rows: Cell[][] = new Array(batch.count);
    for (let r = 0; r < batch.count; r++) {
      const at = r * this.roomSize;
      rows[r] = [
        'room_' + this.memberIds(batch.members, at, '_'),
        this.num(batch.time[r]),
        this.safe(this.memberIds(batch.members, at, ' ')),
        this.num(batch.minScore[r]),
        this.num(batch.maxScore[r]),
        this.num(batch.maxScore[r] - batch.minScore[r]),
      ];
      if (this.context.teams) rows[r].push(...this.teamCells(batch, r));
      if (this.dataCentres.length > 0) rows[r].push(...this.placeCells(batch, r));
      for (let k = 0; k < this.expansions; k++) rows[r].push(batch.expansionSteps?.[r * this.expansions + k] ?? null);
      if (this.roles !== undefined) rows[r].push(this.memberRoles(batch, r * this.roomSize));
    }
    return rows;
  }

  /** Room r's data centre and its members' highest round trip there. */
  private placeCells(batch: RoomBatch, r: number): Cell[] {
    const dc = batch.dataCentre?.[r] ?? NaN;
    return [Number.isNaN(dc) ? null : this.dataCentres[dc], this.cell(batch.maxLatency?.[r] ?? NaN)];
  }

  /** The teams of room r (ids, team by team), their mean scores, and the room's balance figures. */
  private teamCells(batch: RoomBatch, r: number): Cell[] {
    const { count } = this.context.teams as { count: number; size: number };
    const at = r * this.roomSize;
    const rosters: string[][] = Array.from({ length: count }, () => []);
    // Each member on the team its match's rosters put it on.
    const end = at + this.playersIn(batch.members, at);
    for (let m = at; m < end; m++) rosters[batch.memberTeams?.[m] ?? 0].push(this.idOf(batch.members[m]));
    const teams = rosters.map((ids) => ids.join(' '));
    const means: string[] = [];
    for (let t = 0; t < count; t++) means.push(String(round6(batch.teamMeans[r * count + t])));
    return [this.safe(teams.join(' | ')), means.join(' '), this.num(batch.teamGap[r]), this.num(batch.favouriteWin[r])];
  }

  playerRows(batch: PlayerBatch): Cell[][] {
    const rows: Cell[][] = new Array(batch.count);
    for (let i = 0; i < batch.count; i++) {
      const matchedAt = batch.matchedAt[i];
      const at = i * this.roomSize;
      rows[i] = [
        this.safe(this.idOf(batch.first + i)),
        this.num(batch.arrival[i]),
        this.num(batch.score[i]),
        this.cell(batch.joined[i]),
        this.cell(matchedAt),
        this.cell(matchedAt - batch.arrival[i]),
        batch.members[at] < 0 ? null : 'room_' + this.memberIds(batch.members, at, '_'),
        this.cell(batch.notifiedAt[i]),
        this.cell(batch.leftAt[i]),
        this.pools.length === 0 ? null : batch.pool[i] < 0 ? '(no pool)' : this.pools[batch.pool[i]],
      ];
      for (const column of this.playerColumns) column.cells(rows[i], batch, i, this.valueFormat);
    }
    return rows;
  }

  tickRows(batch: TickBatch): Cell[][] {
    const rows: Cell[][] = new Array(batch.count);
    for (let t = 0; t < batch.count; t++) {
      rows[t] = [
        this.num(batch.time[t]),
        this.num(batch.queue[t]),
        this.num(batch.pool[t]),
        this.num(batch.rooms[t]),
        this.num(batch.matched[t]),
        this.num(batch.messages[t]),
      ];
      const states = batch.states;
      if (this.context.population && states !== undefined) {
        const at = t * STATES.length;
        for (let k = 0; k < STATES.length; k++) rows[t].push(this.num(states[at + k]));
        rows[t].push(this.num(states[at + 1] + states[at + 2] + states[at + 3]));
      }
    }
    return rows;
  }

  rows(table: TableName, batch: PlayerBatch | RoomBatch | TickBatch): Cell[][] {
    switch (table) {
      case 'rooms':
        return this.roomRows(batch as RoomBatch);
      case 'players':
        return this.playerRows(batch as PlayerBatch);
      case 'timeline':
        return this.tickRows(batch as TickBatch);
    }
  }

  /**
   * A batch as CSV text, written directly: the bytes that text(rows(batch))
   * would give (test/reports/csv-tables.test.ts holds it to csv-stringify),
   * without a cell array per row or a shortest-digits number conversion.
   */
  lines(table: TableName, batch: PlayerBatch | RoomBatch | TickBatch): string {
    // Teams add cells the direct path does not write; their rows are few (rooms of 10).
    if (this.context.teams !== undefined && table !== 'timeline') return csvLines(this.rows(table, batch));
    switch (table) {
      case 'rooms':
        return this.roomLines(batch as RoomBatch);
      case 'players':
        return this.playerLines(batch as PlayerBatch);
      case 'timeline':
        return this.tickLines(batch as TickBatch);
    }
  }

  /** "room_<id>_<id>...", quoted when an id calls for it. */
  private roomCell(members: Int32Array, at: number): string {
    let name = 'room';
    const players = this.playersIn(members, at);
    for (let m = 0; m < players; m++) name += '_' + this.idOf(members[at + m]);
    return this.plainIds ? name : csvText(name);
  }

  private roomLines(batch: RoomBatch): string {
    let text = '';
    const size = this.roomSize;
    for (let r = 0; r < batch.count; r++) {
      const at = r * size;
      let ids = this.idOf(batch.members[at]);
      const players = this.playersIn(batch.members, at);
      for (let m = 1; m < players; m++) ids += ' ' + this.idOf(batch.members[at + m]);
      const lo = batch.minScore[r];
      const hi = batch.maxScore[r];
      text += this.roomCell(batch.members, at) + ',' + csvNumber(batch.time[r]) + ',' + csvText(this.safe(ids)) + ',' + csvNumber(lo) + ',' + csvNumber(hi) + ',' + csvNumber(hi - lo);
      if (this.dataCentres.length > 0) {
        const [dc, worst] = this.placeCells(batch, r);
        text += ',' + (dc === null ? '' : csvText(String(dc))) + ',' + (worst === null ? '' : csvNumber(batch.maxLatency?.[r] ?? NaN));
      }
      for (let k = 0; k < this.expansions; k++) text += ',' + (batch.expansionSteps?.[r * this.expansions + k] ?? '');
      if (this.roles !== undefined) text += ',' + this.memberRoles(batch, at);
      text += '\n';
    }
    return text;
  }

  private playerLines(batch: PlayerBatch): string {
    let text = '';
    const size = this.roomSize;
    const pools = this.pools.length > 0;
    const columns = this.playerColumns;
    const scratch = this.scratch;
    for (let i = 0; i < batch.count; i++) {
      const arrival = batch.arrival[i];
      const matchedAt = batch.matchedAt[i];
      const at = i * size;
      let line = csvText(this.safe(this.idOf(batch.first + i))) + ',' + csvNumber(arrival) + ',' + csvNumber(batch.score[i]) + ',' + optional(batch.joined[i]) + ',' + optional(matchedAt) + ',' + optional(matchedAt - arrival) + ',';
      if (batch.members[at] >= 0) line += this.roomCell(batch.members, at);
      line += ',' + optional(batch.notifiedAt[i]) + ',' + optional(batch.leftAt[i]) + ',';
      if (pools) line += csvText(batch.pool[i] < 0 ? '(no pool)' : this.pools[batch.pool[i]]);
      if (columns.length > 0) {
        scratch.length = 0;
        for (const column of columns) column.cells(scratch, batch, i, this.textFormat);
        for (const cell of scratch) line += ',' + (cell === null ? '' : typeof cell === 'number' ? String(cell) : csvText(cell));
      }
      text += line + '\n';
    }
    return text;
  }

  private tickLines(batch: TickBatch): string {
    let text = '';
    const states = this.context.population ? batch.states : undefined;
    for (let t = 0; t < batch.count; t++) {
      text += csvNumber(batch.time[t]) + ',' + csvNumber(batch.queue[t]) + ',' + csvNumber(batch.pool[t]) + ',' + csvNumber(batch.rooms[t]) + ',' + csvNumber(batch.matched[t]) + ',' + csvNumber(batch.messages[t]);
      if (states !== undefined) {
        const at = t * STATES.length;
        // Players by state (whole counts), then online: queued + in the pool + in a match.
        text += ',' + states[at] + ',' + states[at + 1] + ',' + states[at + 2] + ',' + states[at + 3] + ',' + states[at + 4] + ',' + (states[at + 1] + states[at + 2] + states[at + 3]);
      }
      text += '\n';
    }
    return text;
  }

  /** CSV text for rows; `header` puts the table's header first. */
  text(table: TableName, rows: Cell[][], header: boolean): string {
    const body = csvLines(rows);
    return header ? csvLine(this.headers[table]) + body : body;
  }

  /** The header of `table` for this run. */
  header(table: TableName): readonly string[] {
    return this.headers[table];
  }
}

/** A number, or an empty cell for NaN. */
function optional(x: number): string {
  return Number.isNaN(x) ? '' : csvNumber(x);
}
