import type { AttributeValue, Attributes } from '../../engine/pool/filters.js';
import { formatRfc3339, instantAfter, type Instant } from './rfc3339.js';
import { MEMBER_SEPARATOR } from './copies.js';
import type { PROPOSAL_OUTCOMES } from '../../engine/run-tally.js';

/*
 * A run's arrivals written as a production log, for round trips: what the
 * readers of openmatch.ts, flexmatch.ts and nakama.ts read back as the same players
 * (the test of every reader), and the bundled logs. Times are `start` plus
 * each arrival, to the nanosecond; what became of each player in the run is
 * what the log says production observed (FlexMatch's events).
 */

/** One player of a run, as the exporters write it. */
export interface ExportedPlayer {
  readonly id: string;
  readonly time: number;
  readonly score: number;
  readonly attributes: Attributes | undefined;
  /** Round trips in the run's data centres' order (NaN: none). */
  readonly latency: Float64Array | undefined;
  /** When its room formed, and when it gave up; NaN for neither. */
  readonly matchedAt: number;
  readonly leftAt: number;
  /** Its room's name, and its team there as players.csv gives it (a FlexMatch rule set's team name); undefined: not matched, or no team. */
  readonly room?: string;
  readonly team?: string;
  /** It left because the service gave its ticket up (a FlexMatch requestTimeoutSeconds), not of its own accord. */
  readonly timedOut?: boolean;
  /** In a party: its key (a replayed ticket's id, or a drawn party's first player's id), the same on every member, who are consecutive; undefined alone. */
  readonly party: string | undefined;
}

export type ProposalOutcome = (typeof PROPOSAL_OUTCOMES)[number];

/** A proposed match of a run with acceptance, as proposals.csv records it; `player` indexes the run's players. */
export interface ExportedProposal {
  /** 1, 2, ... in proposal order. */
  readonly number: number;
  readonly proposedAt: number;
  /** NaN: still waiting when the run ended. */
  readonly settledAt: number;
  readonly outcome: ProposalOutcome;
  readonly players: ReadonlyArray<{ readonly player: number; readonly answer: 'accepted' | 'rejected' | undefined; readonly answeredAt: number }>;
}

/** The players as tickets: a party's consecutive players one ticket, its id the first player's; each player alone a ticket of its own. */
function tickets(players: readonly ExportedPlayer[]): ExportedPlayer[][] {
  const out: ExportedPlayer[][] = [];
  for (const p of players) {
    const last = out[out.length - 1];
    if (p.party !== undefined && last !== undefined && last[0].party === p.party) last.push(p);
    else out.push([p]);
  }
  return out;
}

/** What a format cannot hold of the run (a list attribute in Open Match, a party in Nakama): `field` names the scenario's setting that brings it. */
export class NotExportable extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const keyed = <V>(): Record<string, V> => Object.create(null) as Record<string, V>;

/** Open Match v1 tickets, one a line: the score as doubleArgs.mmr, numbers doubleArgs, strings stringArgs, tags tags, round trips doubleArgs latency.<dc>. */
export function openMatchTickets(players: readonly ExportedPlayer[], dataCentres: readonly string[], start: Instant): string {
  let out = '';
  for (const p of players) {
    if (p.party !== undefined) throw new NotExportable('scenario.parties', 'an Open Match ticket is one player here, and this run has parties: export it as flexmatch (a party one ticket)');
    // Names are the scenario's: objects without a prototype, so that no name is special.
    const doubleArgs = keyed<number>();
    doubleArgs.mmr = p.score;
    const stringArgs = keyed<string>();
    const tags: string[] = [];
    for (const [name, value] of Object.entries(p.attributes ?? {})) {
      if (typeof value === 'number') doubleArgs[name] = value;
      else if (typeof value === 'string') stringArgs[name] = value;
      else if (value === true) tags.push(name);
      else throw new NotExportable('scenario.attributes', `attribute ${JSON.stringify(name.slice(0, 40))} is a list or a map: Open Match's search fields cannot hold it`);
    }
    p.latency?.forEach((ms, dc) => {
      if (!Number.isNaN(ms)) doubleArgs[`latency.${dataCentres[dc]}`] = ms;
    });
    out += JSON.stringify({ id: p.id, searchFields: { doubleArgs, stringArgs, tags }, createTime: formatRfc3339(instantAfter(start, p.time)) }) + '\n';
  }
  return out;
}

