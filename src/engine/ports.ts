/**
 * The narrow ports the match service talks through. Production binds them to
 * a real queue, Django's cache and a channels layer, with string keys; the
 * simulator binds them to the lean in-memory stand-ins in ./memory, keyed by
 * integers (a player's index, a room's index), whose names are built only
 * when a row is written.
 */

/** Seconds on whichever clock the binding uses. */
export type Clock = () => number;

/** A FIFO message queue (the seed's queue.Queue). */
export interface MessageQueue<T> {
  put(item: T): void;
  /** The oldest item, or undefined when empty (the seed's get_nowait). */
  getNowait(): T | undefined;
  readonly length: number;
  /** Visits the waiting items in order without taking them (for accounting; a binding may lack it). */
  forEach?(visit: (item: T) => void): void;
}

/** A key-value cache with per-entry time to live (Django's cache). */
export interface Cache<V, K = string> {
  set(key: K, value: V, ttlSeconds: number): void;
  /** The value, or undefined if absent or expired. */
  get(key: K): V | undefined;
  delete(key: K): boolean;
}

/** Groups of channels and a per-channel inbox (Django Channels' layer); G names a group, C a channel. */
export interface ChannelLayer<M, G = string, C = string> {
  groupAdd(group: G, channel: C): void;
  groupDiscard(group: G, channel: C): void;
  /** Delivers `message` to the inbox of every channel in `group`. */
  groupSend(group: G, message: M): void;
  /** The oldest message in `channel`'s inbox, or undefined when empty. */
  receive(channel: C): M | undefined;
}

/** Delayed events (seed 004's start_delay_event): `event` runs once, `seconds` later on the binding's clock. */
export interface Scheduler {
  delay(seconds: number, event: () => void): void;
}
