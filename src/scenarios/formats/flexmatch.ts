import { excerpt, InputError } from '../../errors.js';
import { buildTrace, LATENCY_PREFIX, MAX_PARTY, PARTY_COLUMN, type Trace } from '../trace.js';
import { FieldNames, fieldNameProblem, LogColumns, notAScore, type FieldKind } from './log-fields.js';
import { isScore } from '../../engine/score-range.js';
import { isObject, readJsonLines, type Json, type JsonObject } from './json-lines.js';
import { parseRfc3339, secondsBetween, type Instant } from './rfc3339.js';
import { MEMBER_SEPARATOR, ticketTraceRows, withCopies } from './copies.js';
import { logWindow, observedEnds, type LogReplay } from './replay-log.js';

/*
 * A FlexMatch queue as production logged it: the StartMatchmaking requests
 * (one JSON request a line, as the API takes it: TicketId, Players with
 * PlayerId, PlayerAttributes typed {"N"}, {"S"}, {"SL"}, {"SDM"}, and
 * LatencyInMs), joined by ticket id with the matchmaking events (EventBridge
 * envelopes, one a line: time, detail.type, detail.tickets[].ticketId and
 * startTime). Events carry no attributes or latencies; requests carry no
 * times. A ticket arrives at its startTime; what production observed of it
 * is its wait (a MatchmakingSucceeded event's time less its startTime) or,
 * for one that timed out or was cancelled, how long it waited before that.
 */

/** How fields map onto a player, and the window of the log to replay (a bad line of either file counts). */
export interface FlexMatchMapping extends LogReplay {
  /** The PlayerAttributes name of the score, a number ({"N"}, a whole one). */
  readonly score: string;
}

interface Request {
  readonly line: number;
  readonly id: string;
  readonly players: readonly RequestPlayer[];
}

/** A player of a request: its row's id (the ticket's, or ticket/player in a party), score and fields. */
interface RequestPlayer {
  readonly id: string;
  readonly score: number;
  readonly fields: ReadonlyMap<string, { readonly cell: string; readonly kind: FieldKind }>;
}

interface Fate {
  start?: Instant;
  /** The line of the first event naming the ticket, for errors. */
  line: number;
  succeeded?: Instant;
  left?: Instant;
}

/** Reads a FlexMatch requests file and its events file into one trace of players, with what production observed of each. */
export function readFlexMatch(requestsFile: string, eventsFile: string, mapping: FlexMatchMapping): Trace {
  const window = logWindow(requestsFile, mapping);
  const requests: Request[] = [];
  const byId = new Map<string, number>();
  const names = new FieldNames(requestsFile, mapping.fields);
  let skipped = readJsonLines(requestsFile, 'FlexMatch requests file', (value, line) => {
    const request = parseRequest(requestsFile, line, value, mapping.score, names);
    const first = byId.get(request.id);
    if (first !== undefined) throw new InputError(requestsFile, `line ${line}`, `ticket ${excerpt(request.id)} is already requested on line ${requests[first].line}`);
    byId.set(request.id, requests.length);
    requests.push(request);
  }, mapping.onBadLine);
  names.finish();
  const fates = new Map<string, Fate>();
  skipped += readJsonLines(eventsFile, 'FlexMatch events file', (value, line) => readEvent(eventsFile, line, value, byId, fates), mapping.onBadLine);
  const kept: Array<{ readonly request: Request; readonly fate: Fate & { readonly start: Instant } }> = [];
  for (const request of requests) {
    const fate = fates.get(request.id);
    if (fate?.start === undefined) throw new InputError(requestsFile, `line ${request.line}`, `no event of ${eventsFile} names ticket ${excerpt(request.id)}: its start time is not known`);
    if (!window.contains(fate.start)) continue;
    kept.push({ request, fate: fate as Fate & { start: Instant } });
  }
  if (kept.length === 0) throw new InputError(requestsFile, undefined, window.bounded ? 'no ticket started between arrivals.from and arrivals.to' : 'no tickets: expected one StartMatchmaking request a line');
  // Arrivals in start order; ties keep the requests' order (sort is stable).
  kept.sort((a, b) => a.fate.start.seconds - b.fate.start.seconds || a.fate.start.nanos - b.fate.start.nanos);
  const columns = new LogColumns(requestsFile, 'attribute');
  for (const { request } of kept) for (const player of request.players) columns.add(player.fields, request.line);
  const order = columns.columns;
  const zero = window.from ?? kept[0].fate.start;
  const rows = withCopies(
    kept.map(({ request, fate }, ticket) => ({
      line: request.line,
      time: secondsBetween(zero, fate.start) / mapping.speed,
      id: request.id,
      players: request.players.map((p) => ({ id: p.id, score: p.score, cells: order.map((name) => p.fields.get(name)?.cell ?? '') })),
      ticket,
      copy: false,
    })),
    mapping.scale,
  );
  const parties = kept.some(({ request }) => request.players.length > 1);
  const trace = buildTrace(requestsFile, ['time', 'id', 'score', ...(parties ? [PARTY_COLUMN] : []), ...order], ticketTraceRows(rows, parties));
  const recorded = observedEnds(rows, trace.ids.length, (ticket) => {
    const { fate } = kept[ticket];
    return { start: fate.start, ...(fate.succeeded !== undefined ? { matched: fate.succeeded } : {}), ...(fate.left !== undefined ? { left: fate.left } : {}) };
  });
  return { ...trace, kinds: columns.kinds, recorded, ...(mapping.onBadLine === 'skip' ? { skippedLines: skipped } : {}) };
}

