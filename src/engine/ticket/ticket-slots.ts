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

/** A request's queue time, from its ticket: what the seconds clock ages it by. */
export function queuedAt<T>(tickets: TicketSlots<T>): (request: T) => number {
  const arrival = tickets.table.arrival;
  return (request) => arrival.get(tickets.slot(request));
}