/** When each matched player's ticket was assigned (its room formed), one {"ticketId", "assignTime"} a line in time order: the assignments log the openmatch kind reads for the observed wait. */
export function openMatchAssignments(players: readonly ExportedPlayer[], start: Instant): string {
  const assigned = players.map((p, order) => ({ p, order })).filter(({ p }) => !Number.isNaN(p.matchedAt));
  assigned.sort((a, b) => a.p.matchedAt - b.p.matchedAt || a.order - b.order);
  return assigned.map(({ p }) => JSON.stringify({ ticketId: p.id, assignTime: formatRfc3339(instantAfter(start, p.matchedAt)) }) + '\n').join('');
}

/** A FlexMatch attribute of its type: N, S, SL or SDM (a tag as the string "true": FlexMatch has no tags). */
function typed(value: AttributeValue): Record<string, unknown> {
  if (typeof value === 'number') return { N: value };
  if (typeof value === 'string') return { S: value };
  if (value === true) return { S: 'true' };
  if (Array.isArray(value)) return { SL: value };
  return { SDM: Object.fromEntries(value as ReadonlyMap<string, number>) };
}

/**
 * FlexMatch StartMatchmaking requests, one a line (a party one ticket of its
 * players), and their events: Searching at each start; then, for a match,
 * one Succeeded naming all its tickets, each player with its team (when the
 * run named teams), after the PotentialMatchCreated the service emits for
 * every match; or TimedOut when the service gave the ticket up, or
 * Cancelled when the player gave up. Matches are match-1, match-2 ... in the
 * order of their first tickets. With `acceptance` (a run whose matches were
 * put to their players, and its proposals.csv), each proposal is
 * match-<its number>: PotentialMatchCreated when proposed (acceptanceRequired
 * true), an AcceptMatch at each answer with every answer so far, and
 * AcceptMatchCompleted (Accepted, Rejected, TimedOut) when settled; a failed
 * one's tickets whose players all accepted are Searching again then.
 */
