import type { BackfillPriority } from './pool/backfill.js';
import type { BackfillRequestColumns } from './population/running-match.js';

/**
 * Automatic backfill of sessions that start short (FlexMatch's automatic
 * backfill, with open arrivals): a room formed with fewer players than the
 * largest match holds starts its game session, which once up (`startup`
 * seconds) asks the matchmaker for players to fill its open places, with its
 * present players on their teams; a request unfilled after `timeout` seconds
 * is asked again, until the session stops backfilling `until` seconds after
 * it formed (its gameplay has begun).
 */
export interface SessionBackfillConfig {
  readonly startup: number;
  readonly timeout: number;
  readonly until: number;
  readonly priority: BackfillPriority;
  /** Teams a match has (its rosters, in order; 1 without teams): a request carries each, empty ones too. */
  readonly teams: number;
}

/** What session backfill did over a run (SessionBackfillConfig): its requests as a population's (a request closed by its session's backfill window ending is `matchEnded`), and its sessions. */
export interface SessionBackfillStats extends BackfillRequestColumns {
  /**
   * Per room formed, in order: its number, when, its players at the start and
   * when its backfill window closed, and when it became full (NaN: never, or
   * formed full); and its starting players (what names it), every session's
   * side by side (session i's from the sum of startPlayers before it).
   */
  readonly sessions: { readonly room: Int32Array; readonly formedAt: Float64Array; readonly startPlayers: Int32Array; readonly finalPlayers: Int32Array; readonly fullAt: Float64Array; readonly members: Int32Array };
  /** Seats of the largest match. */
  readonly seats: number;
  /** The backfill window (SessionBackfillConfig.until), for the shares of time short. */
  readonly window: number;
}

/**
 * A stream of backfill requests from running sessions the run does not form
 * (open arrivals): `gap()` seconds between requests until `until`, each for
 * `open()` places around a score `score()`, taken back after `timeout`
 * seconds unfilled.
 */
export interface BackfillStreamConfig {
  readonly gap: () => number;
  readonly open: () => number;
  readonly score: () => number;
  readonly timeout: number;
  readonly priority: BackfillPriority;
  readonly until: number;
}

/** What a stream of backfill requests did: its requests, as a population's (none is asked again), and who joined by them. */
export type BackfillStreamStats = BackfillRequestColumns;

/** The rooms a stream's sessions are named by, from this number on: none the service forms reaches it. */
export const STREAM_SESSION_ROOMS = 2 ** 30;
