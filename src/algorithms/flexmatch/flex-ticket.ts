import type { Value } from './property-expression.js';

/** A player of a FlexMatch ticket, as the builder sees it (its own shape: no simulator types). */
export interface FlexPlayer {
  readonly id: string;
  /** The player's attributes by name; one missing takes the rule set's default. */
  readonly attributes: ReadonlyMap<string, Value>;
  /** Round trips in ms by region; undefined: none reported. */
  readonly latency?: ReadonlyMap<string, number>;
}

/** A matchmaking ticket: its players, queued together. */
export interface FlexTicket {
  readonly id: string;
  /** When it entered the pool, in seconds. */
  readonly queuedAt: number;
  readonly players: readonly FlexPlayer[];
}