export function flexMatchLog(
  players: readonly ExportedPlayer[],
  dataCentres: readonly string[],
  start: Instant,
  acceptance?: { readonly timeoutSeconds: number; readonly proposals: readonly ExportedProposal[] },
): { readonly requests: string; readonly events: string } {
  let requests = '';
  const events: Array<{ readonly at: number; readonly order: number; readonly text: string }> = [];
  const text = (type: string, at: number, detail: object) => JSON.stringify({ 'detail-type': 'GameLift Matchmaking Event', source: 'aws.gamelift', time: formatRfc3339(instantAfter(start, at)), detail: { type, ...detail } });
  // A match's tickets, in the order they were first seen (a Map: room names come from ids, which a trace chose).
  const matches = new Map<string, { at: number; order: number; first: number; tickets: object[] }>();
  /** Each ticket as events name it, by its place in the run's tickets; and the ticket of each player. */
  const described: Array<{ readonly ticketId: string; readonly startTime: string; readonly playerIds: readonly string[]; readonly first: number }> = [];
  const ticketOf: number[] = [];
  let index = 0;
  tickets(players).forEach((ticket, order) => {
    const first = ticket[0];
    const entries = ticket.map((p) => {
      const attributes = keyed<unknown>();
      attributes.skill = { N: p.score };
      for (const [name, value] of Object.entries(p.attributes ?? {})) attributes[name] = typed(value);
      const latency = keyed<number>();
      p.latency?.forEach((ms, dc) => {
        if (!Number.isNaN(ms)) latency[dataCentres[dc]] = ms;
      });
      // A replayed party member's id is ticket/player: the log gets its own PlayerId back.
      const key = p.party === undefined ? undefined : p.party + MEMBER_SEPARATOR;
      return { PlayerId: key !== undefined && p.id.startsWith(key) ? p.id.slice(key.length) : p.id, PlayerAttributes: attributes, LatencyInMs: latency };
    });
    const ticketId = first.party ?? first.id;
    requests += JSON.stringify({ TicketId: ticketId, Players: entries }) + '\n';
    const startTime = formatRfc3339(instantAfter(start, first.time));
    described.push({ ticketId, startTime, playerIds: entries.map((e) => e.PlayerId), first: index });
    for (let k = 0; k < ticket.length; k++) ticketOf.push(order);
    const players = (withTeams: boolean) => entries.map((e, k) => (withTeams && ticket[k].team !== undefined ? { playerId: e.PlayerId, team: ticket[k].team } : { playerId: e.PlayerId }));
    events.push({ at: first.time, order, text: text('MatchmakingSearching', first.time, { tickets: [{ ticketId, startTime, players: players(false) }] }) });
    // A party is matched, or leaves, as one.
    if (!Number.isNaN(first.matchedAt) && first.room !== undefined) {
      const match = matches.get(first.room) ?? { at: first.matchedAt, order, first: index, tickets: [] };
      match.tickets.push({ ticketId, startTime, players: players(true) });
      matches.set(first.room, match);
    } else if (!Number.isNaN(first.leftAt)) {
      const gone = first.timedOut === true ? text('MatchmakingTimedOut', first.leftAt, { reason: 'TimedOut', message: 'Removed from matchmaking due to timing out.', tickets: [{ ticketId, startTime, players: players(false) }] }) : text('MatchmakingCancelled', first.leftAt, { tickets: [{ ticketId, startTime, players: players(false) }] });
      events.push({ at: first.leftAt, order, text: gone });
    }
    index += ticket.length;
  });
  // The accepted proposal each player's match was, with acceptance: its id is the match's.
  const acceptedAs = new Map<number, number>();
  // First in the stream at a time and order, so that a proposal's completion comes before what it did to its tickets (Cancelled, Succeeded).
  const accepting: typeof events = [];
  for (const proposal of acceptance?.proposals ?? []) {
    if (proposal.outcome === 'accepted') for (const p of proposal.players) acceptedAs.set(p.player, proposal.number);
    proposalEvents(proposal, acceptance?.timeoutSeconds ?? 0, players, described, ticketOf, (at, order, type, detail) => accepting.push({ at, order, text: text(type, at, detail) }));
  }
  events.unshift(...accepting);
  // Numbered, not the room's name: that is built from ids, which a replay of this log spells ticket/player.
  let matchNumber = 0;
  for (const match of matches.values()) {
    const proposal = acceptedAs.get(match.first);
    const matchId = acceptance === undefined ? `match-${++matchNumber}` : `match-${proposal ?? 0}`;
    const seated = match.tickets.flatMap((t) => (t as { players: object[] }).players);
    // Same time, same order: the sort keeps the potential match (or the acceptance completed) before its success.
    if (acceptance === undefined) events.push({ at: match.at, order: match.order, text: text('PotentialMatchCreated', match.at, { tickets: match.tickets, acceptanceRequired: false, matchId, gameSessionInfo: { players: seated } }) });
    events.push({ at: match.at, order: match.order, text: text('MatchmakingSucceeded', match.at, { tickets: match.tickets, matchId, gameSessionInfo: { players: seated } }) });
  }
  // An event stream is in time order; events at one time in the players' order.
  events.sort((a, b) => a.at - b.at || a.order - b.order);
  return { requests, events: events.map((e) => e.text + '\n').join('') };
}

const ACCEPTANCE_WORD: Readonly<Record<string, string>> = { accepted: 'Accepted', rejected: 'Rejected', timedOut: 'TimedOut' };

/** A proposal's events (PotentialMatchCreated, each AcceptMatch, AcceptMatchCompleted, and Searching for its returned tickets), told to `emit` with the order of its first ticket. */
function proposalEvents(
  proposal: ExportedProposal,
  timeoutSeconds: number,
  players: readonly ExportedPlayer[],
  described: ReadonlyArray<{ readonly ticketId: string; readonly startTime: string; readonly playerIds: readonly string[]; readonly first: number }>,
  ticketOf: readonly number[],
  emit: (at: number, order: number, type: string, detail: object) => void,
): void {
  const order = ticketOf[proposal.players[0].player];
  const ticketIndices = [...new Set(proposal.players.map((p) => ticketOf[p.player]))];
  // A proposal accepted is its room: its teams are the room's (players.csv's). A failed one's teams were never recorded.
  const withTeams = proposal.outcome === 'accepted';
  const answerOf = new Map(proposal.players.map((p) => [p.player, p]));
  const ticketsAt = (heard: ReadonlySet<number>) =>
    ticketIndices.map((t) => {
      const d = described[t];
      return {
        ticketId: d.ticketId,
        startTime: d.startTime,
        players: d.playerIds.map((playerId, k) => {
          const player = d.first + k;
          const team = withTeams ? players[player].team : undefined;
          const answer = answerOf.get(player)?.answer;
          return { playerId, ...(team !== undefined ? { team } : {}), ...(heard.has(player) && answer !== undefined ? { accepted: answer === 'accepted' } : {}) };
        }),
      };
    });
  const seated = (tickets: ReturnType<typeof ticketsAt>) => tickets.flatMap((t) => t.players);
  const matchId = `match-${proposal.number}`;
  const none = ticketsAt(new Set());
  emit(proposal.proposedAt, order, 'PotentialMatchCreated', { tickets: none, acceptanceTimeout: timeoutSeconds, acceptanceRequired: true, matchId, gameSessionInfo: { players: seated(none) } });
  const heard = new Set<number>();
  const answers = proposal.players.filter((p) => p.answer !== undefined).sort((a, b) => a.answeredAt - b.answeredAt);
  for (const a of answers) {
    heard.add(a.player);
    const now = ticketsAt(heard);
    emit(a.answeredAt, order, 'AcceptMatch', { tickets: now, matchId, gameSessionInfo: { players: seated(now) } });
  }
  if (proposal.outcome === 'pending') return;
  const all = ticketsAt(heard);
  emit(proposal.settledAt, order, 'AcceptMatchCompleted', { tickets: all, acceptance: ACCEPTANCE_WORD[proposal.outcome], matchId, gameSessionInfo: { players: seated(all) } });
  if (proposal.outcome === 'accepted') return;
  for (const t of ticketIndices) {
    const d = described[t];
    const back = d.playerIds.every((_, k) => answerOf.get(d.first + k)?.answer === 'accepted');
    if (back) emit(proposal.settledAt, t, 'MatchmakingSearching', { tickets: [{ ticketId: d.ticketId, startTime: d.startTime, players: d.playerIds.map((playerId) => ({ playerId })) }] });
  }
}

