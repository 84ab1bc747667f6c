import { excerpt, InputError } from '../../errors.js';
import { buildTrace, LATENCY_PREFIX, type Trace } from '../trace.js';
import { isScore } from '../../engine/score-range.js';
import { FieldNames, fieldNameProblem, LogColumns, notAScore, type FieldKind } from './log-fields.js';
import { isObject, readJsonLines, type Json, type JsonObject } from './json-lines.js';
import { parseRfc3339, secondsBetween, type Instant } from './rfc3339.js';
import { ticketTraceRows, withCopies } from './copies.js';
import { logWindow, observedEnds, type LogReplay } from './replay-log.js';

/*
 * A Nakama server's debug log (zap's JSON lines: level, ts, msg, uid, sid and
 * the message), read for its matchmaker traffic. Nakama logs every realtime
 * message it receives ("Received *rtapi.Envelope_MatchmakerAdd message", the
 * message under "message") and sends ("Sending *rtapi.Envelope_... message",
 * under "envelope"):
 *   MatchmakerAdd {min_count, max_count, query, string_properties,
 *     numeric_properties, count_multiple}: a ticket enters the pool, at ts;
 *   MatchmakerTicket {ticket}, sent to the same session: the ticket's id;
 *   MatchmakerMatched {ticket, ...}: the ticket is matched (the observed wait);
 *   MatchmakerRemove {ticket}: the player cancelled (an observed leave).
 * Every other line of the log is about something else and is passed over;
 * a line that is not JSON, or a matchmaker message that breaks a rule, is a
 * bad line. A ticket's id is the one Nakama gave it, or, where the log holds
 * no MatchmakerTicket for it, <user id>@<line>.
 */

/** How fields map onto a player, and the window of the log to replay. */
export interface NakamaMapping extends LogReplay {
  /** "numeric_properties.<key>": the property that is the player's score (a whole number). */
  readonly score: string;
  /** numeric_properties named <prefix><dc> are round trips in ms to data centre dc (default "latency."). */
  readonly latencyPrefix: string;
}

/** A ticket's own room sizes and query: kept as attributes of its player (the simulated rooms are matcher.roomSize). */
const TICKET_FIELDS = [
  ['min_count', 'number'],
  ['max_count', 'number'],
  ['count_multiple', 'number'],
  ['query', 'string'],
] as const;

interface Add {
  readonly line: number;
  readonly at: Instant;
  readonly user: string;
  readonly session: string;
  ticket?: string;
  readonly score: number;
  readonly fields: ReadonlyMap<string, { readonly cell: string; readonly kind: FieldKind }>;
  matched?: Instant;
  removed?: Instant;
}