/** One StartMatchmaking request: each player's score, attributes, team and round trips (a ticket of several players is a party). */
function parseRequest(file: string, line: number, request: JsonObject, scoreName: string, names: FieldNames): Request {
  const bad = (why: string) => new InputError(file, `line ${line}`, why);
  const id = request.TicketId;
  if (typeof id !== 'string' || id === '') throw bad('the request has no TicketId');
  const players = request.Players;
  if (!Array.isArray(players) || players.length === 0) throw bad(`ticket ${excerpt(id)} has no Players`);
  if (players.length > MAX_PARTY) throw bad(`ticket ${excerpt(id)} has ${players.length} players: at most ${MAX_PARTY} queue together`);
  const seen = new Set<string>();
  const parsed = players.map((player: Json) => {
    if (!isObject(player)) throw bad(`ticket ${excerpt(id)}: a player is not an object`);
    const playerId = player.PlayerId;
    if (players.length > 1 && (typeof playerId !== 'string' || playerId === '')) throw bad(`ticket ${excerpt(id)}: a player of its party has no PlayerId`);
    if (typeof playerId === 'string') {
      if (seen.has(playerId)) throw bad(`ticket ${excerpt(id)}: player ${excerpt(playerId)} is in it twice`);
      seen.add(playerId);
    }
    // A ticket of one player is its row; a party's players are rows ticket/player, its key the ticket.
    const rowId = players.length > 1 ? `${id}${MEMBER_SEPARATOR}${playerId as string}` : id;
    return parsePlayer(player, (why) => bad(`ticket ${excerpt(id)}${players.length > 1 ? `, player ${excerpt(playerId as string)}` : ''}: ${why}`), rowId, scoreName, names);
  });
  return { line, id, players: parsed };
}

function parsePlayer(player: JsonObject, bad: (why: string) => InputError, id: string, scoreName: string, names: FieldNames): RequestPlayer {
  const fields = new Map<string, { cell: string; kind: FieldKind }>();
  const put = (name: string, cell: string, kind: FieldKind) => {
    const problem = fieldNameProblem(name, 'attribute');
    if (problem !== undefined) throw bad(problem);
    if (fields.has(name)) throw bad(`attribute ${excerpt(name)} is given twice`);
    fields.set(name, { cell, kind });
  };
  let score: number | undefined;
  const attributes = player.PlayerAttributes ?? {};
  if (!isObject(attributes)) throw bad('PlayerAttributes is not an object');
  for (const [name, typed] of Object.entries(attributes)) {
    const value = attributeValue(typed);
    if (value === undefined) throw bad(`attribute ${excerpt(name)} is not one of {"N": number}, {"S": string}, {"SL": [strings]}, {"SDM": {string: number}}`);
    if (name === scoreName) {
      if (value.kind !== 'number') throw bad(`its score ${excerpt(name)} is not a number ({"N": ...})`);
      score = Number(value.cell);
    } else put(names.of(`PlayerAttributes.${name}`, name), value.cell, value.kind);
  }
  if (score === undefined) throw bad(`no attribute ${excerpt(scoreName)} (its score, arrivals.score)`);
  if (!isScore(score)) throw bad(notAScore(scoreName, score));
  // The team a request asks for (FlexMatch's Player.Team), kept as a string attribute.
  if (player.Team !== undefined) {
    if (typeof player.Team !== 'string') throw bad('Team is not a string');
    put(names.of(TEAM_COLUMN, TEAM_COLUMN), player.Team, 'string');
  }
  const latency = player.LatencyInMs ?? {};
  if (!isObject(latency)) throw bad('LatencyInMs is not an object');
  for (const [region, ms] of Object.entries(latency)) {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw bad(`LatencyInMs ${excerpt(region)} is not a number of ms >= 0`);
    put(LATENCY_PREFIX + region, String(ms), 'number');
  }
  return { id, score, fields };
}

