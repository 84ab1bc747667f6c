/** The rows a run produces, in the order it produces them; reports turn them into files. */

/** One room, written when it is created. */
export interface RoomRecord {
  readonly room: string;
  /** Creation tick, seconds. */
  readonly time: number;
  /** Member ids in room order, separated by single spaces. */
  readonly players: string;
  readonly minScore: number;
  readonly maxScore: number;
  readonly spread: number;
}

/** One player, written in arrival order once its fate is settled (or the run ends). */
export interface PlayerRecord {
  readonly id: string;
  readonly arrival: number;
  readonly score: number;
  /** When the worker moved the request into the pool; null if it never did. */
  readonly joined: number | null;
  readonly matchedAt: number | null;
  readonly wait: number | null;
  readonly room: string | null;
  /** When the player's channel had received all of its room's create_player events. */
  readonly notifiedAt: number | null;
}

/** One worker round. */
export interface TickRecord {
  readonly time: number;
  /** Requests in the message queue when the round began. */
  readonly queue: number;
  /** Players left in the pool after the round. */
  readonly pool: number;
  readonly rooms: number;
  readonly matched: number;
  /** create_player messages delivered during the round. */
  readonly messages: number;
}

/** Where a run's rows go, in batches. */
export interface RunSink {
  rooms(batch: readonly RoomRecord[]): void;
  players(batch: readonly PlayerRecord[]): void;
  ticks(batch: readonly TickRecord[]): void;
}
