import { LatencyCap, LatencyPlacer, type RequestPings } from '../pool/latency-cap.js';
import type { TicketTable } from '../ticket/ticket-table.js';
import { UserMatcherError } from '../pool/user-module.js';

/**
 * Where a formed room goes, in a run with data centres: the data centre its
 * match names (a built-in pool always names one), or, for a user's module
 * that names none, the best one every member has a round trip to. A match
 * may name only a data centre of the run where every member has a round trip
 * (FlexMatch cannot place a player without a latency to the region).
 */
export class RoomPlacement {
  private readonly index: Map<string, number>;
  private readonly anywhere: LatencyPlacer<number>;
  private readonly ages: number[];

  constructor(
    private readonly tickets: TicketTable,
    roomSize: number,
    /** The user's module the pool comes from, named when its choice is refused. */
    private readonly moduleName: string | undefined,
  ) {
    this.index = new Map(tickets.dataCentres.map((name, i) => [name, i]));
    const columns = tickets.latency;
    const pings: RequestPings<number> = { dataCentres: tickets.dataCentres, players: () => 1, ping: (slot, _player, dc) => columns[dc].get(slot) };
    this.anywhere = new LatencyPlacer(new LatencyCap({ max: Infinity }), pings);
    this.ages = new Array<number>(roomSize).fill(0);
  }

  /** The index of the room's data centre; `members`: its players' slots. */
  dataCentreOf(named: string | undefined, members: readonly number[]): number {
    if (named === undefined) {
      const dc = this.anywhere.place(members, this.ages);
      if (dc < 0) this.refuse('formed a room whose players have no data centre they all have a latency to');
      return dc;
    }
    const dc = this.index.get(named);
    if (dc === undefined) this.refuse("placed a room in a data centre the scenario's latency.dataCentres do not list");
    if (!this.anywhere.fitsAt(members, this.ages, dc)) this.refuse(`placed a room in data centre ${this.tickets.dataCentres[dc]}, to which one of its players has no latency`);
    return dc;
  }

  /** A module's mistake names the module; the built-in pools never make one, so theirs is a bug. */
  private refuse(what: string): never {
    if (this.moduleName !== undefined) throw new UserMatcherError(this.moduleName, 'match', new Error(what));
    throw new Error(`the pool ${what}`);
  }
}
