import { excerpt, InputError } from '../../errors.js';
import { isObject, readJsonLines, type Json, type JsonObject } from './json-lines.js';
import { ticketTraceRows, withCopies } from './copies.js';
import { logWindow, type LogReplay } from './replay-log.js';
import { buildTrace, LATENCY_PREFIX, type Trace } from '../trace.js';
import { FieldNames, fieldNameProblem, LogColumns, notAScore } from './log-fields.js';
import { isScore } from '../../engine/score-range.js';
import { before, parseRfc3339, secondsBetween, type Instant } from './rfc3339.js';

/*
 * Open Match tickets, one JSON object per line, as the REST gateway or a
 * query dump gives them (camelCase), in either version:
 *   v1: {"id", "searchFields": {"doubleArgs", "stringArgs", "tags"}, "createTime"}
 *   v2: {"id", "attributes": {"doubleArgs", "stringArgs", "tags", "creationTime"}}
 * (a line may wrap the ticket as {"ticket": {...}}, as v2's CreateTicket
 * request and WatchAssignments answers do). Each ticket is a player, read
 * into the same columns a trace has: its arrival (seconds after the first
 * ticket's creation, or after `from`), id, score, a column per search field
 * and a latency.<dc> column per round trip. The reader keeps the kind Open
 * Match gives a field: doubleArgs are numbers, stringArgs strings, tags a
 * column "true" where present and empty where not.
 */

/** How fields map onto a player: the score's field, and the prefix of the doubleArgs that are round trips. */
export interface OpenMatchMapping extends LogReplay {
  /** "doubleArgs.<key>": the search field that is the player's score (a whole number, i32). */
  readonly score: string;
  /** doubleArgs named <prefix><dc> are round trips in ms to data centre dc (default "latency."). */
  readonly latencyPrefix: string;
}

interface Ticket {
  readonly line: number;
  readonly created: Instant;
  readonly id: string;
  readonly score: number;
  /** Each field's cell and kind, by the column it goes to. */
  readonly fields: ReadonlyMap<string, { readonly cell: string; readonly kind: 'number' | 'string' }>;
}

/** Reads an Open Match ticket file; every bad line is an error naming the file and the line, quoting at most a short piece of it. */
export function readOpenMatchTickets(file: string, mapping: OpenMatchMapping, assignmentsFile?: string): Trace {
  const window = logWindow(file, mapping);
  const scoreKey = scoreField(file, mapping.score);
  const tickets: Ticket[] = [];
  const columns = new LogColumns(file, 'field');
  const names = new FieldNames(file, mapping.fields);
  // Every ticket's creation, in the window or not, for the assignments to name.
  const created = new Map<string, Instant>();
  let skipped = readJsonLines(file, 'Open Match ticket file', (value, line) => {
    const ticket = parseTicket(file, line, value, scoreKey, mapping.latencyPrefix, names);
    created.set(ticket.id, ticket.created);
    if (!window.contains(ticket.created)) return;
    columns.add(ticket.fields, line);
    tickets.push(ticket);
  }, mapping.onBadLine);
  names.finish();
  if (tickets.length === 0) throw new InputError(file, undefined, window.bounded ? 'no ticket was created between arrivals.from and arrivals.to' : 'no tickets: expected one JSON ticket per line');
  // A dump need not be in creation order: arrivals are, ties in file order (sort is stable).
  tickets.sort((a, b) => a.created.seconds - b.created.seconds || a.created.nanos - b.created.nanos);
  const zero = window.from ?? tickets[0].created;
  const order = columns.columns;
  const header = ['time', 'id', 'score', ...order];
  const rows = withCopies(
    tickets.map((t, ticket) => ({ line: t.line, time: secondsBetween(zero, t.created) / mapping.speed, id: t.id, players: [{ id: t.id, score: t.score, cells: order.map((name) => t.fields.get(name)?.cell ?? '') }], ticket, copy: false })),
    mapping.scale,
  );
  const trace = buildTrace(file, header, ticketTraceRows(rows, false));
  let recorded: Trace['recorded'];
  if (assignmentsFile !== undefined) {
    const assigned = new Map<string, Instant>();
    skipped += readJsonLines(assignmentsFile, 'Open Match assignments file', (value, line) => readAssignment(assignmentsFile, line, value, created, assigned), mapping.onBadLine);
    // The observed wait: assigned less created, in the log's seconds; a copy, or a ticket never assigned, unknown.
    recorded = [{ name: 'wait', values: Float64Array.from(rows, (row) => {
      const at = row.copy ? undefined : assigned.get(row.id);
      const from = created.get(row.id);
      return at === undefined || from === undefined ? NaN : secondsBetween(from, at);
    }) }];
  }
  return { ...trace, kinds: columns.kinds, ...(recorded !== undefined ? { recorded } : {}), ...(mapping.onBadLine === 'skip' ? { skippedLines: skipped } : {}) };
}

/** The names a ticket id and a time go by in an assignments log: its own lines, AssignTicketsRequest, or a Director's match. */
const TIME_FIELDS = ['assignTime', 'assignedAt', 'assignmentTime', 'time', 'ts'] as const;

/**
 * One line of an assignments log: a time and the tickets assigned then, as
 * {"ticketId", "assignTime"} (or ticket_id, ticketIds, ticket_ids), an
 * AssignTicketsRequest ({"assignments": [{"ticketIds": [...]}]}) or a
 * Director's match ({"match": {"tickets": [{"id"}]}}, or "tickets" alone),
 * with the time as assignTime, assignedAt, assignmentTime, time or ts (RFC
 * 3339). A ticket's first assignment is its end of waiting; a ticket the
 * dump does not hold, or one assigned before it was created, is an error.
 */
