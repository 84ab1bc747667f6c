/*
 * Backfill, as a production matchmaker takes it (FlexMatch's
 * StartMatchBackfill, Open Match's Backfill): a running match with places
 * open asks the pool for players to fill them. The request stands for the
 * match's present players; the pool fills it from waiting requests under the
 * rules a new match obeys, and its match (Match.backfill) lists only the
 * players who join.
 */

/** How backfill requests stand against new matches in a round (FlexMatch's backfillPriority): first, by age among the new matches' anchors, or last. */
export type BackfillPriority = 'high' | 'normal' | 'low';

export const BACKFILL_PRIORITIES: readonly BackfillPriority[] = ['high', 'normal', 'low'];

export interface BackfillRequest<Id = string, T = unknown> {
  /** The match it fills places of (one request per match at a time). */
  readonly match: Id;
  /** The present players' score (their mean): the centre of the request's window. */
  readonly score: number;
  /** Places open: at most this many players join. */
  readonly open: number;
  /** With role queues: the role of each open place, by name (the match knows the roles its leavers played); absent: any player fits any place. */
  readonly roles?: readonly string[];
  /** When it was made, in seconds on the clock the pool's rounds are run with: its window widens with its age. */
  readonly requestedAt: number;
  readonly priority: BackfillPriority;
  /**
   * The match's present players' requests, team by team (FlexMatch's
   * backfill ticket carries each player's attributes and team): a pool whose
   * rules read the whole match needs them; absent, a pool that fills around
   * `score` alone.
   */
  readonly present?: ReadonlyArray<readonly T[]>;
  /** The data centre the match is placed in: with pools by data centre, only players the latency cap admits there may join. */
  readonly dataCentre?: string;
}

/** A pool that fills backfill requests: its rounds' matches then include those with `backfill` set. */
export interface BackfillMatching<Id = string, T = unknown> {
  /** Adds a match's request; one already standing for the match is replaced. */
  addBackfill(request: BackfillRequest<Id, T>): void;
  /** Takes the match's request back (it timed out, or the match ended); false if none stands. */
  removeBackfill(match: Id): boolean;
  /** Requests standing. */
  readonly backfills: number;
}

/** True when a pool fills backfill requests. */
export function fillsBackfill<P extends object, Id>(pool: P): pool is P & BackfillMatching<Id> {
  const p = pool as Partial<BackfillMatching<Id>>;
  return typeof p.addBackfill === 'function' && typeof p.removeBackfill === 'function';
}