/** Reads a Nakama log's matchmaker traffic into a trace of players, with what production observed of each. */
export function readNakamaLog(file: string, mapping: NakamaMapping): Trace {
  const window = logWindow(file, mapping);
  const scoreKey = propertyKey(file, mapping.score);
  const adds: Add[] = [];
  const names = new FieldNames(file, mapping.fields);
  const byTicket = new Map<string, Add>();
  // Each session's adds still waiting for the MatchmakerTicket that names them, oldest first.
  const awaiting = new Map<string, Add[]>();
  const skipped = readJsonLines(
    file,
    'Nakama log',
    (value, line) => {
      const found = matchmakerMessage(value);
      if (found === undefined) return;
      const bad = (why: string) => new InputError(file, `line ${line}`, why);
      if (found.type === 'PartyMatchmakerAdd') throw bad("a party's PartyMatchmakerAdd: its members are not in the log, so it cannot be replayed");
      const at = logTime(value.ts);
      if (at === undefined) throw bad(`a ${found.type} message without a time (ts): expected RFC 3339 or ISO 8601 as zap writes it`);
      const session = typeof value.sid === 'string' ? value.sid : '';
      if (found.type === 'MatchmakerAdd') {
        const add = parseAdd(found.body, line, at, value, scoreKey, mapping.latencyPrefix, names, bad);
        adds.push(add);
        const queue = awaiting.get(session);
        if (queue === undefined) awaiting.set(session, [add]);
        else queue.push(add);
        return;
      }
      const ticket = found.body.ticket;
      if (typeof ticket !== 'string' || ticket === '') throw bad(`a ${found.type} message without a ticket`);
      if (found.type === 'MatchmakerTicket') {
        const add = awaiting.get(session)?.shift();
        if (add === undefined) throw bad(`ticket ${excerpt(ticket)} is given to a session with no MatchmakerAdd before it`);
        if (byTicket.has(ticket)) throw bad(`ticket ${excerpt(ticket)} is already the ticket of the MatchmakerAdd on line ${byTicket.get(ticket)?.line}`);
        add.ticket = ticket;
        byTicket.set(ticket, add);
        return;
      }
      const add = byTicket.get(ticket);
      // A ticket added before the log begins: nothing of it is replayed.
      if (add === undefined) return;
      if (found.type === 'MatchmakerMatched') add.matched ??= at;
      else if (add.matched === undefined) add.removed ??= at;
    },
    mapping.onBadLine,
  );
  names.finish();
  const kept = adds.filter((a) => window.contains(a.at));
  if (kept.length === 0) throw new InputError(file, undefined, window.bounded ? 'no MatchmakerAdd between arrivals.from and arrivals.to' : 'no MatchmakerAdd message: expected a Nakama debug log (JSON lines)');
  kept.sort((a, b) => a.at.seconds - b.at.seconds || a.at.nanos - b.at.nanos);
  const columns = new LogColumns(file, 'field');
  for (const add of kept) columns.add(add.fields, add.line);
  const order = columns.columns;
  const zero = window.from ?? kept[0].at;
  const rows = withCopies(
    kept.map((add, ticket) => {
      const id = add.ticket ?? `${add.user}@${add.line}`;
      return { line: add.line, time: secondsBetween(zero, add.at) / mapping.speed, id, players: [{ id, score: add.score, cells: order.map((name) => add.fields.get(name)?.cell ?? '') }], ticket, copy: false };
    }),
    mapping.scale,
  );
  const trace = buildTrace(file, ['time', 'id', 'score', ...order], ticketTraceRows(rows, false));
  const recorded = observedEnds(rows, trace.ids.length, (ticket) => {
    const add = kept[ticket];
    return { start: add.at, ...(add.matched !== undefined ? { matched: add.matched } : {}), ...(add.removed !== undefined ? { left: add.removed } : {}) };
  });
  return {
    ...trace,
    kinds: columns.kinds,
    recorded,
    ...(mapping.onBadLine === 'skip' ? { skippedLines: skipped } : {}),
  };
}

type MatchmakerType = 'MatchmakerAdd' | 'MatchmakerTicket' | 'MatchmakerMatched' | 'MatchmakerRemove';

/** The names a matchmaker message goes by: the Go field (as zap's reflection writes it) and the protobuf JSON name. */
const TYPES: ReadonlyArray<readonly [MatchmakerType, readonly string[]]> = [
  ['MatchmakerAdd', ['MatchmakerAdd', 'matchmaker_add', 'matchmakerAdd']],
  ['MatchmakerTicket', ['MatchmakerTicket', 'matchmaker_ticket', 'matchmakerTicket']],
  ['MatchmakerMatched', ['MatchmakerMatched', 'matchmaker_matched', 'matchmakerMatched']],
  ['MatchmakerRemove', ['MatchmakerRemove', 'matchmaker_remove', 'matchmakerRemove']],
];

/** A party's matchmaker messages: its members are not in the log line, so they cannot be replayed. */
const PARTY_ADD = ['PartyMatchmakerAdd', 'party_matchmaker_add', 'partyMatchmakerAdd'];

