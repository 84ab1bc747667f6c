/**
 * The simulation's event priorities: at equal times, lower runs first. The
 * kernel knows only numbers; the order of the match service's events is
 * decided here. Arrivals precede the worker tick so that a player arriving
 * exactly at tick t joins at t, as the seed's worker drains its queue before
 * matching.
 */
export const Priority = {
  ARRIVAL: 0,
  DELIVERY: 10,
  /** A player whose patience runs out at a tick's time gives up before that round. */
  ABANDON: 15,
  TICK: 20,
  DELAYED: 30,
} as const;
export type Priority = (typeof Priority)[keyof typeof Priority];