/** The column of a player's requested team (FlexMatch's Player.Team). */
export const TEAM_COLUMN = 'Team';

/** A typed FlexMatch attribute as a trace cell: numbers and strings as they are, lists and maps as JSON (a trace's string-list and number-map cells). */
function attributeValue(typed: Json): { cell: string; kind: FieldKind } | undefined {
  if (!isObject(typed)) return undefined;
  const keys = Object.keys(typed);
  if (keys.length !== 1) return undefined;
  const value = typed[keys[0]];
  switch (keys[0]) {
    case 'N':
      // The API sends a double; boto3's examples also pass numbers as text.
      if (typeof value === 'number' && Number.isFinite(value)) return { cell: String(value), kind: 'number' };
      if (typeof value === 'string' && Number.isFinite(Number(value)) && value.trim() !== '') return { cell: String(Number(value)), kind: 'number' };
      return undefined;
    case 'S':
      return typeof value === 'string' ? { cell: value, kind: 'string' } : undefined;
    case 'SL':
      return Array.isArray(value) && value.every((x) => typeof x === 'string') ? { cell: JSON.stringify(value), kind: 'string-list' } : undefined;
    case 'SDM':
      return isObject(value) && Object.values(value).every((x) => typeof x === 'number' && Number.isFinite(x)) ? { cell: JSON.stringify(value), kind: 'number-map' } : undefined;
    default:
      return undefined;
  }
}

const SUCCEEDED = 'MatchmakingSucceeded';
const LEFT = new Set(['MatchmakingTimedOut', 'MatchmakingCancelled', 'MatchmakingFailed']);

/** One event: each ticket it names gets its start time, and what became of it. */
function readEvent(file: string, line: number, event: JsonObject, byId: ReadonlyMap<string, number>, fates: Map<string, Fate>): void {
  const bad = (why: string) => new InputError(file, `line ${line}`, why);
  const detail = event.detail;
  if (!isObject(detail) || typeof detail.type !== 'string') throw bad('not a FlexMatch event: no detail.type');
  const time = typeof event.time === 'string' ? parseRfc3339(event.time) : undefined;
  if (time === undefined) throw bad(`a ${excerpt(detail.type)} event without an RFC 3339 time`);
  const tickets = detail.tickets ?? [];
  if (!Array.isArray(tickets)) throw bad('detail.tickets is not a list');
  for (const ticket of tickets) {
    if (!isObject(ticket) || typeof ticket.ticketId !== 'string') throw bad('a ticket of detail.tickets has no ticketId');
    const id = ticket.ticketId;
    if (!byId.has(id)) throw bad(`ticket ${excerpt(id)} is in no request of the requests file`);
    const start = typeof ticket.startTime === 'string' ? parseRfc3339(ticket.startTime) : undefined;
    if (start === undefined) throw bad(`ticket ${excerpt(id)} has no RFC 3339 startTime`);
    const fate = fates.get(id) ?? { line };
    if (fate.start === undefined) fate.start = start;
    else if (fate.start.seconds !== start.seconds || fate.start.nanos !== start.nanos) throw bad(`ticket ${excerpt(id)} started at another time on line ${fate.line}`);
    if (detail.type === SUCCEEDED && fate.succeeded === undefined) fate.succeeded = time;
    else if (LEFT.has(detail.type) && fate.left === undefined) fate.left = time;
    fates.set(id, fate);
  }
}
