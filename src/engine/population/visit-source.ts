import type { ArrivalSlot, ArrivalSource } from '../arrival-source.js';

/**
 * The arrivals of a population run. The population paces them itself: each
 * time a player (or a party) queues, it hands the request straight to the
 * run (run.arriveRequest), which writes it into the ticket table as it goes
 * to the service. This source only names the visits, v1, v2, ..., and has
 * nothing of its own to give.
 */
export class VisitSource implements ArrivalSource {
  readonly ids = { kind: 'sequence', prefix: 'v' } as const;

  next(_slot: ArrivalSlot): boolean {
    return false;
  }
}
