import type { Kernel } from './kernel.js';
import { Priority } from './event-priorities.js';
import type { CacheLimit } from './memory/memory-cache.js';
import type { Uniform } from './rng.js';

/** Faults on the service path, with their random draws resolved (see the scenario's faults). */
export interface FaultConfig {
  readonly channels?: { readonly capacity: number; readonly expiry: number };
  readonly delivery?: { readonly drop: number; readonly delay?: () => number; readonly draw: Uniform };
  readonly consumerLag?: () => number;
  readonly disconnect?: { readonly probability: number; readonly after: () => number; readonly cancel: boolean; readonly draw: Uniform };
  readonly cache?: { readonly limit?: CacheLimit };
  readonly worker?: { readonly stallProbability: number; readonly stallTicks: number; readonly draw: Uniform };
}

/** What the faults cost, counted as they happen. */
export interface FaultCosts {
  readonly stalledTicks: number;
  readonly messages: { readonly dropped: number; readonly delayed: number; readonly overCapacity: number; readonly expired: number };
  /** Rooms with a member who never received all of its create_player events. */
  readonly roomsNotFullyNotified: number;
  readonly playersLost: {
    /** Connection closed (the disconnect fault) before the player was notified. */
    readonly disconnected: number;
    /** Matched, connection still open, but never received every event of its room. */
    readonly neverNotified: number;
    /** Notified, but the room's cache entry was gone (expired or culled) when the player read it. */
    readonly roomEntryGone: number;
  };
  readonly cache: { readonly expired: number; readonly culled: number };
}

/**
 * The transport between the channel layer's group_send and an inbox, with
 * delivery faults: each message to a channel is lost with probability `drop`
 * (counted in costs.dropped), and the others arrive `delay` later (costs.delayed).
 */
export function faultyTransport(
  delivery: NonNullable<FaultConfig['delivery']>,
  kernel: Kernel,
  costs: { dropped: number; delayed: number },
): (deliver: () => void) => void {
  return (deliver) => {
    if (delivery.drop > 0 && delivery.draw() < delivery.drop) {
      costs.dropped++;
      return;
    }
    if (delivery.delay === undefined) return deliver();
    costs.delayed++;
    kernel.delay(delivery.delay(), Priority.DELIVERY, deliver);
  };
}
