import type { RequestPings } from '../pool/latency-cap.js';
import type { TicketTable } from './ticket-table.js';

/**
 * How a pool sees the tickets behind its requests: each request's slot in
 * a ticket table, and the table, where its queue time, attributes, latency
 * to each data centre and roles are kept as columns. The simulator's
 * requests carry their slot as their id; a production service maps its
 * ticket ids to the slots of its own table.
 */
export interface TicketSlots<T> {
  readonly table: TicketTable;
  /** The slot of a request's ticket (a party's: its first member's). */
  slot(request: T): number;
}

/** A request's queue time, from its ticket: what the seconds clock ages it by (its arrival, less any seconds a priority pass gives it). */
export function queuedAt<T>(tickets: TicketSlots<T>): (request: T) => number {
  const arrival = tickets.table.arrival;
  const earlier = tickets.table.earlier;
  return (request) => {
    const slot = tickets.slot(request);
    return earlier.size === 0 ? arrival.get(slot) : arrival.get(slot) - (earlier.get(slot) ?? 0);
  };
}

/** A request's round trips, from its tickets: a party's players are its leader's slot and those after it. */
export function ticketPings<T extends { readonly size?: number }>(tickets: TicketSlots<T>): RequestPings<T> {
  const columns = tickets.table.latency;
  return {
    dataCentres: tickets.table.dataCentres,
    players: (request) => request.size ?? 1,
    ping: (request, player, dc) => columns[dc].get(tickets.slot(request) + player),
  };
}
