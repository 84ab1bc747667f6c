import type { Attributes } from './pool/filters.js';

/**
 * The one stream of what happens in a run, in the order it happens on the
 * simulated clock. The simulation emits it; the run's tally, its CSV tables
 * and anything else that reports on a run fold it (see run-tally.ts and
 * table-batches.ts). A player is the index-th arrival (from 0), a room the
 * index-th room formed: ids and names are built only when a row is written.
 *
 * The events are method calls rather than objects so that a run of millions
 * of players makes no object per event.
 */
export interface RunEvents {
  /** A player arrived. `pool`: the index of its pool in matcher.pools, or -1; `party`: its party's first player, or -1 alone; `attributes`: its search fields, if any. */
  arrived(time: number, player: number, score: number, pool: number, party: number, attributes: Attributes | undefined, recorded: readonly number[] | undefined, latency: Float64Array | undefined, roles: readonly string[] | undefined): void;
  /** The worker moved the player's request from the queue into the pool (with retries: the handler did, on arrival). */
  joined(time: number, player: number): void;
  /** With data centres: the room about to form (roomFormed follows at once) goes to the `dc`-th of the run's data centres. */
  roomPlaced(room: number, dc: number): void;
  /** With a pool whose matches say so (EngineMatcher.expansions): the step each of its expansions had reached for the room about to form (roomFormed follows at once). */
  roomExpanded(room: number, steps: readonly number[]): void;
  /** With role queues: the role each member of the room about to form plays (an index into SimulationConfig.roles), in members order (roomFormed follows at once). */
  roomRoles(room: number, roles: readonly number[]): void;
  /** A room formed: its members in room order; with teams, each member's team (0, 1, ...), from the match's rosters. */
  roomFormed(time: number, room: number, members: readonly number[], teams: readonly number[] | undefined): void;
  /** Players joined a running room (backfill): `members` in the order they joined; with teams, each one's team (the side of the seat it took). */
  roomJoined(time: number, room: number, members: readonly number[], teams: readonly number[] | undefined): void;
  /** A create_player event reached the player's consumer. */
  messageRead(time: number, player: number): void;
  /** The player's consumer has every create_player event of its room. */
  notified(time: number, player: number): void;
  /**
   * The player left before being matched: `withdrawn` when the service took
   * its request back; `gaveUp` when its patience ran out (otherwise a fault
   * closed its connection).
   */
  left(time: number, player: number, withdrawn: boolean, gaveUp: boolean): void;
  /** create_player events that went to a connection already closed, unread. */
  messagesLost(count: number): void;
  /** With abandonment: how long the player will wait before giving up, drawn when it arrived. */
  patience(player: number, seconds: number): void;
  /** Faults of one kind that struck since the last tick (counted at each tick, only where some did). */
  faulted(time: number, kind: FaultKind, count: number): void;
  /**
   * A worker round ended (with retries: the timeline was sampled): requests
   * in the queue when it began, players left in the pool, rooms formed and
   * players matched since the last one, and create_player events delivered.
   */
  ticked(time: number, queue: number, pool: number, rooms: number, matched: number, messages: number): void;
  /** The run is over: nothing more will happen. */
  ended(time: number): void;
}

/** What went wrong on the service path, by kind (see faults.ts). */
export const FAULT_KINDS = ['stalledTick', 'dropped', 'delayed', 'overCapacity', 'expired', 'disconnected', 'cacheCulled', 'cacheExpired'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** One stream folded by several sinks, each in the order given, event by event. */
export function fanOut(...sinks: readonly RunEvents[]): RunEvents {
  if (sinks.length === 1) return sinks[0];
  return {
    arrived: (time, player, score, pool, party, attributes, recorded, latency, roles) => {
      for (const s of sinks) s.arrived(time, player, score, pool, party, attributes, recorded, latency, roles);
    },
    joined: (time, player) => {
      for (const s of sinks) s.joined(time, player);
    },
    roomPlaced: (room, dc) => {
      for (const s of sinks) s.roomPlaced(room, dc);
    },
    roomExpanded: (room, steps) => {
      for (const s of sinks) s.roomExpanded(room, steps);
    },
    roomRoles: (room, roles) => {
      for (const s of sinks) s.roomRoles(room, roles);
    },
    roomFormed: (time, room, members, teams) => {
      for (const s of sinks) s.roomFormed(time, room, members, teams);
    },
    roomJoined: (time, room, members, teams) => {
      for (const s of sinks) s.roomJoined(time, room, members, teams);
    },
    messageRead: (time, player) => {
      for (const s of sinks) s.messageRead(time, player);
    },
    notified: (time, player) => {
      for (const s of sinks) s.notified(time, player);
    },
    left: (time, player, withdrawn, gaveUp) => {
      for (const s of sinks) s.left(time, player, withdrawn, gaveUp);
    },
    messagesLost: (count) => {
      for (const s of sinks) s.messagesLost(count);
    },
    patience: (player, seconds) => {
      for (const s of sinks) s.patience(player, seconds);
    },
    faulted: (time, kind, count) => {
      for (const s of sinks) s.faulted(time, kind, count);
    },
    ticked: (time, queue, pool, rooms, matched, messages) => {
      for (const s of sinks) s.ticked(time, queue, pool, rooms, matched, messages);
    },
    ended: (time) => {
      for (const s of sinks) s.ended(time);
    },
  };
}