/** The matchmaker message a log line carries (under message, envelope or envelope.Message), or undefined for any other line. */
function matchmakerMessage(line: JsonObject): { readonly type: MatchmakerType | 'PartyMatchmakerAdd'; readonly body: JsonObject } | undefined {
  const holders: JsonObject[] = [];
  for (const key of ['message', 'envelope']) {
    const held = line[key];
    if (isObject(held)) {
      holders.push(held);
      for (const inner of ['Message', 'message']) if (isObject(held[inner])) holders.push(held[inner] as JsonObject);
    }
  }
  for (const holder of holders) {
    for (const name of PARTY_ADD) if (Object.hasOwn(holder, name)) return { type: 'PartyMatchmakerAdd', body: {} };
    for (const [type, names] of TYPES) {
      for (const name of names) {
        if (!Object.hasOwn(holder, name)) continue;
        const body = holder[name];
        return { type, body: isObject(body) ? body : {} };
      }
    }
  }
  return undefined;
}

/** One MatchmakerAdd: the player's score, properties, round trips and the ticket's own sizes and query. */
function parseAdd(body: JsonObject, line: number, at: Instant, envelope: JsonObject, scoreKey: string, latencyPrefix: string, names: FieldNames, bad: (why: string) => InputError): Add {
  const user = typeof envelope.uid === 'string' && envelope.uid !== '' ? envelope.uid : typeof envelope.sid === 'string' && envelope.sid !== '' ? envelope.sid : undefined;
  if (user === undefined) throw bad('a MatchmakerAdd without its user (uid) or session (sid)');
  const fields = new Map<string, { cell: string; kind: FieldKind }>();
  const put = (name: string, cell: string, kind: FieldKind) => {
    const problem = fieldNameProblem(name, 'field');
    if (problem !== undefined) throw bad(problem);
    if (fields.has(name)) throw bad(`field ${excerpt(name)} is given twice (as a property and a field of the ticket)`);
    fields.set(name, { cell, kind });
  };
  let score: number | undefined;
  const numeric = body.numeric_properties ?? body.numericProperties ?? {};
  if (!isObject(numeric)) throw bad('numeric_properties is not an object');
  for (const [key, value] of Object.entries(numeric)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(`numeric_properties ${excerpt(key)} is not a number`);
    if (key === scoreKey) score = value;
    else if (key.startsWith(latencyPrefix)) put(LATENCY_PREFIX + key.slice(latencyPrefix.length), String(value), 'number');
    else put(names.of(`numeric_properties.${key}`, key), String(value), 'number');
  }
  const strings = body.string_properties ?? body.stringProperties ?? {};
  if (!isObject(strings)) throw bad('string_properties is not an object');
  for (const [key, value] of Object.entries(strings)) {
    if (typeof value !== 'string') throw bad(`string_properties ${excerpt(key)} is not a string`);
    put(names.of(`string_properties.${key}`, key), value, 'string');
  }
  for (const [name, kind] of TICKET_FIELDS) {
    const value: Json | undefined = body[name];
    if (value === undefined || value === null) continue;
    if (kind === 'number' ? typeof value !== 'number' || !Number.isInteger(value) || value < 0 : typeof value !== 'string') throw bad(`${name} is not ${kind === 'number' ? 'a whole number >= 0' : 'a string'}`);
    put(names.of(name, name), String(value), kind);
  }
  if (score === undefined) throw bad(`no numeric_properties ${excerpt(scoreKey)} (its score, arrivals.score)`);
  if (!isScore(score)) throw bad(notAScore(scoreKey, score));
  return { line, at, user, session: typeof envelope.sid === 'string' ? envelope.sid : '', score, fields };
}

function propertyKey(file: string, path: string): string {
  const prefix = 'numeric_properties.';
  if (!path.startsWith(prefix) || path.length === prefix.length) throw new InputError(file, 'arrivals.score', `${excerpt(path)} is not numeric_properties.<key>: a score is a number`);
  return path.slice(prefix.length);
}

/** A log line's time: RFC 3339, or ISO 8601 as zap writes it (an offset +0100 without its colon), or seconds since 1970 (zap's epoch encoder). */
function logTime(ts: Json | undefined): Instant | undefined {
  if (typeof ts === 'number' && Number.isFinite(ts) && ts >= 0) {
    const seconds = Math.floor(ts);
    return { seconds, nanos: Math.min(999_999_999, Math.round((ts - seconds) * 1e9)) };
  }
  if (typeof ts !== 'string') return undefined;
  return parseRfc3339(ts) ?? parseRfc3339(ts.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}
