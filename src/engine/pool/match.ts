import type { Candidate, MatchAlgorithm, SingleRequestMatching } from './match-algorithm.js';

/**
 * A match as a pool forms it: its tickets, and what a production matchmaker
 * says of a match besides (Open Match's Match, FlexMatch's matchmaking
 * ticket set): the teams, with room for each ticket's role, the data centre,
 * the match it backfills and the pool's own measure of it.
 */
export interface Match<T> {
  /** The requests matched, in room order (with rosters: team by team). */
  readonly tickets: readonly T[];
  /** The teams, each its requests (a party on one team), in team order; absent: every player for itself. */
  readonly rosters?: ReadonlyArray<readonly T[]>;
  /** Each ticket's role, in ticket order; absent: no roles. */
  readonly roles?: ReadonlyArray<string | undefined>;
  /** The data centre the match is placed in; absent: none chosen. */
  readonly dataCentre?: string;
  /** The match this one fills places of (a backfill request's `match`, as given); absent: a new match. Its tickets are then only the players who join. */
  readonly backfill?: unknown;
  /** The pool's measure of the match, higher better (a profile's proposal quality). */
  readonly quality?: number;
  /** The step each of the pool's expansions had reached when the match formed, in the pool's order (0: none yet; a FlexMatch rule set's expansions); absent: the pool has none. */
  readonly expansionSteps?: readonly number[];
}

/** A pool that forms matches rather than bare rooms: offered, it is what the service takes. */
export interface MatchForming<T extends Candidate> {
  /** One matching round: the matches formed, in creation order. */
  matches(now: number): Match<T>[];
}

/** A single-request pool that forms matches (see SingleRequestMatching). */
export interface SingleMatchForming<T extends Candidate> {
  matchOneMatch(candidate: T, waitSeconds: number): Match<T> | undefined;
}

/** One round of any pool as matches: its own, or its rooms as matches of their tickets alone (today's contract, and users' modules). */
export function roundMatches<T extends Candidate>(pool: MatchAlgorithm<T>, now: number): Match<T>[] {
  const forming = pool as MatchAlgorithm<T> & Partial<MatchForming<T>>;
  return typeof forming.matches === 'function' ? forming.matches(now) : pool.match(now).map((tickets) => ({ tickets }));
}

/** One request's try of a single-request pool, as a match. */
export function singleMatch<T extends Candidate>(pool: SingleRequestMatching<T>, candidate: T, waitSeconds: number): Match<T> | undefined {
  const forming = pool as SingleRequestMatching<T> & Partial<SingleMatchForming<T>>;
  if (typeof forming.matchOneMatch === 'function') return forming.matchOneMatch(candidate, waitSeconds);
  const tickets = pool.matchOne(candidate, waitSeconds);
  return tickets && { tickets };
}

/** Each ticket's team, by its place in the match's tickets: the roster it is on (0, 1, ...); undefined without rosters. */
export function ticketTeams<T>(match: Match<T>): number[] | undefined {
  const rosters = match.rosters;
  if (rosters === undefined) return undefined;
  const team = new Map<T, number>();
  rosters.forEach((roster, r) => roster.forEach((ticket) => team.set(ticket, r)));
  return match.tickets.map((ticket) => {
    const r = team.get(ticket);
    if (r === undefined) throw new Error('a match lists a ticket on no roster');
    return r;
  });
}