/**
 * A Nakama server's debug log of the run's matchmaker traffic, one zap JSON
 * line each: MatchmakerAdd received from each player's session (numbers as
 * numeric_properties, the score as skill, strings and tags as
 * string_properties, round trips as numeric_properties latency.<dc>, the
 * ticket's sizes the run's room), the MatchmakerTicket sent back, then
 * MatchmakerMatched when its room formed, or MatchmakerRemove when it gave up.
 */
export function nakamaLog(players: readonly ExportedPlayer[], dataCentres: readonly string[], start: Instant, roomSize: number): string {
  const lines: Array<{ readonly at: number; readonly order: number; readonly text: string }> = [];
  const line = (p: ExportedPlayer, order: number, at: number, received: boolean, type: string, body: object) =>
    lines.push({
      at,
      order,
      text: JSON.stringify({
        level: 'debug',
        ts: formatRfc3339(instantAfter(start, at)),
        caller: received ? 'server/pipeline.go:65' : 'server/session_ws.go:395',
        msg: `${received ? 'Received' : 'Sending'} *rtapi.Envelope_${type} message`,
        uid: p.id,
        sid: `session-${p.id}`,
        [received ? 'message' : 'envelope']: { [type]: body },
      }),
    });
  players.forEach((p, order) => {
    if (p.party !== undefined) throw new NotExportable('scenario.parties', "a Nakama party's members are not in its log, and this run has parties: export it as flexmatch (a party one ticket)");
    const numeric = keyed<number>();
    numeric.skill = p.score;
    const strings = keyed<string>();
    for (const [name, value] of Object.entries(p.attributes ?? {})) {
      if (typeof value === 'number') numeric[name] = value;
      else if (typeof value === 'string') strings[name] = value;
      else if (value === true) strings[name] = 'true';
      else throw new NotExportable('scenario.attributes', `attribute ${JSON.stringify(name.slice(0, 40))} is a list or a map: Nakama's properties cannot hold it`);
    }
    p.latency?.forEach((ms, dc) => {
      if (!Number.isNaN(ms)) numeric[`latency.${dataCentres[dc]}`] = ms;
    });
    line(p, order, p.time, true, 'MatchmakerAdd', { min_count: roomSize, max_count: roomSize, query: '*', string_properties: strings, numeric_properties: numeric });
    line(p, order, p.time, false, 'MatchmakerTicket', { ticket: p.id });
    if (!Number.isNaN(p.matchedAt)) line(p, order, p.matchedAt, false, 'MatchmakerMatched', { ticket: p.id });
    else if (!Number.isNaN(p.leftAt)) line(p, order, p.leftAt, true, 'MatchmakerRemove', { ticket: p.id });
  });
  // A log is in time order; at one time, in the players' order (each add before its ticket: the sort is stable).
  lines.sort((a, b) => a.at - b.at || a.order - b.order);
  return lines.map((l) => l.text + '\n').join('');
}