function readAssignment(file: string, line: number, value: JsonObject, created: ReadonlyMap<string, Instant>, assigned: Map<string, Instant>): void {
  const bad = (why: string) => new InputError(file, `line ${line}`, why);
  const stamp = TIME_FIELDS.map((f) => value[f]).find((v) => v !== undefined);
  const at = typeof stamp === 'string' ? parseRfc3339(stamp) : undefined;
  if (at === undefined) throw bad(`no RFC 3339 time (${TIME_FIELDS.join(', ')})`);
  const ids: Json[] = [];
  const list = (x: Json | undefined) => (Array.isArray(x) ? x : x === undefined ? [] : [x]);
  ids.push(...list(value.ticketId), ...list(value.ticket_id), ...list(value.ticketIds), ...list(value.ticket_ids));
  for (const a of list(value.assignments)) if (isObject(a)) ids.push(...list(a.ticketIds), ...list(a.ticket_ids));
  const match = isObject(value.match) ? value.match : value;
  for (const t of list(match.tickets)) ids.push(isObject(t) ? (t.id ?? null) : t);
  if (ids.length === 0) throw bad('names no ticket (ticketId, ticketIds, assignments[].ticketIds or match.tickets[].id)');
  for (const id of ids) {
    if (typeof id !== 'string' || id === '') throw bad('a ticket id is not a non-empty string');
    const from = created.get(id);
    if (from === undefined) throw bad(`ticket ${excerpt(id)} is in no line of the ticket file`);
    if (before(at, from)) throw bad(`ticket ${excerpt(id)} is assigned before it was created`);
    if (!assigned.has(id)) assigned.set(id, at);
  }
}

function scoreField(file: string, path: string): string {
  const dot = path.indexOf('.');
  if (dot < 0 || path.slice(0, dot) !== 'doubleArgs') throw new InputError(file, 'arrivals.score', `${excerpt(path)} is not doubleArgs.<key>: a score is a number`);
  return path.slice(dot + 1);
}

/** One line's ticket: its fields by the column they go to. */
function parseTicket(file: string, line: number, parsed: JsonObject, scoreKey: string, latencyPrefix: string, names: FieldNames): Ticket {
  const where = `line ${line}`;
  const bad = (why: string) => new InputError(file, where, why);
  const ticket = isObject(parsed.ticket) ? parsed.ticket : parsed;
  const id = ticket.id;
  if (typeof id !== 'string' || id === '') throw bad('the ticket has no id');
  // v2 keeps the search fields and the creation time in attributes; v1 in searchFields, and createTime beside them.
  const v2 = isObject(ticket.attributes);
  const search = v2 ? (ticket.attributes as { [key: string]: Json }) : isObject(ticket.searchFields) ? ticket.searchFields : {};
  const stamp = v2 ? search.creationTime : ticket.createTime;
  if (typeof stamp !== 'string') throw bad(`ticket ${excerpt(id)} has no ${v2 ? 'attributes.creationTime' : 'createTime'}`);
  const created = parseRfc3339(stamp);
  if (created === undefined) throw bad(`ticket ${excerpt(id)}: ${v2 ? 'attributes.creationTime' : 'createTime'} ${excerpt(stamp)} is not an RFC 3339 time`);
  const fields = new Map<string, { cell: string; kind: 'number' | 'string' }>();
  const put = (name: string, cell: string, kind: 'number' | 'string') => {
    const problem = fieldNameProblem(name, 'field');
    if (problem !== undefined) throw bad(`ticket ${excerpt(id)}: ${problem}`);
    if (fields.has(name)) throw bad(`ticket ${excerpt(id)}: field ${excerpt(name)} is given twice (as a double, string or tag)`);
    fields.set(name, { cell, kind });
  };
  let score: number | undefined;
  const doubles = search.doubleArgs ?? {};
  if (!isObject(doubles)) throw bad(`ticket ${excerpt(id)}: doubleArgs is not an object`);
  for (const [key, value] of Object.entries(doubles)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw bad(`ticket ${excerpt(id)}: doubleArgs ${excerpt(key)} is not a number`);
    if (key === scoreKey) score = value;
    // A round trip goes to its data centre's column, latency.<dc>, whatever prefix the file uses.
    else if (key.startsWith(latencyPrefix)) put(LATENCY_PREFIX + key.slice(latencyPrefix.length), String(value), 'number');
    else put(names.of(`doubleArgs.${key}`, key), String(value), 'number');
  }
  const strings = search.stringArgs ?? {};
  if (!isObject(strings)) throw bad(`ticket ${excerpt(id)}: stringArgs is not an object`);
  for (const [key, value] of Object.entries(strings)) {
    if (typeof value !== 'string') throw bad(`ticket ${excerpt(id)}: stringArgs ${excerpt(key)} is not a string`);
    put(names.of(`stringArgs.${key}`, key), value, 'string');
  }
  const tags = search.tags ?? [];
  if (!Array.isArray(tags)) throw bad(`ticket ${excerpt(id)}: tags is not a list`);
  for (const tag of tags) {
    if (typeof tag !== 'string') throw bad(`ticket ${excerpt(id)}: a tag is not a string`);
    put(names.of(`tags.${tag}`, tag), 'true', 'string');
  }
  if (score === undefined) throw bad(`ticket ${excerpt(id)} has no doubleArgs ${excerpt(scoreKey)} (its score, arrivals.score)`);
  if (!isScore(score)) throw bad(`ticket ${excerpt(id)}: ${notAScore(scoreKey, score)}`);
  return { line, created, id, score, fields };
}
